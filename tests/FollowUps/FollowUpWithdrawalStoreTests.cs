using PledgeBot.Storage;
using PledgeBot.Tests.Support;
using static PledgeBot.Tests.Support.PledgeStores;

namespace PledgeBot.Tests.FollowUps;

/// <summary>
/// Ending someone's follow-ups from an email's unsubscribe link, on every database: as "stop" does
/// for follow-ups (withdrawn, the route forgotten, a withdrawn record against the statement they
/// agreed to), once, and without touching their pledge. Each derived class runs these on one database.
/// </summary>
public abstract class FollowUpWithdrawalStoreTests : IAsyncLifetime
{
    private static readonly ConsentStatement Statement = new("fr", 2, ConsentStatement.HashOf("Voulez-vous des nouvelles par e-mail ?"));

    private PledgeStores stores = null!;
    private IFollowUps followUps = null!;

    protected abstract Task<DatabaseUnderTest> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        stores = new PledgeStores(await CreateDatabaseAsync());
        followUps = stores.Database.FollowUps(stores.Protector);
    }

    public async Task DisposeAsync() => await stores.DisposeAsync();

    [StoreFact]
    public async Task AWithdrawalEndsTheFollowUpsForgetsTheRouteAndRecordsItOnce()
    {
        await SubscribeByEmailAsync("anna");
        await SubscribeByEmailAsync("ben");

        Assert.True(await followUps.WithdrawAsync(CampaignId, "person-key-anna", "email", stores.Clock.GetUtcNow()));
        Assert.False(await followUps.WithdrawAsync(CampaignId, "person-key-anna", "email", stores.Clock.GetUtcNow()));

        var state = await stores.Database.ReopenedFollowUps(stores.Protector).FindAsync(CampaignId, "person-key-anna");
        Assert.Equal(new FollowUpChoice(FollowUpStatus.Withdrawn, null, stores.Clock.GetUtcNow(), Statement), state.Choice);
        Assert.Equal(1, await stores.Database.CountAsync(
            "SELECT count(*) FROM follow_ups WHERE person_key = 'person-key-anna' AND route IS NULL AND pledge_record_id IS NULL AND conversation_reference IS NULL"));
        Assert.Equal(1, await stores.Database.CountAsync(
            "SELECT count(*) FROM follow_up_consents WHERE person_key = 'person-key-anna' AND answer = 'withdrawn' AND channel = 'email' AND route = 'email' AND statement_version = 2 AND statement_language = 'fr'"));
        Assert.Equal(FollowUpStatus.Subscribed, (await followUps.FindAsync(CampaignId, "person-key-ben")).Choice?.Status);
    }

    [StoreFact]
    public async Task AWithdrawalLeavesThePledgeAsItIs()
    {
        await SubscribeByEmailAsync("anna");

        await followUps.WithdrawAsync(CampaignId, "person-key-anna", "email", stores.Clock.GetUtcNow());

        var pledge = Assert.Single((await stores.PersonalData.FindAsync(CampaignId, "person-key-anna")).Pledges);
        Assert.Null(pledge.ContactWithdrawnAt);
        Assert.True((await followUps.FindAsync(CampaignId, "person-key-anna")).CanEmail);
    }

    [StoreFact]
    public async Task SomeoneWhoSaidNoOrWasNeverAskedHasNothingToWithdraw()
    {
        await followUps.AnswerAsync(Answer("carla", route: null));

        Assert.False(await followUps.WithdrawAsync(CampaignId, "person-key-carla", "email", stores.Clock.GetUtcNow()));
        Assert.False(await followUps.WithdrawAsync(CampaignId, "person-key-nobody", "email", stores.Clock.GetUtcNow()));
        Assert.Equal(FollowUpStatus.Declined, (await followUps.FindAsync(CampaignId, "person-key-carla")).Choice?.Status);
        Assert.Equal(0, await stores.Database.CountAsync("SELECT count(*) FROM follow_up_consents WHERE answer = 'withdrawn'"));
    }

    private async Task SubscribeByEmailAsync(string who)
    {
        await stores.Pledges.TakePledgeAsync(Signature(who));
        Assert.True(await followUps.AnswerAsync(Answer(who, FollowUpRoute.Email)));
    }

    private FollowUpAnswer Answer(string who, FollowUpRoute? route) =>
        new(CampaignId, $"person-key-{who}", route, null, null, "fr", Statement, "fr-FR", "directline", stores.Clock.GetUtcNow());
}
