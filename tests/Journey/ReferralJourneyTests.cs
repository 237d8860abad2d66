using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Conversation;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Journey;

/// <summary>
/// Chats opened from a share link (the page's join event carries the code) credit the link once
/// per person, code and kind, and only for codes the bot handed out in a share card.
/// </summary>
public sealed class ReferralJourneyTests : IAsyncLifetime
{
    private readonly BotUnderTest bot = new();
    private string sharersCode = "";

    /// <summary>A supporter in Teams asks for a share card: that issues their code. The visitors below are other people.</summary>
    public async Task InitializeAsync() => sharersCode = await ShareAsync("aad-sharer");

    [Fact]
    public async Task AVoteThenAChangedVoteCountsOneVoteConversionForTheFirstChoice()
    {
        var first = bot.Content.Causes[1];
        var second = bot.Content.Causes[2];
        var chat = bot.Chat();
        await chat.JoinFromPageAsync(first.Id, sharersCode);

        await chat.ClickAsync("Vote for this cause");
        await chat.ClickAsync("Change my vote");
        await chat.ClickAsync($"Vote for {second.Title}");
        await chat.SayAsync("vote");
        await chat.ClickAsync($"Vote for {first.Title}");

        Assert.Equal([new ReferralCounts(sharersCode, first.Id, 0, 1, 0)], await CountsAsync());
        Assert.Equal(1, (await bot.Votes.GetTallyAsync(bot.Content.Id)).Total);
    }

    [Fact]
    public async Task APledgeCountsOnePledgeConversionForThePledgesCause()
    {
        var chat = bot.Chat();
        await chat.JoinFromPageAsync(referral: sharersCode);

        await PledgeAsync(chat, "Anna", "anna@example.org");
        await PledgeAsync(chat, "Anna", "anna.other@example.org");

        var pledgeCause = bot.Content.CausesWithPledges.Single();
        Assert.Equal([new ReferralCounts(sharersCode, pledgeCause.Id, 0, 0, 1)], await CountsAsync());
        Assert.Equal(2, await bot.PledgeCountAsync());
    }

    [Fact]
    public async Task AVoteAndAPledgeInOneConversationCountOneOfEach()
    {
        var cause = bot.Content.Causes[0];
        var chat = bot.Chat();
        await chat.JoinFromPageAsync(cause.Id, sharersCode);

        await chat.ClickAsync("Vote for this cause");
        await PledgeAsync(chat, "Ben", "ben@example.org");

        var counts = await CountsAsync();
        Assert.Equal(1, counts.Sum(c => c.Votes));
        Assert.Equal(1, counts.Sum(c => c.Pledges));
        Assert.Equal(1, counts.Single(c => c.CauseId == cause.Id).Votes);
    }

    [Fact]
    public async Task WithoutAReferralNothingIsCounted()
    {
        var chat = bot.Chat();
        await chat.JoinFromPageAsync(bot.Content.Causes[0].Id);

        await chat.ClickAsync("Vote for this cause");
        await PledgeAsync(chat, "Anna", "anna@example.org");

        Assert.Empty(await CountsAsync());
    }

    [Theory]
    [InlineData("ABCDEFGHJK")]
    [InlineData("abcdefghi")]
    [InlineData("abcdefghijk")]
    [InlineData("abcdefghi0")]
    [InlineData("abcdefghil")]
    [InlineData("abcdefghi ")]
    [InlineData("</script>a")]
    [InlineData("")]
    public async Task AMalformedReferralIsIgnored(string referral)
    {
        var chat = bot.Chat();
        var story = await chat.JoinFromPageAsync(bot.Content.Causes[0].Id, referral);

        Assert.Contains("Story 1 of 4", story.Text());
        await chat.ClickAsync("Vote for this cause");
        Assert.Empty(await CountsAsync());
    }

    [Fact]
    public async Task AReferralThatIsNotTextIsIgnored()
    {
        var chat = bot.Chat();
        await chat.JoinFromPageAsync(bot.Content.Causes[0].Id, new JArray(sharersCode));

        await chat.ClickAsync("Vote for this cause");

        Assert.Empty(await CountsAsync());
    }

    [Fact]
    public async Task AnotherJoinInTheSameConversationDoesNotReplaceTheFirstCode()
    {
        var otherCode = await ShareAsync("aad-someone-else");
        var chat = bot.Chat();
        await chat.JoinFromPageAsync(bot.Content.Causes[0].Id, sharersCode);
        await chat.JoinFromPageAsync(bot.Content.Causes[0].Id, otherCode);

        await chat.ClickAsync("Vote for this cause");

        Assert.Equal(sharersCode, Assert.Single(await CountsAsync()).Code);
    }

    [Fact]
    public async Task APersonOpeningTheirOwnLinkIsNotCredited()
    {
        var chat = bot.Chat("user-1");
        var ownCode = bot.Hasher.ReferralCode(bot.Hasher.PersonKey("test", "user-1"));
        await chat.JoinFromPageAsync(bot.Content.Causes[0].Id, ownCode);

        await chat.ClickAsync("Vote for this cause");

        Assert.Empty(await CountsAsync());
    }

    [Fact]
    public async Task EachReferredConversationCountsItsOwnVote()
    {
        var cause = bot.Content.Causes[3];
        foreach (var person in new[] { "anna", "ben", "chloe" })
        {
            var chat = bot.Chat(person, $"conversation-{person}");
            await chat.JoinFromPageAsync(cause.Id, sharersCode);
            await chat.ClickAsync("Vote for this cause");
        }

        Assert.Equal([new ReferralCounts(sharersCode, cause.Id, 0, 3, 0)], await CountsAsync());
    }

