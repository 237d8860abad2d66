using System.Text.Json;

namespace PledgeBot.Admin.Dashboard;

/// <summary><c>GET /admin/api/results</c>: the dashboard's figures as JSON, for the page's refresh and for other tools.</summary>
public static class AdminResultsEndpoints
{
    public static void MapAdminResults(this IEndpointRouteBuilder admin)
    {
        admin.MapGet("/api/results", ReadAsync);
    }

    private static async Task<IResult> ReadAsync(HttpContext context, AdminResultsReader reader)
    {
        var results = await reader.ReadAsync(context.RequestAborted);
        // Figures only admins may see: no shared cache keeps them.
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(results, JsonSerializerOptions.Web);
    }
}
