using PledgeBot.Dialogs.Identity;

namespace PledgeBot.Tests.Identity;

public sealed class PersonKeyHasherTests
{
    private static readonly byte[] Secret = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] OtherSecret = Enumerable.Range(101, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void ThePersonGetsTheSameKeyEveryTimeEvenAfterARestart()
    {
        Assert.Equal(
            new PersonKeyHasher(Secret).PersonKey("msteams", "29:anna"),
            new PersonKeyHasher(Secret.ToArray()).PersonKey("msteams", "29:anna"));
    }

    [Fact]
    public void TheSameUserIdOnAnotherChannelIsAnotherPerson()
    {
        var hasher = new PersonKeyHasher(Secret);

        Assert.NotEqual(hasher.PersonKey("msteams", "anna"), hasher.PersonKey("webchat", "anna"));
    }

    [Fact]
    public void DifferentPeopleGetDifferentKeys()
    {
        var hasher = new PersonKeyHasher(Secret);

        Assert.NotEqual(hasher.PersonKey("msteams", "29:anna"), hasher.PersonKey("msteams", "29:ben"));
    }

    [Fact]
    public void KeysNeverContainTheRawIdOrEmail()
    {
        var hasher = new PersonKeyHasher(Secret);
        const string userId = "29:1f2e3d4c-anna-user-id";

        Assert.DoesNotContain(userId, hasher.PersonKey("msteams", userId));
        Assert.DoesNotContain("anna", hasher.PersonKey("msteams", userId), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("anna", hasher.EmailKey("anna@example.org"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void AnotherSecretGivesUnlinkableKeys()
    {
        var hasher = new PersonKeyHasher(Secret);
        var other = new PersonKeyHasher(OtherSecret);

        Assert.NotEqual(hasher.PersonKey("msteams", "29:anna"), other.PersonKey("msteams", "29:anna"));
        Assert.NotEqual(hasher.EmailKey("anna@example.org"), other.EmailKey("anna@example.org"));
    }

    [Theory]
    [InlineData("Anna@Example.org")]
    [InlineData("ANNA@EXAMPLE.ORG")]
    [InlineData("  anna@example.org ")]
    public void EmailKeysIgnoreCaseAndSurroundingSpaces(string typed)
    {
        var hasher = new PersonKeyHasher(Secret);

        Assert.Equal(hasher.EmailKey("anna@example.org"), hasher.EmailKey(typed));
    }

    [Fact]
    public void DifferentEmailsGetDifferentKeys()
    {
        var hasher = new PersonKeyHasher(Secret);

        Assert.NotEqual(hasher.EmailKey("anna@example.org"), hasher.EmailKey("ben@example.org"));
    }

    [Fact]
    public void ChangingTheSecretArrayAfterwardsDoesNotChangeTheKeys()
    {
        var secret = Secret.ToArray();
        var hasher = new PersonKeyHasher(secret);
        var before = hasher.PersonKey("msteams", "29:anna");

        Array.Clear(secret);

        Assert.Equal(before, hasher.PersonKey("msteams", "29:anna"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(31)]
    public void ASecretShorterThan32BytesIsRefused(int length)
    {
        var refused = Assert.Throws<ArgumentException>(() => new PersonKeyHasher(new byte[length]));

        Assert.Contains("at least 32 bytes", refused.Message);
    }
    [Fact]
    public void EveryReferralCodeTheHasherMakesIsWellFormed()
    {
        var hasher = new PersonKeyHasher(Secret);

        Assert.All(
            Enumerable.Range(0, 500).Select(i => hasher.ReferralCode(hasher.PersonKey("msteams", $"person-{i}"))),
            code => Assert.True(PersonKeyHasher.IsWellFormedReferralCode(code), code));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abcdefghi")]
    [InlineData("abcdefghijk")]
    [InlineData("ABCDEFGHIJ")]
    [InlineData("abcdefghi0")]
    [InlineData("abcdefghi1")]
    [InlineData("abcdefghio")]
    [InlineData("abcdefghil")]
    [InlineData("abcdefghi ")]
    [InlineData("abcdefghié")]
    [InlineData("abcdefghi-")]
    public void ACodeOfAnotherLengthOrOutsideTheAlphabetIsNotWellFormed(string? code) =>
        Assert.False(PersonKeyHasher.IsWellFormedReferralCode(code));

    [Theory]
    [InlineData("abcdefghij")]
    [InlineData("kmnpqrstuv")]
    [InlineData("wxyz234567")]
    [InlineData("8989898989")]
    public void TenCharactersOfTheAlphabetAreWellFormed(string code) =>
        Assert.True(PersonKeyHasher.IsWellFormedReferralCode(code));
}
