using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PledgeBot.Dialogs.Content;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Admin;

/// <summary>
/// Runs alone, after the tests that run in parallel: it measures the whole process's managed heap,
/// which other tests' hosts would otherwise share.
/// </summary>
[CollectionDefinition(nameof(MemoryMeasurement), DisableParallelization = true)]
public sealed class MemoryMeasurement;

[Collection(nameof(MemoryMeasurement))]
public sealed class ExportStreamingTests : IDisposable
{
    private const int Pledges = 120_000;
    private const long MiB = 1024 * 1024;

    // What the host may add to the heap while streaming: pipe and CSV buffers, one row, the
    // client's buffer. Observed well under 1 MiB; a buffered export would be the whole file (about
    // 29 MiB of UTF-8, twice that as .NET strings).
    private const long HeapGrowthBound = 8 * MiB;

    private readonly TempFolder data = new();

    [Fact]
    public async Task ALargeExportIsReadWhileTheServersMemoryStaysFlat()
    {
        using var app = BotApplication.StartOnKestrel(data.Path, AdminRequests.Settings());
        await InsertPledgesAsync(app);
        var client = app.CreateAdminClient();
        // Once before measuring, so that what the first request loads (code, pools) is in the baseline.
        (await client.GetAsync("/admin/export/votes.csv")).EnsureSuccessStatusCode();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);

        using var response = await client.GetAsync("/admin/export/pledges.csv", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        long received = 0, lines = 0, largestGrowth = 0, nextSample = MiB;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            received += read;
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
            // Sampled with the export under way: a server that gathered every row before writing
            // (or the whole file in a buffer) would hold it all by the time the first megabyte arrives.
            if (received >= nextSample)
            {
                largestGrowth = Math.Max(largestGrowth, GC.GetTotalMemory(forceFullCollection: true) - baseline);
                nextSample += 8 * MiB;
            }
        }

        Assert.Equal(Pledges + 1, lines);
        Assert.True(received > 3 * HeapGrowthBound, $"The export is {received / MiB} MiB; the test needs one far larger than the bound below.");
        Assert.True(largestGrowth < HeapGrowthBound, $"The managed heap grew by {largestGrowth / MiB} MiB while a {received / MiB} MiB export was read.");
    }

    /// <summary>
    /// Straight into the table, as a long campaign would have stored them, with names and addresses
    /// as long as the pledge allows (100 characters): one ciphertext each, made by the host's own protector.
    /// </summary>
    private async Task InsertPledgesAsync(BotApplication app)
    {
        var protector = app.Services.GetRequiredService<PersonalDataProtector>();
        var content = app.Services.GetRequiredService<CurrentCampaign>().Content;
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(data.Path, "pledgebot.db")};Pooling=False");
        await connection.OpenAsync();
        await using var insert = connection.CreateCommand();
        insert.CommandText = """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $count)
            INSERT INTO pledges (campaign_id, pledge_id, email_key, person_key, first_name, email, consented_at, record_id, protection)
            SELECT $campaign, $pledge, 'streamed-' || i, 'streamed-' || i, $firstName, $email, '2026-01-02T03:04:05.0000000+00:00', 'streamed-' || i, 1
            FROM n
            """;
        insert.Parameters.AddWithValue("$count", Pledges);
        insert.Parameters.AddWithValue("$campaign", content.Id);
        insert.Parameters.AddWithValue("$pledge", content.CausesWithPledges.Single().Pledge!.Id);
        insert.Parameters.AddWithValue("$firstName", protector.Protect("Streamer" + new string('q', 92)));
        insert.Parameters.AddWithValue("$email", protector.Protect(new string('s', 88) + "@example.org"));
        await insert.ExecuteNonQueryAsync();
    }

    public void Dispose() => data.Dispose();
}
