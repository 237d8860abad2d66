using System.Data.Common;

namespace PledgeBot.Storage;

/// <summary>Reads a due delivery, selected by <see cref="FollowUpQueueStatements.Due"/>, on any database, decrypting what it needs.</summary>
public static class FollowUpQueueRows
{
    public static DueFollowUp Read(DbDataReader row, PersonalDataProtector protector)
    {
        var subscribed = !row.IsDBNull(5) && FollowUpNames.StatusOf(row.GetString(5)) == FollowUpStatus.Subscribed;
        var route = FollowUpNames.RouteOf(row.IsDBNull(6) ? null : row.GetString(6));
        var reference = row.IsDBNull(8) ? null : protector.Unprotect(row.GetString(8), row.GetInt32(9));
        var pledgeProtection = row.GetInt32(12);
        return new DueFollowUp(
            row.GetString(0),
            row.GetString(1),
            FollowUpQueueNames.KindOf(row.GetString(2)),
            row.IsDBNull(3) ? null : row.GetString(3),
            row.GetString(4),
            subscribed,
            route,
            row.GetString(7),
            reference,
            row.IsDBNull(10) ? null : protector.Unprotect(row.GetString(10), pledgeProtection),
            row.IsDBNull(11) ? null : protector.Unprotect(row.GetString(11), pledgeProtection),
            !row.IsDBNull(13),
            row.GetInt32(14));
    }
}
