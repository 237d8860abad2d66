using PledgeBot.Storage;
using PledgeBot.Tests.Support;
using static PledgeBot.Tests.Support.PledgeStores;

namespace PledgeBot.Tests.Storage;

/// <summary>
/// Follow-up answers on every database: each answer with its consent record, the Teams route
/// keeping its conversation reference encrypted and the email route naming the pledge whose address
/// is used; "stop" ending it and forgetting how to reach the person, and an email's unsubscribe
/// link doing the same without touching the pledge; "my data" showing it; erasure and retention
/// taking it. Each derived class runs these on one database.
/// </summary>
public abstract class FollowUpsStoreTests : IAsyncLifetime
{
    private const string Reference = """{"conversation":{"id":"a:personal-chat-of-anna","tenantId":"tenant-one"},"serviceUrl":"https://smba.example.org/"}""";

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
    public async Task SomeoneNeverAskedHasNoAnswerAndNoEmailToUse()
    {
        Assert.Equal(new FollowUpState(null, CanEmail: false), await followUps.FindAsync(CampaignId, "person-key-anna"));
    }

    [StoreFact]
    public async Task AYesByTeamsIsReadBackAfterARestartWithItsStatementAndTheReferenceIsStoredEncrypted()
    {
        Assert.True(await followUps.AnswerAsync(Answer("anna", FollowUpRoute.Teams)));

        var state = await stores.Database.ReopenedFollowUps(stores.Protector).FindAsync(CampaignId, "person-key-anna");
        Assert.Equal(new FollowUpChoice(FollowUpStatus.Subscribed, FollowUpRoute.Teams, stores.Clock.GetUtcNow(), Statement), state.Choice);
        Assert.Equal(0, await stores.Database.CountAsync("SELECT count(*) FROM follow_ups WHERE conversation_reference LIKE '%personal-chat-of-anna%'"));
        Assert.Equal(1, await stores.Database.CountAsync("SELECT count(*) FROM follow_ups WHERE tenant_id = 'tenant-one' AND conversation_reference IS NOT NULL"));
        Assert.Equal(1, await stores.Database.CountAsync(
            "SELECT count(*) FROM follow_up_consents WHERE person_key = 'person-key-anna' AND answer = 'yes' AND route = 'teams' AND statement_language = 'fr' AND statement_version = 2 AND channel = 'msteams'"));
    }

    [StoreFact]
    public async Task ANoIsKeptWithItsRecordAndNoRoute()
    {
        await followUps.AnswerAsync(Answer("anna", route: null));

        var state = await followUps.FindAsync(CampaignId, "person-key-anna");
        Assert.Equal(FollowUpStatus.Declined, state.Choice?.Status);
        Assert.Null(state.Choice?.Route);
        Assert.Equal(1, await stores.Database.CountAsync("SELECT count(*) FROM follow_up_consents WHERE answer = 'no' AND route IS NULL"));
        Assert.Equal(0, await stores.Database.CountAsync("SELECT count(*) FROM follow_ups WHERE conversation_reference IS NOT NULL"));
    }

    [StoreFact]
    public async Task AYesByEmailNeedsAPledgeWhoseAddressMayBeUsedAndNamesIt()
    {
        Assert.False(await followUps.AnswerAsync(Answer("anna", FollowUpRoute.Email)));
        Assert.Equal(0, await stores.Database.CountAsync("SELECT count(*) FROM follow_up_consents"));

        await stores.Pledges.TakePledgeAsync(Signature("anna"));
        Assert.True((await followUps.FindAsync(CampaignId, "person-key-anna")).CanEmail);
        Assert.True(await followUps.AnswerAsync(Answer("anna", FollowUpRoute.Email)));

        Assert.Equal(1, await stores.Database.CountAsync(
            "SELECT count(*) FROM follow_ups f JOIN pledges p ON p.record_id = f.pledge_record_id WHERE f.person_key = 'person-key-anna' AND f.route = 'email' AND f.conversation_reference IS NULL"));
    }

    [StoreFact]
    public async Task ALaterAnswerReplacesTheEarlierOneAndBothRecordsStay()
    {
        await followUps.AnswerAsync(Answer("anna", route: null));
        await followUps.AnswerAsync(Answer("anna", FollowUpRoute.Teams));

        Assert.Equal(FollowUpStatus.Subscribed, (await followUps.FindAsync(CampaignId, "person-key-anna")).Choice?.Status);
        Assert.Equal(1, await stores.Database.CountAsync("SELECT count(*) FROM follow_ups"));
        Assert.Equal(2, await stores.Database.CountAsync("SELECT count(*) FROM follow_up_consents WHERE person_key = 'person-key-anna'"));
    }

