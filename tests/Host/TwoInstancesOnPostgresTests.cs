using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PledgeBot.Admin.Content;
using PledgeBot.Tests.Support;
using static PledgeBot.Tests.Support.PledgeConversation;

namespace PledgeBot.Tests.Host;

/// <summary>
/// Two instances of the bot on one PostgreSQL database, through <c>/api/messages</c> as a channel
/// reaches them behind a load balancer: whichever instance a turn lands on, the campaign is one.
/// </summary>
public sealed class TwoInstancesOnPostgresTests : IAsyncLifetime
{
    private const string Yemen = "yemen-crisis";
    private const string Burundi = "burundi-refugees-tanzania";
    private TwoInstancesOnPostgres instances = null!;

    public async Task InitializeAsync() => instances = await TwoInstancesOnPostgres.StartAsync();

    public async Task DisposeAsync() => await instances.DisposeAsync();

    [PostgresFact]
    public async Task ThePersonVotingOnBothInstancesAtOnceCountsOnceAndBothShowTheSameTallies()
    {
        var anna = new ChannelActivities("anna", "anna-chat");
        var ben = new ChannelActivities("ben", "ben-chat");

        // Anna double-clicks, each click reaching another instance, several times over.
        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => VoteAsync(instances.Alternate(i), anna, Yemen)));
        await VoteAsync(instances.Second, ben, Burundi);
        await VoteAsync(instances.First, ben, Yemen);

        foreach (var instance in new[] { instances.First, instances.Second })
        {
            var results = JObject.Parse(await instance.CreateClient().GetStringAsync("/results.json"));
            Assert.Equal(2, (int)results["votes"]!["total"]!);
            Assert.Equal(2, CauseVotes(results, Yemen));
            Assert.Equal(0, CauseVotes(results, Burundi));
        }
    }

    [PostgresFact]
    public async Task APledgeWhoseTurnsAlternateBetweenTheInstancesIsCompletedAndCountedOnBoth()
    {
        var carla = new ChannelActivities("carla", "carla-chat");
        string[] turns = ["pledge", "Carla", "carla@example.org", "yes", "yes"];

        JObject? last = null;
        for (var i = 0; i < turns.Length; i++)
        {
            last = await SayAsync(instances.Alternate(i).CreateClient(), carla, turns[i]);
        }

        Assert.Contains("Carla", last!.Text());
        var myData = await SayAsync(instances.Second.CreateClient(), carla, "my data");
        Assert.Contains("Email: carla@example.org", myData.Text());
        Assert.Contains("Consent: Yes", myData.Text());
        foreach (var instance in new[] { instances.First, instances.Second })
        {
            var results = JObject.Parse(await instance.CreateClient().GetStringAsync("/results.json"));
            Assert.Equal(1, results["pledges"]!.Sum(pledge => (int)pledge["total"]!));
        }
    }

    [PostgresFact]
    public async Task ContentPublishedOnOneInstanceRunsOnTheOtherWithinSeconds()
    {
        var json = JObject.Parse(await File.ReadAllTextAsync(ShippedCampaign.ContentFile));
        json["title"] = "Stand With Them, Together";

        var outcome = await instances.First.Services.GetRequiredService<ContentPublisher>()
            .PublishAsync(json.ToString(), basedOn: null, "admin", CancellationToken.None);

        Assert.IsType<PublishOutcome.Published>(outcome);
        var second = instances.Second.CreateClient();
        await Eventually.TrueAsync(
            async () => (string?)JObject.Parse(await second.GetStringAsync("/results.json"))["campaign"]!["title"] == "Stand With Them, Together",
            "the second instance runs the content the first published");
    }

    private static Task<IReadOnlyList<JObject>> VoteAsync(BotApplication instance, ChannelActivities person, string causeId) =>
        instance.ExpectRepliesAsync(person.Click(new JObject { ["action"] = "vote", ["causeId"] = causeId }));

    private static int CauseVotes(JObject results, string causeId) =>
        (int)results["causes"]!.Single(cause => (string)cause["id"]! == causeId)["votes"]!;
}
