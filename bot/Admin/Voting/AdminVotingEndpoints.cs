using System.Globalization;
using System.Text.Json;
using PledgeBot.Storage;

namespace PledgeBot.Admin.Voting;

/// <summary>
/// The voting controls for tools: <c>GET /admin/api/voting</c> gives the state, <c>POST /admin/api/voting</c>
/// changes it with <c>{"action": "open" | "close" | "schedule", "closesAt": ..., "hideTalliesUntilClosed": ...}</c>
/// (either part may be left out, not both). Each change is one audit line.
/// </summary>
public static class AdminVotingEndpoints
{
    private const string Usage =
        """Send {"action": "open" | "close" | "schedule", "closesAt": "2026-12-01T18:00:00Z", "hideTalliesUntilClosed": true | false}: an action, the tallies setting, or both; closesAt only with "schedule".""";

    public static void MapAdminVoting(this IEndpointRouteBuilder admin)
    {
        admin.MapGet("/api/voting", ReadAsync);
        admin.MapPost("/api/voting", ChangeFromToolAsync);
    }

    /// <summary>What a tool sends to <c>POST /admin/api/voting</c>.</summary>
    public sealed record VotingChange(string? Action, DateTimeOffset? ClosesAt, bool? HideTalliesUntilClosed);

    /// <summary>The state as tools read it, evaluated against the clock.</summary>
    public sealed record VotingState(bool Open, bool ClosedNow, DateTimeOffset? ClosesAt, bool HideTalliesUntilClosed, bool TalliesHiddenNow);

    private static async Task<IResult> ReadAsync(IVotingControls controls, TimeProvider clock, CancellationToken cancellationToken) =>
        TypedResults.Ok(StateOf(await controls.ReadAsync(cancellationToken), clock.GetUtcNow()));

    private static async Task<IResult> ChangeFromToolAsync(HttpContext context, IVotingControls controls, IAdminAuditLog audit, TimeProvider clock)
    {
        // Read here rather than bound by the framework, so that a body that is not the request gets a problem that says what to send.
        if (!context.Request.HasJsonContentType())
        {
            return TypedResults.Problem(title: "Send JSON", detail: Usage, statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        VotingChange? change;
        try
        {
            change = await context.Request.ReadFromJsonAsync<VotingChange>(context.RequestAborted);
        }
        catch (JsonException)
        {
            change = null;
        }

        var now = clock.GetUtcNow();
        var current = await controls.ReadAsync(context.RequestAborted);
        var (changed, lines, problem) = Apply(change, current, now);
        if (problem is not null)
        {
            return TypedResults.Problem(title: "Not a voting change", detail: problem, statusCode: StatusCodes.Status400BadRequest);
        }

        await controls.SaveAsync(changed, context.RequestAborted);
        var who = context.User.Identity?.Name ?? "unknown admin";
        foreach (var line in lines)
        {
            await audit.RecordAsync(who, line, context.RequestAborted);
        }

        return TypedResults.Ok(StateOf(changed, now));
    }

    /// <summary>The new settings and their audit lines, or a problem (and nothing to save).</summary>
    private static (VotingSettings Changed, List<string> Lines, string? Problem) Apply(VotingChange? change, VotingSettings current, DateTimeOffset now)
    {
        if (change is null || (change.Action is null && change.HideTalliesUntilClosed is null))
        {
            return (current, [], Usage);
        }

        if (change.ClosesAt is not null && change.Action != "schedule")
        {
            return (current, [], """closesAt goes with "action": "schedule". """ + Usage);
        }

        var changed = current;
        var lines = new List<string>();
        switch (change.Action)
        {
            case null:
                break;
            case "open":
                // Opening clears a scheduled close too: otherwise a time already passed would keep it closed.
                changed = changed with { ClosedNow = false, ClosesAt = null };
                lines.Add("opened voting");
                break;
            case "close":
                changed = changed with { ClosedNow = true };
                lines.Add("closed voting");
                break;
            case "schedule" when change.ClosesAt is null:
                return (current, [], """ "schedule" needs closesAt, a date and time with its offset, such as 2026-12-01T18:00:00Z.""".Trim());
            case "schedule" when change.ClosesAt <= now:
                // Refused rather than taken as "close now": a mistyped date must not end the vote by surprise.
                return (current, [], """closesAt is not in the future. To close voting now, send "action": "close".""");
            case "schedule":
                // A schedule is "open until then": it reopens voting closed by hand.
                changed = changed with { ClosedNow = false, ClosesAt = change.ClosesAt!.Value.ToUniversalTime() };
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"scheduled voting to close at {changed.ClosesAt:yyyy-MM-dd HH:mm:ss} UTC"));
                break;
            default:
                return (current, [], """action must be "open", "close" or "schedule". """ + Usage);
        }

        if (change.HideTalliesUntilClosed is { } hide && hide != current.HideTalliesUntilClosed)
        {
            changed = changed with { HideTalliesUntilClosed = hide };
            lines.Add(hide ? "tallies hidden until voting closes" : "tallies shown while voting is open");
        }

        return (changed, lines, null);
    }

    private static VotingState StateOf(VotingSettings settings, DateTimeOffset now) => new(
        !settings.IsClosedAt(now), settings.ClosedNow, settings.ClosesAt, settings.HideTalliesUntilClosed, settings.TalliesHiddenAt(now));
}
