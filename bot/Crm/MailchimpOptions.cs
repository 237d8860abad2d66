using System.ComponentModel.DataAnnotations;

namespace PledgeBot.Crm;

/// <summary>
/// The Mailchimp destination (<c>Crm:Mailchimp</c>, Marketing API 3.0): enabled when both
/// <see cref="ApiKey"/> and <see cref="ListId"/> are set.
/// </summary>
public sealed class MailchimpOptions
{
    /// <summary>An API key as Mailchimp shows it: ends in its data centre, e.g. <c>…-us21</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The audience ("list") the supporters join.</summary>
    public string? ListId { get; set; }

    /// <summary>The API's address; by default <c>https://&lt;dc&gt;.api.mailchimp.com/3.0/</c> from the key's data centre.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Mailchimp refuses an account's eleventh simultaneous connection, whichever app makes it; four leaves room for the campaign's other tools.</summary>
    [Range(1, 10)]
    public int MaxInFlight { get; set; } = 4;

    public MailchimpErasure OnErasure { get; set; } = MailchimpErasure.DeletePermanently;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(ApiKey) && !string.IsNullOrWhiteSpace(ListId);

    /// <summary>The part of the key after its last '-', when it is a plain data-centre name.</summary>
    public string? DataCentre => ApiKey?.Trim() is { } key && key.LastIndexOf('-') is var dash and > 0
        && key[(dash + 1)..] is { Length: > 0 and <= 16 } centre && centre.All(char.IsAsciiLetterOrDigit)
            ? centre.ToLowerInvariant()
            : null;

    /// <summary>The API's base address with a trailing slash, or null when neither the setting nor the key gives one.</summary>
    public Uri? ApiBase => string.IsNullOrWhiteSpace(BaseUrl)
        ? DataCentre is { } centre ? new Uri($"https://{centre}.api.mailchimp.com/3.0/") : null
        : Uri.TryCreate(BaseUrl.TrimEnd('/') + "/", UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) ? url : null;

    /// <summary>An audience ID is letters and digits (e.g. <c>a1b2c3d4e5</c>), so it is safe in the URL's path as it is.</summary>
    public bool HasPlainListId => !string.IsNullOrWhiteSpace(ListId) && ListId.Trim().All(char.IsAsciiLetterOrDigit);
}

/// <summary>What "forget me" does to the Mailchimp member.</summary>
public enum MailchimpErasure
{
    /// <summary>Mailchimp's permanent delete: every personal detail removed; the address can only come back by signing up through a Mailchimp form.</summary>
    DeletePermanently,

    /// <summary>Archived: out of the audience and its counts, but kept by Mailchimp, and restored if the person pledges again.</summary>
    Archive,
}
