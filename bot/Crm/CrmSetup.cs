using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using PledgeBot.PledgeConfirmation;
using PledgeBot.Storage.Sqlite;

namespace PledgeBot.Crm;

public static class CrmSetup
{
    private const string WebhookClient = "crm-webhook";
    private const string ActionNetworkClient = "crm-action-network";

    /// <summary>
    /// The CRM outbox's delivery: the destinations that configuration enables, each with its own
    /// HttpClient (a timeout per call inside Polly's quick retries; no request logging, since a
    /// CRM's URL can name the person), and the dispatcher that works through the outbox. With no
    /// destination the dispatcher still runs: it clears the emails that erasures kept for CRMs.
    /// </summary>
    public static IServiceCollection AddCrmOutbox(this IServiceCollection services)
    {
        services.AddOptions<CrmOptions>().BindConfiguration(CrmOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => !o.Webhook.IsEnabled || IsHttpUrl(o.Webhook.Url),
                "Crm:Webhook:Url must be an absolute http or https URL (for example https://crm.example.org/hooks/pledgebot).")
            .Validate(o => !o.Webhook.IsEnabled || WebhookSecret.IsValid(o.Webhook.Secret),
                "Crm:Webhook:Secret is required with Crm:Webhook:Url: \"whsec_\" followed by the base64 of 24 to 64 random bytes (for example from `openssl rand -base64 32`).")
            .Validate(o => string.IsNullOrWhiteSpace(o.Webhook.PreviousSecret) || WebhookSecret.IsValid(o.Webhook.PreviousSecret),
                "Crm:Webhook:PreviousSecret must be a secret in the same form as Crm:Webhook:Secret, or left out.")
            .Validate(o => !o.ActionNetwork.IsEnabled || IsHttpUrl(o.ActionNetwork.BaseUrl),
                "Crm:ActionNetwork:BaseUrl must be an absolute http or https URL (leave it out for https://actionnetwork.org/api/v2/).")
            .Validate(o => !o.ActionNetwork.IsEnabled || ActionNetworkDestination.IsPetitionId(o.ActionNetwork.PetitionId),
                "Crm:ActionNetwork:PetitionId must be the petition's id as Action Network's API shows it (letters, digits and hyphens: the last part of the petition's API address), or left out to add people without a petition.")
            .ValidateOnStart();

        services.AddSingleton<SqliteCrmDeliveries>();
        AddClient(services, WebhookClient);
        services.AddKeyedSingleton(ActionNetworkClient, (sp, _) =>
        {
            var actionNetwork = sp.GetRequiredService<IOptions<CrmOptions>>().Value.ActionNetwork;
            return CrmRequestPace.Create(actionNetwork.RequestsPerSecond, actionNetwork.MaxInFlight);
        });
        AddClient(services, ActionNetworkClient, paced: true);
        services.AddSingleton(sp => new CrmDestinations(ConfiguredDestinations(sp)));
        services.AddHostedService<CrmDispatcher>();
        return services;
    }

    private static IReadOnlyList<ICrmDestination> ConfiguredDestinations(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<CrmOptions>>().Value;
        var clients = services.GetRequiredService<IHttpClientFactory>();
        var clock = services.GetRequiredService<TimeProvider>();
        var destinations = new List<ICrmDestination>();
        if (options.Webhook.IsEnabled)
        {
            destinations.Add(new WebhookDestination(clients.CreateClient(WebhookClient), options.Webhook, clock));
        }

        if (options.ActionNetwork.IsEnabled)
        {
            destinations.Add(new ActionNetworkDestination(
                clients.CreateClient(ActionNetworkClient),
                options.ActionNetwork,
                services.GetRequiredService<IOptions<PledgeConfirmationOptions>>().Value.DoubleOptIn,
                services.GetRequiredService<ILogger<ActionNetworkDestination>>()));
        }

        return destinations;
    }

    /// <param name="paced">The CRM limits calls a second: a <see cref="RateLimiter"/> registered under the client's name paces them.</param>
    private static void AddClient(IServiceCollection services, string name, bool paced = false)
    {
        var client = services.AddHttpClient(name, http => http.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();
        client.AddResilienceHandler(name, (pipeline, context) => CrmRetry.Build(
            pipeline,
            TimeSpan.FromSeconds(context.ServiceProvider.GetRequiredService<IOptions<CrmOptions>>().Value.CallTimeoutSeconds),
            paced ? context.ServiceProvider.GetRequiredKeyedService<RateLimiter>(name) : null));
    }

    private static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps);
}
