using System.Globalization;
using PledgeBot.Dialogs.Content;
using PledgeBot.Privacy;
using PledgeBot.Storage;

namespace PledgeBot.Retention;

/// <summary>
/// <c>retention [--dry-run]</c>: shows when the campaign's personal data stops being kept and
/// what that takes, and without <c>--dry-run</c> takes it now when it is due, as the daily job
/// would. Prints counts only, never who.
/// </summary>
public static class RetentionCommand
{
    public const string Verb = "retention";
    private const string DryRun = "--dry-run";

    public const string Usage = """
        Usage: dotnet run --project bot -- retention [--dry-run] [settings]

          --dry-run  Show what retention takes (per pledge, and votes) and when, changing nothing.
                     Without it, retention is applied now if it is due.
          settings   The host's settings, as for the host, e.g. --Storage:DataDirectory=<folder>,
                     --Privacy:RetentionMonths=24.
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

        if (!DataCommandHost.TrySplit(arguments, [], [DryRun], out var options, out var settings, out var problem))
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
            var content = host.Services.GetRequiredService<CurrentCampaign>().Content;
            var schedule = host.Services.GetRequiredService<RetentionSchedule>();
            var store = host.Services.GetRequiredService<IRetentionStore>();
            var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            if (schedule.AppliesFrom is not { } appliesFrom)
            {
                output.WriteLine($"Campaign '{content.Id}' has no end date (endsOn in the campaign content file), so its personal data is kept until people ask to be forgotten. Nothing was changed.");
                return DataCommandHost.Done;
            }

            var ended = schedule.EndsOn < DateOnly.FromDateTime(now.UtcDateTime) ? "ended" : "ends";
            output.WriteLine($"Campaign '{content.Id}' {ended} on {Day(schedule.EndsOn!.Value)}; personal data is kept {schedule.RetentionMonths} months after that, so retention applies from {Day(appliesFrom)}.");
            var due = schedule.IsDue(now);
            if (options.ContainsKey(DryRun))
            {
                var preview = await store.PreviewAsync(content.Id);
                output.WriteLine(due
                    ? "It is due. Applying it now would take:"
                    : $"It is not due yet. On {Day(appliesFrom)} it would take (as stored today):");
                Describe(content, preview, output);
                output.WriteLine("Pledge counts and vote tallies stay as they are. Nothing was changed (dry run).");
                return DataCommandHost.Done;
            }

            if (!due)
            {
                output.WriteLine($"It is not due yet: it applies from {Day(appliesFrom)}. Nothing was changed.");
                return DataCommandHost.Done;
            }

            var taken = await store.ApplyAsync(content.Id);
            output.WriteLine(taken.NothingFound ? "Nothing was left to take." : "Taken:");
            if (!taken.NothingFound)
            {
                Describe(content, taken, output);
                output.WriteLine("Pledge counts and vote tallies stay as they are.");
            }

            return DataCommandHost.Done;
        }
        catch (Exception e) when (DataCommandHost.TryExplain(e, out var message))
        {
            errors.WriteLine(message);
            return DataCommandHost.Failed;
        }
    }

    /// <summary>One line per pledge of the campaign (and any stored under an id the content no longer has), then the votes.</summary>
    private static void Describe(CampaignContent content, RetentionReport report, TextWriter output)
    {
        var pledgeIds = content.CausesWithPledges.Select(c => c.Pledge!.Id)
            .Union(report.Pledges.Select(p => p.PledgeId), StringComparer.Ordinal);
        foreach (var pledgeId in pledgeIds)
        {
            var counts = report.Pledges.FirstOrDefault(p => p.PledgeId == pledgeId) ?? new PledgeRetention(pledgeId, 0, 0, 0);
            output.WriteLine(
                $"  pledge '{pledgeId}': the first names, emails and keys of {Count(counts.Pledges, "pledge")}, "
                + $"{Count(counts.ConsentRecords, "consent record")}, {Count(counts.QueuedEmails, "confirmation email record")}");
        }

        output.WriteLine($"  votes: the person keys of {Count(report.Votes, "vote")}");
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
