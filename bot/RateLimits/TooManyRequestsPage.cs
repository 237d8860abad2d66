namespace PledgeBot.RateLimits;

/// <summary>
/// Endpoint metadata for pages people use in a browser: a refused request gets this page (still
/// 429 with Retry-After) instead of the problem response that tools read.
/// </summary>
/// <param name="Render">The page for a wait of the given length.</param>
public sealed record TooManyRequestsPage(Func<TimeSpan, IResult> Render);
