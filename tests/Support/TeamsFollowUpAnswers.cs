using Microsoft.Extensions.DependencyInjection;
using PledgeBot.Storage;

namespace PledgeBot.Tests.Support;

/// <summary>Answers to the follow-up question in Teams, stored straight through the store and keyed <c>person-key-&lt;who&gt;</c>: for tests that count an audience, not send to it.</summary>
public static class TeamsFollowUpAnswers
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
