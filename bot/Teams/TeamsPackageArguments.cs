using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using PledgeBot.CommandLine;

namespace PledgeBot.Teams;

/// <summary>
/// The options of <c>teams-package</c>, checked. Teams refuses a package whose ids are not GUIDs,
/// and the domain becomes addresses (https://domain/privacy) and validDomains, so both are
/// checked here, where the operator can still be told what to type.
/// </summary>
public sealed partial record TeamsPackageArguments(string AppId, string Domain, string OutputFile, string ContentFile)
{
    public const string DefaultFileName = "teams-app.zip";

    public const string Usage = """
        Usage: dotnet run --project bot -- teams-package --app-id <guid> --domain <host> [--output <file>] [--content <file>]

          --app-id   The bot's Microsoft App ID (the MicrosoftAppId setting), a GUID.
          --domain   The public host name the bot is reached at, e.g. bot.example.org
                     (no https://, no path, no port).
          --output   Where to write the zip (a file, or a folder to put teams-app.zip in).
                     Default: data/teams-app.zip under the current folder, which is bot/
                     under `dotnet run --project bot`.
          --content  The campaign content file. Default: campaign/campaign.json beside the app.
        """;

    // The app's own content file, never the working directory's, like the host's default.
    public static string DefaultContentFile => Path.GetFullPath("campaign/campaign.json", AppContext.BaseDirectory);

    // The bot's data folder under its default settings (Storage:DataDirectory "data" under the
    // content root, which is the working folder): ignored by git, next to the database.
    public static string DefaultOutputFile => Path.GetFullPath(Path.Combine("data", DefaultFileName));

    public static bool IsHelpRequested(IEnumerable<string> options) =>
        options.Any(o => o is "--help" or "-h" or "-?");

    /// <summary>Reads the options after the verb; on a mistake, <paramref name="problem"/> says what to type instead.</summary>
    public static bool TryParse(IReadOnlyList<string> options, [NotNullWhen(true)] out TeamsPackageArguments? arguments, out string problem)
    {
        arguments = null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Count; i++)
        {
            var (name, value) = SplitOption(options[i]);
            if (name is not ("--app-id" or "--domain" or "--output" or "--content"))
            {
                problem = $"Unknown option '{options[i]}'.";
                return false;
            }

            if (value is null)
            {
                if (i + 1 >= options.Count || options[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    problem = $"Option {name} needs a value.";
                    return false;
                }

                value = options[++i];
            }

            values[name] = value.Trim();
        }

        if (!values.TryGetValue("--app-id", out var appIdText))
        {
            problem = "--app-id is required: the bot's Microsoft App ID (the MicrosoftAppId setting).";
            return false;
        }

        if (!Guid.TryParseExact(appIdText, "D", out var appId) || appId == Guid.Empty)
        {
            problem = $"--app-id must be the bot's Microsoft App ID, a GUID such as 2f1e9c3a-7b4d-4e8f-9a10-5c6d7e8f9a0b (got '{appIdText}').";
            return false;
        }

        if (!values.TryGetValue("--domain", out var domain))
        {
            problem = "--domain is required: the public host name the bot is reached at, e.g. bot.example.org.";
            return false;
        }

        if (!HostNamePattern().IsMatch(domain))
        {
            problem = $"--domain must be the bot's public host name alone, such as bot.example.org: no https://, no path, no port (got '{domain}').";
            return false;
        }

        arguments = new TeamsPackageArguments(
            appId.ToString("D"),
            domain.ToLowerInvariant(),
            OutputFileFrom(values.GetValueOrDefault("--output")),
            values.TryGetValue("--content", out var content) ? CallerPaths.Resolve(content) : DefaultContentFile);
        problem = "";
        return true;
    }

    private static (string Name, string? Value) SplitOption(string option)
    {
        var equals = option.IndexOf('=', StringComparison.Ordinal);
        return option.StartsWith("--", StringComparison.Ordinal) && equals > 0
            ? (option[..equals], option[(equals + 1)..])
            : (option, null);
    }

    private static string OutputFileFrom(string? output)
    {
        if (string.IsNullOrEmpty(output))
        {
            return DefaultOutputFile;
        }

        var full = CallerPaths.Resolve(output);
        return Directory.Exists(full) ? Path.Combine(full, DefaultFileName) : full;
    }

    // Two or more DNS labels, the last starting with a letter (so no IP addresses); Teams wants
    // a name it can reach over https, so nothing like localhost either.
    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HostNamePattern();
}
