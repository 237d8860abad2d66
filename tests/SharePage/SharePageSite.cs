using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using PledgeBot.Dialogs.Content;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.SharePage;

/// <summary>The host over a fresh data folder, with helpers to read share pages and record votes and pledges through the real stores.</summary>
public sealed class SharePageSite : IDisposable
{
    public const string PublicBaseUrl = "https://campaign.example.org/";

    private readonly TempFolder data = new();
    private int people;

    public SharePageSite()
    {
        // The preview picture writes its counts with this font; without it only the bar would change.
        DebianPackages.Ensure("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "fonts-dejavu-core");
        App = new BotApplication(data.Path, new Dictionary<string, string?> { ["Campaign:PublicBaseUrl"] = PublicBaseUrl });
        Client = App.CreateClient();
        Content = App.Services.GetRequiredService<CurrentCampaign>().Content;
    }

    public BotApplication App { get; }

    public HttpClient Client { get; }

    public CampaignContent Content { get; }

    /// <summary>The first cause, which has the pledge.</summary>
    public Cause PledgeCause => Content.CausesWithPledges.First();

    public Cause OtherCause => Content.Causes.First(c => c.Pledge is null);

    public async Task<(HttpResponseMessage Response, IDocument Page)> GetPageAsync(string path)
    {
        var response = await Client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        return (response, new HtmlParser().ParseDocument(html));
    }

    /// <summary>New people voting for the cause, each through the vote store as the bot records them.</summary>
    public async Task VoteAsync(Cause cause, int count = 1)
    {
        var votes = App.Services.GetRequiredService<IVoteStore>();
        for (var i = 0; i < count; i++)
        {
            var person = $"person-{Interlocked.Increment(ref people)}";
            await votes.RecordVoteAsync(new VoteRequest(Content.Id, person, cause.Id, $"request-{person}"));
        }
    }

    public async Task PledgeAsync(Cause cause)
    {
        var person = $"person-{Interlocked.Increment(ref people)}";
        await App.Services.GetRequiredService<IPledgeStore>().TakePledgeAsync(new PledgeSignature(
            Content.Id, cause.Pledge!.Id, $"email-{person}", person, "Anna", $"{person}@example.org",
            new ConsentGiven(new ConsentStatement("en", 1, "statement-hash"), "en", "test", DateTimeOffset.UtcNow)));
    }

    public void Dispose()
    {
        Client.Dispose();
        App.Dispose();
        data.Dispose();
    }
}
