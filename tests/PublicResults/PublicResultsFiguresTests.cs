using System.Text.Json.Nodes;
using AngleSharp.Dom;

namespace PledgeBot.Tests.PublicResults;

/// <summary>
/// A known set of votes over three days (one of them changed) and pledges (some confirmed):
/// every figure of /results.json, and the page showing the same numbers.
/// </summary>
public sealed class PublicResultsFiguresTests : IDisposable
{
    private readonly ResultsSite site = new();

    public void Dispose() => site.Dispose();

    // Causes in the shipped order: protecting-innocence (with the pledge), burundi-refugees-tanzania, yemen-crisis, rohingya-refugees-india.
    private async Task RecordTheCampaignAsync()
    {
        site.At(24, 9, 30);
        var early = await site.VoteAsync(site.Cause(0), 3);
        site.At(24, 13, 0); // the first hour of the 48-hour window that ends at 26 Nov 12:xx
        await site.VoteAsync(site.Cause(2));
        site.At(25, 14, 10);
        await site.VoteAsync(site.Cause(1), 2);
        await site.VoteAsync(site.Cause(2));
        await site.PledgeAsync(site.PledgeCause, confirmed: true);
        await site.PledgeAsync(site.PledgeCause);
        site.At(26, 8, 5);
        await site.VoteAsync(site.Cause(1));
        await site.PledgeAsync(site.PledgeCause, confirmed: true);
        site.At(26, 11, 59);
        await site.VoteAsync(site.Cause(0));
        await site.VoteAsAsync(early[0], site.Cause(3)); // changed: now dated 26 Nov 11:59
        site.At(26, 12, 20);
    }

    [Fact]
    public async Task TheJsonNamesTheCampaignAndCountsEveryVoteTowardTheMovingGoal()
    {
        await RecordTheCampaignAsync();

        var json = await site.GetJsonAsync();

        Assert.Equal(site.Content.Id, (string?)json["campaign"]!["id"]);
        Assert.Equal(site.Content.Title, (string?)json["campaign"]!["title"]);
        Assert.Equal(9, (int)json["votes"]!["total"]!);
        AssertGoal(json["votes"]!["goal"]!, target: 100, setByCampaign: false, percent: 9, reached: false);
    }

    [Fact]
    public async Task TheJsonGivesEachCauseItsVotesAndRoundedShareInTheContentsOrder()
    {
        await RecordTheCampaignAsync();

        var causes = (await site.GetJsonAsync())["causes"]!.AsArray();

        Assert.Equal(site.Content.Causes.Select(c => c.Id), causes.Select(c => (string?)c!["id"]));
        Assert.Equal(site.Content.Causes.Select(c => c.Title), causes.Select(c => (string?)c!["title"]));
        Assert.Equal([3, 3, 2, 1], causes.Select(c => (int)c!["votes"]!));
        Assert.Equal([33, 33, 22, 11], causes.Select(c => (int)c!["percent"]!));
    }

    [Fact]
    public async Task TheJsonCountsEveryPledgeAndTheConfirmedOnes()
    {
        await RecordTheCampaignAsync();

        var pledge = Assert.Single((await site.GetJsonAsync())["pledges"]!.AsArray())!;

        Assert.Equal(site.PledgeCause.Pledge!.Id, (string?)pledge["id"]);
        Assert.Equal(site.PledgeCause.Pledge!.Title, (string?)pledge["title"]);
        Assert.Equal(site.PledgeCause.Id, (string?)pledge["causeId"]);
        Assert.Equal(3, (int)pledge["total"]!);
        Assert.Equal(2, (int)pledge["confirmed"]!);
        AssertGoal(pledge["goal"]!, target: 100, setByCampaign: false, percent: 3, reached: false);
    }

    [Fact]
    public async Task VotesPerDayRunFromTheFirstVoteToTodayAndAddUpToTheTotal()
    {
        await RecordTheCampaignAsync();

        var days = (await site.GetJsonAsync())["votesPerDay"]!.AsArray();

        // 24 Nov: 3 early votes, one of them later changed, and one at 13:00; 26 Nov: two new votes and the changed one.
        Assert.Equal(["2026-11-24", "2026-11-25", "2026-11-26"], days.Select(d => (string?)d!["day"]));
        Assert.Equal([3, 3, 3], days.Select(d => (int)d!["votes"]!));
    }

    [Fact]
    public async Task AQuietDayInTheMiddleIsListedWithNoVotes()
    {
        site.At(24, 10, 0);
        await site.VoteAsync(site.Cause(0));
        site.At(26, 10, 0);
        await site.VoteAsync(site.Cause(1), 2);

        var days = (await site.GetJsonAsync())["votesPerDay"]!.AsArray();

        Assert.Equal(["2026-11-24", "2026-11-25", "2026-11-26"], days.Select(d => (string?)d!["day"]));
        Assert.Equal([1, 0, 2], days.Select(d => (int)d!["votes"]!));
    }

    [Fact]
    public async Task VotesPerHourCoverTheLast48HoursEndingWithThisOne()
    {
        await RecordTheCampaignAsync();

        var hours = (await site.GetJsonAsync())["votesPerHour"]!.AsArray();

        Assert.Equal(48, hours.Count);
        Assert.Equal("2026-11-24T13:00:00Z", (string?)hours[0]!["hour"]);
        Assert.Equal("2026-11-26T12:00:00Z", (string?)hours[^1]!["hour"]);
        var withVotes = hours.Where(h => (int)h!["votes"]! > 0).ToDictionary(h => (string)h!["hour"]!, h => (int)h!["votes"]!);
        Assert.Equal(
            new Dictionary<string, int>
            {
                ["2026-11-24T13:00:00Z"] = 1,
                ["2026-11-25T14:00:00Z"] = 3,
                ["2026-11-26T08:00:00Z"] = 1,
                ["2026-11-26T11:00:00Z"] = 2,
            },
            withVotes);
    }

