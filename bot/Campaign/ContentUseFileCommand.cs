using Microsoft.Extensions.Options;
using PledgeBot.Dialogs.Content;
using PledgeBot.Privacy;
using PledgeBot.Storage;

namespace PledgeBot.Campaign;

/// <summary>
/// <c>content use-file</c>: the way back from published content to the content file, for when a
/// published version no longer starts (its image was deleted, say) or the file should simply run
/// again. Every published version is withdrawn (kept in the database, for the record), so the
/// next start runs the file. The file is checked first: a broken file is not switched to.
/// </summary>
public static class ContentUseFileCommand
{
    public const string Verb = "content";
    public const string Action = "use-file";
    public const string Who = "operator (content use-file command)";

    public const string Usage = """
        Usage: dotnet run --project bot -- content use-file [settings]

          Runs the content file (Campaign:ContentFile) from the next start, instead of the content
          published in the admin area. Published versions stay in the database, withdrawn.
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

        if (arguments.Count == 0 || arguments[0] != Action)
        {
            errors.WriteLine(Usage);
            return DataCommandHost.Refused;
        }

        if (!DataCommandHost.TrySplit(arguments.Skip(1).ToList(), [], [], out _, out var settings, out var problem))
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
            var file = CampaignSetup.ContentFilePath(host.Services.GetRequiredService<IOptions<CampaignOptions>>().Value);
            // Throws, with every problem, when the file would not start either.
            CampaignContentLoader.Load(file);
            var clock = host.Services.GetRequiredService<TimeProvider>();
            var withdrawn = await host.Services.GetRequiredService<IContentVersions>().WithdrawAllAsync(clock.GetUtcNow());
            await host.Services.GetRequiredService<IAdminAuditLog>().RecordAsync(Who, $"went back to the content file ({withdrawn} published version{(withdrawn == 1 ? "" : "s")} withdrawn)");
            output.WriteLine(withdrawn == 0
                ? $"The content file {file} already runs: nothing was published since. Nothing was changed."
                : $"The content file {file} runs from the next start. {withdrawn} published version{(withdrawn == 1 ? " was" : "s were")} withdrawn (kept in the database). A bot that is running now keeps its content until it is restarted.");
            return DataCommandHost.Done;
        }
        catch (Exception e) when (DataCommandHost.TryExplain(e, out var message))
        {
            errors.WriteLine(message);
            return DataCommandHost.Failed;
        }
    }
}
