using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Journey;

public sealed class StoryJourneyTests : IDisposable
{
    private readonly BotUnderTest bot = new();

    [Fact]
    public async Task ReadTheStoriesShowsTheFirstCauseWithImageFactsAndButtons()
    {
        var chat = bot.Chat();
        await chat.JoinAsync();

        var card = await chat.ClickAsync("Read the stories");

        var cause = bot.Content.Causes[0];
        Assert.Contains("Story 1 of 4", card.Text());
        Assert.Contains(cause.Title, card.Text());
        Assert.Contains(cause.KeyFacts[0], card.Text());
        var image = card.Descendants().OfType<Newtonsoft.Json.Linq.JObject>().Single(e => e.Value<string>("type") == "Image");
        Assert.Equal(cause.Image.AltText, image.Value<string>("altText"));
        Assert.Equal($"http://localhost:3978/campaign/{cause.Image.File}", image.Value<string>("url"));
        Assert.Equal(["Next story", "Vote for this cause", "Take the pledge", "Read more", "Share"], card.ButtonTitles());
        Assert.Equal(cause.ReadMoreUrl, card.Button("Read more").Value<string>("url"));
    }

    [Fact]
    public async Task NextAndPreviousWalkThroughEveryStory()
    {
        var chat = bot.Chat();
        await chat.SayAsync("stories");

        for (var number = 2; number <= 4; number++)
        {
            var card = await chat.ClickAsync("Next story");
            Assert.Contains($"Story {number} of 4", card.Text());
            Assert.Contains(bot.Content.Causes[number - 1].Title, card.Text());
            Assert.Contains("Previous story", card.ButtonTitles());
        }

        Assert.DoesNotContain("Next story", chat.LastCard.ButtonTitles());
        var back = await chat.ClickAsync("Previous story");
        Assert.Contains("Story 3 of 4", back.Text());
    }

    [Fact]
    public async Task OnlyACauseWithAPledgeOffersIt()
    {
        var chat = bot.Chat();
        await chat.SayAsync("stories");
        var second = await chat.ClickAsync("Next story");

        Assert.Null(bot.Content.Causes[1].Pledge);
        Assert.DoesNotContain("Take the pledge", second.ButtonTitles());
    }

    public void Dispose() => bot.Dispose();
}
