using PledgeBot.Dialogs.Conversation;

namespace PledgeBot.Tests.Conversation;

public sealed class PledgeAnswerRulesTests
{
    [Theory]
    [InlineData("Anna", "Anna")]
    [InlineData("  Anna  ", "Anna")]
    [InlineData("Jean-Luc", "Jean-Luc")]
    [InlineData("O'Brien", "O'Brien")]
    [InlineData("Zoë", "Zoë")]
    [InlineData("Nguyễn", "Nguyễn")]
    [InlineData("美咲", "美咲")]
    public void UsualFirstNamesAreAcceptedAndTrimmed(string answer, string kept)
    {
        var check = PledgeAnswerRules.FirstName(answer);

        Assert.True(check.IsValid, check.Problem);
        Assert.Equal(kept, check.Value);
    }

    [Fact]
    public void AFirstNameOfExactly100CharactersIsAccepted() =>
        Assert.True(PledgeAnswerRules.FirstName(new string('a', 100)).IsValid);

    [Theory]
    [InlineData(null, "I need your first name")]
    [InlineData("", "I need your first name")]
    [InlineData("   ", "I need your first name")]
    [InlineData("anna@example.org", "looks like an email address")]
    [InlineData("12345", "needs letters")]
    [InlineData("!!!", "needs letters")]
    public void FirstNamesThatCannotBeRightAreRefusedWithTheReason(string? answer, string reason)
    {
        var check = PledgeAnswerRules.FirstName(answer);

        Assert.False(check.IsValid);
        Assert.Null(check.Value);
        Assert.Contains(reason, check.Problem);
    }

    [Fact]
    public void AFirstNameLongerThan100CharactersIsRefusedWithTheLimit()
    {
        var check = PledgeAnswerRules.FirstName(new string('a', 101));

        Assert.False(check.IsValid);
        Assert.Contains("longer than 100 characters", check.Problem);
    }

    [Theory]
    [InlineData("a@b.org", "a@b.org")]
    [InlineData("anna+pledge@example.org", "anna+pledge@example.org")]
    [InlineData("anna@mail.example.co.uk", "anna@mail.example.co.uk")]
    [InlineData("Anna.Smith@Example.org", "Anna.Smith@Example.org")]
    [InlineData("  a@b.org  ", "a@b.org")]
    public void UsualEmailAddressesAreAcceptedAsTyped(string answer, string kept)
    {
        var check = PledgeAnswerRules.Email(answer);

        Assert.True(check.IsValid, check.Problem);
        Assert.Equal(kept, check.Value);
    }

    [Theory]
    [InlineData("anna.example.org")]
    [InlineData("anna@localhost")]
    [InlineData("anna@example.")]
    [InlineData("anna @example.org")]
    [InlineData("anna@exa mple.org")]
    [InlineData("Anna <anna@example.org>")]
    [InlineData("\"Anna\" <anna@example.org>")]
    [InlineData("anna@example.org, ben@example.org")]
    public void AnswersThatAreNotABareEmailAddressAreRefused(string answer)
    {
        var check = PledgeAnswerRules.Email(answer);

        Assert.False(check.IsValid);
        Assert.Null(check.Value);
        Assert.Contains("doesn't look like an email address", check.Problem);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void AnEmptyEmailAnswerIsRefusedAsMissing(string? answer) =>
        Assert.Contains("I need your email address", PledgeAnswerRules.Email(answer).Problem);

    [Fact]
    public void AnEmailAddressLongerThan100CharactersIsRefusedWithTheLimit()
    {
        var check = PledgeAnswerRules.Email(new string('a', 60) + "@" + new string('b', 36) + ".org");

        Assert.False(check.IsValid);
        Assert.Contains("longer than 100 characters", check.Problem);
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("Yes!", true)]
    [InlineData(" y ", true)]
    [InlineData("OK.", true)]
    [InlineData("sure", true)]
    [InlineData("I agree", true)]
    [InlineData("no", false)]
    [InlineData("NO!", false)]
    [InlineData("nope.", false)]
    [InlineData("I don't agree", false)]
    [InlineData("i do not agree", false)]
    [InlineData("maybe", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    [InlineData("cancel", null)]
    public void YesAndNoAreRecognisedInTheWaysPeopleTypeThem(string? answer, bool? expected) =>
        Assert.Equal(expected, PledgeAnswerRules.YesOrNo(answer));
}