    [Fact]
    public async Task TheReferralOutlivesARestartOfTheBot()
    {
        var cause = bot.Content.Causes[2];
        await bot.Chat().JoinFromPageAsync(cause.Id, sharersCode);

        var restarted = new BotUnderTest(bot.Folder);
        var chat = restarted.Chat();
        await chat.SayAsync("vote");
        await chat.ClickAsync($"Vote for {cause.Title}");
        await chat.SayAsync("vote");
        await chat.ClickAsync($"Vote for {bot.Content.Causes[0].Title}");

        Assert.Equal([new ReferralCounts(sharersCode, cause.Id, 0, 1, 0)], await restarted.Referrals.GetCountsAsync(bot.Content.Id));
    }

    [Fact]
    public async Task AVoteClickedInPlaceCountsOnceForTheConversationsReferral()
    {
        var cause = bot.Content.Causes[1];
        var chat = bot.TeamsChat("aad-anna");
        await chat.JoinFromPageAsync(referral: sharersCode);

        await chat.InvokeAsync("adaptiveCard/action", Execute("vote", new { action = "vote", causeId = cause.Id }));
        await chat.InvokeAsync("adaptiveCard/action", Execute("vote", new { action = "vote", causeId = bot.Content.Causes[0].Id }));
        await chat.SayAsync("vote");
        await chat.ClickAsync($"Vote for {bot.Content.Causes[2].Title}");

        Assert.Equal([new ReferralCounts(sharersCode, cause.Id, 0, 1, 0)], await CountsAsync());
    }

    [Fact]
    public async Task AVoteClickedInPlaceWithoutAReferralCountsNothing()
    {
        await bot.TeamsChat("aad-anna").InvokeAsync("adaptiveCard/action", Execute("vote", new { action = "vote", causeId = bot.Content.Causes[1].Id }));

        Assert.Empty(await CountsAsync());
    }

    [Fact]
    public void TheJoinEventReaderAcceptsOnlyWellFormedCodes()
    {
        static string? Read(JToken? referral) => WebChatJoin.ReferralCodeOf(new Microsoft.Bot.Schema.Activity
        {
            Type = "event",
            Name = WebChatJoin.EventName,
            Value = new JObject { ["referral"] = referral },
        });

        Assert.Equal("abcdefghij", Read("abcdefghij"));
        Assert.Null(Read("ABCDEFGHIJ"));
        Assert.Null(Read(42));
        Assert.Null(Read(null));
    }

    [Fact]
    public async Task OnePersonInFiveConversationsFromOneLinkCountsOneVote()
    {
        var causes = bot.Content.Causes;
        for (var chatNumber = 0; chatNumber < 5; chatNumber++)
        {
            var chat = bot.Chat("anna", $"anna-chat-{chatNumber}");
            await chat.JoinFromPageAsync(causes[chatNumber % causes.Count].Id, sharersCode);
            await chat.ClickAsync("Vote for this cause");
        }

        Assert.Equal([new ReferralCounts(sharersCode, causes[0].Id, 0, 1, 0)], await CountsAsync());
    }

    [Fact]
    public async Task OnePersonPledgingInTwoConversationsFromOneLinkCountsOnePledge()
    {
        foreach (var (conversation, email) in new[] { ("anna-chat-1", "anna@example.org"), ("anna-chat-2", "anna.work@example.org") })
        {
            var chat = bot.Chat("anna", conversation);
            await chat.JoinFromPageAsync(referral: sharersCode);
            await PledgeAsync(chat, "Anna", email);
        }

        Assert.Equal(1, Assert.Single(await CountsAsync()).Pledges);
        Assert.Equal(2, await bot.PledgeCountAsync());
    }

    [Fact]
    public async Task AWellFormedCodeNobodyWasGivenCountsNothing()
    {
        var neverIssued = bot.Hasher.ReferralCode(bot.Hasher.PersonKey("msteams", "aad-never-shared"));
        var chat = bot.Chat();
        await chat.JoinFromPageAsync(bot.Content.Causes[0].Id, neverIssued);

        await chat.ClickAsync("Vote for this cause");
        await PledgeAsync(chat, "Anna", "anna@example.org");

        Assert.Empty(await CountsAsync());
    }

    public Task DisposeAsync()
    {
        bot.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The person asks for a share card on the first story; returns the code in its link.</summary>
    private async Task<string> ShareAsync(string aadObjectId)
    {
        var chat = bot.TeamsChat(aadObjectId, conversationId: $"teams-{aadObjectId}");
        await chat.SayAsync("stories");
        var card = await chat.ClickAsync("Share");
        var link = card.Descendants().OfType<JObject>().Single(e => e.Value<string>("id") == "shareLink").Value<string>("value")!;
        return link[(link.IndexOf("?r=", StringComparison.Ordinal) + 3)..];
    }

    private Task<IReadOnlyList<ReferralCounts>> CountsAsync() => bot.Referrals.GetCountsAsync(bot.Content.Id);

    private static async Task PledgeAsync(ChatSession chat, string firstName, string email)
    {
        await chat.SayAsync("pledge");
        await chat.SayAsync(firstName);
        await chat.SayAsync(email);
        await chat.ClickAsync("Yes, I agree");
        var thanks = await chat.ClickAsync("Confirm my pledge");
        Assert.Contains($"Thank you, {firstName}!", thanks.Text());
    }

    private static object Execute(string verb, object data) => new
    {
        action = new { type = "Action.Execute", verb, data },
        trigger = "manual",
    };
}
