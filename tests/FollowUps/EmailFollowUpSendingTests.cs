using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.FollowUps;

/// <summary>
/// Follow-ups by email from start to end, through the host's own sender and a real SMTP server:
/// voting closes, the confirmed subscriber gets the final results with a one-click unsubscribe,
/// the unconfirmed one is skipped, and after the one click nothing more is sent.
/// </summary>
public sealed class EmailFollowUpSendingTests : IAsyncLifetime
{
    private readonly TempFolder data = new();
    private readonly SmtpTestServer smtp = new();
    private BotApplication app = null!;
    private HttpClient chat = null!;

    public Task InitializeAsync()
    {
        smtp.Start();
        app = BotApplication.StartOnKestrel(data.Path, smtp.Settings());
        chat = app.CreateClient();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task WhenVotingClosesAConfirmedSubscriberIsEmailedTheResultsAndOneClickEndsIt()
    {
        var subscribers = new FollowUpSubscribers(app.Services);
        var queue = app.Services.GetRequiredService<IFollowUpQueue>();
        await EmailSubscribers.SubscribeAsync(chat, smtp, "anna", "Anna");
        await EmailSubscribers.SubscribeAsync(chat, smtp, "ben", "Ben", confirm: false);

        await app.Services.GetRequiredService<IVotingControls>().SaveAsync(new VotingSettings(ClosedNow: true, ClosesAt: null, HideTalliesUntilClosed: false));
        app.Services.GetRequiredService<FollowUpSignal>().Pulse();
        var results = await smtp.NextMessageAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("anna@example.org", Assert.Single(results.To.Mailboxes).Address);
        Assert.Equal("Voting has closed", results.Subject);
        Assert.Contains("The final results: 0 votes in all.", results.TextBody);
        Assert.Equal("List-Unsubscribe=One-Click", results.Headers["List-Unsubscribe-Post"]);
        var closed = Assert.Single(await queue.ProgressAsync(subscribers.CampaignId));
        var progress = await subscribers.FinishedAsync(closed.UpdateId, TimeSpan.FromSeconds(30));
        Assert.Equal((1, 1), (progress.Sent, progress.Skipped));

        using var mailClient = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await mailClient.PostAsync(EmailSubscribers.UnsubscribeLink(results), EmailSubscribers.OneClickBody())).StatusCode);
        var news = await subscribers.SendUpdateAsync("One more thing", "Thank you.");
        var after = await subscribers.FinishedAsync(news, TimeSpan.FromSeconds(30));

        // Only Ben is still subscribed, and his address is still unconfirmed.
        Assert.Equal((0, 1), (after.Sent, after.Skipped));
        Assert.Equal(2 + 1, smtp.ReceivedCount);
    }

    public async Task DisposeAsync()
    {
        app.Dispose();
        await smtp.DisposeAsync();
        data.Dispose();
    }
}
