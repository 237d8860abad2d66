using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PledgeBot.Storage;
using PledgeBot.Storage.Postgres;
using PledgeBot.Storage.Sqlite;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

/// <summary>
/// <c>migrate-to &lt;connection string&gt;</c> run as an operator runs it, on a campaign's data folder
/// with rows in every table (the last release's, tests/Fixtures/data-before-versioned-migrations:
/// votes, encrypted pledges, consent, confirmation emails, referrals, funnel, state, audit, content,
/// voting controls, the CRM outbox and deliveries).
/// </summary>
public sealed class MigrateToCommandTests : IAsyncLifetime
{
    private const string Campaign = "stand-with-them";
    private readonly TempFolder data = new();
    private string target = null!;

    public async Task InitializeAsync()
    {
        ReleaseDataFolder.CopyTo("data-before-versioned-migrations", data.Path);
        target = PostgresServer.SkipReason is null ? await PostgresServer.CreateDatabaseAsync() : "";
    }

    public async Task DisposeAsync()
    {
        if (target.Length > 0)
        {
            await PostgresServer.DropDatabaseAsync(target);
        }

        data.Dispose();
    }

    [PostgresFact]
    public async Task EveryTableIsCopiedAndCountedAndTheTallyAndAPledgeReadTheSameOnPostgres()
    {
        // Tables added since the release have no rows in its folder: each gets one, so its copy is checked too.
        await using (var migrated = new SqliteDatabase(Path.Combine(data.Path, "pledgebot.db")))
        {
            await new SqliteLanguageChoices(migrated).SaveAsync("person-key-of-someone", "fr");
            await new SqliteFollowUps(migrated, TestEncryption.ProtectorFor(data.Path)).AnswerAsync(new FollowUpAnswer(
                "stand-with-them", "person-key-of-someone", FollowUpRoute.Teams, "tenant-one", """{"conversation":{"id":"a:chat"}}""",
                "fr", new ConsentStatement("fr", 1, ConsentStatement.HashOf("Voulez-vous des nouvelles ?")), "fr-FR", "msteams", DateTimeOffset.UtcNow));
            var queue = new SqliteFollowUpQueue(migrated, TestEncryption.ProtectorFor(data.Path));
            await queue.AddAsync(new FollowUpUpdate(
                "update-1", "stand-with-them", FollowUpKind.VotingClosed, "voting-closed", FollowUpAudience.Everyone, null, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));
            await queue.QueueDueAsync(DateTimeOffset.UtcNow);
        }

        var (exitCode, output, errors) = await RunAsync(target);

        Assert.True(exitCode == 0, output + errors);
        var tables = await SqliteTablesAsync();
        foreach (var table in tables.Except(["schema_migrations", "health_probe", "vote_counts"]))
        {
            var rows = await SqliteScalarAsync($"SELECT count(*) FROM {table}");
            Assert.True(rows > 0, $"the fixture has rows in {table}");
            Assert.Equal(rows, await PostgresScalarAsync<long>($"SELECT count(*) FROM {table}"));
            Assert.Matches($@"(?m)^{table}\s+{rows}\s+{rows}\s+ok$", output);
        }

        Assert.Contains("Done: every table was copied", output);
        Assert.Contains($"keys folder ({Path.Combine(data.Path, "keys")}", output);
        Assert.DoesNotContain("anna@example.org", output, StringComparison.OrdinalIgnoreCase);

        // The tally, through the PostgreSQL vote store, is the SQLite one.
        await using var sqlite = new SqliteDatabase(Path.Combine(data.Path, "pledgebot.db"));
        await using var postgres = new PostgresDatabase(target);
        var expected = await new SqliteVoteStore(sqlite, TimeProvider.System).GetTallyAsync(Campaign);
        var copied = await new PostgresVoteStore(postgres, TimeProvider.System).GetTallyAsync(Campaign);
        Assert.Equal(3, copied.Total);
        Assert.Equal(expected.VotesByCause.OrderBy(c => c.Key), copied.VotesByCause.OrderBy(c => c.Key));

        // Anna's pledge, still encrypted, opens with the campaign's keys; her times and ids are kept.
        await using var app = new BotApplication(data.Path);
        var protector = app.Services.GetRequiredService<PersonalDataProtector>();
        var pledges = await PostgresRowsAsync("SELECT email, first_name, confirmed_at FROM pledges");
        Assert.Equal(2, pledges.Count);
        Assert.DoesNotContain(pledges, pledge => (string)pledge[0]! == "anna@example.org");
        var anna = Assert.Single(pledges, pledge => protector.Unprotect((string)pledge[0]!) == "anna@example.org");
        Assert.Equal("Anna", protector.Unprotect((string)anna[1]!));
        var confirmedAt = DateTimeOffset.Parse(await SqliteTextAsync("SELECT confirmed_at FROM pledges WHERE confirmed_at IS NOT NULL"), System.Globalization.CultureInfo.InvariantCulture);
        // PostgreSQL keeps microseconds; SQLite's text had ticks of 100 ns.
        Assert.InRange(((DateTimeOffset)(DateTime)anna[2]! - confirmedAt).Duration(), TimeSpan.Zero, TimeSpan.FromTicks(9));
        Assert.Equal(DateOnly.Parse(await SqliteTextAsync("SELECT issued_on FROM referral_codes"), System.Globalization.CultureInfo.InvariantCulture), await PostgresScalarAsync<DateOnly>("SELECT issued_on FROM referral_codes"));
        Assert.False(await PostgresScalarAsync<bool>("SELECT closed_now FROM voting_controls"));

        // The outbox keeps SQLite's order: one pledge's records reach a CRM in the order they were written.
        await using (var reading = await sqlite.OpenForReadingAsync())
        await using (var outbox = reading.CreateCommand())
        {
            outbox.CommandText = "SELECT record_id FROM crm_outbox ORDER BY rowid";
            var inSqliteOrder = new List<string>();
            await using var reader = await outbox.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                inSqliteOrder.Add(reader.GetString(0));
            }

            Assert.Equal(inSqliteOrder, (await PostgresRowsAsync("SELECT record_id FROM crm_outbox ORDER BY seq")).Select(row => (string)row[0]!));
        }

