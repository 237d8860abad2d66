using System.Globalization;
using CsvHelper;
using PledgeBot.Dialogs.Content;
using PledgeBot.Storage;

namespace PledgeBot.Admin.Exports;

/// <summary>
/// <c>GET /admin/export/pledges.csv?format=...</c> and <c>GET /admin/export/votes.csv</c>. Each row
/// is written to the response as the database gives it, so an export of any size holds one row
/// and CsvHelper's buffer in memory, and a slow reader slows the database read down rather than
/// filling the server.
/// </summary>
public static class AdminExportEndpoints
{
    public static void MapAdminExports(this IEndpointRouteBuilder admin)
    {
        var export = admin.MapGroup("/export");
        export.MapGet("/pledges.csv", ExportPledgesAsync);
        export.MapGet("/votes.csv", ExportVotesAsync);
    }

    private static async Task<IResult> ExportPledgesAsync(
        string? format, HttpContext context, IExportStore store, CurrentCampaign campaign, IAdminAuditLog audit, TimeProvider clock)
    {
        var content = campaign.Content;
        var chosen = PledgeExportFormat.Find(format);
        if (chosen is null)
        {
            // The value sent is not repeated: only the names that work.
            var names = PledgeExportFormat.All.Select(f => f.Name).ToArray();
            return TypedResults.Problem(
                title: "Unknown export format",
                detail: $"format must be one of: {string.Join(", ", names)} (default {PledgeExportFormat.DefaultName}).",
                statusCode: StatusCodes.Status400BadRequest,
                extensions: new Dictionary<string, object?> { ["formats"] = names });
        }

        await audit.RecordAsync(WhoIs(context), $"exported pledges.csv (format {chosen.Name})", context.RequestAborted);
        return Csv(context, $"{content.Id}-pledges-{chosen.Name}-{Today(clock)}.csv", chosen.ByteOrderMark, async csv =>
        {
            csv.WriteHeader(chosen.Headers);
            var fields = new string?[chosen.Columns.Count];
            await foreach (var row in store.ReadPledgesAsync(content.Id, context.RequestAborted))
            {
                if (!chosen.Includes(row))
                {
                    continue;
                }

                for (var i = 0; i < fields.Length; i++)
                {
                    fields[i] = chosen.Columns[i].Value(row);
                }

                await csv.WriteRecordAsync(fields, context.RequestAborted);
            }
        });
    }

    private static async Task<IResult> ExportVotesAsync(
        HttpContext context, IExportStore store, CurrentCampaign campaign, IAdminAuditLog audit, TimeProvider clock)
    {
        var content = campaign.Content;
        await audit.RecordAsync(WhoIs(context), "exported votes.csv", context.RequestAborted);
        return Csv(context, $"{content.Id}-votes-{Today(clock)}.csv", byteOrderMark: true, async csv =>
        {
            csv.WriteHeader(["day", "cause", "channel", "votes"]);
            await foreach (var count in store.ReadVoteCountsAsync(content.Id, context.RequestAborted))
            {
                await csv.WriteRecordAsync(
                    [count.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), count.CauseId, count.Channel, count.Votes.ToString(CultureInfo.InvariantCulture)],
                    context.RequestAborted);
            }
        });
    }

    private static IResult Csv(HttpContext context, string fileName, bool byteOrderMark, Func<CsvWriter, Task> write)
    {
        // Personal data: no cache on the way may keep a copy.
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Stream(
            async body =>
            {
                await using var csv = CsvWriter.Create(body, Options(byteOrderMark), leaveOpen: true);
                await write(csv);
                await csv.FlushAsync(context.RequestAborted);
            },
            "text/csv; charset=utf-8",
            fileName);
    }

    /// <summary>
    /// RFC 4180 quoting (commas, quotes and line breaks inside a value stay in it), and OWASP's
    /// advice against CSV injection: a value starting with = + - @, a tab or a CR, which a spreadsheet
    /// would run as a formula, gets a leading apostrophe and quotes.
    /// </summary>
    private static CsvWriterOptions Options(bool byteOrderMark) => CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = byteOrderMark,
    };

    private static string WhoIs(HttpContext context) => context.User.Identity?.Name ?? "unknown admin";

    private static string Today(TimeProvider clock) => clock.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
