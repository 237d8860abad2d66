using Npgsql;

namespace PledgeBot.Storage.Postgres;

/// <summary>Language choices on PostgreSQL, as in <c>SqliteLanguageChoices</c>: one row per person key; the last choice wins.</summary>
public sealed class PostgresLanguageChoices(PostgresDatabase database) : ILanguageChoices
{
    public async Task<string?> FindAsync(string personKey, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT language FROM language_choices WHERE person_key = $1", connection);
        command.Parameters.AddWithValue(personKey);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public Task SaveAsync(string personKey, string language, CancellationToken cancellationToken = default)
    {
        var code = LanguageChoiceCode.Checked(language);
        return database.WriteAsync(async (connection, token) =>
        {
            await using var upsert = new NpgsqlCommand("""
                INSERT INTO language_choices (person_key, language) VALUES ($1, $2)
                ON CONFLICT (person_key) DO UPDATE SET language = excluded.language
                """, connection);
            upsert.Parameters.AddWithValue(personKey);
            upsert.Parameters.AddWithValue(code);
            await upsert.ExecuteNonQueryAsync(token);
        }, cancellationToken);
    }
}
