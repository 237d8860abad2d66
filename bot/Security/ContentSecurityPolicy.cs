namespace PledgeBot.Security;

/// <summary>
/// The Content-Security-Policy of every response: everything from this host only, no inline
/// script at all, and inline styles only from elements that carry the response's nonce (or are
/// still empty, see <see cref="EmptyStyleElementHash"/>).
/// </summary>
public sealed class ContentSecurityPolicy
{
    /// <summary>Where Web Chat connects when it uses Azure's Direct Line (its default domain, polling or websocket).</summary>
    public const string AzureDirectLineSources = "https://directline.botframework.com wss://directline.botframework.com";

    /// <summary>
    /// The hash of an empty string: allows a &lt;style&gt; element only while it has no text.
    /// Web Chat 4.18.1 does not hand its nonce to react-scroll-to-bottom (its transcript renders
    /// that library's Composer without the nonce prop), whose emotion cache then creates empty,
    /// nonce-less &lt;style&gt; elements and fills them through CSSOM insertRule, which CSP does
    /// not govern. Allowing exactly the empty element keeps the transcript's scrolling styles
    /// working without 'unsafe-inline'; injected markup with any CSS in it is still refused.
    /// </summary>
    public const string EmptyStyleElementHash = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

    private readonly string beforeStyleSource;
    private readonly string afterStyleSource;

    /// <param name="publicBaseUrl">Where card images are served from; it may differ from the page's own origin behind a proxy.</param>
    public ContentSecurityPolicy(SecurityHeadersOptions options, Uri publicBaseUrl)
    {
        var imageOrigin = publicBaseUrl.GetLeftPart(UriPartial.Authority);
        var connectSources = options.AllowAzureDirectLine ? $"'self' {AzureDirectLineSources}" : "'self'";
        beforeStyleSource = $"default-src 'self'; script-src 'self'; style-src 'self' {EmptyStyleElementHash}";
        afterStyleSource = string.Join("; ",
            $"img-src 'self' data: blob: {imageOrigin}",
            $"connect-src {connectSources}",
            "object-src 'none'",
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "form-action 'self'");
    }

    /// <summary>
    /// The policy for one response. Web Chat writes its styles into &lt;style&gt; elements at run
    /// time and stamps them with the nonce given through its <c>nonce</c> prop, so styles need no
    /// 'unsafe-inline' (<see cref="EmptyStyleElementHash"/> covers the one place it forgets).
    /// </summary>
    public string For(string? styleNonce) => styleNonce is null
        ? $"{beforeStyleSource}; {afterStyleSource}"
        : $"{beforeStyleSource} 'nonce-{styleNonce}'; {afterStyleSource}";
}
