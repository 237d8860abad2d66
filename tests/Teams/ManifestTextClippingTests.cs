using PledgeBot.Teams;

namespace PledgeBot.Tests.Teams;

public sealed class ManifestTextClippingTests
{
    [Theory]
    [InlineData("Stand With Them", 30, "Stand With Them")]
    [InlineData("  Stand With Them  ", 30, "Stand With Them")]
    [InlineData("Stand With Them: Children and Families", 30, "Stand With Them: Children and…")]
    [InlineData("Stand With Them, Children and Families", 17, "Stand With Them…")]
    [InlineData("Stand with them. Children and families", 20, "Stand with them.")]
    [InlineData("Supercalifragilisticexpialidocious", 10, "Supercali…")]
    public void TextIsClippedAtAWordWithAnEllipsisUnlessASentenceEndsThere(string text, int maxLength, string expected)
    {
        var clipped = TeamsManifest.Clip(text, maxLength);

        Assert.Equal(expected, clipped);
        Assert.True(clipped.Length <= maxLength, $"{clipped.Length} characters");
    }

    [Fact]
    public void ASurrogatePairIsNeverSplit()
    {
        var clipped = TeamsManifest.Clip("Stand💪WithThem", 7);

        Assert.Equal("Stand…", clipped);
    }
}
