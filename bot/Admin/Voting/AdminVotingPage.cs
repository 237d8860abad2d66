using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using PledgeBot.Storage;

namespace PledgeBot.Admin.Voting;

/// <summary>
/// The voting controls as a page for a signed-in admin: <c>/admin/voting</c> shows the state and one
/// form whose buttons close, open or schedule the close and hide or show the tallies. The form goes
/// through the same rules as the API (<see cref="VotingChangeRules"/>).
/// </summary>
public static class AdminVotingPage
{
    private const string Title = "Voting controls";

    public static void MapAdminVotingPage(this IEndpointRouteBuilder admin)
    {
        admin.MapGet("/voting", async (HttpContext context, IAntiforgery antiforgery, IVotingControls controls, TimeProvider clock) =>
            Render(antiforgery.GetAndStoreTokens(context), await controls.ReadAsync(context.RequestAborted), clock.GetUtcNow(), message: null));
        // The form checks its antiforgery token itself, so that a stale form gets a page that says what to do instead of a bare 400.
        admin.MapPost("/voting", ChangeFromFormAsync).DisableAntiforgery();
    }

    private static async Task<IResult> ChangeFromFormAsync(
        HttpContext context, IAntiforgery antiforgery, IVotingControls controls, IAdminAuditLog audit, TimeProvider clock)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return AdminPages.FormExpired(Title, "/admin/voting");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var action = form["action"].ToString();
        var now = clock.GetUtcNow();
        string? problem = null;
        DateTimeOffset? closesAt = null;
        if (action == "schedule")
        {
            // The browser's date-and-time field has no offset; the page says it is UTC.
            if (DateTime.TryParse(form["closesAt"].ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
            {
                closesAt = new DateTimeOffset(at, TimeSpan.Zero);
            }
            else
            {
                problem = "Give the date and time (UTC) when voting is to close.";
            }
        }

        var hide = form["hideTalliesUntilClosed"].ToString() switch { "true" => true, "false" => (bool?)false, _ => null };
        var change = new AdminVotingEndpoints.VotingChange(action.Length == 0 ? null : action, closesAt, hide);
        var (settings, refused) = problem is null ? await VotingChangeRules.ApplyAsync(change, context, controls, audit, now) : (await controls.ReadAsync(context.RequestAborted), problem);
        return Render(
            antiforgery.GetAndStoreTokens(context),
            settings,
            now,
            refused ?? "Saved.",
            refused is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static IResult Render(AntiforgeryTokenSet tokens, VotingSettings settings, DateTimeOffset now, string? message, int status = StatusCodes.Status200OK)
    {
        var html = HtmlEncoder.Default;
        var state = settings.IsClosedAt(now)
            ? "Voting is closed: the bot counts no new votes and shows the final results."
            : settings.ClosesAt is { } at
                ? string.Create(CultureInfo.InvariantCulture, $"Voting is open until {at:yyyy-MM-dd HH:mm} UTC.")
                : "Voting is open.";
        var tallies = settings.HideTalliesUntilClosed
            ? "Tallies are hidden from supporters until voting closes."
            : "Tallies are shown to supporters.";
        return AdminPages.Page(
            Title,
            $"""
            <h1>Voting controls</h1>
            {(message is null ? "" : $"""<p role="{(status == StatusCodes.Status200OK ? "status" : "alert")}">{html.Encode(message)}</p>""")}
            <p>{html.Encode(state)}</p>
            <p>{html.Encode(tallies)}</p>
            <form method="post" action="/admin/voting">
              <input type="hidden" name="{html.Encode(tokens.FormFieldName)}" value="{html.Encode(tokens.RequestToken ?? "")}">
              <p><button type="submit" name="action" value="close">Close voting now</button>
              <button type="submit" name="action" value="open">Open voting</button></p>
              <p><label for="closesAt">Close voting at (UTC)</label>
              <input id="closesAt" name="closesAt" type="datetime-local">
              <button type="submit" name="action" value="schedule">Schedule the close</button></p>
              <p><button type="submit" name="hideTalliesUntilClosed" value="{(settings.HideTalliesUntilClosed ? "false" : "true")}">{(settings.HideTalliesUntilClosed ? "Show the tallies" : "Hide the tallies until voting closes")}</button></p>
            </form>
            """,
            status);
    }
}
