using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Journey;

public sealed class PledgeFormCardTests : IDisposable
{
    private readonly BotUnderTest bot = new();

    [Fact]
    public async Task ThePledgeCanBeTakenWithOneCardForm()
    {
        var chat = bot.Chat();
        await chat.SayAsync("pledge");

        var form = await chat.ClickAsync("Use a form instead");
        var inputs = form.Descendants().OfType<Newtonsoft.Json.Linq.JObject>()
            .Where(e => e.Value<string>("type")?.StartsWith("Input.", StringComparison.Ordinal) == true)
            .Select(e => e.Value<string>("id"));
        Assert.Equal(["firstName", "email", "consent"], inputs);

        var confirmation = await chat.ClickAsync("Continue", new { firstName = "Anna", email = "anna@example.org", consent = "true" });
        Assert.Contains("First name: Anna", confirmation.Text());
        Assert.Equal(0, await bot.PledgeCountAsync());

        var thanks = await chat.ClickAsync("Confirm my pledge");
        Assert.Contains("Thank you, Anna!", thanks.Text());
        Assert.Equal(1, await bot.PledgeCountAsync());
    }

    [Fact]
    public async Task TheFormNamesEveryProblemKeepsTheAnswersAndStoresNothing()
    {
        var chat = bot.Chat();
        await chat.SayAsync("pledge");
        await chat.ClickAsync("Use a form instead");

        var again = await chat.ClickAsync("Continue", new { firstName = "", email = "not-an-email", consent = "false" });

        Assert.Contains("I need your first name", again.Text());
        Assert.Contains("doesn't look like an email address", again.Text());
        Assert.Contains("we can only record a pledge with your consent", again.Text());
        var email = again.Descendants().OfType<Newtonsoft.Json.Linq.JObject>().Single(e => e.Value<string>("id") == "email");
        Assert.Equal("not-an-email", email.Value<string>("value"));
        Assert.Equal(0, await bot.PledgeCountAsync());
    }

    [Fact]
    public async Task TheFormRefusesTooLongAnswersLikeTheConversationDoes()
    {
        var chat = bot.Chat();
        await chat.SayAsync("pledge");
        await chat.ClickAsync("Use a form instead");

        var again = await chat.ClickAsync("Continue", new { firstName = new string('b', 101), email = new string('a', 95) + "@x.org", consent = "true" });

        Assert.Equal(2, again.Text().Split("longer than 100 characters").Length - 1);
        Assert.Equal(0, await bot.PledgeCountAsync());
    }

    [Fact]
    public async Task CancelOnTheFormStoresNothing()
    {
        var chat = bot.Chat();
        await chat.SayAsync("pledge");
        await chat.ClickAsync("Use a form instead");

        var cancelled = await chat.ClickAsync("Cancel");

        Assert.Contains("Nothing was stored", cancelled.Text());
        Assert.Equal(0, await bot.PledgeCountAsync());
    }

    [Fact]
    public async Task ChangingAnswersAtConfirmationReopensTheFormFilledIn()
    {
        var chat = bot.Chat();
        await chat.SayAsync("pledge");
        await chat.SayAsync("Anna");
        await chat.SayAsync("anna@example.org");
        await chat.SayAsync("yes");

        var form = await chat.ClickAsync("Change my answers");

        var name = form.Descendants().OfType<Newtonsoft.Json.Linq.JObject>().Single(e => e.Value<string>("id") == "firstName");
        Assert.Equal("Anna", name.Value<string>("value"));
    }

    public void Dispose() => bot.Dispose();
}
