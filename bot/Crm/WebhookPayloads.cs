using System.Text.Json;
using System.Text.Json.Serialization;
using PledgeBot.Storage;

namespace PledgeBot.Crm;

/// <summary>
/// The signed webhooks' JSON, one shape per event, as the README documents field by field: the
/// Standard Webhooks envelope (<c>type</c>, <c>timestamp</c>, <c>data</c>) around the supporter.
/// Field names are snake_case and fixed here, so a rename in C# cannot change what receivers get.
/// </summary>
public static class WebhookPayloads
{
    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The prefix of <c>supporter_id</c>: the same id as Action Network's identifier.</summary>
    public const string SupporterIdPrefix = "pledgebot:";

    /// <summary>The body, serialised once: these exact bytes are signed and sent.</summary>
    public static byte[] Serialize(DueCrmDelivery delivery, CrmSupporter supporter) => delivery.Event switch
    {
        CrmEvents.PledgeCreated or CrmEvents.PledgeConfirmed => JsonSerializer.SerializeToUtf8Bytes(
            new Envelope<PledgeData>(delivery.Event, delivery.OccurredAt, new PledgeData(
                SupporterIdPrefix + supporter.PledgeRecordId,
                supporter.CampaignId,
                supporter.PledgeId,
                supporter.FirstName ?? "",
                supporter.Email,
                supporter.Locale,
                supporter.Channel,
                supporter.ReferralCode,
                supporter.CauseVotedFor,
                supporter.ConsentedAt,
                supporter.ConsentStatementVersion,
                supporter.ConsentLanguage,
                supporter.ConfirmedAt is not null,
                supporter.ConfirmedAt)),
            Json),
        CrmEvents.ContactWithdrawn => JsonSerializer.SerializeToUtf8Bytes(
            new Envelope<WithdrawalData>(delivery.Event, delivery.OccurredAt, new WithdrawalData(
                SupporterIdPrefix + supporter.PledgeRecordId, supporter.CampaignId, supporter.PledgeId, supporter.Email, supporter.ContactWithdrawnAt ?? delivery.OccurredAt)),
            Json),
        CrmEvents.SupporterErased => JsonSerializer.SerializeToUtf8Bytes(
            new Envelope<ErasureData>(delivery.Event, delivery.OccurredAt, new ErasureData(
                SupporterIdPrefix + supporter.PledgeRecordId, supporter.CampaignId, supporter.PledgeId, supporter.Email)),
            Json),
        _ => throw new ArgumentOutOfRangeException(nameof(delivery), delivery.Event, "Unknown CRM event."),
    };

    private sealed record Envelope<T>(
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp,
        [property: JsonPropertyName("data")] T Data);

    private sealed record PledgeData(
        [property: JsonPropertyName("supporter_id")] string SupporterId,
        [property: JsonPropertyName("campaign_id")] string CampaignId,
        [property: JsonPropertyName("pledge_id")] string PledgeId,
        [property: JsonPropertyName("first_name")] string FirstName,
        [property: JsonPropertyName("email")] string Email,
        [property: JsonPropertyName("language")] string? Language,
        [property: JsonPropertyName("channel")] string? Channel,
        [property: JsonPropertyName("referral_code")] string? ReferralCode,
        [property: JsonPropertyName("cause_voted_for")] string? CauseVotedFor,
        [property: JsonPropertyName("consented_at")] DateTimeOffset? ConsentedAt,
        [property: JsonPropertyName("consent_statement_version")] int? ConsentStatementVersion,
        [property: JsonPropertyName("consent_statement_language")] string? ConsentStatementLanguage,
        [property: JsonPropertyName("email_confirmed")] bool EmailConfirmed,
        [property: JsonPropertyName("confirmed_at")] DateTimeOffset? ConfirmedAt);

    private sealed record WithdrawalData(
        [property: JsonPropertyName("supporter_id")] string SupporterId,
        [property: JsonPropertyName("campaign_id")] string CampaignId,
        [property: JsonPropertyName("pledge_id")] string PledgeId,
        [property: JsonPropertyName("email")] string Email,
        [property: JsonPropertyName("withdrawn_at")] DateTimeOffset WithdrawnAt);

    private sealed record ErasureData(
        [property: JsonPropertyName("supporter_id")] string SupporterId,
        [property: JsonPropertyName("campaign_id")] string CampaignId,
        [property: JsonPropertyName("pledge_id")] string PledgeId,
        [property: JsonPropertyName("email")] string Email);
}
