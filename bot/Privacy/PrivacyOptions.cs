namespace PledgeBot.Privacy;

public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>
    /// Base64 secret (at least 32 bytes) for the keyed hashes that stand in for user ids and emails.
    /// Empty: one is generated into the data folder on first run. Instances sharing a database must share it.
    /// </summary>
    public string? PersonKeySecret { get; set; }

    /// <summary>
    /// Folder of the Data Protection keys that encrypt names and emails at rest. Empty: "keys"
    /// inside the data folder. Instances sharing a database must share the folder.
    /// </summary>
    public string? KeysDirectory { get; set; }
}
