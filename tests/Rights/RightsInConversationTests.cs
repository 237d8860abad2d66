using Microsoft.Bot.Schema;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Rights;

/// <summary>The words and buttons that work at any point: help, cancel, stop, menu, my data, forget me.</summary>
public sealed class RightsInConversationTests : IDisposable
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
    private readonly BotUnderTest bot;

    public RightsInConversationTests() => bot = new BotUnderTest(clock: clock);

    [Fact]
    public async Task HelpAtTheFirstNameQuestionExplainsItAndAsksAgainInsteadOfTakingHelpAsTheName()
    {
        var chat = bot.Chat();
        await chat.SayAsync("pledge");

        var help = await chat.SayAsync("help");

        Assert.DoesNotContain("Thanks, help", help.Text());
        Assert.Contains("so that the campaign can address you", help.Text());
        Assert.Contains("What is your first name?", help.Text());
        var next = await chat.SayAsync("Anna");
        Assert.Contains("Thanks, Anna. What is your email address?", next.Text());
    }

    [Theory]
    [InlineData("help")]
    [InlineData("HELP!")]
    public async Task HelpAtEveryQuestionKeepsTheAnswersSoFar(string word)
    {
        var chat = bot.Chat();
        await chat.SayAsync("pledge");
        await chat.SayAsync("Anna");

        var atEmail = await chat.SayAsync(word);
        Assert.Contains("Thanks, Anna. What is your email address?", atEmail.Text());
        await chat.SayAsync("anna@example.org");
        var atConsent = await chat.SayAsync(word);
        Assert.Contains("Answer **yes** or **no**", atConsent.Text());
        await chat.SayAsync("yes");
        var atConfirm = await chat.SayAsync(word);
        Assert.Contains("Email: anna@example.org", atConfirm.Text());

        await chat.ClickAsync("Confirm my pledge");
        Assert.Equal(1, await bot.PledgeCountAsync());
    }

    [Theory]
    [InlineData("help,")]
    [InlineData("\"help\"")]
    [InlineData("¿help?")]
    [InlineData("Help me")]
    [InlineData("please help")]
    public async Task HelpWithPunctuationOrInOtherWordsIsStillHelpAtTheFirstNameQuestion(string typed)
    {
        var chat = bot.Chat();
        await chat.SayAsync("pledge");

        var help = await chat.SayAsync(typed);

        Assert.DoesNotContain("Thanks,", help.Text());
        Assert.Contains("What is your first name?", help.Text());
    }

    [Theory]
    [InlineData("forget\u200Bme")]
    [InlineData("Forget me!")]
    [InlineData("erase me")]
    public async Task ForgetMeTypedAnyWayAtTheFirstNameQuestionAsksToForget(string typed)
    {
        var chat = bot.Chat();
        await chat.SayAsync("pledge");

        var question = await chat.SayAsync(System.Text.RegularExpressions.Regex.Unescape(typed));

        Assert.Contains("Forget me?", question.Text());
    }

    [Fact]
    public async Task TypingWhatTheButtonsSayDoesWhatTheButtonsDo()
    {
        var chat = bot.Chat();
        Assert.Contains("What is your first name?", (await chat.SayAsync("Take the pledge")).Text());
        await chat.SayAsync("Anna");
        await chat.SayAsync("anna@example.org");
        Assert.Contains("Please check your pledge", (await chat.SayAsync("Yes, I agree")).Text());

        var thanks = await chat.SayAsync("Confirm my pledge");

        Assert.Contains("Thank you, Anna!", thanks.Text());
        Assert.Contains("Story 1 of 4", (await chat.SayAsync("Read the stories")).Text());
    }

    [Theory]
    [InlineData("Help")]
    [InlineData("Menu")]
    [InlineData("Stop")]
    public async Task AFirstNameThatIsACommandCanBeGivenThroughTheForm(string firstName)
    {
        var chat = bot.Chat();
        await chat.SayAsync("pledge");
        await chat.ClickAsync("Use a form instead");

        var confirmation = await chat.ClickAsync("Continue", new { firstName, email = "someone@example.org", consent = "true" });
        var thanks = await chat.ClickAsync("Confirm my pledge");

        Assert.Contains($"First name: {firstName}", confirmation.Text());
        Assert.Contains($"Thank you, {firstName}!", thanks.Text());
        Assert.Equal(1, await bot.PledgeCountAsync());
    }

    [Fact]
    public async Task MyDataShowsTheVoteThePledgeTheConsentAndWhetherTheEmailIsConfirmed()
    {
        var chat = bot.Chat();
        await chat.SayAsync("vote");
        await chat.ClickAsync("Vote for The Humanitarian Catastrophe in Yemen");
        await TakePledgeAsync(chat, "Anna", "anna@example.org");

        var card = await chat.SayAsync("my data");

        var text = card.Text();
        Assert.Contains("The Humanitarian Catastrophe in Yemen", text);
        Assert.Contains("26 November 2026, 09:00 UTC", text);
        Assert.Contains("First name: Anna", text);
        Assert.Contains("Email: anna@example.org", text);
        Assert.Contains("Consent: Yes, given 26 November 2026, 09:00 UTC (privacy statement version 1, English)", text);
        Assert.Contains("Email confirmed: Not yet", text);
        Assert.Contains("May contact you: Yes", text);
        Assert.Contains("You have not asked for updates.", text);
    }

    [Fact]
    public async Task MyDataForSomeoneWithNothingStoredSaysSo()
    {
        var card = await bot.Chat().SayAsync("My data");

        Assert.Contains("Nothing: no vote and no pledge", card.Text());
    }

    [Fact]
    public async Task MyDataInTheMiddleOfAPledgeShowsTheDataAndThenTheOpenQuestionAgain()
    {
        var chat = bot.Chat();
        await chat.SayAsync("pledge");
        await chat.SayAsync("Anna");

        await chat.SayAsync("my data");

        Assert.Equal(2, chat.LastReplies.Count);
        Assert.Contains("What we have stored about you", chat.LastReplies[0].Card().Text());
        Assert.Contains("What is your email address?", chat.LastCard.Text());
        Assert.Contains("Do you agree", (await chat.SayAsync("anna@example.org")).Text());
    }

    [Fact]
    public async Task InATeamsGroupChatMyDataAndForgetMeAskToContinuePrivately()
    {
        var group = bot.TeamsChat("aad-anna", conversationType: "groupChat");

        var myData = await group.SayAsync("my data");
        var forget = await group.SayAsync("forget me");

        Assert.Contains("Let's continue privately", myData.Text());
        Assert.DoesNotContain("What we have stored", myData.Text());
        Assert.Contains("Let's continue privately", forget.Text());
    }

    [Fact]
    public async Task ForgetMeAsksFirstThenErasesTheVoteAndPledgeAndTheTalliesDrop()
    {
        var chat = bot.Chat();
        await chat.SayAsync("vote");
        await chat.ClickAsync("Vote for The Humanitarian Catastrophe in Yemen");
        await TakePledgeAsync(chat, "Anna", "anna@example.org");
        await TakePledgeAsync(bot.Chat("ben", "ben-chat"), "Ben", "ben@example.org");

        var question = await chat.SayAsync("forget me");
        Assert.Contains("Forget me?", question.Text());
        Assert.Equal(1, (await bot.Votes.GetTallyAsync(bot.Content.Id)).Total);
        Assert.Equal(2, await bot.PledgeCountAsync());

        var done = await chat.ClickAsync("Yes, forget me");

        Assert.Contains("Erased: your vote, your pledge, with your first name and email address", done.Text());
        Assert.Equal(0, (await bot.Votes.GetTallyAsync(bot.Content.Id)).Total);
        Assert.Equal(1, await bot.PledgeCountAsync());
        Assert.Contains("Nothing: no vote and no pledge", (await chat.SayAsync("my data")).Text());
        Assert.Equal(0, await RowsAsync("SELECT count(*) FROM consent_records WHERE person_key = $person", bot.Hasher.PersonKey("test", "user-1")));
        Assert.Equal(1, await RowsAsync("SELECT count(*) FROM erasures WHERE votes = 1 AND pledges = 1 AND source = 'conversation'"));
    }

    [Fact]
    public async Task SayingNoToForgetMeKeepsEverything()
    {
        var chat = bot.Chat();
        await TakePledgeAsync(chat, "Anna", "anna@example.org");
        await chat.SayAsync("forget me");

        var menu = await chat.ClickAsync("No, keep my data");

        Assert.Contains(bot.Content.Intro, menu.Text());
        Assert.Equal(1, await bot.PledgeCountAsync());
    }

    [Fact]
    public async Task StopWithdrawsConsentToBeContactedAndKeepsThePledge()
    {
        var chat = bot.Chat();
        await TakePledgeAsync(chat, "Anna", "anna@example.org");
        clock.Advance(TimeSpan.FromHours(2));

        var stopped = await chat.SayAsync("unsubscribe");

        Assert.Contains("The campaign will no longer contact you. Your pledge still counts", stopped.Text());
        Assert.Equal(1, await bot.PledgeCountAsync());
        Assert.Contains("May contact you: No, you said stop 26 November 2026, 11:00 UTC", (await chat.SayAsync("my data")).Text());
        Assert.Equal(1, await RowsAsync("SELECT count(*) FROM consent_records WHERE answer = 'withdrawn' AND statement_version = 1"));
        Assert.Contains("no pledge we could contact you about", (await chat.SayAsync("stop")).Text());
    }

    [Fact]
    public async Task StopInTheMiddleOfAPledgeCancelsItUnstored()
    {
        var chat = bot.Chat();
        await chat.SayAsync("pledge");
        await chat.SayAsync("Anna");

        var stopped = await chat.SayAsync("stop");

        Assert.Contains("Your unfinished pledge is cancelled", stopped.Text());
        Assert.Contains("Sorry, I didn't catch that", (await chat.SayAsync("anna@example.org")).Text());
        Assert.Equal(0, await bot.PledgeCountAsync());
    }

    [Fact]
    public async Task AnUnfinishedPledgeIsDroppedAfterHalfAnHourUntouched()
    {
        var chat = bot.Chat();
        await chat.SayAsync("pledge");
        await chat.SayAsync("Anna");
        clock.Advance(TimeSpan.FromMinutes(31));

        var answer = await chat.SayAsync("anna@example.org");

        Assert.Contains("Your pledge timed out", answer.Text());
        Assert.Equal(0, await RowsAsync("SELECT count(*) FROM bot_state WHERE document LIKE '%ProtectedFirstName\":\"%'"));
    }

    [Fact]
    public async Task AnUnfinishedPledgeKeepsItsAnswersEncryptedInTheConversationState()
    {
        var chat = bot.Chat();
        await chat.SayAsync("pledge");
        await chat.SayAsync("Zephyrine");
        await chat.SayAsync("zephyrine.q@example.org");

        Assert.Equal(1, await RowsAsync("SELECT count(*) FROM bot_state WHERE document LIKE '%ProtectedEmail%'"));
        Assert.Equal(0, await RowsAsync("SELECT count(*) FROM bot_state WHERE document LIKE '%Zephyrine%' OR document LIKE '%zephyrine.q%'"));
    }

    [Fact]
    public async Task AButtonFromAnOldCardCannotConfirmAPledgeWithoutConsent()
    {
        var chat = bot.Chat();
        await chat.SayAsync("pledge");
        await chat.SayAsync("Anna");
        await chat.SayAsync("anna@example.org");

        var confirm = await chat.SendAndReadCardAsync(new Activity
        {
            Type = ActivityTypes.Message,
            Value = new JObject { ["action"] = "pledgeConfirm", ["pledgeId"] = bot.Content.CausesWithPledges.Single().Pledge!.Id },
        });

        Assert.Contains("Nothing to confirm", confirm.Text());
        Assert.Equal(0, await bot.PledgeCountAsync());
    }

    private static async Task TakePledgeAsync(ChatSession chat, string firstName, string email)
    {
        await chat.SayAsync("pledge");
        await chat.SayAsync(firstName);
        await chat.SayAsync(email);
        await chat.SayAsync("yes");
        await chat.SayAsync("yes");
    }

    private async Task<long> RowsAsync(string sql, string? person = null)
    {
        await using var connection = await bot.Database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (person is not null)
        {
            command.Parameters.AddWithValue("$person", person);
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }

    public void Dispose() => bot.Dispose();
}
