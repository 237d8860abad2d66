namespace PledgeBot.Storage;

/// <summary>
/// What the campaign's CRMs are told (issue 11), one outbox record each, named as the signed
/// webhooks name them.
/// </summary>
public static class CrmEvents
{
    public const string PledgeCreated = "pledge.created";
    public const string PledgeConfirmed = "pledge.confirmed";
    public const string ContactWithdrawn = "supporter.contact_withdrawn";
    public const string SupporterErased = "supporter.erased";
}
