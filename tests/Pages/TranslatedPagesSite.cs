using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using PledgeBot.Dialogs.Content;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Pages;

/// <summary>The host over the shipped campaign translated into French, Filipino and Arabic (not Swahili), shared by a class's tests.</summary>
public sealed class TranslatedPagesSite : IDisposable
{
    public const string PublicBaseUrl = "https://campaign.example.org/";

    private readonly TempFolder data = new();
    private readonly TempFolder campaign = new();

    public TranslatedPagesSite()
    {
        DebianPackages.Ensure("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "fonts-dejavu-core");
        App = new BotApplication(data.Path, new Dictionary<string, string?>
        {
            ["Campaign:PublicBaseUrl"] = PublicBaseUrl,
            ["Campaign:ContentFile"] = TranslatedCampaign.CopyTo(campaign.Path),
        });
        Client = App.CreateClient();
        Content = App.Services.GetRequiredService<CurrentCampaign>().Running.Content;
    }

    public BotApplication App { get; }

    public HttpClient Client { get; }

    /// <summary>The content in its default language, English.</summary>
    public CampaignContent Content { get; }

    public Cause PledgeCause => Content.CausesWithPledges.First();

    public async Task<(HttpResponseMessage Response, IDocument Page)> GetPageAsync(string path, string? acceptLanguage = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        var response = await Client.SendAsync(request);
        return (response, new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()));
    }

    public void Dispose()
    {
        Client.Dispose();
        App.Dispose();
        campaign.Dispose();
        data.Dispose();
    }
}
