using PledgeBot.Storage.Postgres;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Rights;

public sealed class PostgresErasureStoreTests : ErasureStoreTests, IRunsOnPostgres
{
    private PostgresUnderTest? shared;

    protected override async Task<DatabaseUnderTest> CreateDatabaseAsync() => shared = await PostgresUnderTest.CreateAsync();

    /// <summary>
    /// A person pledges on one instance while "forget me" runs on another, again and again: each
    /// pledge is either erased whole or kept whole, never kept without its consent record or with
    /// an orphaned consent record or queued email left behind.
    /// </summary>
    [PostgresFact]
    public async Task APledgeAndAnErasureOfTheSamePersonOnTwoInstancesLeaveNothingHalfErased()
    {
        var pledging = new PostgresPledgeStore(shared!.Open(), Stores.Protector, Stores.Clock);
        var erasing = new PostgresPersonalDataStore(shared.Open(), Stores.Protector, Stores.Clock, []);

        for (var round = 0; round < 15; round++)
        {
            await Task.WhenAll(
                Task.Run(() => pledging.TakePledgeAsync(Signature("anna", "email-key-anna", $"pledge-{round}"))),
                Task.Run(() => erasing.ForgetPersonAsync("anna", "conversation")));
        }

        var pledges = await shared.CountAsync("SELECT count(*) FROM pledges");
        Assert.Equal(pledges, await shared.CountAsync("SELECT count(*) FROM consent_records c JOIN pledges p ON p.record_id = c.pledge_record_id"));
        Assert.Equal(0, await shared.CountAsync("SELECT count(*) FROM consent_records c WHERE NOT EXISTS (SELECT 1 FROM pledges p WHERE p.record_id = c.pledge_record_id)"));
        Assert.Equal(pledges, await shared.CountAsync("SELECT count(*) FROM confirmation_emails"));
        Assert.Equal(0, await shared.CountAsync("SELECT count(*) FROM confirmation_emails e WHERE NOT EXISTS (SELECT 1 FROM pledges p WHERE p.record_id = e.pledge_record_id)"));
        // Every pledge stored was told to the CRMs, and every one erased was told so too.
        Assert.Equal(
            await shared.CountAsync("SELECT count(*) FROM crm_outbox WHERE event = 'pledge.created'"),
            pledges + await shared.CountAsync("SELECT count(*) FROM crm_outbox WHERE event = 'supporter.erased'"));
    }

    [PostgresFact]
    public async Task StopOnOneInstanceWhileThePersonSignsAgainOnAnotherLeavesNoEmailToSend()
    {
        var pledging = new PostgresPledgeStore(shared!.Open(), Stores.Protector, Stores.Clock);
        var stopping = new PostgresPersonalDataStore(shared.Open(), Stores.Protector, Stores.Clock, []);
        await pledging.TakePledgeAsync(Signature("anna", "email-key-anna", "first-pledge"));
        Assert.NotEmpty(await Stores.Emails.ClaimDueAsync(Stores.Clock.GetUtcNow(), 10));

        for (var round = 0; round < 10; round++)
        {
            Stores.Clock.Advance(TimeSpan.FromMinutes(20));
            await Task.WhenAll(
                Task.Run(() => pledging.TakePledgeAsync(Signature("anna", "email-key-anna", "first-pledge"))),
                Task.Run(() => stopping.WithdrawContactAsync(PledgeStores.CampaignId, "anna", "test", Stores.Clock.GetUtcNow())));
        }

        Assert.Equal(0, await shared.CountAsync("SELECT count(*) FROM confirmation_emails WHERE sent_at IS NULL"));
        Assert.Equal(1, await shared.CountAsync("SELECT count(*) FROM crm_outbox WHERE event = 'supporter.contact_withdrawn'"));
    }
}
