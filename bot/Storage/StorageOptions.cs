using System.ComponentModel.DataAnnotations;

namespace PledgeBot.Storage;

public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    /// <summary>Folder for the SQLite database and the generated secret; relative to the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// When set, every store is on this PostgreSQL database instead of the SQLite file, so that
    /// several instances of the bot can share it (an Npgsql connection string).
    /// </summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>A conversation's state (an unfinished pledge, its referral) untouched for this many days is deleted.</summary>
    [Range(1, 3650)]
    public int ConversationStateDays { get; set; } = 30;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(PostgresConnectionString) && !PostgresProblems.TryRead(PostgresConnectionString, out _, out var problem))
        {
            yield return new ValidationResult($"Storage:PostgresConnectionString: {problem}", [nameof(PostgresConnectionString)]);
        }
    }
}
