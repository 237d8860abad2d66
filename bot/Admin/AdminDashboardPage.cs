using System.Text.Encodings.Web;
using PledgeBot.Admin.Dashboard;
using PledgeBot.ChatPage;
using PledgeBot.Storage;

namespace PledgeBot.Admin;

/// <summary>
/// The admin area's home, <c>/admin/</c>: who is signed in, sign-out, every dashboard figure in
/// tables with a chart each (kept fresh by web/admin-dashboard.js), and the recent admin actions.
/// </summary>
public static class AdminDashboardPage
{
    public static async Task<IResult> RenderAsync(HttpContext context, IAdminAuditLog audit, AdminResultsReader reader, ChatPageAssets assets)
    {
        var results = await reader.ReadAsync(context.RequestAborted);
        var recent = await audit.ReadRecentAsync(AdminAuditTable.RecentLines, context.RequestAborted);
        var name = context.User.Identity?.Name ?? AdminKeyAuthentication.KeyHolder;
        return AdminPages.Page(
            "Dashboard",
            $"""
            <h1>Campaign admin</h1>
            <p>Signed in as {HtmlEncoder.Default.Encode(name)}.</p>
            <form method="post" action="/admin/sign-out">
              {AdminPages.AntiforgeryField(context)}
              <button type="submit">Sign out</button>
            </form>
            <h2>Figures</h2>
            <p id="dashboard-status" aria-live="polite">Figures refresh every 15 seconds.</p>
            {AdminDashboardTables.Render(results)}
            {AdminAuditTable.Render(recent)}
            """,
            head: $"""
            <script src="{assets.ChartScriptUrl}" defer></script>
            <script src="{assets.AdminFetchScriptUrl}" defer></script>
            <script src="{assets.AdminDashboardScriptUrl}" defer></script>
            """);
    }
}
