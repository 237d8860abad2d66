using Microsoft.Data.Sqlite;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Journey;

public sealed class PledgeJourneyTests : IDisposable
{
    private readonly BotUnderTest bot = new();

    [Fact]
    public async Task APledgeTakenInConversationIsConfirmedStoredAndCounted()
    {
        var chat = bot.Chat();
        await chat.JoinAsync();

        var askName = await chat.ClickAsync("Take the pledge");
        Assert.Contains("#NotOnMyScreen", askName.Text());
        Assert.Contains("What is your first name?", askName.Text());

        var askEmail = await chat.SayAsync("Anna");
        Assert.Contains("Thanks, Anna. What is your email address?", askEmail.Text());

        var askConsent = await chat.SayAsync("anna@example.org");
        Assert.Contains(bot.Content.PrivacyStatement, askConsent.Text());
        Assert.Equal(["Yes, I agree", "No", "Cancel"], askConsent.ButtonTitles());

        var confirmation = await chat.ClickAsync("Yes, I agree");
        Assert.Contains("First name: Anna", confirmation.Text());
        Assert.Contains("Email: anna@example.org", confirmation.Text());
        Assert.Equal(0, await bot.PledgeCountAsync());

        var thanks = await chat.ClickAsync("Confirm my pledge");
        Assert.Contains("Thank you, Anna!", thanks.Text());
        Assert.Contains("You are the first person to take the #NotOnMyScreen pledge.", thanks.Text());
        Assert.Equal(1, await bot.PledgeCountAsync());
    }

    [Fact]
    public async Task AReplyButtonIsConfirmedInWordsOnTheNextCardForScreenReaders()
    {
        var chat = bot.Chat();
        await chat.SayAsync("pledge");
        await chat.SayAsync("Anna");
        await chat.SayAsync("anna@example.org");

        var confirmation = await chat.ClickAsync("Yes, I agree");

        Assert.Contains("You chose: Yes, I agree", confirmation.Text());
        Assert.StartsWith("You chose: Yes, I agree", confirmation.Value<string>("speak"));
    }

    [Fact]
    public async Task ATypedAnswerIsNotSaidBack()
    {
        var chat = bot.Chat();
        await chat.SayAsync("pledge");
        await chat.SayAsync("Anna");
        await chat.SayAsync("anna@example.org");

        var confirmation = await chat.SayAsync("yes");

        Assert.DoesNotContain("You chose", confirmation.Text());
    }

    [Fact]
    public async Task TheThankYouCountsEveryoneWhoTookThePledge()
    {
        await TakePledgeAsync(bot.Chat("anna", "a"), "Anna", "anna@example.org");

        var thanks = await TakePledgeAsync(bot.Chat("ben", "b"), "Ben", "ben@example.org");

        Assert.Contains("You are one of 2 people who took the #NotOnMyScreen pledge.", thanks.Text());
    }

