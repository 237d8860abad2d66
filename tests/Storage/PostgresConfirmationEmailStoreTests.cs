using PledgeBot.Storage;
using PledgeBot.Storage.Postgres;
using PledgeBot.Tests.Support;
using static PledgeBot.Tests.Support.PledgeStores;

namespace PledgeBot.Tests.Storage;

public sealed class PostgresConfirmationEmailStoreTests : ConfirmationEmailQueueTests, IRunsOnPostgres
{
    private PostgresUnderTest? shared;

    protected override async Task<DatabaseUnderTest> CreateDatabaseAsync() => shared = await PostgresUnderTest.CreateAsync();

    /// <summary>Each instance's sender, with its own pool and writer, on one database.</summary>
    private IConfirmationEmailQueue AnotherInstance() => new PostgresConfirmationEmailStore(shared!.Open(), Stores.Protector);

    [PostgresFact]
    public async Task SendersOnTwoInstancesNeverClaimTheSameEmail()
    {
        for (var i = 0; i < 60; i++)
        {
            await Stores.Pledges.TakePledgeAsync(Signature($"person-{i}"));
        }

        var now = Stores.Clock.GetUtcNow();
        var claims = await Task.WhenAll(new[] { AnotherInstance(), AnotherInstance() }.Select(sender => Task.Run(async () =>
        {
            var claimed = new List<string>();
            // Bounded: a queue that hands out the same emails again would otherwise never run dry.
            for (var look = 0; look < 60; look++)
            {
                var due = await sender.ClaimDueAsync(now, 3);
                if (due.Count == 0)
                {
                    break;
                }

                claimed.AddRange(due.Select(email => email.TokenId));
            }

            return claimed;
        })));

        Assert.Equal(60, claims[0].Count + claims[1].Count);
        Assert.Equal(60, claims[0].Concat(claims[1]).Distinct().Count());
    }

    [PostgresFact]
    public async Task ALinkOpenedOnTwoInstancesAtOnceConfirmsOnceAndTellsTheCrmsOnce()
    {
        await Stores.Pledges.TakePledgeAsync(Signature("anna"));
        var link = Assert.Single(await Stores.Emails.ClaimDueAsync(Stores.Clock.GetUtcNow(), 10));
        var instances = new[] { AnotherInstance(), AnotherInstance() };

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => instances[i % 2].ConfirmAsync(link.TokenId, Stores.Clock.GetUtcNow())));

        Assert.Single(outcomes, outcome => outcome == ConfirmationOutcome.Confirmed);
        Assert.Equal(1, await shared!.CountAsync($"SELECT count(*) FROM crm_outbox WHERE event = '{CrmEvents.PledgeConfirmed}'"));
        Assert.Equal(new PledgeCounts(1, 1), await Stores.Pledges.GetCountsAsync(CampaignId, PledgeId));
    }
}
