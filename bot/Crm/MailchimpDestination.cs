using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using PledgeBot.Storage;

namespace PledgeBot.Crm;

/// <summary>
/// Mailchimp's Marketing API 3.0: each supporter is a member of one audience, addressed by the MD5
/// of the trimmed, lower-cased email (Mailchimp's "subscriber hash"). Mailchimp has no idempotency
/// key; none is needed, because every call here is safe to repeat: the member PUT is an upsert by
/// that hash, the tags call sets tags active (a tag already there stays once), and a delete of a
/// member already gone answers 404, which counts as done.
/// </summary>
public sealed partial class MailchimpDestination(HttpClient http, MailchimpOptions options, bool doubleOptIn) : ICrmDestination
{
    public const string DestinationName = "mailchimp";

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly Uri lists = new(options.ApiBase!, "lists/" + options.ListId!.Trim() + "/");

    // Basic authentication with any user name and the key as the password, as Mailchimp asks.
    private readonly AuthenticationHeaderValue authorization =
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("pledgebot:" + options.ApiKey!.Trim())));

    public string Name => DestinationName;

    public string Label => "Mailchimp";

    public int MaxInFlight => options.MaxInFlight;

    public Task<CrmDeliveryResult> DeliverAsync(DueCrmDelivery delivery, CrmSupporter supporter, CancellationToken cancellationToken) => delivery.Event switch
    {
        CrmEvents.PledgeCreated or CrmEvents.PledgeConfirmed => UpsertPledgeAsync(delivery.Event, supporter, cancellationToken),
        CrmEvents.ContactWithdrawn => UnsubscribeAsync(supporter, cancellationToken),
        CrmEvents.SupporterErased => EraseAsync(supporter, cancellationToken),
        _ => Task.FromResult(CrmDeliveryResult.Skipped("not an event for Mailchimp")),
    };

    /// <summary>Mailchimp's key for a member: the MD5 of the trimmed, lower-cased address, in lower-case hex.</summary>
    public static string SubscriberHash(string email) =>
#pragma warning disable CA5351 // Not for security: MD5 is how Mailchimp names a member.
        Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())));
