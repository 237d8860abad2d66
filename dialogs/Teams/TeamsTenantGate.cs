using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using PledgeBot.Dialogs.Words;

namespace PledgeBot.Dialogs.Teams;

/// <summary>
/// Limits the bot in Teams to the organisations (tenants) a campaign lists. Anyone else gets a
/// polite refusal, and the turn stops here: nothing is stored, not even conversation state.
/// An empty list lets every tenant in.
/// </summary>
public sealed class TeamsTenantGate(IReadOnlyCollection<string> allowedTenants) : IMiddleware
{
    public static string Refusal => BotWords.NotAvailableInYourOrganisation;

    private readonly HashSet<string> allowed = new(allowedTenants, StringComparer.OrdinalIgnoreCase);

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        var activity = turnContext.Activity;
        if (allowed.Count == 0 || activity.ChannelId != Channels.Msteams || allowed.Contains(TeamsTenant.Of(activity) ?? ""))
        {
            await next(cancellationToken);
            return;
        }

        switch (activity.Type, activity.Name)
        {
            case (ActivityTypes.Message, _):
                await turnContext.SendActivityAsync(Refusal, cancellationToken: cancellationToken);
                break;
            case (ActivityTypes.Invoke, "composeExtension/query"):
                await AnswerInvokeAsync(turnContext, new MessagingExtensionResponse
                {
                    ComposeExtension = new MessagingExtensionResult { Type = "message", Text = Refusal },
                }, cancellationToken);
                break;
            case (ActivityTypes.Invoke, _):
                await AnswerInvokeAsync(turnContext, new AdaptiveCardInvokeResponse
                {
                    StatusCode = 200,
                    Type = "application/vnd.microsoft.activity.message",
                    Value = Refusal,
                }, cancellationToken);
                break;
        }
    }

    private static Task AnswerInvokeAsync(ITurnContext turnContext, object body, CancellationToken cancellationToken) =>
        turnContext.SendActivityAsync(
            new Activity { Type = ActivityTypesEx.InvokeResponse, Value = new InvokeResponse { Status = 200, Body = body } },
            cancellationToken);
}
