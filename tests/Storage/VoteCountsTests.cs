using Microsoft.Extensions.Time.Testing;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

/// <summary>The tally is read from a table of counts kept by triggers: on every database it always says what counting every vote says.</summary>
public abstract class VoteCountsTests : IAsyncLifetime
{
    protected static readonly string[] Causes = ["protecting-innocence", "burundi-refugees-tanzania", "yemen-crisis", "rohingya-refugees-india"];

    protected DatabaseUnderTest Database { get; private set; } = null!;

    protected abstract Task<DatabaseUnderTest> CreateDatabaseAsync();

    public async Task InitializeAsync() => Database = await CreateDatabaseAsync();

    public async Task DisposeAsync() => await Database.DisposeAsync();

    [StoreFact]
    public async Task VotesChangesAndErasuresInAnyOrderLeaveTheTallyEqualToCountingTheVotes()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        var votes = Database.VoteStore(clock);
        var random = new Random(20261126);
        for (var step = 0; step < 400; step++)
        {
            if (step % 25 == 0)
            {
                // Now and then, and with time enough for a store that tidies its counts to do so.
                clock.Advance(TimeSpan.FromMinutes(1));
                Assert.Equal(await CountEveryVoteAsync("stand-with-them"), (await votes.GetTallyAsync("stand-with-them")).VotesByCause);
            }

            var campaign = random.Next(4) == 0 ? "other-campaign" : "stand-with-them";
            var person = $"person-{random.Next(60)}";
            if (random.Next(6) == 0)
            {
                // Behind the stores' backs, as an erasure, a tool or an older bot would.
                await using var connection = await Database.OpenRawConnectionAsync();
                await using var delete = connection.CreateCommand();
                delete.CommandText = "DELETE FROM votes WHERE campaign_id = @campaign AND person_key = @person";
                AddParameter(delete, "@campaign", campaign);
                AddParameter(delete, "@person", person);
                await delete.ExecuteNonQueryAsync();
            }
            else
            {
                await votes.RecordVoteAsync(new VoteRequest(campaign, person, Causes[random.Next(Causes.Length)], $"request-{step}"));
            }
        }

        foreach (var campaign in new[] { "stand-with-them", "other-campaign" })
        {
            Assert.Equal(await CountEveryVoteAsync(campaign), (await votes.GetTallyAsync(campaign)).VotesByCause);
        }
    }

    private async Task<Dictionary<string, int>> CountEveryVoteAsync(string campaign)
    {
        await using var connection = await Database.OpenRawConnectionAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT cause_id, count(*) FROM votes WHERE campaign_id = @campaign GROUP BY cause_id";
        AddParameter(count, "@campaign", campaign);
        await using var reader = await count.ExecuteReaderAsync();
        var counts = new Dictionary<string, int>();
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
        }

        return counts;
    }

    private static void AddParameter(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
