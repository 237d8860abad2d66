namespace PledgeBot.RateLimits;

/// <summary>The names endpoints give <c>RequireRateLimiting</c>; what each allows is in <see cref="RateLimitsSetup"/>.</summary>
public static class RateLimitPolicies
{
    /// <summary>Per client address: every chat token costs a conversation (and, with Azure, quota).</summary>
    public const string ChatToken = "chat-token";

    /// <summary>Per client address: each built-in Direct Line conversation is kept in memory.</summary>
    public const string DirectLineConversation = "directline-conversation";

    /// <summary>Per person (the Direct Line token's user): turns posted through the built-in Direct Line.</summary>
    public const string DirectLineTurn = "directline-turn";

    /// <summary>Per client address: share pages and their pictures, which are drawn on demand.</summary>
    public const string SharePage = "share-page";

    /// <summary>Per client address: sign-ins to the admin area with the key, so that nobody can guess it at speed.</summary>
    public const string AdminSignIn = "admin-sign-in";
}
