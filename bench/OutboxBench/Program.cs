using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using PledgeBot.Bench.LoadTool;
using StandardWebhooks;

namespace PledgeBot.Bench.OutboxBench;

/// <summary>
/// 1. The floor: the receiver fed directly by signed posts of pledge-sized bodies, as many at once
///    as the bot's webhook deliveries (Crm:Webhook:MaxInFlight). 2. The bot (Release build, its own
///    process): pledges taken through /api/messages while the receiver holds its answers, so the
///    outbox fills; then the receiver opens and the time until every pledge is taken is measured.
/// Usage: OutboxBench [--pledges N] [--in-flight N] [--bot path/to/PledgeBot.dll]
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var pledges = Option(args, "--pledges", 2000);
        var inFlight = Option(args, "--in-flight", 8);
        var botDll = args.SkipWhile(a => a != "--bot").Skip(1).FirstOrDefault() ?? Path.Combine(FindRepository(), "bot/bin/Release/net10.0/PledgeBot.dll");
        var secret = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using var receiver = new BenchReceiver(secret);
        await receiver.StartAsync();
        receiver.Open();

        // A first pass warms up both sides' code paths; the second is the floor.
        await FloorAsync(receiver, secret, Math.Min(pledges, 500), inFlight);
        receiver.Clear();
        var floor = await FloorAsync(receiver, secret, pledges, inFlight);
        receiver.Clear();
        receiver.Close();

        var settings = new Dictionary<string, string>(HostProcess.BenchmarkSettings)
        {
            ["Crm__Webhook__Url"] = receiver.Url,
            ["Crm__Webhook__Secret"] = secret,
            ["Crm__Webhook__MaxInFlight"] = inFlight.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // The first deliveries wait at the closed receiver while the outbox fills.
            ["Crm__CallTimeoutSeconds"] = "300",
            ["Pledges__DoubleOptIn"] = "false",
        };
        await using var host = await HostProcess.StartAsync(botDll, settings, CancellationToken.None);
        var filling = Stopwatch.StartNew();
        await TakePledgesAsync(host.Address, pledges);
        var fillSeconds = filling.Elapsed.TotalSeconds;

        var draining = Stopwatch.StartNew();
        receiver.Open();
        while (receiver.Taken < pledges)
        {
            if (draining.Elapsed > TimeSpan.FromMinutes(10))
            {
                await Console.Error.WriteLineAsync($"Only {receiver.Taken} of {pledges} delivered in 10 minutes.\n{host.Output}");
                return 1;
            }

            await Task.Delay(10);
        }

        var outbox = pledges / draining.Elapsed.TotalSeconds;
        Console.WriteLine($"OutboxBench {string.Join(' ', args)}");
        Console.WriteLine($"| pledges | in flight | floor: signed posts/s | outbox: pledges delivered/s | × floor | pledges taken in the chat/s (5 turns each) | rejected signatures |");
        Console.WriteLine($"| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine($"| {pledges:N0} | {inFlight} | {floor:N0} | {outbox:N0} | {outbox / floor:0.00} | {pledges / fillSeconds:N0} | {receiver.Rejected} |");
        return receiver.Rejected == 0 ? 0 : 1;
    }

    private static async Task<double> FloorAsync(BenchReceiver receiver, string secret, int count, int inFlight)
    {
        using var http = new HttpClient();
        var signer = new StandardWebhook(secret);
        var next = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i <= count; i = Interlocked.Increment(ref next))
            {
                var id = "msg_floor" + i;
                var body = Body(i);
                var now = DateTimeOffset.UtcNow;
                using var request = new HttpRequestMessage(HttpMethod.Post, receiver.Url) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                request.Headers.Add("webhook-id", id);
                request.Headers.Add("webhook-timestamp", now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
                request.Headers.Add("webhook-signature", signer.Sign(id, now, body));
                using var response = await http.SendAsync(request);
                response.EnsureSuccessStatusCode();
            }
        }));
        return count / watch.Elapsed.TotalSeconds;
    }

    /// <summary>A body the size and shape of the bot's pledge.created.</summary>
    private static string Body(int i) => new JsonObject
    {
        ["type"] = "pledge.created",
        ["timestamp"] = DateTimeOffset.UtcNow,
        ["data"] = new JsonObject
        {
            ["supporter_id"] = "pledgebot:" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            ["campaign_id"] = "stand-with-them",
            ["pledge_id"] = "not-on-my-screen",
            ["first_name"] = "Person" + i,
            ["email"] = $"person{i}@example.org",
            ["language"] = "en-GB",
            ["channel"] = "emulator",
            ["consented_at"] = DateTimeOffset.UtcNow,
            ["consent_statement_version"] = 1,
            ["email_confirmed"] = true,
        },
    }.ToJsonString();

    private static async Task TakePledgesAsync(Uri bot, int count)
    {
        using var http = new HttpClient { BaseAddress = bot };
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i <= count; i = Interlocked.Increment(ref next))
            {
                foreach (var text in new[] { "pledge", "Person" + i, $"person{i}@example.org", "yes", "yes" })
                {
                    var activity = new JsonObject
                    {
                        ["type"] = "message",
                        ["id"] = Guid.NewGuid().ToString(),
                        ["channelId"] = "emulator",
                        ["serviceUrl"] = "http://127.0.0.1:9/",
                        ["deliveryMode"] = "expectReplies",
                        ["from"] = new JsonObject { ["id"] = "bench-" + i, ["name"] = "Bench person" },
                        ["conversation"] = new JsonObject { ["id"] = "bench-chat-" + i },
                        ["recipient"] = new JsonObject { ["id"] = "campaign-bot" },
                        ["locale"] = "en-GB",
                        ["text"] = text,
                    };
                    using var response = await http.PostAsync("/api/messages", new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));
                    response.EnsureSuccessStatusCode();
                }
            }
        }));
    }

    private static int Option(string[] args, string name, int fallback) =>
        args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } value ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : fallback;

    private static string FindRepository()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Bot.sln")))
            {
                return folder.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
