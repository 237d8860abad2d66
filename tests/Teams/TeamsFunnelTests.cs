using PledgeBot.Storage;
using PledgeBot.Storage.Sqlite;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Teams;

/// <summary>The funnel's steps in Teams: a story clicked in place is read, "Share a cause" is shared, a refresh is neither.</summary>
public sealed class TeamsFunnelTests : IDisposable
{
    private readonly BotUnderTest bot = new();

    [Fact]
    public async Task AStoryClickedInPlaceIsReadAndTheShareACauseSearchIsSharedButARefreshCountsNothing()
    {
        var anna = bot.TeamsChat("aad-anna", "group-1", "groupChat");
        var ben = bot.TeamsChat("aad-ben", "group-1", "groupChat");
        var cara = bot.TeamsChat("aad-cara", "group-1", "groupChat");

        await anna.InvokeAsync("adaptiveCard/action", Execute("stories", new { action = "stories", story = 2 }));
        await ben.InvokeAsync("composeExtension/query", new
        {
            commandId = "shareCause",
            parameters = new[] { new { name = "searchQuery", value = "" } },
            queryOptions = new { skip = 0, count = 25 },
        });
        await cara.InvokeAsync("adaptiveCard/action", Execute("refresh", new { view = "story", story = 1 }, trigger: "automatic"));

        Assert.Equal(new FunnelCounts(Joined: 0, ReadAStory: 1, Shared: 1), await new SqliteFunnelStore(bot.Database).CountAsync(bot.Content.Id));
    }

    public void Dispose() => bot.Dispose();

    private static object Execute(string verb, object data, string trigger = "manual") => new
    {
        action = new { type = "Action.Execute", verb, data },
        trigger,
    };
}
