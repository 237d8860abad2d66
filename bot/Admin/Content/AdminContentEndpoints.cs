using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using PledgeBot.Dialogs.Content;

namespace PledgeBot.Admin.Content;

/// <summary>
/// The campaign content for tools: <c>GET /admin/api/content</c> gives the running content's JSON
/// with its version as ETag; <c>PUT /admin/api/content</c> publishes a new content file (send the
/// ETag back in If-Match, so that two admins editing at once cannot overwrite each other);
/// <c>POST /admin/api/content/check</c> makes the same checks and publishes nothing.
/// </summary>
public static class AdminContentEndpoints
{
    public static void MapAdminContent(this IEndpointRouteBuilder admin)
    {
        admin.MapGet("/api/content", Read);
        admin.MapPut("/api/content", PublishFromToolAsync).WithMetadata(new RequestSizeLimitAttribute(AdminContentDraft.MaxBytes));
        admin.MapPost("/api/content/check", CheckFromToolAsync).WithMetadata(new RequestSizeLimitAttribute(AdminContentDraft.MaxBytes));
        admin.MapAdminContentPage();
    }

    /// <summary>What a publish answers: the new version, when, and how many causes it has.</summary>
    public sealed record PublishedVersion(long Version, DateTimeOffset PublishedAt, int Causes);

    /// <summary>What a check answers: whether the content could be published, every problem if not, and what each translation lacks and whether it was reviewed (as <c>validate</c> prints it).</summary>
    public sealed record CheckAnswer(bool Valid, IReadOnlyList<string> Problems, IReadOnlyList<string> Translations);

    private static IResult Read(HttpContext context, CurrentCampaign campaign)
    {
        var running = campaign.Running;
        context.Response.Headers.ETag = running.ETag;
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Text(running.Json, "application/json; charset=utf-8");
    }

    private static async Task<IResult> PublishFromToolAsync(HttpContext context, CurrentCampaign campaign, ContentPublisher publisher)
    {
        var draft = await AdminContentDraft.ReadBodyAsync(context.Request);
        if (!draft.IsRead)
        {
            return Unreadable(draft);
        }

        var outcome = await publisher.PublishAsync(draft.Text!, BasedOn(context.Request, campaign.Running), WhoIs(context), context.RequestAborted);
        switch (outcome)
        {
            case PublishOutcome.Published published:
                context.Response.Headers.ETag = published.Running.ETag;
                var version = published.Running.Version!;
                return TypedResults.Ok(new PublishedVersion(version.Number, version.PublishedAt, published.Running.Content.Causes.Count));
            case PublishOutcome.Refused refused:
                return TypedResults.Problem(
                    title: "The content was not published",
                    detail: $"It has {refused.Problems.Count} problem{(refused.Problems.Count == 1 ? "" : "s")}, listed in errors. The running campaign is unchanged.",
                    statusCode: StatusCodes.Status422UnprocessableEntity,
                    extensions: new Dictionary<string, object?> { ["errors"] = refused.Problems });
            default:
                var running = ((PublishOutcome.Stale)outcome).Running;
                context.Response.Headers.ETag = running.ETag;
                return TypedResults.Problem(
                    title: "The content changed since you read it",
                    detail: $"Someone published {Describe(running)} after the version your If-Match names. Read it again (GET /admin/api/content), make your change there, and send it with the new ETag.",
                    statusCode: StatusCodes.Status412PreconditionFailed);
        }
    }

    private static async Task<IResult> CheckFromToolAsync(HttpContext context, ContentPublisher publisher)
    {
        var draft = await AdminContentDraft.ReadBodyAsync(context.Request);
        if (!draft.IsRead)
        {
            return Unreadable(draft);
        }

        var check = await publisher.CheckAsync(draft.Text!, context.RequestAborted);
        return TypedResults.Ok(new CheckAnswer(check.IsValid, check.Problems, check.TranslationReport));
    }

    /// <summary>Which content the sender started from: the ETag in If-Match (null without one, or with *).</summary>
    private static string? BasedOn(HttpRequest request, RunningContent running)
    {
        var tags = request.GetTypedHeaders().IfMatch;
        if (tags is not { Count: > 0 } || tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any)))
        {
            return null;
        }

        var current = new EntityTagHeaderValue(running.ETag);
        return tags.Any(tag => tag.Compare(current, useStrongComparison: true)) ? running.ETag : tags[0].ToString();
    }

    private static IResult Unreadable(AdminContentDraft draft) => TypedResults.Problem(
        title: draft.Status == StatusCodes.Status413PayloadTooLarge ? "Too large" : "Not a content file",
        detail: draft.Problem,
        statusCode: draft.Status,
        extensions: new Dictionary<string, object?> { ["errors"] = new[] { draft.Problem } });

    /// <summary>The admin as the audit log names them.</summary>
    internal static string WhoIs(HttpContext context) => context.User.Identity?.Name ?? "unknown admin";

    internal static string Describe(RunningContent running) => running.Version is { } version
        ? $"version {version.Number}"
        : "the content file";
}
