using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using PledgeBot.Dialogs.Content;

namespace PledgeBot.Admin.Content;

/// <summary>
/// The campaign content as a page for a signed-in admin: <c>/admin/content</c> says which content
/// runs and holds it in a form, to edit in place or replace with an uploaded file; "Check and
/// preview" sends the form to the preview, "Publish" to <c>/admin/content/publish</c>. A refused
/// draft comes back in the form with every problem listed above it, so nothing typed is lost.
/// </summary>
public static class AdminContentPage
{
    private const string Title = "Campaign content";

    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public static void MapAdminContentPage(this IEndpointRouteBuilder admin)
    {
        admin.MapGet("/content", (HttpContext context, IAntiforgery antiforgery, CurrentCampaign campaign) =>
        {
            var running = campaign.Running;
            return Form(antiforgery.GetAndStoreTokens(context), running, running.Json, running.ETag, notice: "");
        });
        // The form checks its antiforgery token itself, so that a stale form gets a page that says what to do instead of a bare 400.
        admin.MapPost("/content/publish", PublishFromFormAsync)
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(AdminContentDraft.FormBytes));
    }

    private static async Task<IResult> PublishFromFormAsync(HttpContext context, IAntiforgery antiforgery, CurrentCampaign campaign, ContentPublisher publisher)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return AdminContentForm.Expired(Title);
        }

        var draft = await AdminContentDraft.ReadAsync(context.Request);
        if (!draft.IsRead)
        {
            // What was typed stays, when the form could be read at all (the upload may be what failed).
            var running = campaign.Running;
            var typed = draft.Status == StatusCodes.Status413PayloadTooLarge || !context.Request.HasFormContentType ? null : context.Request.Form[AdminContentDraft.TextField].ToString();
            return Form(antiforgery.GetAndStoreTokens(context), running, string.IsNullOrEmpty(typed) ? running.Json : typed, running.ETag, AdminContentForm.Problems([draft.Problem!], "could not be read"), draft.Status);
        }

        var basedOn = draft.BasedOn;
        var outcome = await publisher.PublishAsync(draft.Text!, basedOn.Length == 0 ? null : basedOn, AdminContentEndpoints.WhoIs(context), context.RequestAborted);
        return outcome switch
        {
            PublishOutcome.Published published => Published(published.Running.Version!),
            PublishOutcome.Refused refused => Form(
                antiforgery.GetAndStoreTokens(context), campaign.Running, draft.Text!, basedOn, AdminContentForm.Problems(refused.Problems, "was not published"), StatusCodes.Status422UnprocessableEntity),
            // The draft stays, now based on what runs: publishing it again is the admin's informed choice.
            PublishOutcome.Stale stale => Form(
                antiforgery.GetAndStoreTokens(context), stale.Running, draft.Text!, stale.Running.ETag,
                Notice($"Someone else published {AdminContentEndpoints.Describe(stale.Running)} while you were editing, so yours was not published. "
                    + "Your draft is still below. Compare it with what runs now (open this page again in another tab), then publish again if it should replace it."),
                StatusCodes.Status409Conflict),
            _ => throw new InvalidOperationException("Unknown publish outcome."),
        };
    }

    private static IResult Published(PublishedContentVersion version) => AdminPages.Page(
        $"Published version {version.Number}",
        $"""
        <h1>Published version {version.Number}</h1>
        <p role="status">The bot, the share pages and the results use it from now on, and after a restart.</p>
        <p><a href="/admin/">Back to the dashboard</a> · <a href="/admin/content">Edit the content again</a></p>
        """);

    private static IResult Form(AntiforgeryTokenSet tokens, RunningContent running, string draft, string basedOn, string notice, int status = StatusCodes.Status200OK) =>
        AdminPages.Page(
            Title,
            $"""
            <h1>Campaign content</h1>
            {notice}
            <p>Running now: {Html.Encode(Source(running))}.</p>
            {AdminContentForm.Render(tokens, draft, basedOn)}
            """,
            status);

    private static string Source(RunningContent running) => running.Version is { } version
        ? string.Create(CultureInfo.InvariantCulture, $"version {version.Number}, published by {version.PublishedBy} on {version.PublishedAt:yyyy-MM-dd 'at' HH:mm} UTC")
        : "the content file";

    private static string Notice(string text) => $"""<p role="alert">{Html.Encode(text)}</p>""";
}
