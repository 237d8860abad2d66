namespace PledgeBot.DirectLine;

public sealed class DirectLineOptions
{
    public const string Section = "DirectLine";

    /// <summary>
    /// The Azure Bot Service Direct Line secret. When set, the page's token comes from Azure
    /// (exchanged here, server-side) and the built-in Direct Line is off unless <see cref="BuiltIn"/> says otherwise.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>Where the secret is exchanged for a token; a setting so tests can use a local stand-in.</summary>
    public Uri TokenServiceUrl { get; set; } = new("https://directline.botframework.com/");

    /// <summary>Serve the built-in Direct Line. Default: on when no secret is configured.</summary>
    public bool? BuiltIn { get; set; }

    public int TokenLifetimeMinutes { get; set; } = 30;

    /// <summary>Older activities are dropped beyond this many per conversation.</summary>
    public int MaxActivitiesPerConversation { get; set; } = 500;

    /// <summary>A conversation nobody has used for this long is forgotten.</summary>
    public int ConversationIdleMinutes { get; set; } = 60;

    /// <summary>Beyond this many conversations, the least recently used one is forgotten.</summary>
    public int MaxConversations { get; set; } = 10_000;

    /// <summary>
    /// Where the bot reaches this host to deliver its replies (the built-in channel's serviceUrl).
    /// Empty: the host's own listening address.
    /// </summary>
    public Uri? ConnectorBaseUrl { get; set; }

    public bool UsesAzure => !string.IsNullOrWhiteSpace(Secret);

    public bool BuiltInEnabled => BuiltIn ?? !UsesAzure;
}
