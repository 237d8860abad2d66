using System.Globalization;
using PledgeBot.Storage;

namespace PledgeBot.Admin.Voting;

/// <summary>
/// What a change of the voting controls may be, for the API and the form alike: it is checked as a
/// whole, then saved and audited (one line per thing changed), or refused with nothing changed.
/// </summary>
public static class VotingChangeRules
{
    public const string Usage =
        """Send {"action": "open" | "close" | "schedule", "closesAt": "2026-12-01T18:00:00Z", "hideTalliesUntilClosed": true | false}: an action, the tallies setting, or both; closesAt only with "schedule".""";

    /// <summary>Saves and audits the change; returns the new settings, or a problem and nothing saved.</summary>
    public static async Task<(VotingSettings Settings, string? Problem)> ApplyAsync(
        AdminVotingEndpoints.VotingChange? change, HttpContext context, IVotingControls controls, IAdminAuditLog audit, DateTimeOffset now)
    {
        var current = await controls.ReadAsync(context.RequestAborted);
        var (changed, lines, problem) = Apply(change, current, now);
        if (problem is not null)
        {
            return (current, problem);
        }

        await controls.SaveAsync(changed, context.RequestAborted);
        var who = context.User.Identity?.Name ?? "unknown admin";
        foreach (var line in lines)
        {
            await audit.RecordAsync(who, line, context.RequestAborted);
        }

        return (changed, null);
    }

    /// <summary>The new settings and their audit lines, or a problem (and nothing to save).</summary>
    private static (VotingSettings Changed, List<string> Lines, string? Problem) Apply(AdminVotingEndpoints.VotingChange? change, VotingSettings current, DateTimeOffset now)
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

}
