using Npgsql;
using PledgeBot.Storage;
using PledgeBot.Storage.Postgres;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

/// <summary>The schema's versioned steps: each applied once per database, however many instances start together, and never by older code onto a newer database.</summary>
public sealed class PostgresMigrationTests : IAsyncLifetime
{
    private string connectionString = null!;

    public async Task InitializeAsync() => connectionString = await PostgresServer.CreateDatabaseAsync();

    public async Task DisposeAsync() => await PostgresServer.DropDatabaseAsync(connectionString);

    [PostgresFact]
    public async Task AFreshDatabaseGetsEveryStepOnceInOrder()
    {
        await using (new PostgresDatabase(connectionString))
        {
        }

        await using (new PostgresDatabase(connectionString))
        {
        }

        Assert.Equal(PostgresSchema.Migrations.Select(m => m.Version), await AppliedVersionsAsync());
        Assert.Equal(PostgresSchema.Migrations.Select(m => m.Version).Order(), PostgresSchema.Migrations.Select(m => m.Version));
        Assert.Contains("vote_counts", await TablesAsync());
    }

    [PostgresFact]
    public async Task InstancesStartingAtTheSameMomentAllOpenTheDatabaseAndEachStepIsAppliedOnce()
    {
        using var start = new ManualResetEventSlim();
        var instances = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            start.Wait();
            return new PostgresDatabase(connectionString);
        })).ToList();

        start.Set();
        var opened = await Task.WhenAll(instances);

        Assert.Equal(PostgresSchema.Migrations.Select(m => m.Version), await AppliedVersionsAsync());
        var votes = opened.Select(database => new PostgresVoteStore(database, TimeProvider.System)).ToList();
        await votes[0].RecordVoteAsync(new VoteRequest("stand-with-them", "anna", "yemen-crisis", "request-1"));
        Assert.Equal(1, (await votes[3].GetTallyAsync("stand-with-them")).Total);
        foreach (var database in opened)
        {
            await database.DisposeAsync();
        }
    }

    [PostgresFact]
    public async Task ADatabaseMigratedByANewerVersionIsRefusedAndNothingIsWrittenToIt()
    {
        var newer = PostgresSchema.Migrations.Max(m => m.Version) + 1;
        await ExecuteAsync($"""
            CREATE TABLE schema_migrations (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());
            INSERT INTO schema_migrations (version, description) VALUES ({newer}, 'from a newer bot');
            """);

        var refused = Assert.Throws<InvalidOperationException>(() => new PostgresDatabase(connectionString));

        Assert.Equal(
            $"The PostgreSQL database '{new NpgsqlConnectionStringBuilder(connectionString).Database}' was migrated by a newer version of the bot (schema {newer}; this version knows {newer - 1}). Run the newer version, or restore a backup.",
            refused.Message);
        Assert.Equal(["schema_migrations"], await TablesAsync());
        Assert.Equal([newer], await AppliedVersionsAsync());
    }

    [PostgresFact]
    public async Task TheCountsStepFillsTheTallyFromVotesStoredBeforeIt()
    {
        await using (var beforeCounts = new PostgresDatabase(connectionString, PostgresSchema.Migrations.Where(m => m.Version == 1).ToList()))
        {
            await beforeCounts.WriteAsync(async (connection, token) =>
            {
                await using var insert = new NpgsqlCommand("""
                    INSERT INTO votes (campaign_id, person_key, cause_id, voted_at)
                    SELECT 'stand-with-them', 'person-' || n, CASE WHEN n % 3 = 0 THEN 'yemen-crisis' ELSE 'protecting-innocence' END, now()
                    FROM generate_series(1, 30) AS n
                    """, connection);
                await insert.ExecuteNonQueryAsync(token);
            });
        }

        await using var current = new PostgresDatabase(connectionString);
        var votes = new PostgresVoteStore(current, TimeProvider.System);
        await votes.RecordVoteAsync(new VoteRequest("stand-with-them", "late", "burundi-refugees-tanzania", "request-late"));

        Assert.Equal(
            new Dictionary<string, int> { ["yemen-crisis"] = 10, ["protecting-innocence"] = 20, ["burundi-refugees-tanzania"] = 1 },
            (await votes.GetTallyAsync("stand-with-them")).VotesByCause);
        Assert.Equal(PostgresSchema.Migrations.Select(m => m.Version), await AppliedVersionsAsync());
    }

    [PostgresFact]
    public async Task TheConsentLanguageStepMakesEarlierStatementsAndRecordsEnglishAndNumbersFrenchOnItsOwn()
    {
        await using (var beforeLanguages = new PostgresDatabase(connectionString, PostgresSchema.Migrations.Where(m => m.Version < 6).ToList()))
        {
            await beforeLanguages.WriteAsync(async (connection, token) =>
            {
                await using var insert = new NpgsqlCommand($"""
                    INSERT INTO consent_statements (campaign_id, version, text_hash, text, first_shown_at)
                    VALUES ('stand-with-them', 1, '{ConsentStatement.HashOf("We keep your name.")}', 'We keep your name.', now()),
                           ('stand-with-them', 2, '{ConsentStatement.HashOf("We keep your name and email.")}', 'We keep your name and email.', now());
                    INSERT INTO consent_records (record_id, pledge_record_id, campaign_id, person_key, statement_version, statement_hash, locale, channel, answer, recorded_at)
                    VALUES ('record-1', 'pledge-1', 'stand-with-them', 'anna', 2, 'hash-2', 'en-GB', 'test', 'yes', now());
                    """, connection);
                await insert.ExecuteNonQueryAsync(token);
            });
        }

        await using var current = new PostgresDatabase(connectionString);
        var statements = new PostgresConsentStatements(current, TimeProvider.System);
        var french = await statements.RegisterAsync("stand-with-them", "fr", "Nous gardons votre prénom.");
        var englishAgain = await statements.RegisterAsync("stand-with-them", "en", "We keep your name and email.");

        Assert.Equal(["en 1", "en 2", "fr 1"], await ReadColumnAsync<string>("SELECT language || ' ' || version FROM consent_statements ORDER BY language, version"));
        Assert.Equal(("fr", 1), (french.Language, french.Version));
        Assert.Equal(("en", 2), (englishAgain.Language, englishAgain.Version));
        Assert.Equal(["en"], await ReadColumnAsync<string>("SELECT statement_language FROM consent_records"));
        Assert.Equal(PostgresSchema.Migrations.Select(m => m.Version), await AppliedVersionsAsync());
    }

    private Task<List<int>> AppliedVersionsAsync() => ReadColumnAsync<int>("SELECT version FROM schema_migrations ORDER BY version");

    private Task<List<string>> TablesAsync() =>
        ReadColumnAsync<string>("SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1");

    private async Task<List<T>> ReadColumnAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<T>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