    [Fact]
    public async Task TheSameEmailPledgingAgainIsNotCountedTwiceAndNobodyIsTold()
    {
        await TakePledgeAsync(bot.Chat("anna", "a"), "Anna", "anna@example.org");
        var first = await TakePledgeAsync(bot.Chat("carl", "c"), "Carl", "carl@example.org");

        var again = await TakePledgeAsync(bot.Chat("anna-on-phone", "d"), "Annie", "  ANNA@example.org ");

        Assert.Equal(2, await bot.PledgeCountAsync());
        Assert.Contains("You are one of 2 people", first.Text());
        Assert.Contains("Thank you, Annie!", again.Text());
        Assert.Contains("You are one of 2 people", again.Text());
        Assert.DoesNotContain("already", again.Text(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("", "I need your first name")]
    [InlineData("   ", "I need your first name")]
    [InlineData("anna@example.org", "looks like an email address")]
    [InlineData("12345", "A first name needs letters")]
    public async Task ABadFirstNameIsExplainedAndAskedAgain(string answer, string problem)
    {
        var chat = bot.Chat();
        await chat.SayAsync("pledge");

        var again = await chat.SayAsync(answer);

        Assert.Contains(problem, again.Text());
        Assert.Contains("What is your first name?", again.Text());
        var next = await chat.SayAsync("Anna");
        Assert.Contains("What is your email address?", next.Text());
    }

    [Fact]
    public async Task AFirstNameLongerThan100CharactersIsRefused()
    {
        var chat = bot.Chat();
        await chat.SayAsync("pledge");

        var again = await chat.SayAsync(new string('a', 101));

        Assert.Contains("longer than 100 characters", again.Text());
        Assert.Contains("What is your first name?", again.Text());
    }

    [Theory]
    [InlineData("", "I need your email address")]
    [InlineData("anna", "doesn't look like an email address")]
    [InlineData("anna@example", "doesn't look like an email address")]
    [InlineData("anna @example.org", "doesn't look like an email address")]
    [InlineData("Anna <anna@example.org>", "doesn't look like an email address")]
    public async Task ABadEmailIsExplainedAndAskedAgain(string answer, string problem)
    {
        var chat = bot.Chat();
        await chat.SayAsync("pledge");
        await chat.SayAsync("Anna");

        var again = await chat.SayAsync(answer);

        Assert.Contains(problem, again.Text());
        Assert.Contains("What is your email address?", again.Text());
        var next = await chat.SayAsync("anna@example.org");
        Assert.Contains("Do you agree", next.Text());
    }

    [Fact]
    public async Task AnEmailLongerThan100CharactersIsRefused()
    {
        var chat = bot.Chat();
        await chat.SayAsync("pledge");
        await chat.SayAsync("Anna");

        var again = await chat.SayAsync(new string('a', 90) + "@example.org");

        Assert.Contains("longer than 100 characters", again.Text());
    }

    [Fact]
    public async Task AnUnclearConsentAnswerIsAskedAgain()
    {
        var chat = bot.Chat();
        await chat.SayAsync("pledge");
        await chat.SayAsync("Anna");
        await chat.SayAsync("anna@example.org");

        var again = await chat.SayAsync("maybe later");

        Assert.Contains("Please answer yes or no.", again.Text());
        var confirmation = await chat.SayAsync("YES");
        Assert.Contains("Please check your pledge", confirmation.Text());
    }

    [Fact]
    public async Task SayingNoToConsentStoresNothing()
    {
        var chat = bot.Chat();
        await chat.SayAsync("pledge");
        await chat.SayAsync("Anna");
        await chat.SayAsync("anna@example.org");

        var card = await chat.ClickAsync("No");

        Assert.Contains("nothing was stored", card.Text());
        Assert.Equal(0, await bot.PledgeCountAsync());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task CancelAtAnyStepLeavesTheFormAndStoresNothing(int answersBeforeCancel)
    {
        var chat = bot.Chat();
        await chat.SayAsync("pledge");
        foreach (var answer in new[] { "Anna", "anna@example.org", "yes" }.Take(answersBeforeCancel))
        {
            await chat.SayAsync(answer);
        }

        // The check below sees a kept answer when there is one.
        Assert.Equal(answersBeforeCancel > 0 ? 1 : 0, await PersonalDataRowsAsync());
        var cancelled = await chat.SayAsync("Cancel");

        Assert.Contains("Pledge cancelled", cancelled.Text());
        Assert.Contains("Nothing was stored", cancelled.Text());
        Assert.Equal(0, await bot.PledgeCountAsync());
        Assert.Equal(0, await PersonalDataRowsAsync());
        var afterwards = await chat.SayAsync("Anna");
        Assert.Contains("Sorry, I didn't catch that", afterwards.Text());
    }

    [Fact]
    public async Task TypingMenuOrClickingAnotherButtonLeavesThePledgeUnstored()
    {
        var chat = bot.Chat();
        await chat.SayAsync("pledge");
        await chat.SayAsync("Anna");

        // A command means the same in the middle of a pledge as anywhere else...
        var menu = await chat.SayAsync("menu");
        Assert.Contains(bot.Content.Intro, menu.Text());
        Assert.Contains("Sorry, I didn't catch that", (await chat.SayAsync("anna@example.org")).Text());

        await chat.SayAsync("pledge");
        await chat.SayAsync("Anna");
        // ...and so does a button elsewhere.
        var results = await chat.SendAndReadCardAsync(new Microsoft.Bot.Schema.Activity
        {
            Type = "message",
            Value = new Newtonsoft.Json.Linq.JObject { ["action"] = "results" },
        });
        Assert.Contains("Results so far", results.Text());
        var afterwards = await chat.SayAsync("anna@example.org");
        Assert.Contains("Sorry, I didn't catch that", afterwards.Text());
        Assert.Equal(0, await bot.PledgeCountAsync());
    }

    [Fact]
    public async Task AnUnfinishedPledgeContinuesAfterARestart()
    {
        var chat = bot.Chat();
        await chat.SayAsync("pledge");
        await chat.SayAsync("Anna");

        using var restarted = new BotUnderTest(bot.Folder);
        var next = await restarted.Chat().SayAsync("anna@example.org");

        Assert.Contains("Do you agree", next.Text());
    }

    [Fact]
    public async Task PledgesSurviveARestart()
    {
        await TakePledgeAsync(bot.Chat(), "Anna", "anna@example.org");

        using var restarted = new BotUnderTest(bot.Folder);

        Assert.Equal(1, await restarted.PledgeCountAsync());
    }

    [Fact]
    public async Task ConfirmingTwiceStoresOnce()
    {
        var chat = bot.Chat();
        await chat.SayAsync("pledge");
        await chat.SayAsync("Anna");
        await chat.SayAsync("anna@example.org");
        await chat.SayAsync("yes");
        await chat.ClickAsync("Confirm my pledge");

        var second = await chat.SendAndReadCardAsync(new Microsoft.Bot.Schema.Activity
        {
            Type = "message",
            Value = new Newtonsoft.Json.Linq.JObject { ["action"] = "pledgeConfirm", ["pledgeId"] = "not-on-my-screen" },
        });

        Assert.Contains("Nothing to confirm", second.Text());
        Assert.Equal(1, await bot.PledgeCountAsync());
    }

    private static async Task<Newtonsoft.Json.Linq.JObject> TakePledgeAsync(ChatSession chat, string firstName, string email)
    {
        await chat.SayAsync("pledge");
        await chat.SayAsync(firstName);
        await chat.SayAsync(email);
        await chat.SayAsync("yes");
        return await chat.SayAsync("yes");
    }

    private async Task<long> PersonalDataRowsAsync()
    {
        await using var connection = await bot.Database.OpenAsync();
        await using var command = connection.CreateCommand();
        // The answers are kept encrypted while the pledge is open, so look for the kept answers
        // themselves, not their plain text (which is never there).
        command.CommandText = "SELECT count(*) FROM bot_state WHERE document LIKE '%anna@example.org%' OR document LIKE '%Anna%' OR document LIKE '%\"ProtectedFirstName\":\"%' OR document LIKE '%\"ProtectedEmail\":\"%'";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public void Dispose() => bot.Dispose();
}
