using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Content;
using PledgeBot.Tests.Support;
using static PledgeBot.Tests.Support.PledgeConversation;

namespace PledgeBot.Tests.Telemetry;

/// <summary>What an operator's tracing and metrics show of people's turns, through the real host.</summary>
public sealed class TurnTelemetryTests : IDisposable
{
    private readonly TempFolder data = new();
    private readonly HostTelemetry telemetry = new();

    [Fact]
    public async Task AVoteIsATurnSpanNamingItsChannelAndKindWithTheStorageCallsInsideIt()
    {
        using var app = new BotApplication(data.Path, testServices: telemetry.Collect);
        var client = app.CreateClient();
        var content = app.Services.GetRequiredService<CurrentCampaign>().Content;
        // The channel's own trace, continued by the host: this test's spans are the ones in this trace.
        var trace = ActivityTraceId.CreateRandom();
        client.DefaultRequestHeaders.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");

        await ExpectReplies.PostAsync(client, new ChannelActivities().Click(new JObject { ["action"] = "vote", ["causeId"] = content.Causes[0].Id }));

        var spans = telemetry.Spans.Where(s => s.TraceId == trace).ToList();
        var turn = Assert.Single(spans, s => s.Source.Name == "PledgeBot");
        Assert.Equal("turn vote", turn.DisplayName);
        Assert.Equal("emulator", turn.GetTagItem("pledgebot.channel"));
        Assert.Equal("message", turn.GetTagItem("pledgebot.activity.type"));
        Assert.Equal("vote", turn.GetTagItem("pledgebot.turn.kind"));
        Assert.Equal("ok", turn.GetTagItem("pledgebot.turn.outcome"));
        var request = Assert.Single(spans, s => s.Source.Name == "Microsoft.AspNetCore");
        Assert.Equal(request.SpanId, turn.ParentSpanId);
        Assert.Equal("/api/messages", request.GetTagItem("http.route"));
        var storage = spans.Where(s => s.Source.Name == "PledgeBot.Storage" && s.ParentSpanId == turn.SpanId).ToList();
        Assert.Contains(storage, s => s.DisplayName == "storage read");
        // The vote, and the person's first step in the funnel.
        var writes = storage.Where(s => s.DisplayName == "storage write").Select(s => s.SpanId).ToList();
        Assert.Equal(2, writes.Count);
        // The group commit that stored them is its own span, linked to the writes that waited for it.
        await Eventually.TrueAsync(
            () => Task.FromResult(telemetry.Spans.Where(s => s.DisplayName == "storage commit").SelectMany(s => s.Links).Count(l => writes.Contains(l.Context.SpanId)) == 2),
            "commit spans linked to the turn's writes");
    }

    [Fact]
    public async Task TurnsVotesAndPledgesMoveTheirCounters()
    {
        using var app = new BotApplication(data.Path);
        var client = app.CreateClient();
        var content = app.Services.GetRequiredService<CurrentCampaign>().Content;
        var person = new ChannelActivities("counted-person", "counted-chat");

        await ExpectReplies.PostAsync(client, person.Click(new JObject { ["action"] = "vote", ["causeId"] = content.Causes[0].Id }));
        await ExpectReplies.PostAsync(client, person.Click(new JObject { ["action"] = "vote", ["causeId"] = content.Causes[1].Id }));
        await TakePledgeAsync(client, person, "Counted", "counted@example.org");

        var host = app.Services;
        Assert.Equal(2, telemetry.Sum(host, "pledgebot.turns", ("kind", "vote"), ("channel", "emulator"), ("outcome", "ok")));
        Assert.Equal(5, telemetry.Sum(host, "pledgebot.turns", ("kind", "pledge")));
        Assert.Equal(1, telemetry.Sum(host, "pledgebot.votes", ("change", "new"), ("channel", "emulator")));
        Assert.Equal(1, telemetry.Sum(host, "pledgebot.votes", ("change", "changed")));
        var pledgeId = content.CausesWithPledges.First().Pledge!.Id;
        Assert.Equal(1, telemetry.Sum(host, "pledgebot.pledges", ("pledge", pledgeId), ("channel", "emulator")));
        Assert.Equal(7, telemetry.Measurements.Count(m => m.Instrument.Name == "pledgebot.turn.duration" && m.Instrument.Meter.Scope == host.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));
        Assert.Equal(0, telemetry.Sum(host, "pledgebot.errors"));
    }

    [Fact]
    public async Task AFailedTurnIsCountedAsAnErrorByItsExceptionTypeAndItsSpanSaysSo()
    {
        using var app = new BotApplication(data.Path, testServices: services =>
        {
            telemetry.Collect(services);
            services.AddSingleton<PledgeBot.Storage.IVoteStore, Http.FaultyVoteStore>();
        });
        var client = app.CreateClient();
        var content = app.Services.GetRequiredService<CurrentCampaign>().Content;
        var trace = ActivityTraceId.CreateRandom();
        client.DefaultRequestHeaders.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");

        var replies = await ExpectReplies.PostAsync(client, new ChannelActivities().Click(new JObject { ["action"] = "vote", ["causeId"] = content.Causes[0].Id }));

        Assert.Contains("something went wrong", Assert.Single(replies).Value<string>("text"));
        Assert.Equal(1, telemetry.Sum(app.Services, "pledgebot.errors", ("error.type", typeof(InvalidOperationException).FullName!), ("channel", "emulator")));
        Assert.Equal(1, telemetry.Sum(app.Services, "pledgebot.turns", ("kind", "vote"), ("outcome", "error")));
        var turn = Assert.Single(telemetry.Spans, s => s.TraceId == trace && s.Source.Name == "PledgeBot");
        Assert.Equal(ActivityStatusCode.Error, turn.Status);
        Assert.Equal(typeof(InvalidOperationException).FullName, turn.GetTagItem("error.type"));
        Assert.Equal("error", turn.GetTagItem("pledgebot.turn.outcome"));
    }

    public void Dispose()
    {
        telemetry.Dispose();
        data.Dispose();
    }
}
