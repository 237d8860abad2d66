using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Languages;

/// <summary>One host running the campaign offered in all five languages, shared by a test class whose tests each speak as people of their own.</summary>
public sealed class TranslatedBot : IDisposable
{
    private readonly TempFolder data = new();
    private readonly TempFolder content = new();

    public TranslatedBot()
    {
        App = new BotApplication(data.Path, TranslatedCampaign.Settings(content.Path, "fr", "ar", "sw", "fil"));
        Http = App.CreateClient();
    }

    public BotApplication App { get; }

    public HttpClient Http { get; }

    public void Dispose()
    {
        Http.Dispose();
        App.Dispose();
        data.Dispose();
        content.Dispose();
    }
}
