using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PledgeBot.BotFramework;
using PledgeBot.Tests.Support;

namespace PledgeBot.Bench.TeamsDeliveryBench;

/// <summary>
/// 1. The floor: the real sender with its pace lifted, to a stand-in that takes everything: how
///    fast this machine sends follow-ups at all. 2. The measured run: default limits, the stand-in
///    keeping Teams' limits (and answering 429 to any request that breaks one). Each tenant's
///    recipients (each in a conversation of their own) are fed with a bounded number in flight, all
///    tenants at once; the rate per tenant is taken from the stand-in's arrival times.
/// Usage: TeamsDeliveryBench [--tenants 3] [--recipients 3000] [--in-flight 100]
/// </summary>
public static class Bench
{
    public static async Task<int> Main(string[] args)
    {
        // WebApplicationFactory finds the bot's content root from its manifest beside this program,
        // looked up from the working directory.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        var tenants = Option(args, "--tenants", 3);
        var recipients = Option(args, "--recipients", 3000);
        var inFlight = Option(args, "--in-flight", 100);
        Console.WriteLine($"{tenants} tenants x {recipients:N0} recipients, {inFlight} in flight per tenant, {Environment.ProcessorCount} cores");

        var floor = await RunAsync("floor: no limits on either side", tenants, recipients, inFlight, limited: false);
        var measured = await RunAsync("Teams' limits (default settings)", tenants, recipients, inFlight, limited: true);
        var throughWorker = await RunThroughTheWorkerAsync(tenants, recipients);
        Console.WriteLine($"per tenant: {measured:0.0} requests/s sent directly, {throughWorker:0.0} through the queue and its worker, against a floor of {floor:0.0} (goal: at least 45 of the 50 allowed)");
        return 0;
    }

    /// <returns>The slowest tenant's sustained requests per second.</returns>
    private static async Task<double> RunAsync(string name, int tenantCount, int recipients, int inFlight, bool limited)
    {
        var data = Directory.CreateTempSubdirectory("teams-delivery-bench-");
        try
        {
            var settings = limited
                ? new Dictionary<string, string>()
                : new Dictionary<string, string>
                {
                    ["Outbound:RequestsPerSecondPerTenant"] = "1000",
                    ["Outbound:MessagesPerSecondPerConversation"] = "100",
                };
            await using var host = new BenchHost(data.FullName, settings);
            var sender = host.Services.GetRequiredService<TeamsProactiveSender>();
            await using var teams = limited ? await TeamsConnectorStandIn.StartAsync() : await TeamsConnectorStandIn.StartWithoutLimitsAsync();

            // Compiles the code paths and opens connections, as a running host has.
            await SendAllAsync(sender, TeamsRecipients.InTenant(teams.ServiceUrl, "tenant-warm-up", 200), inFlight);

            var tenants = Enumerable.Range(1, tenantCount).Select(i => $"tenant-{i}").ToList();
            var started = Stopwatch.GetTimestamp();
            var outcomes = await Task.WhenAll(tenants.Select(tenant => SendAllAsync(sender, TeamsRecipients.InTenant(teams.ServiceUrl, tenant, recipients), inFlight)));
            var elapsed = Stopwatch.GetElapsedTime(started);

            var accepted = teams.Accepted;
            Console.WriteLine($"{name}: {tenantCount * recipients:N0} sends in {elapsed.TotalSeconds:0.0} s, limit breaks: {teams.LimitBreaks}");
            var slowest = double.MaxValue;
            foreach (var tenant in tenants)
            {
                var arrivals = accepted.Where(a => a.TenantId == tenant).Select(a => a.ArrivedAt).Order().ToList();
                // From the first arrival to the last: the rate it kept up, its opening burst aside.
                var perSecond = (arrivals.Count - 1) / (arrivals[^1] - arrivals[0]).TotalSeconds;
                slowest = Math.Min(slowest, perSecond);
                var results = outcomes[tenants.IndexOf(tenant)].GroupBy(r => r).Select(g => $"{g.Key} {g.Count():N0}");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {tenant}: {perSecond:0.0} requests/s, most in any second {teams.PeakPerSecond(tenant)}, outcomes: {string.Join(", ", results)}, delivered once: {arrivals.Count == recipients && accepted.Where(a => a.TenantId == tenant).Select(a => a.ConversationId).Distinct().Count() == recipients}"));
            }

            return slowest;
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    /// <summary>
    /// 3. As a campaign sends it: every recipient subscribed, one update added to the durable queue,
    /// and the host's own worker sending it lane by lane (default settings: 100 in flight per tenant).
    /// </summary>
    private static async Task<double> RunThroughTheWorkerAsync(int tenantCount, int recipients)
    {
        var data = Directory.CreateTempSubdirectory("teams-delivery-bench-");
        try
        {
            await using var host = new BenchHost(data.FullName, new Dictionary<string, string>());
            await using var teams = await TeamsConnectorStandIn.StartAsync();
            var subscribers = new FollowUpSubscribers(host.Services);
            var tenants = Enumerable.Range(1, tenantCount).Select(i => $"tenant-{i}").ToList();
            await subscribers.SubscribeInTeamsAsync(tenants.SelectMany(tenant => TeamsRecipients.InTenant(teams.ServiceUrl, tenant, recipients)).ToList());

            var started = Stopwatch.GetTimestamp();
            var update = await subscribers.SendUpdateAsync("Voting has closed", "See the results.");
            var progress = await subscribers.FinishedAsync(update, TimeSpan.FromHours(1));
            var elapsed = Stopwatch.GetElapsedTime(started);

            var accepted = teams.Accepted;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"through the queue and its worker: {tenantCount * recipients:N0} recipients in {elapsed.TotalSeconds:0.0} s, limit breaks: {teams.LimitBreaks}, sent {progress.Sent:N0}, failed {progress.Failed}, pending {progress.Pending}"));
            var slowest = double.MaxValue;
            foreach (var tenant in tenants)
            {
                var arrivals = accepted.Where(a => a.TenantId == tenant).Select(a => a.ArrivedAt).Order().ToList();
                var perSecond = (arrivals.Count - 1) / (arrivals[^1] - arrivals[0]).TotalSeconds;
                slowest = Math.Min(slowest, perSecond);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {tenant}: {perSecond:0.0} requests/s, most in any second {teams.PeakPerSecond(tenant)}, delivered once: {arrivals.Count == recipients && accepted.Where(a => a.TenantId == tenant).Select(a => a.ConversationId).Distinct().Count() == recipients}"));
            }

            return slowest;
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private static async Task<List<ProactiveSendResult>> SendAllAsync(TeamsProactiveSender sender, IReadOnlyList<Microsoft.Bot.Schema.ConversationReference> people, int inFlight)
    {
        var results = new ProactiveSendResult[people.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, people.Count), new ParallelOptions { MaxDegreeOfParallelism = inFlight }, async (i, cancellationToken) =>
            results[i] = (await sender.SendAsync(people[i], TeamsRecipients.Update("Voting has closed: see the results."), cancellationToken)).Result);
        return [.. results];
    }

    private static int Option(string[] args, string name, int fallback) =>
        args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
