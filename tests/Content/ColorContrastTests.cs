using PledgeBot.Dialogs.Content;

namespace PledgeBot.Tests.Content;

public sealed class ColorContrastTests
{
    [Theory]
    [InlineData("#000000", "#FFFFFF", 21.0)]
    [InlineData("#767676", "#FFFFFF", 4.54)]
    [InlineData("#1D6A72", "#FFFFFF", 6.26)]
    [InlineData("#1D6A72", "#1D6A72", 1.0)]
    public void TheRatioMatchesWcag(string foreground, string background, double expected)
    {
        Assert.Equal(expected, ColorContrast.Ratio(foreground, background), precision: 2);
    }

    [Fact]
    public void TheOrderOfTheTwoColoursDoesNotMatter()
    {
        Assert.Equal(ColorContrast.Ratio("#1D6A72", "#F4F7F7"), ColorContrast.Ratio("#F4F7F7", "#1D6A72"));
    }

    [Theory]
    [InlineData("#F4F7F7", ColorContrast.NearBlack)]
    [InlineData("#1D6A72", ColorContrast.White)]
    [InlineData("#777777", ColorContrast.Black)]
    public void ReadableTextIsPickedForAnyBackground(string background, string expected)
    {
        var text = ColorContrast.ReadableTextOn(background);

        Assert.Equal(expected, text);
        Assert.True(ColorContrast.Ratio(text, background) >= 4.5);
    }

    [Theory]
    [InlineData("#1d6a72", true)]
    [InlineData("#1D6A72", true)]
    [InlineData("1D6A72", false)]
    [InlineData("#FFF", false)]
    [InlineData("#1D6A7G", false)]
    [InlineData("red", false)]
    [InlineData(null, false)]
    public void OnlySixDigitHexWithAHashIsAColour(string? value, bool expected)
    {
        Assert.Equal(expected, ColorContrast.IsHexColor(value));
    }
}
