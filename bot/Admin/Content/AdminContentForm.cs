using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;

namespace PledgeBot.Admin.Content;

/// <summary>
/// The content form the content page and the preview page share: the draft's text, a file to
/// upload instead, the version it was opened on, and the two ways on (preview, publish); and the
/// list of a draft's problems above it.
/// </summary>
public static class AdminContentForm
{
    public const string PreviewPath = "/admin/content/preview";
    public const string PublishPath = "/admin/content/publish";

    /// <summary>The hidden field with the ETag of the content the form was opened on (see the API's If-Match).</summary>
    public const string BasedOnField = "basedOn";

    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public static string Render(AntiforgeryTokenSet tokens, string draft, string basedOn) =>
        $"""
        <form method="post" action="{PublishPath}" enctype="multipart/form-data" accept-charset="utf-8">
          <input type="hidden" name="{Html.Encode(tokens.FormFieldName)}" value="{Html.Encode(tokens.RequestToken ?? "")}">
          <input type="hidden" name="{BasedOnField}" value="{Html.Encode(basedOn)}">
          <p><label for="content">The content file (JSON)</label></p>
          <p><textarea id="content" name="{AdminContentDraft.TextField}" rows="24" cols="100" spellcheck="false">{Html.Encode(draft)}</textarea></p>
          <p><label for="file">Or upload a .json file instead (when chosen, it is used rather than the text above)</label>
          <input id="file" name="{AdminContentDraft.FileField}" type="file" accept=".json,application/json"></p>
          <p>Images stay in the campaign's images folder on the server; the content names them.</p>
          <p><button type="submit" formaction="{PreviewPath}">Check and preview</button>
          <button type="submit">Publish</button></p>
        </form>
        """;

    /// <summary>Every problem, in a list a screen reader announces; the heading takes the focus so keyboard users start there.</summary>
    public static string Problems(IReadOnlyList<string> problems, string what) =>
        $"""
        <section role="alert" aria-labelledby="problems">
          <h2 id="problems" tabindex="-1" autofocus>The content {what}: {problems.Count} problem{(problems.Count == 1 ? "" : "s")}</h2>
          <p>The running campaign is unchanged. Fix these in the draft below, then try again.</p>
          <ul id="problem-list">
        {string.Concat(problems.Select(p => $"    <li>{Html.Encode(p)}</li>\n"))}  </ul>
        </section>
        """;

    /// <summary>A form sent with a stale or missing antiforgery token: what to do, rather than a bare 400.</summary>
    public static IResult Expired(string title) => AdminPages.FormExpired(title, "/admin/content");
}
