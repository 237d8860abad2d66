namespace PledgeBot.Storage;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Folder for the SQLite database and the generated secret; relative to the content root.</summary>
    public string DataDirectory { get; set; } = "data";
}
