using PledgeBot.Storage;
using PledgeBot.Tests.Support;
using static PledgeBot.Tests.Support.PledgeStores;

namespace PledgeBot.Tests.Storage;

/// <summary>
/// The CRM deliveries, on every database: one per record and CRM, a pledge's records due one
/// after the other, and an erased person's email kept only while a CRM still needs it.
/// </summary>
public abstract class CrmDeliveriesTests : IAsyncLifetime
{
    protected static readonly string[] TwoCrms = ["webhook", "mailchimp"];
    private PledgeStores stores = null!;

    protected abstract Task<DatabaseUnderTest> CreateDatabaseAsync();

    protected PledgeStores Stores => stores;

    public async Task InitializeAsync() => stores = new PledgeStores(await CreateDatabaseAsync());

    public async Task DisposeAsync() => await stores.DisposeAsync();

    [StoreFact]
    public async Task EachRecordGetsOneDeliveryPerCrmHoweverOftenItIsPrepared()
    {
        await stores.Pledges.TakePledgeAsync(Signature("anna"));
        await stores.Pledges.TakePledgeAsync(Signature("ben"));

        var seen = await stores.CrmDeliveries.PrepareAsync(TwoCrms, 0);
        await stores.CrmDeliveries.PrepareAsync(TwoCrms, 0);
        await stores.CrmDeliveries.PrepareAsync(TwoCrms, seen);

        foreach (var crm in TwoCrms)
        {
            Assert.Equal(2, (await stores.CrmDeliveries.CountAsync(crm)).Pending);
            Assert.Equal(2, (await stores.CrmDeliveries.ReadDueAsync(crm, stores.Clock.GetUtcNow(), 10)).Count);
        }
    }

    [StoreFact]
    public async Task APledgesLaterRecordIsNotDueWhileItsEarlierOneWaitsForARetry()
    {
        await stores.Pledges.TakePledgeAsync(Signature("anna"));
        await stores.CrmDeliveries.PrepareAsync(["webhook"], 0);
        var created = Assert.Single(await stores.CrmDeliveries.ReadDueAsync("webhook", stores.Clock.GetUtcNow(), 10));
        var retryAt = stores.Clock.GetUtcNow().AddMinutes(1);
        await stores.CrmDeliveries.MarkFailedAsync(created, 503, "Service Unavailable", stores.Clock.GetUtcNow(), retryAt);
        await stores.PersonalData.WithdrawContactAsync(CampaignId, "person-key-anna", "test", stores.Clock.GetUtcNow());
        await stores.CrmDeliveries.PrepareAsync(["webhook"], 0);

        Assert.Empty(await stores.CrmDeliveries.ReadDueAsync("webhook", stores.Clock.GetUtcNow(), 10));
        // Not the withdrawal's own (past) time: a dispatcher woken then would find nothing to do, again and again.
        Assert.Equal(retryAt, await stores.CrmDeliveries.NextDueAtAsync(["webhook"]));

        stores.Clock.Advance(TimeSpan.FromMinutes(1));
        var retried = Assert.Single(await stores.CrmDeliveries.ReadDueAsync("webhook", stores.Clock.GetUtcNow(), 10));
        Assert.Equal(CrmEvents.PledgeCreated, retried.Event);
        Assert.Equal(1, retried.Attempts);
        await stores.CrmDeliveries.MarkDeliveredAsync(retried, 200, stores.Clock.GetUtcNow());
        var withdrawn = Assert.Single(await stores.CrmDeliveries.ReadDueAsync("webhook", stores.Clock.GetUtcNow(), 10));
        Assert.Equal(CrmEvents.ContactWithdrawn, withdrawn.Event);
        Assert.True(withdrawn.ToldBefore);
    }

    [StoreFact]
    public async Task AnErasedEmailIsKeptWhileACrmStillNeedsItAndClearedOnceToldOrWhenNoCrmIsConfigured()
    {
        await stores.Pledges.TakePledgeAsync(Signature("anna"));
        await stores.Pledges.TakePledgeAsync(Signature("ben"));
        await stores.PersonalData.ForgetPersonAsync("person-key-anna", "test");
        await stores.CrmDeliveries.PrepareAsync(["webhook"], 0);
        var annasCreated = (await stores.CrmDeliveries.ReadDueAsync("webhook", stores.Clock.GetUtcNow(), 10)).Single(d => d.Event == CrmEvents.PledgeCreated && d.Supporter is null);
        await stores.CrmDeliveries.MarkSkippedAsync(annasCreated, "pledge erased since", stores.Clock.GetUtcNow());

        var erasure = (await stores.CrmDeliveries.ReadDueAsync("webhook", stores.Clock.GetUtcNow(), 10)).Single(d => d.Event == CrmEvents.SupporterErased);
        Assert.Equal("anna@example.org", erasure.Supporter!.Email);
        await stores.CrmDeliveries.MarkFailedAsync(erasure, 500, "Internal Server Error", stores.Clock.GetUtcNow(), nextAttemptAt: null);
        await stores.CrmDeliveries.PrepareAsync(["webhook"], 0);
        Assert.Equal(1, await SubjectsAsync());

        await stores.CrmDeliveries.RetryDeadAsync("webhook", stores.Clock.GetUtcNow());
        erasure = (await stores.CrmDeliveries.ReadDueAsync("webhook", stores.Clock.GetUtcNow(), 10)).Single(d => d.Event == CrmEvents.SupporterErased);
        await stores.CrmDeliveries.MarkDeliveredAsync(erasure, 200, stores.Clock.GetUtcNow());
        await stores.CrmDeliveries.PrepareAsync(["webhook"], 0);
        Assert.Equal(0, await SubjectsAsync());

        await stores.PersonalData.ForgetPersonAsync("person-key-ben", "test");
        Assert.Equal(1, await SubjectsAsync());
        await stores.CrmDeliveries.PrepareAsync([], 0);
        Assert.Equal(0, await SubjectsAsync());
    }

    private Task<long> SubjectsAsync() => stores.Database.CountAsync("SELECT count(*) FROM crm_outbox WHERE subject_email IS NOT NULL");
}
