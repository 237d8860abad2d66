using System.Text.Json;
using PledgeBot.Crm;

namespace PledgeBot.Admin.Crm;

/// <summary>
/// The CRM deliveries for tools: <c>GET /admin/crm.json</c> gives, per configured CRM, the counts
/// by state and the last error (<see cref="CrmDestinationStatus"/>); the page is <see cref="AdminCrmPage"/>.
/// </summary>
public static class AdminCrmEndpoints
{
    public static void MapAdminCrm(this IEndpointRouteBuilder admin)
    {
        admin.MapGet("/crm.json", ReadAsync);
        admin.MapAdminCrmPage();
    }

    /// <summary>The answer of <c>GET /admin/crm.json</c>; no CRM configured is an empty list.</summary>
    public sealed record CrmStatusAnswer(IReadOnlyList<CrmDestinationStatus> Destinations);

    private static async Task<IResult> ReadAsync(HttpContext context, CrmDeliveryStatus status)
    {
        var destinations = await status.ReadAsync(context.RequestAborted);
        // Figures only admins may see: no shared cache keeps them.
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(new CrmStatusAnswer(destinations), JsonSerializerOptions.Web);
    }
}
