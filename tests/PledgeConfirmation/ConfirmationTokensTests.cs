using PledgeBot.PledgeConfirmation;

namespace PledgeBot.Tests.PledgeConfirmation;

public sealed class ConfirmationTokensTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
    private readonly ConfirmationTokens tokens = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public void ATokenCarriesItsIdUntilItExpires()
    {
        var token = tokens.Create("00112233445566778899aabbccddeeff", Now.AddDays(7));

        Assert.Equal(ConfirmationTokens.EncodedLength, token.Length);
        Assert.Equal(new ConfirmationTokenReading(ConfirmationTokenState.Valid, "00112233445566778899aabbccddeeff"), tokens.Read(token, Now));
        Assert.Equal(ConfirmationTokenState.Expired, tokens.Read(token, Now.AddDays(7)).State);
    }

    [Fact]
    public void EveryChangedCharacterMakesTheTokenInvalid()
    {
        var token = tokens.Create("00112233445566778899aabbccddeeff", Now.AddDays(7));

        for (var i = 0; i < token.Length; i++)
        {
            var changed = token[..i] + (token[i] == 'x' ? 'y' : 'x') + token[(i + 1)..];
            Assert.Equal(ConfirmationTokenReading.Invalid, tokens.Read(changed, Now));
        }
    }
}
