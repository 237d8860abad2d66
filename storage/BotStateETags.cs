using Microsoft.Bot.Builder;

namespace PledgeBot.Storage;

/// <summary>
/// The ETag rules of the SDK's own stores, the same on every database: an <see cref="IStoreItem"/>
/// written with an ETag other than "*" must match the stored one (when there is one) or the write
/// is refused; every write gets a new ETag.
/// </summary>
public static class BotStateETags
{
    /// <summary>Throws <see cref="StorageETagConflictException"/> when <paramref name="value"/> expects another version than the stored one.</summary>
    public static void CheckWrite(string key, object value, string? storedETag)
    {
        if (value is IStoreItem { ETag: { } expected } && expected != "*"
            && storedETag is not null && storedETag != expected)
        {
            throw new StorageETagConflictException(key);
        }
    }

    public static string New() => Guid.NewGuid().ToString("N");
}
