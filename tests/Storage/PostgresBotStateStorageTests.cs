using PledgeBot.Storage;
using PledgeBot.Storage.Postgres;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

public sealed class PostgresBotStateStorageTests : BotStateStorageTests, IRunsOnPostgres
{
    private PostgresUnderTest? shared;

    protected override async Task<DatabaseUnderTest> CreateDatabaseAsync() => shared = await PostgresUnderTest.CreateAsync();

    /// <summary>Two instances of the bot, each with its own pool and writer, saving one conversation's state from the same read.</summary>
    [PostgresFact]
    public async Task TwoInstancesWritingWithTheSameETagAtOnceOneWinsAndTheOtherGetsAConflict()
    {
        IBotStateStorage[] instances = [new PostgresBotStateStorage(shared!.Open(), TimeProvider.System), new PostgresBotStateStorage(shared.Open(), TimeProvider.System)];
        await instances[0].WriteAsync(new Dictionary<string, object> { ["conversation"] = new Note { Text = "round 0" } });

        for (var round = 1; round <= 10; round++)
        {
            var read = (Note)(await instances[round % 2].ReadAsync(["conversation"]))["conversation"];

            var attempts = await Task.WhenAll(instances.Select((instance, i) => WriteAsync(instance, new Note { Text = $"round {round} from {i}", ETag = read.ETag })));

            var conflict = Assert.Single(attempts, attempt => attempt is not null);
            Assert.Equal("conversation", Assert.IsType<StorageETagConflictException>(conflict).Key);
            var winner = Array.IndexOf(attempts, null);
            foreach (var instance in instances)
            {
                Assert.Equal($"round {round} from {winner}", ((Note)(await instance.ReadAsync(["conversation"]))["conversation"]).Text);
            }
        }
    }

    private static async Task<Exception?> WriteAsync(IBotStateStorage instance, Note note)
    {
        try
        {
            await instance.WriteAsync(new Dictionary<string, object> { ["conversation"] = note });
            return null;
        }
        catch (StorageETagConflictException conflict)
        {
            return conflict;
        }
    }
}
