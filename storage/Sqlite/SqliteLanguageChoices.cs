namespace PledgeBot.Storage.Sqlite;

/// <summary>Language choices in <c>language_choices</c>, one row per person key.</summary>
public sealed class SqliteLanguageChoices(SqliteDatabase database) : ILanguageChoices
{
    public async Task<string?> FindAsync(string personKey, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT language FROM language_choices WHERE person_key = $person";
        command.Parameters.AddWithValue("$person", personKey);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public Task SaveAsync(string personKey, string language, CancellationToken cancellationToken = default)
    {
        var code = LanguageChoiceCode.Checked(language);
        return database.WriteAsync(async (connection, token) =>
        {
            await using var upsert = connection.CreateCommand();
            upsert.CommandText = """
                INSERT INTO language_choices (person_key, language) VALUES ($person, $language)
                ON CONFLICT (person_key) DO UPDATE SET language = excluded.language
                """;
            upsert.Parameters.AddWithValue("$person", personKey);
            upsert.Parameters.AddWithValue("$language", code);
            await upsert.ExecuteNonQueryAsync(token);
        }, cancellationToken);
    }
}
