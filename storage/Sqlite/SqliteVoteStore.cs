using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PledgeBot.Storage.Sqlite;

public sealed class SqliteVoteStore(SqliteDatabase database, TimeProvider clock) : IVoteStore
{
    private readonly VoteDeliveries deliveries = new();

    /// <summary>
    /// Through the database's one writer: votes arriving together are stored in one transaction, and
    /// two concurrent votes by one person run one after the other, the second seeing the first.
    /// </summary>
    public Task<VoteResult> RecordVoteAsync(VoteRequest request, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, token) => RecordAsync(connection, request, token), cancellationToken);

    private async Task<VoteResult> RecordAsync(SqliteConnection connection, VoteRequest request, CancellationToken cancellationToken)
    {
        var replayed = await FindEarlierAnswerAsync(connection, request.RequestId, cancellationToken);
        if (replayed is not null)
        {
            return replayed;
        }

        var previous = await FindVoteAsync(connection, request.CampaignId, request.PersonKey, cancellationToken);
        var result = VoteDeliveries.Decide(request.CauseId, previous);
        var now = clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

        // A vote is dated when it was cast or moved to another cause; clicking the same cause again
        // keeps its date, so the votes-over-time figures do not move a vote to the day of a re-click.
        await using (var upsert = connection.CreateCommand())
        {
            upsert.CommandText = """
                INSERT INTO votes (campaign_id, person_key, cause_id, voted_at, channel)
                VALUES ($campaign, $person, $cause, $now, $channel)
                ON CONFLICT (campaign_id, person_key)
                DO UPDATE SET cause_id = excluded.cause_id,
                    voted_at = CASE WHEN votes.cause_id = excluded.cause_id THEN votes.voted_at ELSE excluded.voted_at END,
                    channel = excluded.channel
                """;
            upsert.Parameters.AddWithValue("$campaign", request.CampaignId);
            upsert.Parameters.AddWithValue("$person", request.PersonKey);
            upsert.Parameters.AddWithValue("$cause", request.CauseId);
            upsert.Parameters.AddWithValue("$now", now);
            upsert.Parameters.AddWithValue("$channel", request.Channel);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var remember = connection.CreateCommand())
        {
            remember.CommandText = """
                INSERT INTO vote_requests (request_id, outcome, cause_id, previous_cause_id, received_at)
                VALUES ($request, $outcome, $cause, $previous, $now)
                """;
            remember.Parameters.AddWithValue("$request", request.RequestId);
            remember.Parameters.AddWithValue("$outcome", result.Outcome.ToString());
            remember.Parameters.AddWithValue("$cause", result.CauseId);
            remember.Parameters.AddWithValue("$previous", (object?)result.PreviousCauseId ?? DBNull.Value);
            remember.Parameters.AddWithValue("$now", now);
            await remember.ExecuteNonQueryAsync(cancellationToken);
        }

        await ForgetOldDeliveriesAsync(connection, cancellationToken);
        return result;
    }

    /// <summary>Keeps the de-duplication table small: it only needs recent deliveries (see <see cref="VoteDeliveries.IsForgettingDue"/>).</summary>
    private async Task ForgetOldDeliveriesAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        if (!deliveries.IsForgettingDue(clock.GetUtcNow(), out var cutoff))
        {
            return;
        }

        await using var forget = connection.CreateCommand();
        forget.CommandText = "DELETE FROM vote_requests WHERE received_at < $cutoff";
        forget.Parameters.AddWithValue("$cutoff", cutoff.ToString("O", CultureInfo.InvariantCulture));
        await forget.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<string?> FindVoteAsync(string campaignId, string personKey, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        return await FindVoteAsync(connection, campaignId, personKey, cancellationToken);
    }

    public async Task<VoteTally> GetTallyAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // vote_counts is kept by triggers on votes (see SqliteDatabase): a few rows, however many votes.
        command.CommandText = "SELECT cause_id, votes FROM vote_counts WHERE campaign_id = $campaign AND votes > 0";
        command.Parameters.AddWithValue("$campaign", campaignId);
        var votes = new Dictionary<string, int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            votes[reader.GetString(0)] = reader.GetInt32(1);
        }

        return new VoteTally(votes);
    }

    public async Task<VoteTimeline> GetTimelineAsync(string campaignId, DateTimeOffset hoursFrom, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        // voted_at is always written as UTC in the round-trip format ("2026-11-26T12:00:00.0000000+00:00"),
        // so its first 10 characters are the UTC day and its first 13 the UTC hour.
        var perDay = new List<VotesOnDay>();
        await using (var days = connection.CreateCommand())
        {
            days.CommandText = """
                SELECT substr(voted_at, 1, 10) AS day, count(*) FROM votes
                WHERE campaign_id = $campaign GROUP BY day ORDER BY day
                """;
            days.Parameters.AddWithValue("$campaign", campaignId);
            await using var reader = await days.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                perDay.Add(new VotesOnDay(DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture), reader.GetInt32(1)));
            }
        }

        var perHour = new List<VotesInHour>();
        await using (var hours = connection.CreateCommand())
        {
            hours.CommandText = """
                SELECT substr(voted_at, 1, 13) AS hour, count(*) FROM votes
                WHERE campaign_id = $campaign AND voted_at >= $from GROUP BY hour ORDER BY hour
                """;
            hours.Parameters.AddWithValue("$campaign", campaignId);
            hours.Parameters.AddWithValue("$from", hoursFrom.ToUniversalTime().ToString("yyyy-MM-dd'T'HH", CultureInfo.InvariantCulture));
            await using var reader = await hours.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var hour = DateTime.ParseExact(
                    reader.GetString(0), "yyyy-MM-dd'T'HH", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
                perHour.Add(new VotesInHour(hour, reader.GetInt32(1)));
            }
        }

        return new VoteTimeline(perDay, perHour);
    }

    private static async Task<string?> FindVoteAsync(SqliteConnection connection, string campaignId, string personKey, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT cause_id FROM votes WHERE campaign_id = $campaign AND person_key = $person";
        command.Parameters.AddWithValue("$campaign", campaignId);
        command.Parameters.AddWithValue("$person", personKey);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private static async Task<VoteResult?> FindEarlierAnswerAsync(SqliteConnection connection, string requestId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT outcome, cause_id, previous_cause_id FROM vote_requests WHERE request_id = $request";
        command.Parameters.AddWithValue("$request", requestId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return VoteDeliveries.Remembered(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
    }
}