    [Fact]
    public async Task BeforeAnyVoteThereAreNoDaysAnd48QuietHours()
    {
        var json = await site.GetJsonAsync();

        Assert.Equal(0, (int)json["votes"]!["total"]!);
        AssertGoal(json["votes"]!["goal"]!, target: 100, setByCampaign: false, percent: 0, reached: false);
        Assert.Empty(json["votesPerDay"]!.AsArray());
        Assert.Equal(48, json["votesPerHour"]!.AsArray().Count);
        Assert.All(json["votesPerHour"]!.AsArray(), h => Assert.Equal(0, (int)h!["votes"]!));
        Assert.Contains("No votes yet", (await site.GetPageAsync()).Page.QuerySelector("#results-time")!.ParentElement!.TextContent);
    }

    [Fact]
    public async Task ThePageShowsTheSameCountsAsTheJson()
    {
        await RecordTheCampaignAsync();

        var (_, page) = await site.GetPageAsync();

        var votes = Section(page, "results-votes");
        Assert.Contains("9 votes", Squash(votes.QuerySelector(".results-counter")!.TextContent));
        Assert.Equal("9 of 100 votes", votes.QuerySelector(".results-goal")!.TextContent);
        Assert.Equal("9% of the way to the next milestone.", votes.QuerySelector(".results-goal-note")!.TextContent);
        var bar = votes.QuerySelector("progress")!;
        Assert.Equal(("100", "9", "9%"), (bar.GetAttribute("max"), bar.GetAttribute("value"), bar.TextContent));

        var pledges = Section(page, "results-pledges");
        Assert.Equal(site.PledgeCause.Pledge!.Title, pledges.QuerySelector("h3")!.TextContent);
        Assert.Equal("3 people have taken the pledge (2 confirmed)", Squash(pledges.QuerySelector(".results-counter")!.TextContent));
        Assert.Equal("3 of 100 people have taken the pledge", pledges.QuerySelector(".results-goal")!.TextContent);

        var rows = Section(page, "results-causes").QuerySelectorAll("tbody tr")
            .Select(r => (r.QuerySelector("th")!.TextContent, r.QuerySelectorAll("td")[0].TextContent, r.QuerySelector(".results-percent")!.TextContent))
            .ToList();
        Assert.Equal(
            [
                (site.Cause(0).Title, "3", "33%"), (site.Cause(1).Title, "3", "33%"),
                (site.Cause(2).Title, "2", "22%"), (site.Cause(3).Title, "1", "11%"),
            ],
            rows);
    }

    [Fact]
    public async Task ThePageListsEveryHourAndEveryDayInTablesWithMachineReadableTimes()
    {
        await RecordTheCampaignAsync();

        var (_, page) = await site.GetPageAsync();

        var hours = Rows(page, "results-hours");
        Assert.Equal(48, hours.Count);
        Assert.Equal(("2026-11-24T13:00Z", "Tue 24 Nov, 13:00–14:00", "1"), hours[0]);
        Assert.Equal(("2026-11-25T14:00Z", "Wed 25 Nov, 14:00–15:00", "3"), hours[25]);
        Assert.Equal(("2026-11-26T12:00Z", "Thu 26 Nov, 12:00–13:00", "0"), hours[^1]);
        Assert.Equal(
            [("2026-11-24", "Tue 24 Nov 2026", "3"), ("2026-11-25", "Wed 25 Nov 2026", "3"), ("2026-11-26", "Thu 26 Nov 2026", "3")],
            Rows(page, "results-days"));
    }

    [Fact]
    public async Task TheChartsAreInlineSvgPicturesWithATextAlternative()
    {
        await RecordTheCampaignAsync();

        var (_, page) = await site.GetPageAsync();

        var charts = page.QuerySelectorAll("svg.results-chart");
        Assert.Equal(2, charts.Length);
        Assert.All(charts, chart =>
        {
            Assert.Equal("img", chart.GetAttribute("role"));
            var names = chart.GetAttribute("aria-labelledby")!.Split(' ');
            Assert.All(names, id => Assert.False(string.IsNullOrWhiteSpace(page.GetElementById(id)?.TextContent)));
        });
        Assert.Contains("7 votes in the last 48 hours", page.GetElementById("results-hours-chart-desc")!.TextContent);
        Assert.Contains("9 votes over 3 days", page.GetElementById("results-days-chart-desc")!.TextContent);
        Assert.Equal(4, charts[0].QuerySelectorAll("rect").Length); // one bar per hour with votes
        Assert.Empty(page.QuerySelectorAll("script"));
        Assert.Empty(page.QuerySelectorAll("[style], style"));
    }

    private static void AssertGoal(JsonNode goal, long target, bool setByCampaign, int percent, bool reached)
    {
        Assert.Equal(target, (long)goal["target"]!);
        Assert.Equal(setByCampaign, (bool)goal["setByCampaign"]!);
        Assert.Equal(percent, (int)goal["percent"]!);
        Assert.Equal(reached, (bool)goal["reached"]!);
    }

    private static IElement Section(IDocument page, string headingId) =>
        page.QuerySelector($"section[aria-labelledby={headingId}]")!;

    private static List<(string DateTime, string Text, string Votes)> Rows(IDocument page, string tableLabel) =>
        page.QuerySelectorAll($"table[aria-labelledby={tableLabel}] tbody tr")
            .Select(r => (r.QuerySelector("time")!.GetAttribute("datetime")!, r.QuerySelector("time")!.TextContent, r.QuerySelector("td")!.TextContent))
            .ToList();

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
