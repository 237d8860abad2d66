using System.Data.Common;

namespace PledgeBot.Storage;

/// <summary>
/// A due delivery as both databases' stores select it (the same columns in the same order, see
/// <c>ReadDueAsync</c>), read into a <see cref="DueCrmDelivery"/>: only how an instant is stored differs.
/// </summary>
public static class DueCrmDeliveryRow
{
    public static DueCrmDelivery Read(DbDataReader reader, string destination, PersonalDataProtector protector, Func<DbDataReader, int, DateTimeOffset> instant)
    {
        var crmEvent = reader.GetString(1);
        return new DueCrmDelivery(
            reader.GetString(0), destination, crmEvent, instant(reader, 2), reader.GetInt32(3), reader.GetBoolean(4),
            crmEvent == CrmEvents.SupporterErased ? ReadErased(reader, protector) : ReadPledge(reader, protector, instant));
    }

    private static CrmSupporter? ReadErased(DbDataReader reader, PersonalDataProtector protector)
    {
        if (reader.IsDBNull(8))
        {
            return null;
        }

        var email = protector.Unprotect(reader.GetString(8), reader.GetInt32(9));
        return email is null ? null : new CrmSupporter(reader.GetString(5), reader.GetString(6), reader.GetString(7), email);
    }

    private static CrmSupporter? ReadPledge(DbDataReader reader, PersonalDataProtector protector, Func<DbDataReader, int, DateTimeOffset> instant)
    {
        if (reader.IsDBNull(10))
        {
            return null;
        }

        var protection = reader.GetInt32(13);
        var firstName = protector.Unprotect(reader.GetString(11), protection);
        var email = protector.Unprotect(reader.GetString(12), protection);
        if (firstName is null || email is null)
        {
            return null;
        }

        return new CrmSupporter(
            reader.GetString(5),
            reader.GetString(6),
            reader.GetString(7),
            email,
            firstName,
            instant(reader, 14),
            reader.IsDBNull(17) ? null : reader.GetInt32(17),
            reader.IsDBNull(18) ? null : reader.GetString(18),
            reader.IsDBNull(19) ? null : reader.GetString(19),
            reader.IsDBNull(20) ? null : reader.GetString(20),
            reader.IsDBNull(21) ? null : reader.GetString(21),
            reader.IsDBNull(15) ? null : instant(reader, 15),
            reader.IsDBNull(16) ? null : instant(reader, 16),
            reader.IsDBNull(22) ? null : reader.GetString(22));
    }
}
