using PledgeBot.Privacy;

namespace PledgeBot.Crm;

/// <summary>
/// <c>crm [status | retry &lt;destination&gt;]</c>: the CRM deliveries per configured CRM, as the
/// admin page shows them, or the retry of one CRM's dead letters (an audit line by
/// <see cref="Who"/>). A bot running on the same database delivers them at its next look, within
/// seconds. Prints counts, statuses and reasons only, never who.
/// </summary>
public static class CrmCommand
{
    public const string Verb = "crm";

    /// <summary>Who retried, in the audit log.</summary>
    public const string Who = "command line";

    public const string Usage = """
        Usage: dotnet run --project bot -- crm [status | retry <destination>] [settings]

          status                Show each configured CRM's deliveries: delivered, skipped (nothing
                                to send), pending, failing, dead-lettered, and the last error.
                                The default.
          retry <destination>   Make the dead-lettered deliveries to one CRM (webhook, mailchimp,
                                action-network) pending again; the bot delivers them within seconds.
          settings              The host's settings, as for the host, e.g. --Storage:DataDirectory=<folder>.
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

        // The words before the first setting say what to do; settings all start with "--".
        var words = arguments.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        if (!TryReadWords(words, out var destination, out var problem)
            || !DataCommandHost.TrySplit(arguments.Skip(words.Count).ToList(), [], [], out _, out var settings, out problem))
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
            var status = host.Services.GetRequiredService<CrmDeliveryStatus>();
            if (status.ConfiguredNames.Count == 0)
            {
                (destination is null ? output : errors).WriteLine(
                    $"No CRM is configured, so pledges are not sent to any. To send them, configure one or more CRMs ({string.Join(", ", CrmDeliveryStatus.EnablingSettings)}).");
                return destination is null ? DataCommandHost.Done : DataCommandHost.Refused;
            }

            if (destination is null)
            {
                foreach (var crm in await status.ReadAsync())
                {
                    Describe(crm, output);
                }

                return DataCommandHost.Done;
            }

            if (!status.IsConfigured(destination))
            {
                errors.WriteLine($"There is no CRM '{destination}' configured here. Configured: {string.Join(", ", status.ConfiguredNames)}.");
                return DataCommandHost.Refused;
            }

            var retried = await status.RetryDeadAsync(destination, Who);
            output.WriteLine(status.DescribeRetry(destination, retried, "a running bot delivers them within seconds"));
            return DataCommandHost.Done;
        }
        catch (Exception e) when (DataCommandHost.TryExplain(e, out var message))
        {
            errors.WriteLine(message);
            return DataCommandHost.Failed;
        }
    }

    /// <param name="destination">Null for <c>status</c>.</param>
    private static bool TryReadWords(IReadOnlyList<string> words, out string? destination, out string problem)
    {
        destination = null;
        problem = "";
        switch (words)
        {
            case [] or ["status"]:
                return true;
            case ["retry", var name]:
                destination = name;
                return true;
            case ["retry"]:
                problem = "retry needs the CRM whose dead letters to retry, e.g. crm retry webhook.";
                return false;
            default:
                problem = $"Unknown request '{string.Join(' ', words)}': give status, or retry and a CRM.";
                return false;
        }
    }

    private static void Describe(CrmDestinationStatus crm, TextWriter output)
    {
        output.WriteLine($"{crm.Label} ({crm.Name}):");
        output.WriteLine($"  delivered      {crm.Delivered}");
        output.WriteLine($"  skipped        {crm.Skipped} (nothing to send)");
        output.WriteLine($"  pending        {crm.Pending}");
        output.WriteLine($"  failing        {crm.Failing} (pending, failed at least once)");
        output.WriteLine($"  dead-lettered  {crm.Dead}");
        output.WriteLine(crm.LastError is { } error
            ? $"  last error     {CrmDeliveryStatus.DescribeError(error)} at {CrmDeliveryStatus.Moment(error.At)}"
            : "  last error     none");
    }
}
