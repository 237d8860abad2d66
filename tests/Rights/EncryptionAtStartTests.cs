using Microsoft.Data.Sqlite;
using PledgeBot.Dialogs.Identity;
using PledgeBot.Privacy;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Rights;

/// <summary>A database written before names and emails were encrypted is encrypted when the host starts, without losing a row.</summary>
public sealed class EncryptionAtStartTests : IDisposable
{
    private readonly TempFolder data = new();

    [Fact]
    public async Task PlainPledgesFromAnEarlierVersionAreEncryptedAtStartAndStillShownByMyData()
    {
        // The person key secret is fixed so that the old row can name the person who will ask.
        var secret = Convert.ToBase64String(BotUnderTest.Secret);
        var personKey = new PersonKeyHasher(new ServerSecret(BotUnderTest.Secret).DeriveKey("person-keys")).PersonKey("emulator", "user-1");
        WriteVersionTwoDatabase(personKey);

        using var app = new BotApplication(data.Path, new Dictionary<string, string?> { ["Privacy:PersonKeySecret"] = secret });
        var replies = await app.ExpectRepliesAsync(new ChannelActivities().Message("my data"));

        var text = Assert.Single(replies).AsCard().Text();
        Assert.Contains("First name: Anna", text);
        Assert.Contains("Email: anna@example.org", text);
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(data.Path, "pledgebot.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM pledges WHERE protection = 1 AND first_name NOT LIKE '%Anna%' AND email NOT LIKE '%anna%'";
        Assert.Equal(1L, await command.ExecuteScalarAsync());
        Assert.True(Directory.EnumerateFiles(Path.Combine(data.Path, "keys"), "key-*.xml").Any());
    }

    /// <summary>The tables as version 2 of the bot wrote them, with one plain pledge in them.</summary>
    private void WriteVersionTwoDatabase(string personKey)
    {
        Directory.CreateDirectory(data.Path);
        using var connection = new SqliteConnection($"Data Source={Path.Combine(data.Path, "pledgebot.db")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE pledges (
                campaign_id TEXT NOT NULL, pledge_id TEXT NOT NULL, email_key TEXT NOT NULL, person_key TEXT NOT NULL,
                first_name TEXT NOT NULL, email TEXT NOT NULL, consented_at TEXT NOT NULL,
                PRIMARY KEY (campaign_id, pledge_id, email_key));
            INSERT INTO pledges VALUES ('stand-with-them', 'not-on-my-screen', 'email-key-anna', $person, 'Anna', 'anna@example.org', '2025-11-26T12:00:00.0000000+00:00');
            PRAGMA user_version = 2;
            """;
        command.Parameters.AddWithValue("$person", personKey);
        command.ExecuteNonQuery();
        SqliteConnection.ClearAllPools();
    }

    public void Dispose() => data.Dispose();
}
