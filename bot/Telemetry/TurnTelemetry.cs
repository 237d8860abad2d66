using System.Diagnostics;
using Microsoft.Bot.Builder;
using PledgeBot.Dialogs.Conversation;

namespace PledgeBot.Telemetry;

/// <summary>
/// The first middleware of the adapter: a span around every turn (the bot's own, and through it
/// every storage call the turn makes), and the turn's count, duration and failure in the metrics.
/// It wraps the same pipeline the adapter's turn-error handler guards, so it sees every exception
/// that handler sees, before the apology is sent. Attributes name the channel, the activity type,
/// the turn's kind and its outcome: never an id, a name or what was typed.
/// </summary>
public sealed class TurnTelemetry(BotMetrics metrics, TimeProvider clock) : Microsoft.Bot.Builder.IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        var started = clock.GetTimestamp();
        using var span = BotTracing.Source.StartActivity("turn");
        var outcome = "ok";
        try
        {
            await next(cancellationToken);
        }
        catch (Exception problem)
        {
            outcome = "error";
            metrics.TurnFailed(TelemetryChannels.Of(turnContext.Activity.ChannelId), problem);
            span?.SetStatus(ActivityStatusCode.Error);
            span?.SetTag("error.type", problem.GetType().FullName);
            throw;
        }
        finally
        {
            var channel = TelemetryChannels.Of(turnContext.Activity.ChannelId);
            var kind = TurnKinds.Name(TurnKinds.Of(turnContext));
            metrics.TurnEnded(channel, kind, outcome, clock.GetElapsedTime(started));
            if (span is not null)
            {
                span.DisplayName = "turn " + kind;
                span.SetTag("pledgebot.channel", channel);
                span.SetTag("pledgebot.activity.type", ActivityTypeOf(turnContext.Activity.Type));
                span.SetTag("pledgebot.turn.kind", kind);
                span.SetTag("pledgebot.turn.outcome", outcome);
            }
        }
    }

    // The sender chooses the type too; only the Bot Framework's own names are kept.
    private static string ActivityTypeOf(string? type) => type switch
    {
        Microsoft.Bot.Schema.ActivityTypes.Message => Microsoft.Bot.Schema.ActivityTypes.Message,
        Microsoft.Bot.Schema.ActivityTypes.ConversationUpdate => Microsoft.Bot.Schema.ActivityTypes.ConversationUpdate,
        Microsoft.Bot.Schema.ActivityTypes.Event => Microsoft.Bot.Schema.ActivityTypes.Event,
        Microsoft.Bot.Schema.ActivityTypes.Invoke => Microsoft.Bot.Schema.ActivityTypes.Invoke,
        Microsoft.Bot.Schema.ActivityTypes.InstallationUpdate => Microsoft.Bot.Schema.ActivityTypes.InstallationUpdate,
        Microsoft.Bot.Schema.ActivityTypes.MessageReaction => Microsoft.Bot.Schema.ActivityTypes.MessageReaction,
        Microsoft.Bot.Schema.ActivityTypes.MessageUpdate => Microsoft.Bot.Schema.ActivityTypes.MessageUpdate,
        Microsoft.Bot.Schema.ActivityTypes.MessageDelete => Microsoft.Bot.Schema.ActivityTypes.MessageDelete,
        Microsoft.Bot.Schema.ActivityTypes.Typing => Microsoft.Bot.Schema.ActivityTypes.Typing,
        _ => "other",
    };
}
