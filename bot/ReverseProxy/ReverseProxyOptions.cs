using System.ComponentModel.DataAnnotations;
using System.Net;

namespace PledgeBot.ReverseProxy;

public sealed class ReverseProxyOptions : IValidatableObject
{
    public const string Section = "ReverseProxy";

    /// <summary>
    /// Addresses (or networks such as 10.0.0.0/8) of the reverse proxies in front of the bot, whose
    /// X-Forwarded-For and X-Forwarded-Proto are believed. Empty: none is, and the client address
    /// is the connection's.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var entry in TrustedProxies.Where(entry => !IPNetwork.TryParse(entry, out _) && !IPAddress.TryParse(entry, out _)))
        {
            yield return new ValidationResult($"ReverseProxy:TrustedProxies: '{entry}' is neither an address nor a network (such as 10.0.0.0/8).", [nameof(TrustedProxies)]);
        }
    }
}
