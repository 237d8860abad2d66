using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using PledgeBot.Dialogs.Content;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Admin;

public sealed partial class AdminDashboardPageTests : IDisposable
{
    private readonly TempFolder data = new();

    [Fact]
    public async Task TheDashboardShowsEveryFigureInCaptionedTablesBesideTheAuditLogAndLoadsChartJsFromItsOwnSite()
    {
        using var app = new BotApplication(data.Path, AdminRequests.Settings());
        var cause = app.Services.GetRequiredService<CurrentCampaign>().Content.Causes[0];
        for (var i = 0; i < 11; i++)
        {
            await app.VoteAsync(new ChannelActivities($"person-{i}", $"chat-{i}", "msteams"), cause.Id);
        }

        var browser = new AdminBrowser(app);
        await browser.SignInWithKeyAsync(AdminRequests.Key);
        var response = await browser.OpenAsync("/admin/");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var table in new[] { "causes", "goals", "pledges", "funnel", "channels", "referrals", "per-day", "per-hour" })
        {
            Assert.Matches($"<table id=\"{table}-table\">\\s*<caption id=\"{table}-caption\">[^<]+</caption>", page);
            Assert.Contains($"<canvas id=\"{table}-chart\"", page, StringComparison.Ordinal);
        }

        Assert.Contains($"<tr><th scope=\"row\">{System.Net.WebUtility.HtmlEncode(cause.Title)}</th><td>11</td><td>100%</td></tr>", page, StringComparison.Ordinal);
        Assert.Contains("<tr><th scope=\"row\">Teams</th><td>11</td></tr>", page, StringComparison.Ordinal);
        Assert.Contains("<tr><th scope=\"row\">Web chat</th><td>fewer than 10</td></tr>", page, StringComparison.Ordinal);
        Assert.Contains("<tr><th scope=\"row\">Joined</th><td>11</td></tr>", page, StringComparison.Ordinal);
        Assert.Contains("Recent admin actions", page, StringComparison.Ordinal);
        Assert.DoesNotMatch("<script>|<script [^>]*>[^<]", page);
        var scripts = ScriptSource().Matches(page).Select(m => m.Groups[1].Value).ToList();
        // Chart.js, the fetching the admin pages share, the dashboard's own.
        Assert.Equal(3, scripts.Count);
        Assert.All(scripts, src => Assert.StartsWith("/web/", src, StringComparison.Ordinal));
        var chartJs = await app.CreateClient().GetAsync(scripts[0]);
        Assert.Equal(HttpStatusCode.OK, chartJs.StatusCode);
        Assert.Contains("Chart.js", await chartJs.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var policy = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.DoesNotContain("unsafe-inline", policy.Split(';').Single(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [GeneratedRegex("<script src=\"([^\"]+)\" defer></script>")]
    private static partial Regex ScriptSource();

    public void Dispose() => data.Dispose();
}
