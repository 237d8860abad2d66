using System.Text;

namespace PledgeBot.Admin;

/// <summary>The admin area's sections, as the navigation on every signed-in page lists them.</summary>
public static class AdminNavigation
{
    public static readonly IReadOnlyList<(string Title, string Path)> Sections =
    [
        ("Dashboard", "/admin/"),
        ("Voting", "/admin/voting"),
        ("Content", "/admin/content"),
        ("Follow-ups", "/admin/follow-ups"),
        ("Erasure", "/admin/forget"),
        ("CRMs", "/admin/crm"),
    ];

    /// <summary>The list of sections, the one <paramref name="path"/> belongs to marked with <c>aria-current="page"</c>.</summary>
    public static string Render(PathString path)
    {
        var current = CurrentSection(path);
        var html = new StringBuilder("""<nav aria-label="Admin"><ul>""");
        foreach (var (title, href) in Sections)
        {
            var mark = href == current ? " aria-current=\"page\"" : "";
            html.Append($"""<li><a href="{href}"{mark}>{title}</a></li>""");
        }

        return html.Append("</ul></nav>").ToString();
    }

    /// <summary>A section's pages share its address as their first segment (<c>/admin/forget</c> answers a posted form too).</summary>
    private static string? CurrentSection(PathString path)
    {
        if (path == "/admin" || path == "/admin/")
        {
            return "/admin/";
        }

        return Sections.Select(s => s.Path).FirstOrDefault(p => p != "/admin/" && path.StartsWithSegments(p));
    }
}
