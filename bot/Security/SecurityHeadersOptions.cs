namespace PledgeBot.Security;

public sealed class SecurityHeadersOptions
{
    /// <summary>
    /// Lets the page talk to Azure's Direct Line (https and wss on directline.botframework.com).
    /// Off by default: the built-in Direct Line is on this host, which 'self' already covers.
    /// Whoever configures the Azure Direct Line secret switches this on, for example with
    /// <c>services.Configure&lt;SecurityHeadersOptions&gt;(o =&gt; o.AllowAzureDirectLine = true)</c>.
    /// </summary>
    public bool AllowAzureDirectLine { get; set; }
}
