using System.Security.Cryptography;

namespace PledgeBot.ChatPage;

/// <summary>
/// The files the chat page loads: Web Chat's bundle (copied from node_modules by the build) and
/// the page's own script and styles. Their addresses carry a hash of their content, so browsers
/// may keep them for a year and still pick up a new version the moment it is deployed.
/// </summary>
public sealed class ChatPageAssets
{
    public const string WebChatRequestPath = "/webchat";
    public const string PageRequestPath = "/web";

    private readonly Dictionary<string, string> versionByRequestPath = new(StringComparer.Ordinal);

    public ChatPageAssets()
    {
        WebChatScriptUrl = Versioned(WebChatRequestPath, WebChatFolder, "webchat.js");
        ChatScriptUrl = Versioned(PageRequestPath, PageFolder, "chat.js");
        ChatStylesUrl = Versioned(PageRequestPath, PageFolder, "chat.css");
        ShareStylesUrl = Versioned(PageRequestPath, PageFolder, "share.css");
        ChartScriptUrl = Versioned(PageRequestPath, PageFolder, "chart.umd.min.js");
        AdminDashboardScriptUrl = Versioned(PageRequestPath, PageFolder, "admin-dashboard.js");
        AdminFetchScriptUrl = Versioned(PageRequestPath, PageFolder, "admin-fetch.js");
        AdaptiveCardsScriptUrl = Versioned(PageRequestPath, PageFolder, "adaptivecards.min.js");
        MarkdownScriptUrl = Versioned(PageRequestPath, PageFolder, "markdown-it.min.js");
        AdminContentPreviewScriptUrl = Versioned(PageRequestPath, PageFolder, "admin-content-preview.js");
        AdminContentPreviewStylesUrl = Versioned(PageRequestPath, PageFolder, "admin-content-preview.css");
        AdminStylesUrl = Versioned(PageRequestPath, PageFolder, "admin.css");
        AdminFollowUpsScriptUrl = Versioned(PageRequestPath, PageFolder, "admin-follow-ups.js");
        AdminFollowUpsStylesUrl = Versioned(PageRequestPath, PageFolder, "admin-follow-ups.css");
    }

    // Beside the app (never the working directory), so `dotnet run`, the tests' host and
    // `dotnet PledgeBot.dll` from any folder all find them.
    public static string WebChatFolder => Path.Combine(AppContext.BaseDirectory, "webchat");

    public static string PageFolder => Path.Combine(AppContext.BaseDirectory, "web");

    public string WebChatScriptUrl { get; }

    public string ChatScriptUrl { get; }

    public string ChatStylesUrl { get; }

    /// <summary>The styles of the share pages (SharePage/), /c/{cause}.</summary>
    public string ShareStylesUrl { get; }

    /// <summary>Chart.js from npm (copied by the build), for the admin dashboard's charts.</summary>
    public string ChartScriptUrl { get; }

    /// <summary>The admin dashboard's script: draws the charts and refreshes the figures.</summary>
    public string AdminDashboardScriptUrl { get; }

    /// <summary>What the admin pages that refresh their figures share: fetching JSON with the sign-in cookie.</summary>
    public string AdminFetchScriptUrl { get; }

    /// <summary>The Adaptive Cards JavaScript renderer from npm (copied by the build), for the admin's content preview.</summary>
    public string AdaptiveCardsScriptUrl { get; }

    /// <summary>markdown-it from npm: the preview renders cards' Markdown text as chat clients do.</summary>
    public string MarkdownScriptUrl { get; }

    /// <summary>The content preview's script: draws each card of a draft with the renderer.</summary>
    public string AdminContentPreviewScriptUrl { get; }

    public string AdminContentPreviewStylesUrl { get; }

    /// <summary>The styles every admin page shares (target sizes, focus ring, reduced motion).</summary>
    public string AdminStylesUrl { get; }

    /// <summary>The follow-ups page's script: refreshes each update's progress in place.</summary>
    public string AdminFollowUpsScriptUrl { get; }

    /// <summary>The follow-ups pages' styles: the progress table and the form's hints and errors.</summary>
    public string AdminFollowUpsStylesUrl { get; }

    /// <summary>True when the request names the file's current version, so the answer may be cached for good.</summary>
    public bool IsCurrentVersion(HttpRequest request) =>
        versionByRequestPath.TryGetValue(request.Path.Value ?? "", out var version)
        && string.Equals(request.Query["v"], version, StringComparison.Ordinal);

    private string Versioned(string requestPath, string folder, string fileName)
    {
        var file = Path.Combine(folder, fileName);
        if (!File.Exists(file))
        {
            throw new InvalidOperationException(
                $"The chat page's file '{file}' is missing. Build the bot project: its build copies Web Chat from bot/node_modules (running npm ci when needed) and the page's files from bot/web/.");
        }

        using var stream = File.OpenRead(file);
        var version = Convert.ToHexStringLower(SHA256.HashData(stream))[..12];
        var path = $"{requestPath}/{fileName}";
        versionByRequestPath[path] = version;
        return $"{path}?v={version}";
    }
}