        // Identity columns go on after the copied ids.
        Assert.Equal(await SqliteScalarAsync("SELECT max(rowid) FROM admin_audit") + 1, await PostgresScalarAsync<long>("INSERT INTO admin_audit (at, who, action) VALUES (now(), 'test', 'test') RETURNING id"));
        Assert.Equal(2L, await PostgresScalarAsync<long>("INSERT INTO content_versions (published_at, published_by, content_json, sha256) VALUES (now(), 'test', '{}', 'x') RETURNING version"));
    }

    [PostgresFact]
    public async Task EachConsentStatementAndRecordKeepsItsLanguageOnPostgres()
    {
        // The data folder as today's bot leaves it after a French pledge: a French statement v1 beside the English v1.
        await using (var sqlite = new SqliteDatabase(Path.Combine(data.Path, "pledgebot.db")))
        {
            await new SqliteConsentStatements(sqlite, TimeProvider.System).RegisterAsync(Campaign, "fr", "Déclaration en français");
            await using var connection = await sqlite.OpenAsync();
            await using var french = connection.CreateCommand();
            french.CommandText = "UPDATE consent_records SET statement_language = 'fr' WHERE rowid = (SELECT min(rowid) FROM consent_records)";
            await french.ExecuteNonQueryAsync();
        }

        var (exitCode, output, errors) = await RunAsync(target);

        Assert.True(exitCode == 0, output + errors);
        Assert.Equal(
            await SqliteTextAsync("SELECT group_concat(language || ' v' || version, ', ') FROM (SELECT language, version FROM consent_statements ORDER BY language, version)"),
            await PostgresScalarAsync<string>("SELECT string_agg(language || ' v' || version, ', ' ORDER BY language, version) FROM consent_statements"));
        Assert.Equal(1L, await PostgresScalarAsync<long>("SELECT count(*) FROM consent_statements WHERE language = 'fr' AND version = 1"));
        Assert.Equal(1L, await PostgresScalarAsync<long>("SELECT count(*) FROM consent_records WHERE statement_language = 'fr'"));
    }

    [PostgresFact]
    public async Task ATargetThatAlreadyHoldsDataIsRefusedAndNothingIsWritten()
    {
        Assert.Equal(0, (await RunAsync(target)).ExitCode);
        await using (var connection = new NpgsqlConnection(target))
        {
            await connection.OpenAsync();
            await using var clear = new NpgsqlCommand("DELETE FROM votes WHERE person_key IN (SELECT person_key FROM votes LIMIT 1)", connection);
            await clear.ExecuteNonQueryAsync();
        }

        var (exitCode, output, errors) = await RunAsync(target);

        Assert.Equal(2, exitCode);
        Assert.Contains($"The PostgreSQL database '{new NpgsqlConnectionStringBuilder(target).Database}' on ", errors);
        Assert.Contains("already holds data (in ", errors);
        Assert.Contains("nothing was written", errors);
        Assert.DoesNotContain("Copying", output);
        Assert.Equal(2L, await PostgresScalarAsync<long>("SELECT count(*) FROM votes"));
    }

    [PostgresFact]
    public async Task ADatabaseTheServerDoesNotHaveGivesTheServersAnswerAndAnExitCode()
    {
        var missing = new NpgsqlConnectionStringBuilder(target) { Database = "pledgebot_no_such_database" }.ConnectionString;

        var (exitCode, output, errors) = await RunAsync(missing);

        Assert.Equal(1, exitCode);
        Assert.Equal("The PostgreSQL server refused: database \"pledgebot_no_such_database\" does not exist (3D000). Nothing was copied.", errors.Trim());
        Assert.Empty(output);
    }

    [Fact]
    public async Task AnUnreachableServerOrABadConnectionStringGivesAClearMessageAndAnExitCodeNeverAStackTrace()
    {
        var unreachable = $"Host=127.0.0.1;Port={FreePort.Next()};Database=pledgebot;Username=pledgebot;Password=not-to-be-shown;Timeout=5";

        var (exitCode, output) = await BotProcess.RunCommandAsync("migrate-to", unreachable, $"--Storage:DataDirectory={data.Path}");

        Assert.Equal(1, exitCode);
        Assert.Contains("The PostgreSQL server could not be reached", output);
        Assert.DoesNotContain("not-to-be-shown", output);
        Assert.DoesNotContain("   at ", output);

        (exitCode, output) = await BotProcess.RunCommandAsync("migrate-to", "Hots=db.example.org;Database=pledgebot", $"--Storage:DataDirectory={data.Path}");

        Assert.Equal(2, exitCode);
        Assert.Contains("The connection string is not valid", output);
        Assert.DoesNotContain("   at ", output);
    }

    private async Task<(int ExitCode, string Output, string Errors)> RunAsync(string connectionString)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exitCode = await MigrateToCommand.RunAsync(["migrate-to", connectionString, $"--Storage:DataDirectory={data.Path}"], output, errors);
        return (exitCode, output.ToString(), errors.ToString());
    }

    private async Task<T> PostgresScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(target);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<object?[]>> PostgresRowsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(target);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            rows.Add(row);
        }

        return rows;
    }

    private SqliteConnection OpenSqlite()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(data.Path, "pledgebot.db")};Pooling=False");
        connection.Open();
        return connection;
    }

    private async Task<long> SqliteScalarAsync(string sql)
    {
        await using var connection = OpenSqlite();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<string> SqliteTextAsync(string sql)
    {
        await using var connection = OpenSqlite();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task<IReadOnlyList<string>> SqliteTablesAsync()
    {
        await using var connection = OpenSqlite();
        return await ReleaseDataFolder.TablesAsync(connection);
    }
}
