using PledgeBot.Dialogs.Conversation;
using PledgeBot.Dialogs.Identity;
using PledgeBot.Storage;

namespace PledgeBot.Privacy;

/// <summary>
/// <c>forget --email &lt;address&gt;</c>: erasure for a request that arrived by post or email.
/// Erases every pledge signed with the address, the votes of the chats that signed them and the
/// consent records, leaves an audit line with source <see cref="Source"/>, prints the counts and
/// exits. The address is never printed or logged, not even when it is refused.
/// </summary>
public static class ForgetEmailCommand
{
    public const string Verb = "forget";
    public const string Source = "command";

    public const string Usage = """
        Usage: dotnet run --project bot -- forget --email <address> [settings]

          --email   The email address to forget: every pledge signed with it, the votes of the
                    chats that signed them and their consent records are erased.
          settings  The host's settings, as for the host, e.g. --Storage:DataDirectory=<folder>.
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

        if (!DataCommandHost.TrySplit(arguments, ["--email"], [], out var options, out var settings, out var problem)
            || !TryReadEmail(options, out var email, out problem))
        {
            errors.WriteLine(problem);
            errors.WriteLine();
            errors.WriteLine(Usage);
            return DataCommandHost.Refused;
        }

        try
        {
            await using var host = DataCommandHost.Build(settings);
            DataCommandHost.ExistingDatabaseFile(host.Services);
            var emailKey = host.Services.GetRequiredService<PersonKeyHasher>().EmailKey(email);
            var erased = await host.Services.GetRequiredService<IPersonalDataStore>().ForgetEmailAsync(emailKey, Source);
            output.WriteLine(Describe(erased));
            return DataCommandHost.Done;
        }
        catch (Exception e) when (DataCommandHost.TryExplain(e, out var message))
        {
            errors.WriteLine(message);
            return DataCommandHost.Failed;
        }
    }

    public static string Describe(ErasureResult erased) =>
        erased.NothingFound
            ? "Nothing is stored for that address."
            : $"Erased {Count(erased.Pledges, "pledge")}, {Count(erased.Votes, "vote")} and {Count(erased.ConsentRecords, "consent record")} for that address.";

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    // The pledge's own check, so any address a pledge could have been signed with is accepted.
    private static bool TryReadEmail(Dictionary<string, string> options, out string email, out string problem)
    {
        email = "";
        if (!options.TryGetValue("--email", out var given) || string.IsNullOrWhiteSpace(given))
        {
            problem = "--email is required: the email address whose pledges are to be erased.";
            return false;
        }

        var check = PledgeAnswerRules.Email(given);
        if (!check.IsValid)
        {
            problem = "--email must be an email address such as name@example.org.";
            return false;
        }

        email = check.Value!;
        problem = "";
        return true;
    }
}
