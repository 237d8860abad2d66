using Npgsql;

namespace PledgeBot.Storage.Postgres;

/// <summary>The votes on PostgreSQL, with the rules of <c>SqliteVoteStore</c>, for any number of instances at once.</summary>
public sealed class PostgresVoteStore(PostgresDatabase database, TimeProvider clock) : IVoteStore
{
    // The first key of the two-number advisory locks on one person's vote, apart from every other
    // use of advisory locks (the migrations take a one-number lock, which PostgreSQL keeps apart).
    private const int PersonVoteLockSpace = 0x566F7465; // "Vote"

    private readonly VoteDeliveries deliveries = new();

    /// <summary>Counts are folded at most this often per instance (see <see cref="FoldCountChangesAsync"/>).</summary>
    public static readonly TimeSpan FoldCountsEvery = TimeSpan.FromSeconds(10);

    // The one-number advisory lock of whoever folds the count changes ("VoteFold").
    private const long FoldLockKey = 0x566F7465_466F6C64;

    // Ticks of the last fold's time: tallies are read concurrently, and one of them folds.
    private long lastFoldedTicks = DateTimeOffset.MinValue.UtcTicks;

    /// <summary>
    /// Through this instance's writer: its votes arriving together are stored in one transaction.
    /// A person's vote is read and written under a lock on that person, held until the commit, so
    /// two votes by one person run one after the other, the second seeing the first, also when
    /// they reach two instances: the vote counts once and the second is answered as a change (or
    /// no change), exactly as on one instance.
    /// </summary>
    public Task<VoteResult> RecordVoteAsync(VoteRequest request, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, token) => RecordAsync(connection, request, token), cancellationToken);

    private async Task<VoteResult> RecordAsync(NpgsqlConnection connection, VoteRequest request, CancellationToken cancellationToken)
    {
        // Before anything is read: a redelivery of the same request belongs to the same person, so
        // this also makes the second delivery find the first one's answer. Not waited for: while
        // another instance holds it, this batch gives way and runs again (see WrittenElsewhereException).
        await using (var lockPerson = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock($1, hashtext($2 || '/' || $3))", connection))
        {
            lockPerson.Parameters.AddWithValue(PersonVoteLockSpace);
            lockPerson.Parameters.AddWithValue(request.CampaignId);
            lockPerson.Parameters.AddWithValue(request.PersonKey);
            if (!(bool)(await lockPerson.ExecuteScalarAsync(cancellationToken))!)
            {
                throw new WrittenElsewhereException("Another instance is storing a vote of the same person.");
            }
        }

        var replayed = await FindEarlierAnswerAsync(connection, request.RequestId, cancellationToken);
        if (replayed is not null)
        {
            return replayed;
        }

        var previous = await FindVoteAsync(connection, request.CampaignId, request.PersonKey, cancellationToken);
        var result = VoteDeliveries.Decide(request.CauseId, previous);
        var now = clock.GetUtcNow();

        // A vote is dated when it was cast or moved to another cause; clicking the same cause again
        // keeps its date, so the votes-over-time figures do not move a vote to the day of a re-click.
        await using (var upsert = new NpgsqlCommand("""
            INSERT INTO votes AS v (campaign_id, person_key, cause_id, voted_at, channel)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (campaign_id, person_key)
            DO UPDATE SET cause_id = excluded.cause_id,
                voted_at = CASE WHEN v.cause_id = excluded.cause_id THEN v.voted_at ELSE excluded.voted_at END,
                channel = excluded.channel
            """, connection))
        {
            upsert.Parameters.AddWithValue(request.CampaignId);
            upsert.Parameters.AddWithValue(request.PersonKey);
            upsert.Parameters.AddWithValue(request.CauseId);
            upsert.Parameters.AddWithValue(now);
            upsert.Parameters.AddWithValue(request.Channel);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var remember = new NpgsqlCommand("""
            INSERT INTO vote_requests (request_id, outcome, cause_id, previous_cause_id, received_at)
            VALUES ($1, $2, $3, $4, $5)
            """, connection))
        {
            remember.Parameters.AddWithValue(request.RequestId);
            remember.Parameters.AddWithValue(result.Outcome.ToString());
            remember.Parameters.AddWithValue(result.CauseId);
            remember.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)result.PreviousCauseId ?? DBNull.Value);
            remember.Parameters.AddWithValue(now);
            await remember.ExecuteNonQueryAsync(cancellationToken);
        }

        await ForgetOldDeliveriesAsync(connection, cancellationToken);
        return result;
    }

    /// <summary>Keeps the de-duplication table small: it only needs recent deliveries (see <see cref="VoteDeliveries.IsForgettingDue"/>).</summary>
    private async Task ForgetOldDeliveriesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (!deliveries.IsForgettingDue(clock.GetUtcNow(), out var cutoff))
        {
            return;
        }

        await using var forget = new NpgsqlCommand("DELETE FROM vote_requests WHERE received_at < $1", connection);
        forget.Parameters.AddWithValue(cutoff);
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
        await FoldCountChangesAsync(connection, cancellationToken);
        // The counts and the changes not yet folded into them, kept by triggers on votes (see
        // PostgresSchema): a few rows, however many votes. One statement, so one snapshot: a fold
        // committing meanwhile is seen whole or not at all, never counted twice.
        await using var command = new NpgsqlCommand("""
            SELECT cause_id, sum(votes)::integer FROM (
                SELECT cause_id, votes FROM vote_counts WHERE campaign_id = $1
                UNION ALL
                SELECT cause_id, delta FROM vote_count_changes WHERE campaign_id = $1
            ) AS counted
            GROUP BY cause_id HAVING sum(votes) > 0
            """, connection);
        command.Parameters.AddWithValue(campaignId);
        var votes = new Dictionary<string, int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            votes[reader.GetString(0)] = reader.GetInt32(1);
        }

        return new VoteTally(votes);
    }

    /// <summary>
    /// Moves the count changes into vote_counts, so the tally's reads stay a few rows. At most every
    /// <see cref="FoldCountsEvery"/> per instance, and by one instance at a time: one holding the
    /// lock is enough, so the others do not wait for it. Its own short transaction, apart from the
    /// writer's, so the count rows are locked only for this one statement.
    /// </summary>
    private async Task FoldCountChangesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref lastFoldedTicks);
        if (now - last < FoldCountsEvery.Ticks || Interlocked.CompareExchange(ref lastFoldedTicks, now, last) != last)
        {
            return;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var tryLock = new NpgsqlCommand($"SELECT pg_try_advisory_xact_lock({FoldLockKey})", connection, transaction))
        {
            if (!(bool)(await tryLock.ExecuteScalarAsync(cancellationToken))!)
            {
                return;
            }
        }

        // Changes committed after this statement's snapshot stay for the next fold.
        await using (var fold = new NpgsqlCommand("""
            WITH moved AS (DELETE FROM vote_count_changes RETURNING campaign_id, cause_id, delta)
            INSERT INTO vote_counts AS counts (campaign_id, cause_id, votes)
            SELECT campaign_id, cause_id, sum(delta)::integer FROM moved GROUP BY campaign_id, cause_id
            ON CONFLICT (campaign_id, cause_id) DO UPDATE SET votes = counts.votes + excluded.votes
            """, connection, transaction))
        {
            await fold.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<VoteTimeline> GetTimelineAsync(string campaignId, DateTimeOffset hoursFrom, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        // Days and hours in UTC whatever the session's time zone.
        var perDay = new List<VotesOnDay>();
        await using (var days = new NpgsqlCommand("""
            SELECT (voted_at AT TIME ZONE 'UTC')::date AS day, count(*)::integer FROM votes
            WHERE campaign_id = $1 GROUP BY day ORDER BY day
            """, connection))
        {
            days.Parameters.AddWithValue(campaignId);
            await using var reader = await days.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                perDay.Add(new VotesOnDay(reader.GetFieldValue<DateOnly>(0), reader.GetInt32(1)));
            }
        }

        // From the start of the hour given, as SQLite compares the hour's text.
        var fromUtc = hoursFrom.UtcDateTime;
        var fromHour = new DateTimeOffset(fromUtc.Date.AddHours(fromUtc.Hour), TimeSpan.Zero);
        var perHour = new List<VotesInHour>();
        await using (var hours = new NpgsqlCommand("""
            SELECT date_trunc('hour', voted_at AT TIME ZONE 'UTC') AS hour, count(*)::integer FROM votes
            WHERE campaign_id = $1 AND voted_at >= $2 GROUP BY hour ORDER BY hour
            """, connection))
        {
            hours.Parameters.AddWithValue(campaignId);
            hours.Parameters.AddWithValue(fromHour);
            await using var reader = await hours.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                perHour.Add(new VotesInHour(DateTime.SpecifyKind(reader.GetDateTime(0), DateTimeKind.Utc), reader.GetInt32(1)));
            }
        }

        return new VoteTimeline(perDay, perHour);
    }

    private static async Task<string?> FindVoteAsync(NpgsqlConnection connection, string campaignId, string personKey, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT cause_id FROM votes WHERE campaign_id = $1 AND person_key = $2", connection);
        command.Parameters.AddWithValue(campaignId);
        command.Parameters.AddWithValue(personKey);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private static async Task<VoteResult?> FindEarlierAnswerAsync(NpgsqlConnection connection, string requestId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT outcome, cause_id, previous_cause_id FROM vote_requests WHERE request_id = $1", connection);
        command.Parameters.AddWithValue(requestId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return VoteDeliveries.Remembered(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
    }
}
