using Microsoft.Extensions.Options;
using Npgsql;
using PledgeBot.Privacy;
using PledgeBot.Storage.Postgres;
using PledgeBot.Storage.Sqlite;

namespace PledgeBot.Storage;

/// <summary>
/// <c>migrate-to &lt;connection string&gt;</c>: copies the campaign's SQLite database (the data
/// folder the host is configured with) into an empty PostgreSQL database, for a campaign that
/// outgrows one machine. The target is migrated to the current schema, every table is copied in
/// one transaction and counted on both sides, and the tallies are rebuilt there. Prints table names
/// and counts only; never a value, nor the connection string's password.
/// </summary>
public static class MigrateToCommand
{
    public const string Verb = "migrate-to";

    public const string Usage = """
        Usage: dotnet run --project bot -- migrate-to <connection string> [settings]

          <connection string>   An Npgsql connection string of an empty PostgreSQL database, e.g.
                                "Host=db.example.org;Database=pledgebot;Username=pledgebot;Password=...".
          settings              The host's settings, as for the host, e.g. --Storage:DataDirectory=<folder>.

        Copies the campaign's SQLite database into it, in one transaction, and checks every table's
        count. Stop the bot first: what it writes during the copy is not copied. The names and emails
        stay encrypted: every instance on PostgreSQL needs this campaign's keys folder and person key secret.
        """;

    public static bool IsRequested(string[] args) =>
        args.Length > 0 && string.Equals(args[0], Verb, StringComparison.Ordinal);

    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error);

    /// <summary>Runs the verb; <paramref name="args"/> starts with the verb itself, as on the command line.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        var arguments = args.Skip(1).ToList();
        if (DataCommandHost.IsHelpRequested(arguments))
        {
            output.WriteLine(Usage);
            return DataCommandHost.Done;
        }

        var words = arguments.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        var problem = words.Count == 1 ? "" : "Give the PostgreSQL connection string, once, in quotes.";
        if (problem.Length > 0 || !DataCommandHost.TrySplit(arguments.Skip(words.Count).ToList(), [], [], out _, out var settings, out problem))
        {
            errors.WriteLine(problem);
            errors.WriteLine();
            errors.WriteLine(Usage);
            return DataCommandHost.Refused;
        }

        if (!PostgresProblems.TryRead(words[0], out var target, out problem))
        {
            errors.WriteLine(problem);
            return DataCommandHost.Refused;
        }

        try
        {
            var targetName = $"the PostgreSQL database '{target.Database}' on {target.Host}:{target.Port}";
            // From the SQLite file whatever the environment says: the source is the campaign's data folder.
            await using var host = DataCommandHost.Build([.. settings, $"--{StorageOptions.Section}:{nameof(StorageOptions.PostgresConnectionString)}="]);
            var file = DataCommandHost.ExistingDatabaseFile(host.Services);
            var source = host.Services.GetRequiredService<SqliteDatabase>();
            await using var dataSource = NpgsqlDataSource.Create(target.ConnectionString);

            // Before migrating it: a database that holds a campaign already is left as it is.
            await using (var connection = await dataSource.OpenConnectionAsync())
            {
                var holding = await SqliteToPostgresCopy.TablesHoldingDataAsync(connection, CancellationToken.None);
                if (holding.Count > 0)
                {
                    errors.WriteLine($"{Capitalised(targetName)} already holds data (in {string.Join(", ", holding)}). migrate-to copies into an empty database only; nothing was written.");
                    return DataCommandHost.Refused;
                }
            }

            await using (new PostgresDatabase(target.ConnectionString))
            {
                // Opening it brings its schema to the current version.
            }

            output.WriteLine($"Copying {file} to {targetName} ...");
            IReadOnlyList<SqliteToPostgresCopy.TableCopied> copied;
            await using (var reading = await source.OpenForReadingAsync())
            await using (var writing = await dataSource.OpenConnectionAsync())
            {
                copied = await SqliteToPostgresCopy.CopyAsync(reading, writing);
            }

            Describe(copied, output);
            output.WriteLine($"Done: every table was copied and its rows counted on both sides ({copied.Sum(t => t.Written)} rows, in one transaction).");
            output.WriteLine(KeysNote(host.Services));
            return DataCommandHost.Done;
        }
        catch (Exception e) when (TryExplainPostgres(e, out var message) || DataCommandHost.TryExplain(e, out message))
        {
            errors.WriteLine(message);
            return DataCommandHost.Failed;
        }
    }

    private static void Describe(IReadOnlyList<SqliteToPostgresCopy.TableCopied> copied, TextWriter output)
    {
        var width = copied.Max(t => t.Table.Length);
        output.WriteLine($"{"table".PadRight(width)}  {"read",8}  {"written",8}  check");
        foreach (var table in copied)
        {
            output.WriteLine($"{table.Table.PadRight(width)}  {table.Read,8}  {table.Written,8}  {(table.Complete ? "ok" : "MISMATCH")}");
        }
    }

    /// <summary>The copy keeps the encrypted values and keyed hashes as they are: only this campaign's keys and secret open and match them.</summary>
    private static string KeysNote(IServiceProvider services)
    {
        var secret = string.IsNullOrWhiteSpace(services.GetRequiredService<IOptions<PrivacyOptions>>().Value.PersonKeySecret)
            ? Path.Combine(StorageSetup.DataDirectory(services), PrivacySetup.SecretFileName)
            : "the setting Privacy:PersonKeySecret";
        return $"Names and emails were copied encrypted, as they were. Every bot instance on PostgreSQL needs this campaign's keys folder ({PersonalDataEncryptionSetup.KeysFolder(services).FullName}, setting Privacy:KeysDirectory) and its person key secret ({secret}); without them it cannot read the pledges nor recognise returning people.";
    }

    private static bool TryExplainPostgres(Exception problem, out string message)
    {
        var explained = PostgresProblems.TryExplain(problem, out message);
        message = explained ? $"{message} Nothing was copied." : "";
        return explained;
    }

    private static string Capitalised(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
