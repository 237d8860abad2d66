using PledgeBot.Storage;
using PledgeBot.Storage.Postgres;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

public sealed class PostgresWriterTests : GroupCommitWriterTests, IRunsOnPostgres
{
    protected override async Task<DatabaseUnderTest> CreateDatabaseAsync() => await PostgresUnderTest.CreateAsync();

    /// <summary>
    /// Two instances whose batches take the same people's locks in opposite orders deadlock;
    /// PostgreSQL aborts one batch, which is run again, so every caller still gets its answer.
    /// </summary>
    [PostgresFact]
    public async Task TwoInstancesVotingForTheSamePeopleInOppositeOrdersAllGetTheirAnswers()
    {
        var other = new PostgresVoteStore(((PostgresUnderTest)Database).Open(), TimeProvider.System);
        var people = Enumerable.Range(0, 150).Select(i => $"person-{i}").ToList();

        var results = await Task.WhenAll(
            people.Select(person => VoteAsync(person, "yemen-crisis"))
                .Concat(Enumerable.Reverse(people).Select(person => other.RecordVoteAsync(new VoteRequest(Campaign, person, "rohingya-refugees-india", $"other-{person}")))));

        Assert.Equal(150, results.Count(result => result.Outcome == VoteOutcome.Recorded));
        Assert.Equal(150, results.Count(result => result.Outcome == VoteOutcome.Changed));
        Assert.Equal(150, (await FreshReadOfTallyAsync()).Total);
    }
}
