using System.ComponentModel.DataAnnotations;

namespace PledgeBot.DirectLine;

public sealed class DirectLineOptions : IValidatableObject
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

    [Range(1, 24 * 60)]
    public int TokenLifetimeMinutes { get; set; } = 30;

    /// <summary>Older activities are dropped beyond this many per conversation.</summary>
    [Range(1, 100_000)]
    public int MaxActivitiesPerConversation { get; set; } = 500;

    /// <summary>A conversation nobody has used for this long is forgotten.</summary>
    [Range(1, 7 * 24 * 60)]
    public int ConversationIdleMinutes { get; set; } = 60;

    /// <summary>Beyond this many conversations, the least recently used one is forgotten.</summary>
    [Range(1, 10_000_000)]
    public int MaxConversations { get; set; } = 10_000;

    /// <summary>
    /// The largest body a browser may post as one activity. A chat activity is a few hundred bytes
    /// and a submitted card's data a few more; Teams itself caps a message at about 40 KB.
    /// </summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxPostedActivityBytes { get; set; } = 64 * 1024;

    /// <summary>The longest <c>text</c> a browser may post, in characters (UTF-16 code units).</summary>
    [Range(1, 1_000_000)]
    public int MaxTextLength { get; set; } = 4000;

    /// <summary>The largest <c>value</c> (a card's submitted data, an event's payload), as compact JSON in UTF-8 bytes.</summary>
    [Range(2, 16 * 1024 * 1024)]
    public int MaxValueBytes { get; set; } = 8 * 1024;

    /// <summary>How deeply a posted <c>value</c> may nest objects and arrays.</summary>
    [Range(1, 64)]
    public int MaxValueDepth { get; set; } = 8;

    /// <summary>
    /// What one conversation keeps, as the UTF-8 JSON of its activities (the browser's and the
    /// bot's); the oldest go first beyond it.
    /// </summary>
    [Range(typeof(long), "4096", "2147483647")]
    public long MaxBytesPerConversation { get; set; } = 256 * 1024;

    /// <summary>
    /// What all conversations together keep; beyond it the least recently used conversations are
    /// forgotten. With the defaults the ceiling is 256 MB (less than 10,000 × 256 KB = 2.5 GB).
    /// </summary>
    [Range(typeof(long), "4096", "68719476736")]
    public long MaxTotalBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// Where the bot reaches this host to deliver its replies (the built-in channel's serviceUrl).
    /// Empty: the host's own listening address.
    /// </summary>
    public Uri? ConnectorBaseUrl { get; set; }

    public bool UsesAzure => !string.IsNullOrWhiteSpace(Secret);

    public bool BuiltInEnabled => BuiltIn ?? !UsesAzure;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // A post and the bot's answer to it must fit in a conversation, or every post would push out its own answer.
        if (MaxBytesPerConversation < 2L * MaxPostedActivityBytes)
        {
            yield return new ValidationResult(
                $"DirectLine:MaxBytesPerConversation ({MaxBytesPerConversation}) must be at least twice DirectLine:MaxPostedActivityBytes ({MaxPostedActivityBytes}).",
                [nameof(MaxBytesPerConversation)]);
        }

        if (MaxTotalBytes < MaxBytesPerConversation)
        {
            yield return new ValidationResult(
                $"DirectLine:MaxTotalBytes ({MaxTotalBytes}) must be at least DirectLine:MaxBytesPerConversation ({MaxBytesPerConversation}).",
                [nameof(MaxTotalBytes)]);
        }

        if (MaxValueBytes > MaxPostedActivityBytes)
        {
            yield return new ValidationResult(
                $"DirectLine:MaxValueBytes ({MaxValueBytes}) cannot be more than DirectLine:MaxPostedActivityBytes ({MaxPostedActivityBytes}).",
                [nameof(MaxValueBytes)]);
        }
    }
}
