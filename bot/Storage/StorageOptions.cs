using System.ComponentModel.DataAnnotations;

namespace PledgeBot.Storage;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Folder for the SQLite database and the generated secret; relative to the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>A conversation's state (an unfinished pledge, its referral) untouched for this many days is deleted.</summary>
    [Range(1, 3650)]
    public int ConversationStateDays { get; set; } = 30;
}