#pragma warning restore CA5351

    /// <summary>
    /// The member with the pledge's details, then the pledge's tags: a PUT leaves an existing
    /// member's tags alone, so they always go through Mailchimp's tags call. A new member is
    /// subscribed when the email is confirmed (or double opt-in is off) and pending while the
    /// confirmation link waits; an existing member's status changes only on confirmation, so a
    /// person who unsubscribed in Mailchimp is not put back by a later pledge.
    /// </summary>
    private async Task<CrmDeliveryResult> UpsertPledgeAsync(string crmEvent, CrmSupporter supporter, CancellationToken cancellationToken)
    {
        var confirmed = supporter.ConfirmedAt is not null || !doubleOptIn;
        var tags = Tags(supporter);
        var member = new MemberBody(
            supporter.Email.Trim(),
            StatusIfNew: confirmed ? "subscribed" : "pending",
            Status: crmEvent == CrmEvents.PledgeConfirmed ? "subscribed" : null,
            MergeFields: string.IsNullOrWhiteSpace(supporter.FirstName) ? null : new MergeFields(supporter.FirstName.Trim()),
            Language: Language(supporter.Locale),
            // Mailchimp applies these only when the PUT creates the member; the tags call below covers the rest.
            Tags: [.. tags.Select(t => t.Name)]);
        var hash = SubscriberHash(supporter.Email);
        var status = await SendAsync(HttpMethod.Put, "members/" + hash, member, cancellationToken);
        // A 404 here means the member was deleted in Mailchimp between the two calls: nobody left to tag.
        await SendAsync(HttpMethod.Post, $"members/{hash}/tags", new TagsBody(tags, IsSyncing: true), cancellationToken, HttpStatusCode.NotFound);
        return CrmDeliveryResult.Delivered(status);
    }

    private async Task<CrmDeliveryResult> UnsubscribeAsync(CrmSupporter supporter, CancellationToken cancellationToken)
    {
        var member = new MemberBody(supporter.Email.Trim(), StatusIfNew: "unsubscribed", Status: "unsubscribed", MergeFields: null, Language: null, Tags: null);
        return CrmDeliveryResult.Delivered(await SendAsync(HttpMethod.Put, "members/" + SubscriberHash(supporter.Email), member, cancellationToken));
    }

    /// <summary>An erasure knows only the email: the member it names is deleted for good, or archived, as configured; one already gone is done.</summary>
    private async Task<CrmDeliveryResult> EraseAsync(CrmSupporter supporter, CancellationToken cancellationToken)
    {
        var hash = SubscriberHash(supporter.Email);
        var status = options.OnErasure == MailchimpErasure.Archive
            ? await SendAsync(HttpMethod.Delete, "members/" + hash, body: null, cancellationToken, HttpStatusCode.NotFound)
            : await SendAsync(HttpMethod.Post, $"members/{hash}/actions/delete-permanent", body: null, cancellationToken, HttpStatusCode.NotFound);
        return CrmDeliveryResult.Delivered(status);
    }

    private async Task<int> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken, params HttpStatusCode[] alsoFine)
    {
        using var request = new HttpRequestMessage(method, new Uri(lists, path))
        {
            Content = body is null ? null : JsonContent.Create(body, body.GetType(), options: Json),
        };
        request.Headers.Authorization = authorization;
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode || alsoFine.Contains(response.StatusCode))
        {
            return (int)response.StatusCode;
        }

        throw await RefusedAsync(response, cancellationToken);
    }

    /// <summary>
    /// Mailchimp's error, with its problem title as the reason when the title is a fixed phrase
    /// such as "Member In Compliance State" (a person who unsubscribed in Mailchimp, never forced
    /// back): the detail can quote the address, so it is never kept. Any 4xx but the slow-down and
    /// credential answers is final for this record.
    /// </summary>
    private static async Task<CrmDeliveryException> RefusedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var reason = await ProblemTitleAsync(response, cancellationToken)
            ?? CrmHttpAnswers.StatusName(status);
        return CrmHttpAnswers.Refused(response, reason);
    }

    private static async Task<string?> ProblemTitleAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType is not ("application/problem+json" or "application/json")
            || response.Content.Headers.ContentLength is > 64 * 1024)
        {
            return null;
        }

        try
        {
            using var problem = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            return problem.RootElement.ValueKind == JsonValueKind.Object
                && problem.RootElement.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String
                && title.GetString() is { } text && PlainPhrase().IsMatch(text)
                    ? text
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Mailchimp's language codes are the language's part of a locale: "en" for "en-GB".</summary>
    private static string? Language(string? locale) =>
        string.IsNullOrWhiteSpace(locale) ? null : locale.Split('-', '_')[0].Trim().ToLowerInvariant() is { Length: > 0 } language ? language : null;

    /// <summary>The same tag names as the Mailchimp CSV export, so a campaign that imported a CSV before finds the same segments.</summary>
    private static IReadOnlyList<Tag> Tags(CrmSupporter supporter)
    {
        var tags = new List<Tag> { new("pledge-" + supporter.PledgeId) };
        if (supporter.CauseVotedFor is { Length: > 0 } cause)
        {
            tags.Add(new("voted-" + cause));
        }

        if (supporter.Channel is { Length: > 0 } channel)
        {
            tags.Add(new("channel-" + channel));
        }

        if (supporter.ReferralCode is { Length: > 0 } code)
        {
            tags.Add(new("referral-" + code));
        }

        return tags;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z][A-Za-z ]{0,59}$")]
    private static partial System.Text.RegularExpressions.Regex PlainPhrase();

    private sealed record MemberBody(
        [property: JsonPropertyName("email_address")] string EmailAddress,
        [property: JsonPropertyName("status_if_new")] string StatusIfNew,
        [property: JsonPropertyName("status")] string? Status,
        [property: JsonPropertyName("merge_fields")] MergeFields? MergeFields,
        [property: JsonPropertyName("language")] string? Language,
        [property: JsonPropertyName("tags")] IReadOnlyList<string>? Tags);

    private sealed record MergeFields([property: JsonPropertyName("FNAME")] string FirstName);

    private sealed record TagsBody(
        [property: JsonPropertyName("tags")] IReadOnlyList<Tag> Tags,
        [property: JsonPropertyName("is_syncing")] bool IsSyncing);

    private sealed record Tag([property: JsonPropertyName("name")] string Name)
    {
        [JsonPropertyName("status")]
        public string Status => "active";
    }
}
