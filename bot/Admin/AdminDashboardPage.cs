using System.Text.Encodings.Web;
using PledgeBot.Storage;

namespace PledgeBot.Admin;

/// <summary>The admin area's home, <c>/admin/</c>: who is signed in, sign-out, and the recent admin actions.</summary>
public static class AdminDashboardPage
{
    public static async Task<IResult> RenderAsync(HttpContext context, IAdminAuditLog audit)
    {
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
            {AdminAuditTable.Render(recent)}
            """);
    }
}
