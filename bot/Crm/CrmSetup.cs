using Microsoft.Extensions.Options;
using PledgeBot.Storage.Sqlite;

namespace PledgeBot.Crm;

public static class CrmSetup
{
    private const string WebhookClient = "crm-webhook";
    private const string MailchimpClient = "crm-mailchimp";

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
            .Validate(o => o.Webhook.MaxInFlight is >= 1 and <= 64, "Crm:Webhook:MaxInFlight must be 1 to 64.")
            .Validate(o => string.IsNullOrWhiteSpace(o.Mailchimp.ApiKey) || !string.IsNullOrWhiteSpace(o.Mailchimp.ListId),
                "Crm:Mailchimp:ListId is required with Crm:Mailchimp:ApiKey: the audience ID, from the audience's settings in Mailchimp (for example a1b2c3d4e5).")
            .Validate(o => string.IsNullOrWhiteSpace(o.Mailchimp.ListId) || !string.IsNullOrWhiteSpace(o.Mailchimp.ApiKey),
                "Crm:Mailchimp:ApiKey is required with Crm:Mailchimp:ListId: an API key from the Mailchimp account's settings.")
            .Validate(o => !o.Mailchimp.IsEnabled || o.Mailchimp.HasPlainListId,
                "Crm:Mailchimp:ListId must be the audience ID as Mailchimp shows it: letters and digits only (for example a1b2c3d4e5).")
            .Validate(o => !o.Mailchimp.IsEnabled || !string.IsNullOrWhiteSpace(o.Mailchimp.BaseUrl) || o.Mailchimp.DataCentre is not null,
                "Crm:Mailchimp:ApiKey must end in its data centre, as Mailchimp shows it (for example ...-us21); or set Crm:Mailchimp:BaseUrl.")
            .Validate(o => string.IsNullOrWhiteSpace(o.Mailchimp.BaseUrl) || o.Mailchimp.ApiBase is not null,
                "Crm:Mailchimp:BaseUrl must be an absolute http or https URL (for example https://us21.api.mailchimp.com/3.0/), or left out.")
            .Validate(o => o.Mailchimp.MaxInFlight is >= 1 and <= 10,
                "Crm:Mailchimp:MaxInFlight must be 1 to 10: Mailchimp refuses more than 10 connections at once per account.")
            .ValidateOnStart();

        services.AddSingleton<SqliteCrmDeliveries>();
        AddClient(services, WebhookClient);
        AddClient(services, MailchimpClient);
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
            var doubleOptIn = services.GetRequiredService<IOptions<PledgeBot.PledgeConfirmation.PledgeConfirmationOptions>>().Value.DoubleOptIn;
            destinations.Add(new MailchimpDestination(clients.CreateClient(MailchimpClient), options.Mailchimp, doubleOptIn));
        }

        return destinations;
    }

    private static void AddClient(IServiceCollection services, string name)
    {
        var client = services.AddHttpClient(name, http => http.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();
        client.AddResilienceHandler(name, (pipeline, context) =>
            CrmRetry.Build(pipeline, TimeSpan.FromSeconds(context.ServiceProvider.GetRequiredService<IOptions<CrmOptions>>().Value.CallTimeoutSeconds)));
    }

    private static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps);
}