    [StoreFact]
    public async Task StopEndsTheFollowUpsForgetsTheReferenceAndRecordsTheWithdrawalAgainstTheSameStatement()
    {
        await followUps.AnswerAsync(Answer("anna", FollowUpRoute.Teams));
        await followUps.AnswerAsync(Answer("ben", FollowUpRoute.Teams));

        var changed = await stores.PersonalData.WithdrawContactAsync(CampaignId, "person-key-anna", "msteams", stores.Clock.GetUtcNow());

        Assert.Equal(1, changed);
        Assert.Equal(FollowUpStatus.Withdrawn, (await followUps.FindAsync(CampaignId, "person-key-anna")).Choice?.Status);
        Assert.Equal(1, await stores.Database.CountAsync("SELECT count(*) FROM follow_ups WHERE person_key = 'person-key-anna' AND conversation_reference IS NULL AND tenant_id IS NULL AND route IS NULL"));
        Assert.Equal(1, await stores.Database.CountAsync(
            "SELECT count(*) FROM follow_up_consents WHERE person_key = 'person-key-anna' AND answer = 'withdrawn' AND statement_version = 2 AND statement_language = 'fr' AND route = 'teams'"));
        Assert.Equal(FollowUpStatus.Subscribed, (await followUps.FindAsync(CampaignId, "person-key-ben")).Choice?.Status);
        Assert.Equal(0, await stores.PersonalData.WithdrawContactAsync(CampaignId, "person-key-anna", "msteams", stores.Clock.GetUtcNow()));
    }

    [StoreFact]
    public async Task MyDataShowsTheAnswerAndSomeoneWithOnlyAnAnswerIsNotEmpty()
    {
        await followUps.AnswerAsync(Answer("anna", FollowUpRoute.Teams));

        var report = await stores.PersonalData.FindAsync(CampaignId, "person-key-anna");

        Assert.Equal(new FollowUpChoice(FollowUpStatus.Subscribed, FollowUpRoute.Teams, stores.Clock.GetUtcNow(), Statement), report.FollowUp);
        Assert.False(report.IsEmpty);
        Assert.Null((await stores.PersonalData.FindAsync(CampaignId, "person-key-ben")).FollowUp);
    }

    [StoreFact]
    public async Task ForgettingAPersonErasesTheirFollowUpAndItsRecordsAndCountsThem()
    {
        await followUps.AnswerAsync(Answer("anna", route: null));
        await followUps.AnswerAsync(Answer("anna", FollowUpRoute.Teams));
        await followUps.AnswerAsync(Answer("ben", FollowUpRoute.Teams));

        var erased = await stores.PersonalData.ForgetPersonAsync("person-key-anna", "conversation");

        Assert.Equal(2, erased.ConsentRecords);
        Assert.Null((await followUps.FindAsync(CampaignId, "person-key-anna")).Choice);
        Assert.Equal(0, await stores.Database.CountAsync("SELECT count(*) FROM follow_up_consents WHERE person_key = 'person-key-anna'"));
        Assert.NotNull((await followUps.FindAsync(CampaignId, "person-key-ben")).Choice);
    }

    [StoreFact]
    public async Task ForgettingAnEmailEndsTheEmailFollowUpsSentToIt()
    {
        await stores.Pledges.TakePledgeAsync(Signature("anna"));
        await followUps.AnswerAsync(Answer("anna", FollowUpRoute.Email));

        await stores.PersonalData.ForgetEmailAsync("email-key-anna", "command");

        Assert.Equal(0, await stores.Database.CountAsync("SELECT count(*) FROM follow_ups"));
        Assert.Equal(0, await stores.Database.CountAsync("SELECT count(*) FROM follow_up_consents"));
    }

    [StoreFact]
    public async Task RetentionTakesTheCampaignsFollowUpsAndNotAnotherCampaigns()
    {
        await followUps.AnswerAsync(Answer("anna", FollowUpRoute.Teams));
        await followUps.AnswerAsync(Answer("dan", FollowUpRoute.Teams) with { CampaignId = "another-campaign" });

        await stores.Database.RetentionStore(stores.Clock).ApplyAsync(CampaignId);

        Assert.Equal(1, await stores.Database.CountAsync("SELECT count(*) FROM follow_ups WHERE campaign_id = 'another-campaign'"));
        Assert.Equal(1, await stores.Database.CountAsync("SELECT count(*) FROM follow_ups"));
        Assert.Equal(1, await stores.Database.CountAsync("SELECT count(*) FROM follow_up_consents"));
    }

    [StoreFact]
    public async Task AnUnsubscribeLinksWithdrawalEndsTheFollowUpsForgetsTheRouteAndRecordsItOnce()
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
    public async Task AnUnsubscribeLinksWithdrawalLeavesThePledgeAsItIs()
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

    private static readonly ConsentStatement Statement = new("fr", 2, ConsentStatement.HashOf("Voulez-vous des nouvelles ?"));

    private FollowUpAnswer Answer(string who, FollowUpRoute? route) => new(
        CampaignId,
        $"person-key-{who}",
        route,
        route == FollowUpRoute.Teams ? "tenant-one" : null,
        route == FollowUpRoute.Teams ? Reference : null,
        "fr",
        Statement,
        "fr-FR",
        route == FollowUpRoute.Email ? "directline" : "msteams",
        stores.Clock.GetUtcNow());
}
