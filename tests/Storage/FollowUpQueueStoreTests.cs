using PledgeBot.Storage;
using PledgeBot.Tests.Support;
using static PledgeBot.Tests.Support.PledgeStores;

namespace PledgeBot.Tests.Storage;

/// <summary>
/// The follow-up queue on every database: an update due is queued once, one delivery per person
/// subscribed in its audience and lane; automatic updates happen once; claims lease deliveries and
/// give them back after a crash; outcomes end them; a blocked person becomes unreachable; a person
/// who stopped is handed over as no longer subscribed; erasure takes a person's deliveries.
/// </summary>
public abstract class FollowUpQueueStoreTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private PledgeStores stores = null!;
    private IFollowUps followUps = null!;
    private IFollowUpQueue queue = null!;

    protected abstract Task<DatabaseUnderTest> CreateDatabaseAsync();

    private DateTimeOffset Now => stores.Clock.GetUtcNow();

    public async Task InitializeAsync()
    {
        stores = new PledgeStores(await CreateDatabaseAsync());
        followUps = stores.Database.FollowUps(stores.Protector);
        queue = stores.Database.FollowUpQueue(stores.Protector);
    }

    public async Task DisposeAsync() => await stores.DisposeAsync();

    [StoreFact]
    public async Task ADueUpdateIsQueuedOncePerSubscribedPersonInTheirLane()
    {
        await SubscribeByTeamsAsync("anna", "tenant-one");
        await SubscribeByTeamsAsync("ben", "tenant-two");
        await SubscribeByEmailAsync("carla");
        await followUps.AnswerAsync(Answer("dan", route: null, tenant: null));
        await AddAsync("closed", FollowUpAudience.Everyone, sendAt: Now);

        Assert.Equal(3, await queue.QueueDueAsync(Now));
        Assert.Equal(0, await queue.QueueDueAsync(Now));

        Assert.Equal(["email", "teams:tenant-one", "teams:tenant-two"], (await queue.DueLanesAsync(Now)).Order(StringComparer.Ordinal));
        var progress = Assert.Single(await queue.ProgressAsync(CampaignId));
        Assert.Equal((3, 0), (progress.Pending, progress.Sent));
    }

    [StoreFact]
    public async Task AnUpdateIsNotQueuedBeforeItsTimeAndAnAutomaticOneIsAddedOnce()
    {
        await SubscribeByTeamsAsync("anna", "tenant-one");

        Assert.True(await queue.AddAsync(Update("first", FollowUpAudience.Everyone, Now.AddHours(1), onceKey: "vote-goal:1000")));
        Assert.False(await queue.AddAsync(Update("again", FollowUpAudience.Everyone, Now, onceKey: "vote-goal:1000")));

        Assert.Equal(0, await queue.QueueDueAsync(Now));
        Assert.Equal(1, await queue.QueueDueAsync(Now.AddHours(1)));
    }

    [StoreFact]
    public async Task AnAudienceOfVotersPledgersOrOneRouteTakesOnlyThem()
    {
        await SubscribeByTeamsAsync("anna", "tenant-one");
        await SubscribeByTeamsAsync("ben", "tenant-one");
        await SubscribeByEmailAsync("carla");
        await stores.Database.VoteStore(stores.Clock).RecordVoteAsync(new VoteRequest(CampaignId, "person-key-anna", "cause-a", "vote-of-anna", "msteams"));
        await stores.Database.VoteStore(stores.Clock).RecordVoteAsync(new VoteRequest(CampaignId, "person-key-ben", "cause-b", "vote-of-ben", "msteams"));

        await AddAsync("voters", new FollowUpAudience(FollowUpAudienceKind.VotersFor, "cause-a"), Now);
        await AddAsync("pledgers", new FollowUpAudience(FollowUpAudienceKind.PledgersOf, PledgeId), Now);
        await AddAsync("teams", new FollowUpAudience(FollowUpAudienceKind.Route, "teams"), Now);
        await queue.QueueDueAsync(Now);

        var progress = (await queue.ProgressAsync(CampaignId)).ToDictionary(p => p.UpdateId, p => p.Pending);
        Assert.Equal(new Dictionary<string, int> { ["voters"] = 1, ["pledgers"] = 1, ["teams"] = 2 }, progress);
    }

    [StoreFact]
    public async Task AClaimHandsOverWhatItTakesToSendAndKeepsTheDeliveryUntilItsLeaseRunsOut()
    {
        await SubscribeByTeamsAsync("anna", "tenant-one");
        await SubscribeByEmailAsync("carla");
        await AddAsync("closed", FollowUpAudience.Everyone, Now);
        await queue.QueueDueAsync(Now);

        var teams = Assert.Single(await queue.ClaimAsync("teams:tenant-one", Now, 10, Lease));
        var email = Assert.Single(await queue.ClaimAsync("email", Now, 10, Lease));

        Assert.Equal(("person-key-anna", FollowUpRoute.Teams, "fr", true), (teams.PersonKey, teams.Route, teams.Language, teams.StillSubscribed));
        Assert.Contains("personal-chat-of-anna", teams.ConversationReference);
        Assert.Equal(("carla@example.org", "carla", false), (email.Email, email.FirstName, email.EmailConfirmed));
        Assert.Empty(await queue.ClaimAsync("teams:tenant-one", Now.AddMinutes(1), 10, Lease));
        // A sender that stopped before saying how it went: the delivery comes back once its lease has run out.
        Assert.Single(await queue.ClaimAsync("teams:tenant-one", Now + Lease, 10, Lease));
    }

    [StoreFact]
    public async Task OutcomesEndDeliveriesAndABlockedPersonIsNotTriedAgain()
    {
        foreach (var who in new[] { "anna", "ben", "carla", "dan" })
        {
            await SubscribeByTeamsAsync(who, "tenant-one");
        }

        await AddAsync("closed", FollowUpAudience.Everyone, Now);
        await queue.QueueDueAsync(Now);
        var claimed = (await queue.ClaimAsync("teams:tenant-one", Now, 10, Lease)).ToDictionary(d => d.PersonKey, d => d.UpdateId);

        await queue.RecordAsync(claimed["person-key-anna"], "person-key-anna", FollowUpOutcome.Sent, Now);
        await queue.RecordAsync(claimed["person-key-ben"], "person-key-ben", new FollowUpOutcome(FollowUpDeliveryStatus.Blocked, "http 403"), Now);
        await queue.RecordAsync(claimed["person-key-carla"], "person-key-carla", new FollowUpOutcome(FollowUpDeliveryStatus.Failed, "http 400"), Now);
        await queue.RecordAsync(claimed["person-key-dan"], "person-key-dan", new FollowUpOutcome(FollowUpDeliveryStatus.Pending, "http 503", Now.AddSeconds(30)), Now);

        var progress = Assert.Single(await queue.ProgressAsync(CampaignId));
        Assert.Equal((1, 1, 1, 1, 0), (progress.Pending, progress.Sent, progress.Failed, progress.Blocked, progress.Skipped));
        Assert.Equal(FollowUpStatus.Unreachable, (await followUps.FindAsync(CampaignId, "person-key-ben")).Choice?.Status);
        Assert.Equal(0, await stores.Database.CountAsync("SELECT count(*) FROM follow_ups WHERE person_key = 'person-key-ben' AND conversation_reference IS NOT NULL"));
        Assert.Equal("person-key-dan", Assert.Single(await queue.ClaimAsync("teams:tenant-one", Now.AddSeconds(30), 10, Lease)).PersonKey);

        await AddAsync("next", FollowUpAudience.Everyone, Now.AddSeconds(1));
        await queue.QueueDueAsync(Now.AddSeconds(1));
        Assert.Equal(3, (await queue.ProgressAsync(CampaignId)).Single(p => p.UpdateId == "next").Pending);
    }

    [StoreFact]
    public async Task SomeoneWhoStoppedAfterTheUpdateWasQueuedIsHandedOverAsNoLongerSubscribed()
    {
        await SubscribeByTeamsAsync("anna", "tenant-one");
        await AddAsync("closed", FollowUpAudience.Everyone, Now);
        await queue.QueueDueAsync(Now);

        await stores.PersonalData.WithdrawContactAsync(CampaignId, "person-key-anna", "msteams", Now);

        var delivery = Assert.Single(await queue.ClaimAsync("teams:tenant-one", Now, 10, Lease));
        Assert.False(delivery.StillSubscribed);
        Assert.Null(delivery.ConversationReference);
    }

    [StoreFact]
    public async Task ForgettingAPersonTakesTheirDeliveries()
    {
        await SubscribeByTeamsAsync("anna", "tenant-one");
        await SubscribeByTeamsAsync("ben", "tenant-one");
        await AddAsync("closed", FollowUpAudience.Everyone, Now);
        await queue.QueueDueAsync(Now);

        await stores.PersonalData.ForgetPersonAsync("person-key-anna", "conversation");

        Assert.Equal(0, await stores.Database.CountAsync("SELECT count(*) FROM follow_up_deliveries WHERE person_key = 'person-key-anna'"));
        Assert.Equal(1, Assert.Single(await queue.ProgressAsync(CampaignId)).Pending);
    }

    [StoreFact]
    public async Task ACancelledUpdateIsNeverQueuedAndOneAlreadyQueuedCannotBeCancelled()
    {
        await SubscribeByTeamsAsync("anna", "tenant-one");
        await AddAsync("later", FollowUpAudience.Everyone, Now.AddHours(1));
        await AddAsync("now", FollowUpAudience.Everyone, Now);
        await queue.QueueDueAsync(Now);

        Assert.True(await queue.CancelAsync(CampaignId, "later", Now.AddMinutes(5)));
        Assert.False(await queue.CancelAsync(CampaignId, "later", Now.AddMinutes(6)));
        Assert.False(await queue.CancelAsync(CampaignId, "now", Now.AddMinutes(5)));
        Assert.False(await queue.CancelAsync("another-campaign", "later", Now.AddMinutes(5)));
        Assert.False(await queue.CancelAsync(CampaignId, "unknown", Now.AddMinutes(5)));

        Assert.Equal(0, await queue.QueueDueAsync(Now.AddHours(2)));
        var progress = (await queue.ProgressAsync(CampaignId)).ToDictionary(p => p.UpdateId);
        Assert.Equal((Now.AddMinutes(5), null, 0), (progress["later"].CancelledAt, progress["later"].QueuedAt, progress["later"].Total));
        Assert.Equal((null, 1), (progress["now"].CancelledAt, progress["now"].Total));
        Assert.Equal("""{"en":{"text":"News"}}""", progress["now"].Message);
    }

    [StoreFact]
    public async Task DeliveriesThatEndedRecentlyAreCountedPerUpdateStillBeingSent()
    {
        foreach (var who in new[] { "anna", "ben", "carla", "dan" })
        {
            await SubscribeByTeamsAsync(who, "tenant-one");
        }

        await AddAsync("sending", FollowUpAudience.Everyone, Now);
        await queue.QueueDueAsync(Now);
        await queue.RecordAsync("sending", "person-key-anna", FollowUpOutcome.Sent, Now);
        await queue.RecordAsync("sending", "person-key-ben", new FollowUpOutcome(FollowUpDeliveryStatus.Failed, "http 400"), Now.AddSeconds(50));
        await queue.RecordAsync("sending", "person-key-carla", new FollowUpOutcome(FollowUpDeliveryStatus.Pending, "http 503", Now.AddSeconds(70)), Now.AddSeconds(55));

        Assert.Equal(new Dictionary<string, int> { ["sending"] = 2 }, await queue.FinishedSinceAsync(CampaignId, Now));
        Assert.Equal(new Dictionary<string, int> { ["sending"] = 1 }, await queue.FinishedSinceAsync(CampaignId, Now.AddSeconds(30)));
        Assert.Empty(await queue.FinishedSinceAsync("another-campaign", Now));

        // Once nothing is left to send there is no time to finish to estimate.
        await queue.RecordAsync("sending", "person-key-carla", FollowUpOutcome.Sent, Now.AddSeconds(70));
        await queue.RecordAsync("sending", "person-key-dan", FollowUpOutcome.Sent, Now.AddSeconds(70));
        Assert.Empty(await queue.FinishedSinceAsync(CampaignId, Now));
    }

    [StoreFact]
    public async Task AnAudienceIsCountedAsItWouldBeQueuedNow()
    {
        await SubscribeByTeamsAsync("anna", "tenant-one");
        await SubscribeByTeamsAsync("ben", "tenant-two");
        await SubscribeByEmailAsync("carla");
        await followUps.AnswerAsync(Answer("dan", route: null, tenant: null));
        await stores.Database.VoteStore(stores.Clock).RecordVoteAsync(new VoteRequest(CampaignId, "person-key-anna", "cause-a", "vote-of-anna", "msteams"));
        await stores.Database.VoteStore(stores.Clock).RecordVoteAsync(new VoteRequest(CampaignId, "person-key-dan", "cause-a", "vote-of-dan", "msteams"));

        Assert.Equal(3, await queue.CountAudienceAsync(CampaignId, FollowUpAudience.Everyone));
        Assert.Equal(1, await queue.CountAudienceAsync(CampaignId, new FollowUpAudience(FollowUpAudienceKind.VotersFor, "cause-a")));
        Assert.Equal(1, await queue.CountAudienceAsync(CampaignId, new FollowUpAudience(FollowUpAudienceKind.PledgersOf, PledgeId)));
        Assert.Equal(2, await queue.CountAudienceAsync(CampaignId, new FollowUpAudience(FollowUpAudienceKind.Route, "teams")));
        Assert.Equal(1, await queue.CountAudienceAsync(CampaignId, new FollowUpAudience(FollowUpAudienceKind.Route, "email")));
        Assert.Equal(0, await queue.CountAudienceAsync("another-campaign", FollowUpAudience.Everyone));
    }

    private Task SubscribeByTeamsAsync(string who, string tenant) =>
        followUps.AnswerAsync(Answer(who, FollowUpRoute.Teams, tenant));

    private async Task SubscribeByEmailAsync(string who)
    {
        await stores.Pledges.TakePledgeAsync(Signature(who));
        Assert.True(await followUps.AnswerAsync(Answer(who, FollowUpRoute.Email, tenant: null)));
    }

    private Task<bool> AddAsync(string id, FollowUpAudience audience, DateTimeOffset sendAt) => queue.AddAsync(Update(id, audience, sendAt));

    private FollowUpUpdate Update(string id, FollowUpAudience audience, DateTimeOffset sendAt, string? onceKey = null) =>
        new(id, CampaignId, onceKey is null ? FollowUpKind.Manual : FollowUpKind.VoteGoal, onceKey, audience, onceKey is null ? """{"en":{"text":"News"}}""" : null, Now, sendAt);

    private FollowUpAnswer Answer(string who, FollowUpRoute? route, string? tenant) => new(
        CampaignId,
        $"person-key-{who}",
        route,
        tenant,
        route == FollowUpRoute.Teams ? "{\"conversation\":{\"id\":\"a:personal-chat-of-" + who + "\",\"tenantId\":\"" + tenant + "\"}}" : null,
        "fr",
        new ConsentStatement("fr", 1, ConsentStatement.HashOf("Voulez-vous des nouvelles ?")),
        "fr-FR",
        route == FollowUpRoute.Email ? "directline" : "msteams",
        Now);
}
