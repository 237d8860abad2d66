using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PledgeBot.Dialogs.Content;
using PledgeBot.Storage;
using PledgeBot.Storage.Sqlite;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.PublicResults;

/// <summary>
/// The host over a fresh data folder and a copy of the shipped campaign (changed as a test needs),
/// on a fake clock, with helpers that record votes at chosen times and pledges through the real stores.
/// </summary>
public sealed class ResultsSite : IDisposable
{
    public const string PublicBaseUrl = "https://campaign.example.org/";

    private readonly TempFolder data = new();
    private readonly TempFolder campaign = new();
    private int people;

    public ResultsSite(Action<JsonNode>? changeContent = null, DateTimeOffset? now = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        Clock = new FakeTimeProvider(now ?? new DateTimeOffset(2026, 11, 24, 9, 30, 0, TimeSpan.Zero));
        var contentFile = ShippedCampaign.CopyWith(campaign.Path, changeContent ?? (_ => { }));
        var allSettings = new Dictionary<string, string?>
        {
            ["Campaign:PublicBaseUrl"] = PublicBaseUrl,
            ["Campaign:ContentFile"] = contentFile,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            allSettings[key] = value;
        }

        App = new BotApplication(data.Path, allSettings, services => services.AddSingleton<TimeProvider>(Clock));
        Client = App.CreateClient();
        Content = App.Services.GetRequiredService<CurrentCampaign>().Content;
    }

    public FakeTimeProvider Clock { get; }

    public BotApplication App { get; }

    public HttpClient Client { get; }

    public CampaignContent Content { get; }

    public Cause Cause(int index) => Content.Causes[index];

    public Cause PledgeCause => Content.CausesWithPledges.First();

    /// <summary>Moves the fake clock to a moment (never back).</summary>
    public void At(int day, int hour, int minute) =>
        Clock.SetUtcNow(new DateTimeOffset(2026, 11, day, hour, minute, 0, TimeSpan.Zero));

    /// <summary>New people voting for the cause now; returns their person keys.</summary>
    public async Task<IReadOnlyList<string>> VoteAsync(Cause cause, int count = 1)
    {
        var keys = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var person = $"person-{Interlocked.Increment(ref people)}";
            await VoteAsAsync(person, cause);
            keys.Add(person);
        }

        return keys;
    }

    public Task VoteAsAsync(string person, Cause cause) =>
        App.Services.GetRequiredService<IVoteStore>().RecordVoteAsync(
            new VoteRequest(Content.Id, person, cause.Id, $"request-{person}-{cause.Id}-{Clock.GetUtcNow().Ticks}"));

    /// <summary>A new person takes the cause's pledge; with <paramref name="confirmed"/> they also open their confirmation link.</summary>
    public async Task PledgeAsync(Cause cause, bool confirmed = false)
    {
        var person = $"person-{Interlocked.Increment(ref people)}";
        var receipt = await App.Services.GetRequiredService<IPledgeStore>().TakePledgeAsync(new PledgeSignature(
            Content.Id, cause.Pledge!.Id, $"email-{person}", person, "Anna", $"{person}@example.org",
            new ConsentGiven(new ConsentStatement("en", 1, "statement-hash"), "en", "test", Clock.GetUtcNow()), ConfirmEmail: true));
        if (confirmed)
        {
            var token = (string)(await new DataFolderRows(data.Path).ScalarAsync(
                "SELECT token_id FROM confirmation_emails WHERE pledge_record_id = $record", ("$record", receipt.RecordId)))!;
            await App.Services.GetRequiredService<IConfirmationEmailQueue>().ConfirmAsync(token, Clock.GetUtcNow());
        }
    }

    public async Task<(HttpResponseMessage Response, IDocument Page)> GetPageAsync(string path = "/results")
    {
        var response = await Client.GetAsync(path);
        return (response, new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()));
    }

    public async Task<JsonNode> GetJsonAsync(string path = "/results.json")
    {
        var response = await Client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public void Dispose()
    {
        Client.Dispose();
        App.Dispose();
        data.Dispose();
        campaign.Dispose();
    }
}
