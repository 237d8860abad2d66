using System.ComponentModel.DataAnnotations;

namespace PledgeBot.RateLimits;

/// <summary>
/// How much one person, or one client address, may ask of the host. The defaults are far above
/// what a person does by hand and far below what a script does.
/// </summary>
public sealed class RateLimitsOptions
{
    public const string Section = "RateLimits";

    /// <summary>Turns one person may take at once (clicks, messages) before being slowed down.</summary>
    [Range(1, 10_000)]
    public int TurnBurstPerPerson { get; set; } = 30;

    /// <summary>Turns a person gets back per minute after a burst: one a second by default.</summary>
    [Range(1, 60_000)]
    public int TurnsPerMinutePerPerson { get; set; } = 60;

    /// <summary>Chat tokens (<c>POST /api/directline/token</c>) per client address per minute: a browser needs one per visit.</summary>
    [Range(1, 100_000)]
    public int ChatTokensPerMinutePerAddress { get; set; } = 30;

    /// <summary>
    /// New web-chat people (a token for a browser without the bot's cookie) per client address per
    /// hour: each one could vote once, so this bounds how far one address can inflate the tallies.
    /// </summary>
    [Range(1, 100_000)]
    public int NewWebChatPeoplePerHourPerAddress { get; set; } = 20;

    /// <summary>Built-in Direct Line conversations started or resumed (<c>POST /v3/directline/conversations</c>) per client address per minute.</summary>
    [Range(1, 100_000)]
    public int DirectLineConversationsPerMinutePerAddress { get; set; } = 30;

    /// <summary>Share pages and their pictures (<c>/c/{cause}</c>, <c>/c/{cause}/card.png</c>) per client address per minute.</summary>
    [Range(1, 100_000)]
    public int SharePagesPerMinutePerAddress { get; set; } = 120;

    /// <summary>
    /// Sign-in attempts with the admin key (<c>POST /admin/sign-in</c>), right or wrong, per client
    /// address in a window of 15 minutes. A person mistypes a few times; a script guesses thousands.
    /// </summary>
    [Range(1, 10_000)]
    public int AdminSignInsPer15MinutesPerAddress { get; set; } = 10;

    /// <summary>
    /// Requests to the admin area with the key as a bearer token (<c>/admin/api/...</c>,
    /// <c>/admin/export/...</c>), right or wrong, per client address per minute: plenty for a tool
    /// that polls, few for one that guesses.
    /// </summary>
    [Range(1, 100_000)]
    public int AdminKeyRequestsPerMinutePerAddress { get; set; } = 60;
}
