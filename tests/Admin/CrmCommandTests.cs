using PledgeBot.Privacy;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Admin;

/// <summary>The built bot run as <c>crm [status | retry &lt;destination&gt;]</c> on a folder where the host dead-lettered a webhook delivery.</summary>
public sealed class CrmCommandTests : IAsyncLifetime
{
    private const string Email = "annabel.crm@example.org";

    private readonly TempFolder data = new();
    private WebhookReceiverStandIn receiver = null!;

    private DataFolderRows Rows => new(data.Path);

    public async Task InitializeAsync()
    {
        receiver = await WebhookReceiverStandIn.StartAsync();
        receiver.Answer = 400;
    }

    public async Task DisposeAsync()
    {
        await receiver.DisposeAsync();
        data.Dispose();
    }

    [Fact]
    public async Task StatusPrintsEachCrmsCountsAndLastErrorAndNeitherThePersonNorTheSecrets()
    {
        await PledgeDeadLetteredAsync();

        var (exitCode, output) = await RunAsync("crm", "status");

        Assert.True(exitCode == 0, output);
        Assert.Contains("Signed webhooks (webhook):", output);
        Assert.Contains("delivered      0", output);
        Assert.Contains("dead-lettered  1", output);
        Assert.Contains("last error     HTTP 400: Bad Request at ", output);
        Assert.DoesNotContain(Email, output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Annabel", output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(receiver.Secret["whsec_".Length..], output);
        Assert.DoesNotContain(WebhookReceiverStandIn.SecretQuery, output);
        Assert.Equal(output, (await RunAsync("crm")).Output);
    }

    [Fact]
    public async Task RetryMakesTheDeadLettersPendingLeavesAnAuditLineAndTheBotDeliversThem()
    {
        await PledgeDeadLetteredAsync();

        var (exitCode, output) = await RunAsync("crm", "retry", "webhook");

        Assert.True(exitCode == 0, output);
        Assert.Contains("Retried 1 dead-lettered delivery to Signed webhooks", output);
        Assert.Equal(1, await Rows.CountAsync("SELECT count(*) FROM crm_deliveries WHERE destination = 'webhook' AND state = 'pending' AND attempts = 0"));
        Assert.Equal(1, await Rows.CountAsync(
            "SELECT count(*) FROM admin_audit WHERE who = 'command line' AND action = 'retried 1 dead CRM delivery to webhook'"));
        Assert.Contains("had no dead-lettered deliveries to retry", (await RunAsync("crm", "retry", "webhook")).Output);

        // The bot, started again with the CRM taking deliveries now, delivers it.
        receiver.Answer = 200;
        using var restarted = new BotApplication(data.Path, AdminRequests.Settings(receiver.SettingsDeadLetteringAfter()));
        _ = restarted.Server;
        await Eventually.TrueAsync(async () => await DeliveriesAsync("delivered") == 1, "the retried delivery is delivered");
        Assert.Equal(1, receiver.Taken);
    }

    [Theory]
    [InlineData("mailchimp", "There is no CRM 'mailchimp' configured here. Configured: webhook.")]
    [InlineData("nowhere", "There is no CRM 'nowhere' configured here. Configured: webhook.")]
    public async Task RetryForACrmThatIsNotConfiguredIsRefusedWithExitCode2(string destination, string message)
    {
        await PledgeDeadLetteredAsync();

        var (exitCode, output) = await RunAsync("crm", "retry", destination);

        Assert.Equal(DataCommandHost.Refused, exitCode);
        Assert.Contains(message, output);
        Assert.Equal(1, await Rows.CountAsync("SELECT count(*) FROM crm_deliveries WHERE state = 'dead'"));
    }

    [Theory]
    [InlineData("retry")]
    [InlineData("resend", "webhook")]
    public async Task AnIncompleteOrUnknownRequestIsRefusedWithExitCode2AndTheUsage(params string[] words)
    {
        var (exitCode, output) = await BotProcess.RunCommandAsync(["crm", .. words, $"--Storage:DataDirectory={data.Path}"]);

        Assert.Equal(DataCommandHost.Refused, exitCode);
        Assert.Contains("Usage: dotnet run --project bot -- crm [status | retry <destination>]", output);
    }

    [Fact]
    public async Task WithoutACrmStatusSaysSoAndNamesTheSettings()
    {
        using (var app = new BotApplication(data.Path))
        {
            await app.PledgeAsync(new ChannelActivities("annabel", "annabel-chat"), "Annabel", Email);
        }

        var (exitCode, output) = await BotProcess.RunCommandAsync("crm", "status", $"--Storage:DataDirectory={data.Path}");

        Assert.True(exitCode == 0, output);
        Assert.Contains("No CRM is configured", output);
        Assert.Contains("Crm:Webhook:Url, Crm:Mailchimp:ApiKey, Crm:ActionNetwork:ApiKey", output);
    }

    /// <summary>The command with this folder and the CRM settings the host ran with.</summary>
    private Task<(int ExitCode, string Output)> RunAsync(params string[] words) =>
        BotProcess.RunCommandAsync([.. words, $"--Storage:DataDirectory={data.Path}", .. receiver.SettingsDeadLetteringAfter().Select(s => $"--{s.Key}={s.Value}")]);

    private async Task PledgeDeadLetteredAsync()
    {
        using var app = new BotApplication(data.Path, AdminRequests.Settings(receiver.SettingsDeadLetteringAfter()));
        await app.PledgeAsync(new ChannelActivities("annabel", "annabel-chat"), "Annabel", Email);
        await Eventually.TrueAsync(async () => await DeliveriesAsync("dead") == 1, "the refused delivery is dead-lettered");
    }

    private Task<long> DeliveriesAsync(string state) =>
        Rows.CountAsync("SELECT count(*) FROM crm_deliveries WHERE destination = 'webhook' AND state = $state", ("$state", state));
}
