using System.Runtime.ExceptionServices;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using PledgeBot.BotFramework;

namespace PledgeBot.Tests.Support;

/// <summary>
/// A message the bot writes on its own into a conversation, through the real adapter, the way a
/// later feature (a reminder, a result announcement) would.
/// </summary>
public static class ProactiveMessage
{
    /// <summary>Sends one text message; a failed send is thrown here, not left to the turn-error handler (which would post an apology).</summary>
    public static async Task SendAsync(BotApplication app, string serviceUrl, string conversationId, string text)
    {
        var reference = new ConversationReference
        {
            ChannelId = "msteams",
            ServiceUrl = serviceUrl,
            Conversation = new ConversationAccount(id: conversationId),
            Bot = new ChannelAccount("pledgebot", "Campaign bot"),
        };
        ExceptionDispatchInfo? failure = null;
        await app.Services.GetRequiredService<AdapterWithErrorHandler>().ContinueConversationAsync(
            botAppId: string.Empty,
            reference,
            async (turn, cancellationToken) =>
            {
                try
                {
                    await turn.SendActivityAsync(MessageFactory.Text(text), cancellationToken);
                }
                catch (Exception e)
                {
                    failure = ExceptionDispatchInfo.Capture(e);
                }
            },
            CancellationToken.None);
        failure?.Throw();
    }
}
