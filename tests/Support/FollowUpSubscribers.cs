using Microsoft.Extensions.DependencyInjection;
using PledgeBot.Storage;

namespace PledgeBot.Tests.Support;

/// <summary>People who said yes to follow-ups in their Teams chat, stored as the bot stores the answer, keyed <c>person-key-&lt;who&gt;</c>.</summary>
public static class FollowUpSubscribers
{
    public static async Task SubscribeInTeamsAsync(this BotApplication app, params string[] people)
    {
        foreach (var who in people)
        {
            Assert.True(await app.Services.GetRequiredService<IFollowUps>().AnswerAsync(AnswerOf(who, FollowUpRoute.Teams)));
        }
    }

    /// <summary>The answer of <paramref name="who"/> to the shipped campaign's question, in English; a null route is a no.</summary>
    public static FollowUpAnswer AnswerOf(string who, FollowUpRoute? route) => new(
        ShippedCampaign.Load().Id,
        $"person-key-{who}",
        route,
        route is null ? null : "tenant-contoso",
        route is null ? null : "{\"conversation\":{\"id\":\"a:personal-chat-of-" + who + "\"}}",
        "en",
        new ConsentStatement("en", 1, ConsentStatement.HashOf("Do you want updates?")),
        "en-GB",
        "msteams",
        DateTimeOffset.UtcNow);
}
