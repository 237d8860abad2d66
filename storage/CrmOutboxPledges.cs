namespace PledgeBot.Storage;

/// <summary>Which pledges a CRM outbox event is about: always one of these, never text from outside.</summary>
public enum CrmOutboxPledges
{
    WithRecordId,
    WithEmailKey,
    WithPersonKey,
}

public static class CrmOutboxPledgesColumn
{
    /// <summary>The <c>pledges</c> column that selects them, the same on every database.</summary>
    public static string Column(this CrmOutboxPledges which) => which switch
    {
        CrmOutboxPledges.WithRecordId => "record_id",
        CrmOutboxPledges.WithEmailKey => "email_key",
        CrmOutboxPledges.WithPersonKey => "person_key",
        _ => throw new ArgumentOutOfRangeException(nameof(which), which, null),
    };
}
