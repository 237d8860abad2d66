using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using PledgeBot.Dialogs.Conversation;
using PledgeBot.Dialogs.Identity;
using PledgeBot.Privacy;
using PledgeBot.Storage;

namespace PledgeBot.Admin.Erasure;

/// <summary>
/// Erasure by email address from the admin area, for a request that arrived by post or email: the
/// form at <c>/admin/forget</c> and <c>POST /admin/api/forget</c> (<c>{"email": ...}</c>) for tools.
/// Both do what <c>forget --email</c> does on the command line: the pledge's own check of the
/// address, its keyed hash, and <see cref="IPersonalDataStore.ForgetEmailAsync"/> with source
/// <see cref="Source"/>. Answers and the audit line give counts only; the address is never repeated.
/// </summary>
public static class AdminErasureEndpoints
{
    public const string Source = "admin";

    private const string NotAnEmail = "email must be an email address such as name@example.org.";

    public static void MapAdminErasure(this IEndpointRouteBuilder admin)
    {
        admin.MapGet("/forget", (HttpContext context, IAntiforgery antiforgery) => FormPage(antiforgery.GetAndStoreTokens(context), problem: null));
        // The form reads its own fields (below), after checking the antiforgery token itself, so
        // that a stale form gets a page that says what to do instead of a bare 400.
        admin.MapPost("/forget", ForgetFromFormAsync).DisableAntiforgery();
        admin.MapPost("/api/forget", ForgetFromToolAsync);
    }

    /// <summary>What a tool sends to <c>POST /admin/api/forget</c>.</summary>
    public sealed record ForgetRequest(string? Email);

    private static async Task<IResult> ForgetFromFormAsync(
        HttpContext context, IAntiforgery antiforgery, PersonKeyHasher hasher, IPersonalDataStore store, IAdminAuditLog audit)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return AdminPages.FormExpired("Erase by email address", "/admin/forget");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var erased = await ForgetAsync(form["email"].ToString(), context, hasher, store, audit);
        return erased is null
            ? FormPage(antiforgery.GetAndStoreTokens(context), NotAnEmail, StatusCodes.Status400BadRequest)
            : AdminPages.Page(
                "Erased",
                $"""
                <h1>Erase by email address</h1>
                <p role="status">{HtmlEncoder.Default.Encode(ForgetEmailCommand.Describe(erased))}</p>
                <p><a href="/admin/forget">Erase another address</a></p>
                """);
    }

    private static async Task<IResult> ForgetFromToolAsync(
        HttpContext context, PersonKeyHasher hasher, IPersonalDataStore store, IAdminAuditLog audit)
    {
        // Read here rather than bound by the framework, so that a body that is not the request gets
        // the same problem response as a wrong address (the framework's binding failure is a bare 400,
        // or an exception in Development).
        if (!context.Request.HasJsonContentType())
        {
            return TypedResults.Problem(title: "Send JSON", detail: """Send {"email": "..."} as application/json.""", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        ForgetRequest? request;
        try
        {
            request = await context.Request.ReadFromJsonAsync<ForgetRequest>(context.RequestAborted);
        }
        catch (JsonException)
        {
            request = null;
        }

        var erased = await ForgetAsync(request?.Email, context, hasher, store, audit);
        return erased is null
            ? TypedResults.Problem(title: "Not an email address", detail: NotAnEmail, statusCode: StatusCodes.Status400BadRequest)
            : TypedResults.Ok(new { erased.Pledges, erased.Votes, erased.ConsentRecords, erased.NothingFound });
    }

    /// <summary>Null, and nothing erased or recorded, when <paramref name="given"/> is not an email address.</summary>
    private static async Task<ErasureResult?> ForgetAsync(
        string? given, HttpContext context, PersonKeyHasher hasher, IPersonalDataStore store, IAdminAuditLog audit)
    {
        // The pledge's own check, as the command uses: any address a pledge could have been signed with is accepted.
        var check = PledgeAnswerRules.Email(given);
        if (!check.IsValid)
        {
            return null;
        }

        var erased = await store.ForgetEmailAsync(hasher.EmailKey(check.Value!), Source, context.RequestAborted);
        await audit.RecordAsync(
            context.User.Identity?.Name ?? "unknown admin",
            $"erased by email address: {erased.Pledges} pledge(s), {erased.Votes} vote(s), {erased.ConsentRecords} consent record(s)",
            context.RequestAborted);
        return erased;
    }

    private static IResult FormPage(AntiforgeryTokenSet tokens, string? problem, int status = StatusCodes.Status200OK) => AdminPages.Page(
        "Erase by email address",
        $"""
        <h1>Erase by email address</h1>
        <p>For a request to be forgotten that arrived by post or email. Every pledge signed with the
        address is erased, with the votes of the chats that signed them and their consent records.
        This cannot be undone. Only the counts are shown, and the address is not kept anywhere.</p>
        {(problem is null ? "" : $"""<p role="alert">{HtmlEncoder.Default.Encode(problem)}</p>""")}
        <form method="post" action="/admin/forget">
          <input type="hidden" name="{HtmlEncoder.Default.Encode(tokens.FormFieldName)}" value="{HtmlEncoder.Default.Encode(tokens.RequestToken ?? "")}">
          <label for="email">Email address</label>
          <input id="email" name="email" type="email" autocomplete="off" required>
          <button type="submit">Erase</button>
        </form>
        """,
        status);
}
