using PledgeBot.SharePage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.SharePage;

public sealed class ShareCardRendererTests
{
    private static readonly string CampaignFolder = Path.GetDirectoryName(ShippedCampaign.ContentFile)!;

    [Fact]
    public void WithoutAnyFontThePictureIsStillDrawnAndItsBarFollowsTheShare()
    {
        var content = ShippedCampaign.Load();
        using var fonts = ShareCardFonts.None();
        using var renderer = new ShareCardRenderer(fonts, CampaignFolder);
        var cause = content.Causes[0];

        var low = PngImage.Decode(renderer.Render(content, cause, new CauseCounts(1, 10, 10, 0)));
        var high = PngImage.Decode(renderer.Render(content, cause, new CauseCounts(9, 10, 90, 0)));

        Assert.False(fonts.CanDrawText);
        Assert.Equal((1200, 630), (low.Width, low.Height));
        // Half-way along the bar: the track at 10%, the white fill at 90%.
        var (x, y) = (600, 581);
        Assert.NotEqual(low.Pixel(x, y), high.Pixel(x, y));
        Assert.Equal((255, 255, 255), (high.Pixel(x, y).R, high.Pixel(x, y).G, high.Pixel(x, y).B));
    }

    [Fact]
    public void WithTheSystemFontTheCountsAreWrittenIntoThePicture()
    {
        var content = ShippedCampaign.Load();
        DebianPackages.Ensure("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "fonts-dejavu-core");
        using var fonts = new ShareCardFonts();
        Assert.True(fonts.CanDrawText, "no font found: install fonts-dejavu-core (see .ci/run)");
        using var renderer = new ShareCardRenderer(fonts, CampaignFolder);
        var cause = content.Causes[0];

        // Same share and bar, different numbers: only the words differ.
        var one = renderer.Render(content, cause, new CauseCounts(1, 2, 50, 3));
        var other = renderer.Render(content, cause, new CauseCounts(2, 4, 50, 3));

        Assert.NotEqual(one, other);
    }

    [Fact]
    public void AVeryLongTitleStillFitsThePicture()
    {
        var content = ShippedCampaign.Load();
        using var fonts = new ShareCardFonts();
        using var renderer = new ShareCardRenderer(fonts, CampaignFolder);
        var cause = content.Causes[0] with { Title = string.Concat(Enumerable.Repeat("Refugees 🌍 ", 8)).Trim() };

        var png = renderer.Render(content, cause, new CauseCounts(12, 35, 34, 56));

        Assert.Equal((1200, 630), PngImage.ReadSize(png));
    }

    [Fact]
    public void TheCountsLineReadsLikeASentenceFragment()
    {
        Assert.Equal("12 votes · 34% · 56 pledges", new CauseCounts(12, 35, 34, 56).Describe());
        Assert.Equal("1 vote · 100% · 1 pledge", new CauseCounts(1, 1, 100, 1).Describe());
        Assert.Equal("1,234 votes · 5%", new CauseCounts(1234, 24680, 5, null).Describe());
    }
}
