using Microsoft.Extensions.DependencyInjection;
using PledgeBot.Dialogs.Content;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.FollowUps;

/// <summary>
/// The automatic thank-yous: when the campaign's vote goal is reached, everyone subscribed hears
/// it; when a pledge's goal is reached, those who took that pledge do. Each once.
/// </summary>
public sealed class GoalFollowUpTests : IAsyncLifetime
{
    private readonly TempFolder data = new();
    private readonly TempFolder campaign = new();
    private TeamsConnectorStandIn teams = null!;
    private BotApplication app = null!;
    private FollowUpSubscribers subscribers = null!;

    private CampaignContent Content => app.Services.GetRequiredService<CurrentCampaign>().Content;

    private IFollowUpQueue Queue => app.Services.GetRequiredService<IFollowUpQueue>();

    public async Task InitializeAsync()
    {
        teams = await TeamsConnectorStandIn.StartAsync();
        var content = ShippedCampaign.CopyWith(campaign.Path, json =>
        {
            json["voteGoal"] = 3;
            json["causes"]![0]!["pledge"]!["goal"] = 2;
        });
        app = new BotApplication(data.Path, new Dictionary<string, string?> { ["Campaign:ContentFile"] = content });
        subscribers = new FollowUpSubscribers(app.Services);
    }

    [Fact]
    public async Task ReachingTheVoteGoalThanksEveryoneSubscribedOnce()
    {
        var people = TeamsRecipients.InTenant(teams.ServiceUrl, "tenant-contoso", 2);
        await subscribers.SubscribeInTeamsAsync(people);

        await VoteAsync(3);
        var update = await AddedAsync(FollowUpKind.VoteGoal);
        await subscribers.FinishedAsync(update.UpdateId, TimeSpan.FromSeconds(30));
        await VoteAsync(1);
        await Task.Delay(TimeSpan.FromSeconds(6));

        Assert.Single(await Queue.ProgressAsync(Content.Id));
        Assert.Equal(people.Select(p => p.Conversation.Id).Order(), teams.Accepted.Select(a => a.ConversationId).Order());
        var card = teams.Accepted[0].Activity.AsCard().Text();
        Assert.Contains("We reached our goal!", card);
        Assert.Contains("Together we passed the goal of 3 votes: 3 votes so far.", card);
    }

    [Fact]
    public async Task ReachingAPledgesGoalThanksThoseWhoTookThatPledge()
    {
        var people = TeamsRecipients.InTenant(teams.ServiceUrl, "tenant-contoso", 3);
        await subscribers.SubscribeInTeamsAsync(people);
        var pledge = Content.CausesWithPledges.First().Pledge!;

        await PledgeAsync(subscribers.PersonKeyOf(people[0]), pledge.Id);
        await PledgeAsync(subscribers.PersonKeyOf(people[2]), pledge.Id);
        var update = await AddedAsync(FollowUpKind.PledgeGoal);
        var progress = await subscribers.FinishedAsync(update.UpdateId, TimeSpan.FromSeconds(30));

        Assert.Equal(2, progress.Sent);
        Assert.Equal(new[] { people[0], people[2] }.Select(p => p.Conversation.Id).Order(), teams.Accepted.Select(a => a.ConversationId).Order());
        var card = teams.Accepted[0].Activity.AsCard().Text();
        Assert.Contains("The pledge reached its goal!", card);
        Assert.Contains($"\"{pledge.Title}\" has passed its goal of 2 people: 2 have taken it.", card);
    }

    public async Task DisposeAsync()
    {
        app.Dispose();
        await teams.DisposeAsync();
        data.Dispose();
        campaign.Dispose();
    }

    private async Task VoteAsync(int count)
    {
        var votes = app.Services.GetRequiredService<IVoteStore>();
        foreach (var i in Enumerable.Range(0, count))
        {
            var voter = Guid.NewGuid().ToString("N");
            await votes.RecordVoteAsync(new VoteRequest(Content.Id, voter, Content.Causes[0].Id, $"request-{voter}"));
        }

        app.Services.GetRequiredService<FollowUpSignal>().Pulse();
    }

    private async Task PledgeAsync(string personKey, string pledgeId)
    {
        await app.Services.GetRequiredService<IPledgeStore>().TakePledgeAsync(new PledgeSignature(
            Content.Id, pledgeId, $"email-{personKey}", personKey, "Anna", $"{personKey[..8]}@example.org",
            new ConsentGiven(new ConsentStatement("en", 1, "statement-hash"), "en", "test", DateTimeOffset.UtcNow)));
        app.Services.GetRequiredService<FollowUpSignal>().Pulse();
    }

    private async Task<FollowUpProgress> AddedAsync(FollowUpKind kind)
    {
        await Eventually.TrueAsync(async () => (await Queue.ProgressAsync(Content.Id)).Any(p => p.Kind == kind), $"the {kind} update is added");
        return (await Queue.ProgressAsync(Content.Id)).Single(p => p.Kind == kind);
    }
}
