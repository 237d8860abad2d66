using System.ComponentModel.DataAnnotations;

namespace PledgeBot.BotFramework;

public sealed class ChannelsOptions : IValidatableObject
{
    public const string Section = "Channels";

    /// <summary>
    /// Without an app id, service URLs besides loopback that activities may name, each an absolute
    /// http(s) address; an activity's serviceUrl is trusted when it starts with one of them.
    /// </summary>
    public List<Uri> TrustedServiceUrls { get; set; } = [];

    /// <summary>
    /// Without an app id, take activities from other machines too. Unsafe on any network others can
    /// reach: nothing then proves who a sender is. For a closed test network only.
    /// </summary>
    public bool AllowRemoteCallersWithoutAppId { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        TrustedServiceUrls
            .Where(url => !url.IsAbsoluteUri || url.Scheme is not ("http" or "https"))
            .Select(url => new ValidationResult($"Channels:TrustedServiceUrls: '{url}' is not an absolute http(s) address."));
}
