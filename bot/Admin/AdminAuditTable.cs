using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using PledgeBot.Storage;

namespace PledgeBot.Admin;

/// <summary>The recent lines of the admin audit log as a table, for the dashboard.</summary>
public static class AdminAuditTable
{
    /// <summary>How many lines the dashboard shows; the database keeps them all.</summary>
    public const int RecentLines = 50;

    public static string Render(IReadOnlyList<AdminAuditEntry> entries)
    {
        if (entries.Count == 0)
        {
            return """
                <section aria-labelledby="audit-heading">
                  <h2 id="audit-heading">Recent admin actions</h2>
                  <p>Nothing yet.</p>
                </section>
                """;
        }

        var rows = new StringBuilder();
        foreach (var entry in entries)
        {
            var at = entry.At.ToUniversalTime();
            rows.Append(CultureInfo.InvariantCulture, $"""
                    <tr><td><time datetime="{at:yyyy-MM-ddTHH:mm:ssZ}">{at:yyyy-MM-dd HH:mm} UTC</time></td><td>{Encode(entry.Who)}</td><td>{Encode(entry.Action)}</td></tr>

                """);
        }

        return $"""
            <section aria-labelledby="audit-heading">
              <h2 id="audit-heading">Recent admin actions</h2>
              <table id="audit-table">
                <caption>The last {RecentLines} admin actions, newest first: who, what and when. Failed sign-ins are counted per hour, without saying who tried.</caption>
                <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th></tr></thead>
                <tbody>
            {rows}    </tbody>
              </table>
            </section>
            """;
    }

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
