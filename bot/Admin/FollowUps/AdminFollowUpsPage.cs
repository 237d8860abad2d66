using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using PledgeBot.ChatPage;

namespace PledgeBot.Admin.FollowUps;

/// <summary>
/// <c>/admin/follow-ups</c>: every update of the campaign, automatic and written, newest first,
/// with its audience, its time and its progress; the page's script refreshes the figures from
/// <c>/admin/follow-ups/progress</c>. A scheduled update has a button that cancels it.
/// </summary>
public static class AdminFollowUpsPage
{
    public const string Path = "/admin/follow-ups";
    public const string Title = "Follow-ups";

    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    /// <param name="message">What the admin just did (role status), or why it was refused (role alert, with a status other than 200).</param>
    public static IResult Render(
        HttpContext context, IReadOnlyList<FollowUpProgressLine> lines, string? message, int status = StatusCodes.Status200OK)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        var assets = context.RequestServices.GetRequiredService<ChatPageAssets>();
        var notice = message is null
            ? ""
            : $"""<p role="{(status == StatusCodes.Status200OK ? "status" : "alert")}">{Html.Encode(message)}</p>""";
        var list = lines.Count == 0
            ? """<p id="no-updates">No updates yet. The bot adds one by itself when voting closes or a goal is reached.</p>"""
            : Table(lines, tokens);
        return AdminPages.Page(
            Title,
            $"""
            <h1>Follow-ups</h1>
            {notice}
            <p>Supporters who asked to hear how the campaign goes get these updates in their Teams chat or by email.
            The bot sends the final results when voting closes and a thank-you when a goal is reached; you can write your own.</p>
            <p><a href="{AdminNewFollowUpPage.Path}">Write an update</a></p>
            <h2>Updates, newest first</h2>
            <p id="follow-ups-status">Figures refresh every few seconds.</p>
            {list}
            """,
            status,
            head: $"""
            <link rel="stylesheet" href="{assets.AdminFollowUpsStylesUrl}">
            <script src="{assets.AdminFetchScriptUrl}" defer></script>
            <script src="{assets.AdminFollowUpsScriptUrl}" defer></script>
            """);
    }

    private static string Table(IReadOnlyList<FollowUpProgressLine> lines, AntiforgeryTokenSet tokens)
    {
        var rows = new StringBuilder();
        foreach (var line in lines)
        {
            var id = Html.Encode(line.Id);
            var cancel = line.CanCancel
                ? $"""
                  <form method="post" action="{Path}/{Uri.EscapeDataString(line.Id)}/cancel">
                    <input type="hidden" name="{Html.Encode(tokens.FormFieldName)}" value="{Html.Encode(tokens.RequestToken ?? "")}">
                    <button type="submit" aria-describedby="update-{id}">Cancel</button>
                  </form>
                  """
                : "";
            rows.Append($"""
                <tr data-update-id="{id}">
                  <th scope="row" id="update-{id}">{Html.Encode(line.What)}</th>
                  <td>{Html.Encode(line.Audience)}</td>
                  <td><span data-figure="when">{Html.Encode(line.When)}</span><br><span data-figure="state">{Html.Encode(line.State)}</span></td>
                  <td><progress max="100" value="{line.Percent}" aria-labelledby="update-{id}"></progress> <span data-figure="done">{Html.Encode(line.Done)}</span></td>
                  <td data-figure="sent">{line.Sent:N0}</td>
                  <td data-figure="pending">{line.Pending:N0}</td>
                  <td data-figure="failed">{line.Failed:N0}</td>
                  <td data-figure="blocked">{line.Blocked:N0}</td>
                  <td data-figure="skipped">{line.Skipped:N0}</td>
                  <td data-figure="timeToFinish">{Html.Encode(line.TimeToFinish)}</td>
                  <td>{cancel}</td>
                </tr>
                """);
        }

        // The table may be wider than a phone: it scrolls on its own, and can be scrolled from the keyboard.
        return $"""
            <div class="table-scroll" role="region" aria-labelledby="follow-ups-caption" tabindex="0">
            <table id="follow-ups-table">
              <caption id="follow-ups-caption">Each update with its deliveries: sent, still pending, failed, blocked (the person blocked or removed the bot) and skipped (no longer opted in)</caption>
              <thead>
                <tr><th scope="col">Update</th><th scope="col">Audience</th><th scope="col">Send time</th><th scope="col">Progress</th>
                <th scope="col">Sent</th><th scope="col">Pending</th><th scope="col">Failed</th><th scope="col">Blocked</th><th scope="col">Skipped</th>
                <th scope="col">Time to finish</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr>
              </thead>
              <tbody>
            {rows}  </tbody>
            </table>
            </div>
            """;
    }
}
