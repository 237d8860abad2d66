using PledgeBot.Dialogs.Content;

namespace PledgeBot.Dialogs.Cards;

/// <summary>
/// Clients fetch card images themselves, so image addresses must be absolute and reachable from
/// the client: the host serves the campaign folder under <c>/campaign/</c> at this public address.
/// </summary>
public sealed record CardSettings(Uri PublicBaseUrl)
{
    public Uri ImageUrl(Cause cause) => new(PublicBaseUrl, $"campaign/{cause.Image.File}");

    /// <summary>The public results page (/results), which the results card links to.</summary>
    public Uri ResultsPageUrl => new(PublicBaseUrl, "results");
}
