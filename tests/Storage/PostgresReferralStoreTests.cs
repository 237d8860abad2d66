using PledgeBot.Storage;
using PledgeBot.Storage.Postgres;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

public sealed class PostgresReferralStoreTests : ReferralStoreTests, IRunsOnPostgres
{
    private PostgresUnderTest? shared;

    protected override async Task<DatabaseUnderTest> CreateDatabaseAsync() => shared = await PostgresUnderTest.CreateAsync();

    /// <summary>
    /// Two instances of the bot counting one code and cause at once: every visit and every friend's
    /// vote lands, and a friend whose two chats reach both instances counts once.
    /// </summary>
    [PostgresFact]
    public async Task CountsFromTwoInstancesAtOnceAreAllKeptAndAFriendOnBothCountsOnce()
    {
        IReferralStore[] instances = [new PostgresReferralStore(shared!.Open(), TimeProvider.System), new PostgresReferralStore(shared.Open(), TimeProvider.System)];

        var work = Enumerable.Range(0, 120).Select(i => (i % 3) switch
        {
            0 => instances[i % 2].RecordVisitAsync(Campaign, Anna, "yemen-crisis"),
            1 => instances[i % 2].RecordConversionAsync(Campaign, Anna, "yemen-crisis", ReferralConversion.Vote, $"friend-{i}"),
            _ => instances[i % 2].RecordConversionAsync(Campaign, Anna, "yemen-crisis", ReferralConversion.Pledge, Friend),
        });
        var counted = await Task.WhenAll(work);

        Assert.Equal(40 + 40 + 1, counted.Count(c => c));
        Assert.Equal([new ReferralCounts(Anna, "yemen-crisis", 40, 40, 1)], await instances[0].GetCountsAsync(Campaign));
        Assert.Equal(await instances[0].GetCountsAsync(Campaign), await instances[1].GetCountsAsync(Campaign));
    }
}
