using System.Buffers.Text;
using PledgeBot.FollowUps;

namespace PledgeBot.Tests.FollowUps;

public sealed class UnsubscribeTokensTests
{
    private const string PersonKey = "kJ3v9x_Qm-2bA7yTz0LqW4eR8uN1sD6fH5gC2pXoViE";
    private readonly UnsubscribeTokens tokens = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public void ATokenNamesItsCampaignAndPersonAndNeverExpires()
    {
        var token = tokens.Create("stand-with-them", PersonKey);

        Assert.Equal(new UnsubscribeToken("stand-with-them", PersonKey), tokens.Read(token));
        Assert.True(Base64Url.IsValid(token));
        Assert.DoesNotContain('=', token);
    }

    [Fact]
    public void EveryChangedCharacterMakesTheTokenInvalid()
    {
        var token = tokens.Create("stand-with-them", PersonKey);

        for (var i = 0; i < token.Length; i++)
        {
            var changed = token[..i] + (token[i] == 'x' ? 'y' : 'x') + token[(i + 1)..];
            Assert.Null(tokens.Read(changed));
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a token")]
    [InlineData("AQ")]
    [InlineData("%00%FF")]
    public void AnythingMalformedIsInvalid(string? text)
    {
        Assert.Null(tokens.Read(text));
    }

    [Fact]
    public void ATokenCutShortOrSignedWithAnotherKeyIsInvalid()
    {
        var token = tokens.Create("stand-with-them", PersonKey);
        var otherKeys = new UnsubscribeTokens(Enumerable.Range(2, 32).Select(i => (byte)i).ToArray());

        Assert.Null(tokens.Read(token[..^1]));
        Assert.Null(tokens.Read(token[..^4]));
        Assert.Null(otherKeys.Read(token));
        Assert.Null(tokens.Read(new string('A', 4096)));
    }
}
