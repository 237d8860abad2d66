using System.Data.Common;
using Microsoft.Extensions.Options;
using PledgeBot.Campaign;
using PledgeBot.Crm;
using PledgeBot.Dialogs.Content;
using PledgeBot.Retention;
using PledgeBot.Storage;
using PledgeBot.Storage.Postgres;

namespace PledgeBot.Privacy;

/// <summary>
/// The host's data services for an operator's command (<c>forget</c>, <c>retention</c>, <c>crm</c>, <c>migrate-to</c>) that runs
/// instead of the host. They come from the same WebApplication builder and the same Add… calls as
/// in Program.cs, so a command reads the same settings (appsettings, environment, command line)
/// and finds the same data folder, secret, keys and campaign as the host; nothing listens and no
/// hosted service runs.
/// </summary>
public static class DataCommandHost
{
    public const int Done = 0;
    public const int Failed = 1;
    public const int Refused = 2;

    public static WebApplication Build(IEnumerable<string> settings)
    {
        var builder = WebApplication.CreateBuilder(settings.ToArray());
        builder.Services.AddCampaignContent();
        builder.Services.AddCampaignStorage(builder.Configuration);
        builder.Services.AddPersonKeys();
        builder.Services.AddPersonalDataEncryption();
        builder.Services.AddDataRetention();
        builder.Services.AddCrmOutbox();
        var app = builder.Build();
        // The settings checks the host makes when it starts: a wrong setting stops the command too.
        app.Services.GetService<IStartupValidator>()?.Validate();
        return app;
    }

    /// <summary>
    /// The database the host would use, which must exist already: a command pointed at the wrong
    /// folder says so instead of creating an empty database and reporting that nothing is stored.
    /// </summary>
    public static string ExistingDatabaseFile(IServiceProvider services)
    {
        if (services.GetService<PostgresDatabase>() is not null)
        {
            // A server database exists or the connection fails; the command's own work says which.
            return "PostgreSQL";
        }

        var file = Path.Combine(StorageSetup.DataDirectory(services), StorageSetup.DatabaseFileName);
        return File.Exists(file)
            ? file
            : throw new InvalidOperationException($"There is no database at '{file}'. Point Storage:DataDirectory at the bot's data folder, for example --Storage:DataDirectory=/srv/pledgebot/data.");
    }

    /// <summary>
    /// Takes the command's own options out of <paramref name="arguments"/>; the rest are host
    /// settings with a section (<c>--Storage:DataDirectory=...</c>), passed on as the host reads them.
    /// </summary>
    /// <param name="valued">Options followed by a value (<c>--email a@b</c> or <c>--email=a@b</c>).</param>
    /// <param name="flags">Options that stand alone (<c>--dry-run</c>).</param>
    public static bool TrySplit(
        IReadOnlyList<string> arguments, IReadOnlyCollection<string> valued, IReadOnlyCollection<string> flags,
        out Dictionary<string, string> options, out List<string> settings, out string problem)
    {
        options = new Dictionary<string, string>(StringComparer.Ordinal);
        settings = [];
        problem = "";
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? argument[..equals] : argument;
            if (flags.Contains(argument))
            {
                options[argument] = "";
            }
            else if (valued.Contains(name))
            {
                if (options.ContainsKey(name))
                {
                    // Two addresses to forget in one run: which one was meant? Neither is guessed.
                    problem = $"Option {name} is given more than once; give it once.";
                    return false;
                }

                if (equals > 0)
                {
                    options[name] = argument[(equals + 1)..];
                }
                else if (i + 1 < arguments.Count && !arguments[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    options[name] = arguments[++i];
                }
                else
                {
                    problem = $"Option {name} needs a value.";
                    return false;
                }
            }
            else if (name.StartsWith("--", StringComparison.Ordinal) && !name.Contains(':', StringComparison.Ordinal))
            {
                // Settings have a section (--Storage:DataDirectory); a bare name is a mistyped
                // option, and guessing (say, --dryrun as a setting) would do what was not asked.
                problem = $"Unknown option '{name}'.";
                return false;
            }
            else
            {
                settings.Add(argument);
            }
        }

        return true;
    }

    public static bool IsHelpRequested(IEnumerable<string> arguments) =>
        arguments.Any(a => a is "--help" or "-h" or "-?");

    /// <summary>What went wrong in terms an operator can act on; never a stack trace.</summary>
    public static bool TryExplain(Exception problem, out string message)
    {
        message = problem switch
        {
            AggregateException many when many.InnerExceptions.All(e => TryExplain(e, out _)) =>
                string.Join(Environment.NewLine, many.InnerExceptions.Select(e => TryExplain(e, out var one) ? one : "")),
            _ when PostgresProblems.TryExplain(problem, out var postgres) => postgres,
            OptionsValidationException invalid => string.Join(Environment.NewLine, invalid.Failures),
            InvalidCampaignContentException or InvalidOperationException or IOException or UnauthorizedAccessException => problem.Message,
            DbException database => $"The database could not be used: {database.Message}",
            _ => "",
        };
        return message.Length > 0;
    }
}
