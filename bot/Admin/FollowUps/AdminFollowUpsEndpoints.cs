using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Content;
using PledgeBot.Storage;

namespace PledgeBot.Admin.FollowUps;

/// <summary>
/// The follow-ups in the admin area: the list with each update's progress
/// (<c>/admin/follow-ups</c>, its figures as JSON at <c>/admin/follow-ups/progress</c>), the form
/// that writes, previews and sends or schedules an update (<c>/admin/follow-ups/new</c>), and the
/// cancelling of an update still scheduled. Each update added or cancelled is one audit line,
/// which names the update and its audience, never its words.
/// </summary>
public static class AdminFollowUpsEndpoints
{
    /// <summary>Room for a title and a text in each of a handful of languages, form encoding included.</summary>
    public const long FormBytes = 256 * 1024;

    public static void MapAdminFollowUps(this IEndpointRouteBuilder admin)
    {
        admin.MapGet("/follow-ups", ListAsync);
        admin.MapGet("/follow-ups/progress", ProgressAsync);
        admin.MapGet("/follow-ups/new", (HttpContext context, CurrentCampaign campaign, TimeProvider clock) =>
            AdminNewFollowUpPage.Render(context, campaign.Running.Content, FollowUpDraft.Empty(campaign.Running.Content), new Dictionary<string, string>(), preview: null, clock.GetUtcNow()));
        // The forms check their antiforgery token themselves, so that a stale form gets a page that says what to do instead of a bare 400.
        admin.MapPost("/follow-ups/new", WriteAsync)
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(FormBytes));
        admin.MapPost("/follow-ups/{updateId}/cancel", CancelAsync)
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(FormBytes));
    }

    /// <summary>What <c>/admin/follow-ups/progress</c> answers: every update's line, as the page shows it.</summary>
    public sealed record ProgressAnswer(IReadOnlyList<FollowUpProgressLine> Updates, DateTimeOffset At);

    private static async Task<IResult> ListAsync(HttpContext context, FollowUpProgressReader progress, [FromQuery] string? done)
    {
        var message = done switch
        {
            "sent" => "Your update is on its way. Its progress is below.",
            "scheduled" => "Your update is scheduled. Until it starts you can cancel it below.",
            "cancelled" => "The update is cancelled: nobody will get it.",
            _ => null,
        };
        return AdminFollowUpsPage.Render(context, await progress.ReadAsync(context.RequestAborted), message);
    }

    private static async Task<IResult> ProgressAsync(HttpContext context, FollowUpProgressReader progress, TimeProvider clock)
    {
        // Figures only admins may see: no shared cache keeps them.
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(new ProgressAnswer(await progress.ReadAsync(context.RequestAborted), clock.GetUtcNow()), JsonSerializerOptions.Web);
    }

    private static async Task<IResult> WriteAsync(
        HttpContext context, IAntiforgery antiforgery, CurrentCampaign campaign, IFollowUpQueue queue, IAdminAuditLog audit, TimeProvider clock)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return AdminPages.FormExpired(AdminNewFollowUpPage.Title, AdminNewFollowUpPage.Path);
        }

        var content = campaign.Running.Content;
        var now = clock.GetUtcNow();
        var draft = await FollowUpDraft.ReadAsync(context.Request, content);
        var (update, problems) = draft.Check(content, now);
        if (update is null)
        {
            return AdminNewFollowUpPage.Render(context, content, draft, problems, preview: null, now);
        }

        if (draft.Action is not ("send" or "schedule"))
        {
            var reach = await queue.CountAudienceAsync(content.Id, update.Audience, context.RequestAborted);
            var preview = new AdminNewFollowUpPage.Preview(reach, AdminNewFollowUpPage.CardsOf(draft.Words, content, context.RequestServices.GetRequiredService<CardSettings>()));
            return AdminNewFollowUpPage.Render(context, content, draft, problems, preview, now);
        }

        await queue.AddAsync(update, context.RequestAborted);
        // The sender starts at once rather than at its next look.
        context.RequestServices.GetRequiredService<FollowUpSignal>().Pulse();
        var when = draft.Action == "send" ? "to send now" : string.Create(CultureInfo.InvariantCulture, $"scheduled for {update.SendAt:yyyy-MM-dd HH:mm} UTC");
        await audit.RecordAsync(WhoIs(context), $"wrote follow-up update {update.UpdateId} for {update.Audience.Stored}, {when}", context.RequestAborted);
        // Post, then redirect: reloading the list does not send the update again.
        return Results.Redirect($"{AdminFollowUpsPage.Path}?done={(draft.Action == "send" ? "sent" : "scheduled")}", permanent: false, preserveMethod: false);
    }

    private static async Task<IResult> CancelAsync(
        HttpContext context, string updateId, IAntiforgery antiforgery, CurrentCampaign campaign, IFollowUpQueue queue,
        IAdminAuditLog audit, FollowUpProgressReader progress, TimeProvider clock)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return AdminPages.FormExpired(AdminFollowUpsPage.Title, AdminFollowUpsPage.Path);
        }

        if (!await queue.CancelAsync(campaign.Running.Content.Id, updateId, clock.GetUtcNow(), context.RequestAborted))
        {
            return AdminFollowUpsPage.Render(
                context,
                await progress.ReadAsync(context.RequestAborted),
                "This update could not be cancelled: it has started sending, or was cancelled already.",
                StatusCodes.Status409Conflict);
        }

        await audit.RecordAsync(WhoIs(context), $"cancelled follow-up update {updateId}", context.RequestAborted);
        return Results.Redirect($"{AdminFollowUpsPage.Path}?done=cancelled", permanent: false, preserveMethod: false);
    }

    private static string WhoIs(HttpContext context) => context.User.Identity?.Name ?? "unknown admin";
}
