using Microsoft.Extensions.Options;

namespace PledgeBot.Crm;

/// <summary>
/// The checks on the CRM settings that data annotations cannot make (a setting required with
/// another, a URL's form, a secret's form), each with a message naming the setting and saying
/// what is expected; a wrong one stops the start. Secrets are never quoted back.
/// </summary>
public static class CrmOptionsValidation
{
    public static OptionsBuilder<CrmOptions> ValidateCrmSettings(this OptionsBuilder<CrmOptions> options) => options
            .Validate(o => !o.Webhook.IsEnabled || IsHttpUrl(o.Webhook.Url),
                "Crm:Webhook:Url must be an absolute http or https URL (for example https://crm.example.org/hooks/pledgebot).")
            .Validate(o => !o.Webhook.IsEnabled || WebhookSecret.IsValid(o.Webhook.Secret),
                "Crm:Webhook:Secret is required with Crm:Webhook:Url: the base64 of 24 to 64 random bytes, usually written after \"whsec_\" (for example whsec_ and the output of `openssl rand -base64 32`).")
            .Validate(o => string.IsNullOrWhiteSpace(o.Webhook.PreviousSecret) || WebhookSecret.IsValid(o.Webhook.PreviousSecret),
                "Crm:Webhook:PreviousSecret must be a secret in the same form as Crm:Webhook:Secret, or left out.")
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
            .Validate(o => !o.ActionNetwork.IsEnabled || IsHttpUrl(o.ActionNetwork.BaseUrl),
                "Crm:ActionNetwork:BaseUrl must be an absolute http or https URL (leave it out for https://actionnetwork.org/api/v2/).")
            .Validate(o => !o.ActionNetwork.IsEnabled || ActionNetworkDestination.IsPetitionId(o.ActionNetwork.PetitionId),
                "Crm:ActionNetwork:PetitionId must be the petition's id as Action Network's API shows it (letters, digits and hyphens: the last part of the petition's API address), or left out to add people without a petition.");

    public static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps);
}
