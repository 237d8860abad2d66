using PledgeBot.Dialogs.Identity;
using PledgeBot.SharePage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.SharePage;

public sealed class ReferralCodeFormatTests
{
    [Fact]
    public void EveryCodeTheBotHandsOutIsWellFormed()
    {
        var hasher = new PersonKeyHasher(BotUnderTest.Secret);

        Assert.All(Enumerable.Range(0, 500), i => Assert.True(ReferralCodeFormat.IsWellFormed(hasher.ReferralCode($"person-{i}"))));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abcdefghj")]
    [InlineData("abcdefghjkm")]
    [InlineData("abcdefghjl")] // l is left out of the alphabet
    [InlineData("abcdefghjo")]
    [InlineData("abcdefghj1")]
    [InlineData("ABCDEFGHJK")]
    [InlineData("abcdefghj ")]
    [InlineData("abcdefghjé")]
    public void AnythingElseIsNot(string? value)
    {
        Assert.False(ReferralCodeFormat.IsWellFormed(value));
    }
}
