using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using PledgeBot.ChatPage;
using PledgeBot.Dialogs.Content;

namespace PledgeBot.Admin.Content;

/// <summary>
/// The content preview: every card of every cause drawn in the browser by the Adaptive Cards
/// renderer, before anything is published. <c>GET /admin/content/preview</c> shows the running
/// content; <c>POST /admin/content/preview</c> checks a draft from the content form and shows its
/// cards, or every problem with the draft kept for fixing; <c>POST /admin/api/content/preview</c>
/// gives a tool the cards of a JSON draft. Nothing is stored.
/// </summary>
public static class AdminContentPreviewEndpoints
{
    public static void MapAdminContentPreview(this IEndpointRouteBuilder admin)
    {
        admin.MapGet("/content/preview", PreviewRunningAsync);
        // The form checks its own antiforgery token (below), so that a stale form gets a page that says what to do.
        admin.MapPost("/content/preview", PreviewDraftFromFormAsync)
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(AdminContentDraft.FormBytes));
        admin.MapPost("/api/content/preview", PreviewDraftFromToolAsync)
            .WithMetadata(new RequestSizeLimitAttribute(AdminContentDraft.MaxBytes));
    }

    /// <summary>What <c>POST /admin/api/content/preview</c> answers for a draft that checks out.</summary>
    public sealed record PreviewAnswer(int Causes, int Pledges, IReadOnlyList<PreviewCard> Cards);

    private static async Task<IResult> PreviewRunningAsync(HttpContext context, CurrentCampaign campaign, ContentPreviewCards preview, ChatPageAssets assets)
    {
        // One snapshot: the text and the cards of the same version, even if a publish lands meanwhile.
        var running = campaign.Running;
        var cards = await preview.BuildAsync(running.Content, context.RequestAborted);
        return Page(context, assets, running.Json, running.ETag, "The running campaign: every card as supporters see it now. Edit the content below to preview a change.", problems: [], cards);
    }

    private static async Task<IResult> PreviewDraftFromFormAsync(HttpContext context, IAntiforgery antiforgery, ContentPublisher publisher, ContentPreviewCards preview, ChatPageAssets assets)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return AdminContentForm.Expired("Preview the campaign content");
        }

        // The version the admin started editing from travels with the draft, so that Publish is refused if another admin published meanwhile.
        var draft = await AdminContentDraft.ReadAsync(context.Request);
        if (draft.Text is not { } text)
        {
            return Page(context, assets, draft: "", draft.BasedOn, summary: null, problems: [draft.Problem!], cards: [], draft.Status);
        }

        var check = await publisher.CheckAsync(text, context.RequestAborted);
        if (!check.IsValid)
        {
            return Page(context, assets, text, draft.BasedOn, summary: null, check.Problems, cards: [], StatusCodes.Status422UnprocessableEntity);
        }

        var cards = await preview.BuildAsync(check.Content!, context.RequestAborted);
        return Page(context, assets, text, draft.BasedOn, $"This draft checks out: {Summary(check.Content!)}. Below is every card as supporters will see it. Nothing is published until you choose Publish.", problems: [], cards);
    }

    private static async Task<IResult> PreviewDraftFromToolAsync(HttpContext context, ContentPublisher publisher, ContentPreviewCards preview)
    {
        if (!context.Request.HasJsonContentType())
        {
            return TypedResults.Problem(title: "Send JSON", detail: "Send the content file as the body, with Content-Type: application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        var draft = await AdminContentDraft.ReadBodyAsync(context.Request);
        if (draft.Text is not { } text)
        {
            return TypedResults.Problem(title: "Not a content file", detail: draft.Problem, statusCode: draft.Status);
        }

        var check = await publisher.CheckAsync(text, context.RequestAborted);
        if (!check.IsValid)
        {
            return TypedResults.Problem(
                title: "The content has problems",
                detail: $"{check.Problems.Count} problem(s); nothing was previewed.",
                statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?> { ["errors"] = check.Problems });
        }

        var content = check.Content!;
        return TypedResults.Ok(new PreviewAnswer(content.Causes.Count, content.CausesWithPledges.Count(), await preview.BuildAsync(content, context.RequestAborted)));
    }

    private static string Summary(CampaignContent content)
    {
        var pledges = content.CausesWithPledges.Count();
        return $"{content.Causes.Count} cause{(content.Causes.Count == 1 ? "" : "s")}, {pledges} pledge{(pledges == 1 ? "" : "s")}";
    }

    private static IResult Page(HttpContext context, ChatPageAssets assets, string draft, string basedOn, string? summary, IReadOnlyList<string> problems, IReadOnlyList<PreviewCard> cards, int status = StatusCodes.Status200OK)
    {
        var encode = HtmlEncoder.Default;
        var problemList = problems.Count == 0 ? "" : AdminContentForm.Problems(problems, "was not previewed");
        var cardsPart = cards.Count == 0
            ? ""
            : $"""
              <h2>Cards</h2>
              {AdminCardPreviewHtml.Render(cards)}
              """;
        return AdminPages.Page(
            "Preview the content",
            $"""
            <h1>Preview the campaign content</h1>
            {(summary is null ? "" : $"""<p role="status">{encode.Encode(summary)}</p>""")}
            {problemList}
            {AdminContentForm.Render(context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context), draft, basedOn)}
            {cardsPart}
            """,
            status,
            head: $"""
            <link rel="stylesheet" href="{assets.AdminContentPreviewStylesUrl}">
            <script src="{assets.MarkdownScriptUrl}" defer></script>
            <script src="{assets.AdaptiveCardsScriptUrl}" defer></script>
            <script src="{assets.AdminContentPreviewScriptUrl}" defer></script>
            """);
    }
}
