namespace PledgeBot.Storage;

/// <summary>A state write carried an ETag that no longer matches: someone else wrote first.</summary>
public sealed class StorageETagConflictException(string key)
    : Exception($"ETag conflict: the stored item '{key}' was changed by another writer.")
{
    public string Key { get; } = key;
}
