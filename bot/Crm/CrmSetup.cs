using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using PledgeBot.PledgeConfirmation;
using PledgeBot.Storage;
using PledgeBot.Storage.Sqlite;

namespace PledgeBot.Crm;

public static class CrmSetup
{
    private const string WebhookClient = "crm-webhook";
    private const string MailchimpClient = "crm-mailchimp";
    private const string ActionNetworkClient = "crm-action-network";

    /// <summary>
    /// The CRM outbox's delivery: the destinations that configuration enables, each with its own
    /// HttpClient (a timeout per call inside Polly's quick retries; no request logging, since a
    /// CRM's URL can name the person), and the dispatcher that works through the outbox. With no
    /// destination the dispatcher still runs: it clears the emails that erasures kept for CRMs.
    /// </summary>
    public static IServiceCollection AddCrmOutbox(this IServiceCollection services)
    {
        services.AddOptions<CrmOptions>().BindConfiguration(CrmOptions.Section).ValidateDataAnnotations().ValidateCrmSettings().ValidateOnStart();

        AddClient(services, WebhookClient);
        AddClient(services, MailchimpClient);
        services.AddKeyedSingleton(ActionNetworkClient, (sp, _) =>
        {
            var actionNetwork = sp.GetRequiredService<IOptions<CrmOptions>>().Value.ActionNetwork;
            return CrmRequestPace.Create(actionNetwork.RequestsPerSecond, actionNetwork.MaxInFlight);
        });
        AddClient(services, ActionNetworkClient, paced: true);
        services.AddSingleton(sp => new CrmDestinations(ConfiguredDestinations(sp)));
        services.AddHostedService<CrmDispatcher>();
        services.AddSingleton<CrmDeliveryStatus>();
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

        if (options.Mailchimp.IsEnabled)
        {
            var doubleOptIn = services.GetRequiredService<IOptions<PledgeConfirmationOptions>>().Value.DoubleOptIn;
            destinations.Add(new MailchimpDestination(clients.CreateClient(MailchimpClient), options.Mailchimp, doubleOptIn));
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
}
