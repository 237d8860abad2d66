using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json;
using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Conversation;
using PledgeBot.Dialogs.Identity;
using PledgeBot.Storage;

namespace PledgeBot.Tests.Support;

/// <summary>
/// People who said yes to follow-ups in their Teams personal chat, stored as the bot stores them
/// when they click "Yes, message me here" (person key from their user id, the chat's conversation
/// reference, the tenant, the statement's version in their language): many at once, without a
/// turn each, and the way to wait for an update to be sent to them all. Shared with the Teams
/// delivery benchmark, so it does without xunit.
/// </summary>
public sealed class FollowUpSubscribers(IServiceProvider services)
{
    /// <summary>For a test host that queues or claims follow-ups itself: the host's own sender does not run.</summary>
    public static void WithoutTheSender(IServiceCollection services)
    {
        foreach (var worker in services.Where(d => d.ServiceType == typeof(Microsoft.Extensions.Hosting.IHostedService) && d.ImplementationType == typeof(PledgeBot.FollowUps.FollowUpDeliveryWorker)).ToList())
        {
            services.Remove(worker);
        }
    }

    public string CampaignId => services.GetRequiredService<CurrentCampaign>().Running.Content.Id;

    public string PersonKeyOf(ConversationReference person) =>
        services.GetRequiredService<PersonKeyHasher>().PersonKey("msteams", person.User.Id);

    public async Task SubscribeInTeamsAsync(IReadOnlyList<ConversationReference> people, string language = "en")
    {
        var followUps = services.GetRequiredService<IFollowUps>();
        var statement = await services.GetRequiredService<ConsentStatementVersions>().VersionOfAsync(ConsentWordingKind.FollowUpsByTeams, language, CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        // In parallel, as many people clicking at once would: the database's writer commits them together.
        foreach (var chunk in people.Chunk(500))
        {
            await Task.WhenAll(chunk.Select(person => followUps.AnswerAsync(new FollowUpAnswer(
                CampaignId,
                PersonKeyOf(person),
                FollowUpRoute.Teams,
                person.Conversation.TenantId,
                JsonConvert.SerializeObject(person),
                language,
                statement,
                language,
                "msteams",
                now))));
        }
    }

    /// <summary>Adds a campaign manager's update for everyone, due now, and wakes the sender.</summary>
    public async Task<string> SendUpdateAsync(string title, string text, FollowUpAudience? audience = null)
    {
        var id = Guid.NewGuid().ToString("N");
        var words = new Dialogs.FollowUps.ManualUpdateWords(new Dictionary<string, Dialogs.FollowUps.ManualUpdateText> { ["en"] = new(title, text) });
        var now = DateTimeOffset.UtcNow;
        if (!await services.GetRequiredService<IFollowUpQueue>().AddAsync(
            new FollowUpUpdate(id, CampaignId, FollowUpKind.Manual, null, audience ?? FollowUpAudience.Everyone, words.ToJson(), now, now)))
        {
            throw new InvalidOperationException("The update was not added.");
        }

        services.GetRequiredService<FollowUpSignal>().Pulse();
        return id;
    }

    /// <summary>Waits until the update was queued and none of its deliveries is pending any more; returns its counts.</summary>
    public Task<FollowUpProgress> FinishedAsync(string updateId, TimeSpan within) => FinishedAsync(services.GetRequiredService<IFollowUpQueue>(), CampaignId, updateId, within);

    /// <summary>The same against any queue (a test reading the database of a bot running as its own process).</summary>
    public static async Task<FollowUpProgress> FinishedAsync(IFollowUpQueue queue, string campaignId, string updateId, TimeSpan within)
    {
        var deadline = DateTimeOffset.UtcNow + within;
        while (true)
        {
            var progress = (await queue.ProgressAsync(campaignId)).SingleOrDefault(p => p.UpdateId == updateId);
            if (progress is { QueuedAt: not null, Pending: 0 })
            {
                return progress;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"The update was not sent within {within.TotalSeconds:0} s: {progress}");
            }

            await Task.Delay(200);
        }
    }
}
