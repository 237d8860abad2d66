using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using PledgeBot.Storage;

namespace PledgeBot.Crm;

/// <summary>
/// Action Network through its OSDI API v2, as the README's Action Network section documents field
/// by field. A pledge is a signature of the configured petition (the record signature helper) or,
/// without a petition, a person (the person signup helper); a withdrawal or an erasure
/// unsubscribes the person through the person signup helper. Action Network matches people by
/// email and keeps one signature per person and petition, so every call can be repeated.
/// </summary>
/// <param name="doubleOptIn">
/// Whether pledges wait for their email to be confirmed. Action Network knows no "unconfirmed"
/// status and the signature helper only subscribes, so an unconfirmed pledge waits for its
/// confirmation rather than subscribe an address nobody has confirmed.
/// </param>
public sealed partial class ActionNetworkDestination(HttpClient http, ActionNetworkOptions options, bool doubleOptIn, ILogger<ActionNetworkDestination> logger)
    : ICrmDestination
{
    public const string DestinationName = "action-network";

    /// <summary>Our identifier's system, as OSDI identifiers are written (<c>system:id</c>): the same id the signed webhooks call <c>supporter_id</c>.</summary>
    public const string IdentifierPrefix = "pledgebot:";

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly Uri root = new(options.BaseUrl.EndsWith('/') ? options.BaseUrl : options.BaseUrl + "/");

    public string Name => DestinationName;

    public string Label => "Action Network";

    public int MaxInFlight => options.MaxInFlight;

    /// <summary>A petition id goes into the request's path: letters, digits and hyphens only (Action Network's ids are UUIDs).</summary>
    public static bool IsPetitionId(string? petitionId) => string.IsNullOrWhiteSpace(petitionId) || PetitionIdPattern().IsMatch(petitionId);

    public async Task<CrmDeliveryResult> DeliverAsync(DueCrmDelivery delivery, CrmSupporter supporter, CancellationToken cancellationToken)
    {
        switch (delivery.Event)
        {
            case CrmEvents.PledgeCreated when doubleOptIn && supporter.ConfirmedAt is null:
                return CrmDeliveryResult.Skipped("awaiting email confirmation");
            case CrmEvents.PledgeCreated or CrmEvents.PledgeConfirmed:
                return await PostAsync(PledgePath(), SignupOf(supporter), cancellationToken);
            case CrmEvents.ContactWithdrawn:
                return await PostAsync("people/", Unsubscribe(supporter.Email, erasedAt: null), cancellationToken);
            case CrmEvents.SupporterErased:
                var result = await PostAsync("people/", Unsubscribe(supporter.Email, erasedAt: delivery.OccurredAt), cancellationToken);
                // The API cannot delete a person: whoever runs the campaign's Action Network must.
                logger.LogWarning(
                    "CRM {Destination}: an erased supporter is unsubscribed and their pledge fields blanked there; Action Network keeps the person until deleted in Action Network itself",
                    DestinationName);
                return result;
            default:
                throw new ArgumentOutOfRangeException(nameof(delivery), delivery.Event, "Unknown CRM event.");
        }
    }

    private string PledgePath() => string.IsNullOrWhiteSpace(options.PetitionId) ? "people/" : $"petitions/{options.PetitionId}/signatures/";

    private async Task<CrmDeliveryResult> PostAsync(string path, object body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(root, path))
        {
            Content = JsonContent.Create(body, body.GetType(), options: Json),
        };
        request.Headers.Add("OSDI-API-Token", options.ApiKey);
        using var response = await http.SendAsync(request, cancellationToken);
        return CrmDeliveryResult.Delivered(CrmHttpAnswers.EnsureDelivered(response));
    }

    /// <summary>
    /// The signup (or signature): subscribed, with our identifier so that a repeat finds the same
    /// person and signature, and never the action's autoresponse, which a retry would send twice.
    /// </summary>
    private Signup SignupOf(CrmSupporter supporter)
    {
        string[] identifiers = [IdentifierPrefix + supporter.PledgeRecordId];
        var fields = new Dictionary<string, string>
        {
            ["pledge_id"] = supporter.PledgeId,
            ["campaign_id"] = supporter.CampaignId,
        };
        AddIfPresent(fields, "channel", supporter.Channel);
        AddIfPresent(fields, "referral_code", supporter.ReferralCode);
        AddIfPresent(fields, "cause_voted_for", supporter.CauseVotedFor);
        List<string> tags = ["pledge-" + supporter.PledgeId];
        if (!string.IsNullOrEmpty(supporter.CauseVotedFor))
        {
            tags.Add("voted-" + supporter.CauseVotedFor);
        }

        return new Signup(
            new Person(
                identifiers,
                supporter.FirstName,
                [new EmailAddress(supporter.Email, "subscribed")],
                Language(supporter.Locale) is { } language ? [language] : null,
                fields),
            string.IsNullOrWhiteSpace(options.PetitionId) ? null : identifiers,
            tags,
            string.IsNullOrEmpty(supporter.Channel) ? null : new ReferrerData(supporter.Channel),
            new Triggers(new Autoresponse(false)));
    }

    /// <summary>
    /// "unsubscribed" is applied even to someone Action Network had subscribed. For an erasure our
    /// own fields are blanked too, since the API has no way to delete the person, and the day it
    /// was asked for is marked, so that the campaign can find whom to delete in Action Network.
    /// </summary>
    private static Signup Unsubscribe(string email, DateTimeOffset? erasedAt)
    {
        Dictionary<string, string>? fields = null;
        if (erasedAt is { } day)
        {
            fields = OurFieldNames.ToDictionary(name => name, _ => "");
            fields[ErasureRequestedField] = day.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        }

        return new Signup(new Person(null, null, [new EmailAddress(email, "unsubscribed")], null, fields), null, null, null, null);
    }

    /// <summary>The custom field an erasure sets to its day (UTC, yyyy-mm-dd): what the campaign searches for to delete people.</summary>
    public const string ErasureRequestedField = "erasure_requested_on";

    private static readonly string[] OurFieldNames = ["pledge_id", "campaign_id", "channel", "referral_code", "cause_voted_for"];

    private static void AddIfPresent(Dictionary<string, string> fields, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            fields[name] = value;
        }
    }

    /// <summary>The language of a locale ("en-GB": "en"), which is what <c>languages_spoken</c> holds.</summary>
    private static string? Language(string? locale) =>
        locale?.Split('-', '_')[0].ToLowerInvariant() is { Length: >= 2 and <= 3 } language && language.All(char.IsAsciiLetterLower) ? language : null;

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9-]{1,100}$")]
    private static partial System.Text.RegularExpressions.Regex PetitionIdPattern();

    private sealed record Signup(
        [property: JsonPropertyName("person")] Person Person,
        [property: JsonPropertyName("identifiers")] string[]? Identifiers,
        [property: JsonPropertyName("add_tags")] IReadOnlyList<string>? AddTags,
        [property: JsonPropertyName("action_network:referrer_data")] ReferrerData? ReferrerData,
        [property: JsonPropertyName("triggers")] Triggers? Triggers);

    private sealed record Person(
        [property: JsonPropertyName("identifiers")] string[]? Identifiers,
        [property: JsonPropertyName("given_name")] string? GivenName,
        [property: JsonPropertyName("email_addresses")] EmailAddress[] EmailAddresses,
        [property: JsonPropertyName("languages_spoken")] string[]? LanguagesSpoken,
        [property: JsonPropertyName("custom_fields")] Dictionary<string, string>? CustomFields);

    private sealed record EmailAddress(
        [property: JsonPropertyName("address")] string Address,
        [property: JsonPropertyName("status")] string Status);

    private sealed record ReferrerData([property: JsonPropertyName("source")] string Source);

    private sealed record Triggers([property: JsonPropertyName("autoresponse")] Autoresponse Autoresponse);

    private sealed record Autoresponse([property: JsonPropertyName("enabled")] bool Enabled);
}
