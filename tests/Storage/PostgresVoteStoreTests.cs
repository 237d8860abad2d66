using PledgeBot.Storage;
using PledgeBot.Storage.Postgres;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

public sealed class PostgresVoteStoreTests : VoteStoreTests, IRunsOnPostgres
{
    private const string Campaign = "stand-with-them";
    private PostgresUnderTest? shared;

    protected override async Task<DatabaseUnderTest> CreateDatabaseAsync() => shared = await PostgresUnderTest.CreateAsync();

    /// <summary>Two instances of the bot, each with its own pool and writer, on one database: a person clicking on both at once.</summary>
    [PostgresFact]
    public async Task ThePersonVotingOnTwoInstancesAtOnceCountsOnceAndBothTalliesAgree()
    {
        var first = new PostgresVoteStore(shared!.Open(), TimeProvider.System);
        var second = new PostgresVoteStore(shared.Open(), TimeProvider.System);
        string[] causes = ["yemen-crisis", "protecting-innocence"];

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            (i % 2 == 0 ? first : second).RecordVoteAsync(new VoteRequest(Campaign, "anna", causes[i / 2 % 2], $"request-{i}"))));

        // Each later vote saw the one before it, whichever instance stored that one.
        Assert.Single(results, result => result.Outcome == VoteOutcome.Recorded);
        Assert.Equal(1, (await first.GetTallyAsync(Campaign)).Total);
        Assert.Equal((await first.GetTallyAsync(Campaign)).VotesByCause, (await second.GetTallyAsync(Campaign)).VotesByCause);
        Assert.Equal(await first.FindVoteAsync(Campaign, "anna"), await second.FindVoteAsync(Campaign, "anna"));
    }

    [PostgresFact]
    public async Task ADeliveryThatReachesTwoInstancesAtOnceCountsOnceAndBothGetTheSameAnswer()
    {
        var first = new PostgresVoteStore(shared!.Open(), TimeProvider.System);
        var second = new PostgresVoteStore(shared.Open(), TimeProvider.System);
        var request = new VoteRequest(Campaign, "anna", "yemen-crisis", "the-one-delivery");

        var answers = await Task.WhenAll(first.RecordVoteAsync(request), second.RecordVoteAsync(request));

        Assert.Equal(answers[0], answers[1]);
        Assert.Equal(VoteOutcome.Recorded, answers[0].Outcome);
        Assert.Equal(1, (await second.GetTallyAsync(Campaign)).Total);
    }
}
