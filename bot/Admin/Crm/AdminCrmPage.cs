using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using PledgeBot.Crm;

namespace PledgeBot.Admin.Crm;

/// <summary>
/// The CRM deliveries as a page for a signed-in admin: <c>/admin/crm</c> shows, per configured CRM,
/// the deliveries by state and the last error, with a button that retries its dead letters
/// (<c>POST /admin/crm/{destination}/retry</c>, then back to the page with what was done).
/// </summary>
public static class AdminCrmPage
{
    private const string Title = "CRM deliveries";
    private const string Path = "/admin/crm";

    public static void MapAdminCrmPage(this IEndpointRouteBuilder admin)
    {
        admin.MapGet("/crm", RenderAsync);
        // The form checks its antiforgery token itself, so that a stale form gets a page that says what to do instead of a bare 400.
        admin.MapPost("/crm/{destination}/retry", RetryAsync).DisableAntiforgery();
    }

    /// <param name="retried">With <paramref name="count"/>, set by the redirect after a retry: the confirmation to show.</param>
    private static async Task<IResult> RenderAsync(HttpContext context, CrmDeliveryStatus status, string? retried, string? count)
    {
        var destinations = await status.ReadAsync(context.RequestAborted);
        var html = HtmlEncoder.Default;
        if (destinations.Count == 0)
        {
            var settings = string.Join(", ", CrmDeliveryStatus.EnablingSettings.Select(s => $"<code>{html.Encode(s)}</code>"));
            return AdminPages.Page(
                Title,
                $"""
                <h1>CRM deliveries</h1>
                <p>No CRM is configured, so pledges are not sent to any. To send them, configure one or
                more CRMs with their settings ({settings}) and restart the bot; the README's CRMs section
                says what each needs.</p>
                """);
        }

        // Only a configured CRM's name is echoed back, so a crafted link cannot put words on this page.
        var confirmation = retried is not null && int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var retriedCount) && status.IsConfigured(retried)
            ? $"""<p role="status">{html.Encode(status.DescribeRetry(retried, retriedCount, "they are being delivered again"))}</p>"""
            : "";
        return AdminPages.Page(
            Title,
            $"""
            <h1>CRM deliveries</h1>
            {confirmation}
            <p>Every pledge stored, confirmed, withdrawn from contact or erased is one delivery to each
            configured CRM. Dead-lettered deliveries were given up after the last attempt allowed, or
            refused by the CRM for good; once the cause is fixed, retry them. Reload the page to see new figures.</p>
            {Table(destinations, AdminPages.AntiforgeryField(context))}
            """);
    }

    private static async Task<IResult> RetryAsync(HttpContext context, IAntiforgery antiforgery, CrmDeliveryStatus status, string destination)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return AdminPages.Page(
                Title,
                $"""<h1>CRM deliveries</h1><p role="alert">This form has expired. <a href="{Path}">Open the page again</a> and retry from there.</p>""",
                StatusCodes.Status400BadRequest);
        }

        if (!status.IsConfigured(destination))
        {
            return TypedResults.Problem(
                title: "No such CRM",
                detail: status.ConfiguredNames.Count == 0
                    ? "No CRM is configured here."
                    : $"Configured CRMs: {string.Join(", ", status.ConfiguredNames)}.",
                statusCode: StatusCodes.Status404NotFound);
        }

        var retried = await status.RetryDeadAsync(destination, context.User.Identity?.Name ?? "unknown admin", context.RequestAborted);
        // Back to the page with a GET (303), so that reloading it does not send the retry again.
        context.Response.Headers.Location = string.Create(CultureInfo.InvariantCulture, $"{Path}?retried={Uri.EscapeDataString(destination)}&count={retried}");
        return TypedResults.StatusCode(StatusCodes.Status303SeeOther);
    }

    private static string Table(IReadOnlyList<CrmDestinationStatus> destinations, string antiforgeryField)
    {
        var html = HtmlEncoder.Default;
        var rows = new StringBuilder();
        foreach (var d in destinations)
        {
            var lastError = d.LastError is { } error
                ? $"""{html.Encode(CrmDeliveryStatus.DescribeError(error))}, <time datetime="{error.At.ToUniversalTime():O}">{html.Encode(CrmDeliveryStatus.Moment(error.At))}</time>"""
                : "none";
            var retry = d.Dead > 0
                ? $"""
                  <form method="post" action="{Path}/{html.Encode(d.Name)}/retry">
                    {antiforgeryField}
                    <button type="submit" aria-label="Retry dead letters to {html.Encode(d.Label)}">Retry dead letters</button>
                  </form>
                  """
                : "nothing to retry";
            rows.Append(CultureInfo.InvariantCulture, $"""
                <tr data-crm="{html.Encode(d.Name)}">
                  <th scope="row">{html.Encode(d.Label)}</th>
                  <td data-count="delivered">{d.Delivered:N0}</td>
                  <td data-count="skipped">{d.Skipped:N0}</td>
                  <td data-count="pending">{d.Pending:N0}</td>
                  <td data-count="failing">{d.Failing:N0}</td>
                  <td data-count="dead">{d.Dead:N0}</td>
                  <td data-last-error>{lastError}</td>
                  <td>{retry}</td>
                </tr>
                """);
        }

        return $"""
            <table>
              <caption>Deliveries per CRM</caption>
              <thead>
                <tr>
                  <th scope="col">CRM</th>
                  <th scope="col">Delivered</th>
                  <th scope="col">Skipped (nothing to send)</th>
                  <th scope="col">Pending</th>
                  <th scope="col">Of which failing</th>
                  <th scope="col">Dead-lettered</th>
                  <th scope="col">Last error</th>
                  <th scope="col">Retry</th>
                </tr>
              </thead>
              <tbody>
            {rows}
              </tbody>
            </table>
            """;
    }
}
