namespace PledgeBot.Storage;

/// <summary>
/// Who asked to hear how the campaign ends (the results when voting closes, a thank-you when a
/// goal is reached), and how to reach them. One answer per person and campaign, each answer kept
/// with a consent record like a pledge's: the statement shown (language, version, hash), the
/// channel and the time. Only people who said yes have a route: the Teams conversation reference
/// of their personal chat (encrypted), or the pledge whose email address they chose.
/// Withdrawal ("stop"), "my data" and erasure go through <see cref="IPersonalDataStore"/>;
/// retention through <see cref="IRetentionStore"/>.
/// </summary>
public interface IFollowUps
{
    /// <summary>The person's answer so far (null: never asked or never answered), and whether they have an email to be reached at.</summary>
    Task<FollowUpState> FindAsync(string campaignId, string personKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the person's answer and its consent record in one transaction, replacing an earlier
    /// answer. A yes by email is refused (false, nothing stored) when the person has no pledge in
    /// the campaign whose address may still be used.
    /// </summary>
    Task<bool> AnswerAsync(FollowUpAnswer answer, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends the person's follow-ups as "stop" does (and nothing else: their pledges stay as they
    /// are): status withdrawn, the route forgotten, a <c>withdrawn</c> consent record. For an email's
    /// unsubscribe link. False when they were not subscribed, and then nothing is recorded.
    /// </summary>
    /// <param name="channel">Where the withdrawal came from, for its record (<c>email</c>).</param>
    Task<bool> WithdrawAsync(string campaignId, string personKey, string channel, DateTimeOffset at, CancellationToken cancellationToken = default);
}

public enum FollowUpRoute
{
    /// <summary>The person's personal chat with the bot in Microsoft Teams.</summary>
    Teams,

    /// <summary>The email address of the person's pledge.</summary>
    Email,
}

public enum FollowUpStatus
{
    Subscribed,
    Declined,
    Withdrawn,

    /// <summary>Said yes, but the channel says the person can no longer be reached (blocked or removed the bot in Teams): not tried again.</summary>
    Unreachable,
}

/// <param name="Choice">The person's last answer, or null.</param>
/// <param name="CanEmail">Whether the person has a pledge in the campaign whose address may still be used (not withdrawn).</param>
public sealed record FollowUpState(FollowUpChoice? Choice, bool CanEmail);

/// <param name="Route">How the person is reached while subscribed; null for a no or a withdrawal.</param>
/// <param name="Statement">The statement the answer was given to.</param>
public sealed record FollowUpChoice(FollowUpStatus Status, FollowUpRoute? Route, DateTimeOffset AnsweredAt, ConsentStatement Statement);

/// <summary>A person's answer to the follow-up question.</summary>
/// <param name="Route">For a yes: how to reach them. Null for a no.</param>
/// <param name="TenantId">The Teams tenant (an organisation, not a person) of a yes by Teams.</param>
/// <param name="ConversationReference">The Teams personal chat's conversation reference as JSON, for a yes by Teams; stored encrypted.</param>
/// <param name="Language">The language updates are written in: the one the question was asked in.</param>
/// <param name="Locale">The client's locale as it sent it, for the consent record.</param>
public sealed record FollowUpAnswer(
    string CampaignId,
    string PersonKey,
    FollowUpRoute? Route,
    string? TenantId,
    string? ConversationReference,
    string Language,
    ConsentStatement Statement,
    string? Locale,
    string Channel,
    DateTimeOffset At)
{
    public bool IsYes => Route is not null;
}

/// <summary>The names the stores write for <see cref="FollowUpRoute"/> and <see cref="FollowUpStatus"/>.</summary>
public static class FollowUpNames
{
    public static string Of(FollowUpRoute route) => route == FollowUpRoute.Teams ? "teams" : "email";

    public static FollowUpRoute? RouteOf(string? stored) => stored switch
    {
        "teams" => FollowUpRoute.Teams,
        "email" => FollowUpRoute.Email,
        _ => null,
    };

    public static string Of(FollowUpStatus status) => status switch
    {
        FollowUpStatus.Subscribed => "subscribed",
        FollowUpStatus.Declined => "declined",
        FollowUpStatus.Unreachable => "unreachable",
        _ => "withdrawn",
    };

    public static FollowUpStatus StatusOf(string stored) => stored switch
    {
        "subscribed" => FollowUpStatus.Subscribed,
        "declined" => FollowUpStatus.Declined,
        "unreachable" => FollowUpStatus.Unreachable,
        _ => FollowUpStatus.Withdrawn,
    };
}
