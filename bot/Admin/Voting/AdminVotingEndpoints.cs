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
    public static void MapAdminVoting(this IEndpointRouteBuilder admin)
    {
        admin.MapGet("/api/voting", ReadAsync);
        admin.MapPost("/api/voting", ChangeFromToolAsync);
        admin.MapAdminVotingPage();
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
            return TypedResults.Problem(title: "Send JSON", detail: VotingChangeRules.Usage, statusCode: StatusCodes.Status415UnsupportedMediaType);
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
        var (changed, problem) = await VotingChangeRules.ApplyAsync(change, context, controls, audit, now);
        return problem is not null
            ? TypedResults.Problem(title: "Not a voting change", detail: problem, statusCode: StatusCodes.Status400BadRequest)
            : TypedResults.Ok(StateOf(changed, now));
    }

    internal static VotingState StateOf(VotingSettings settings, DateTimeOffset now) => new(
        !settings.IsClosedAt(now), settings.ClosedNow, settings.ClosesAt, settings.HideTalliesUntilClosed, settings.TalliesHiddenAt(now));
}
