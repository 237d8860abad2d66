using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace PledgeBot.RateLimits;

/// <summary>
/// Every rate limit of the host, with ASP.NET Core's rate limiter. People are limited per person
/// (a token bucket: a burst, then a steady rate), anonymous resources per client address (a fixed
/// window per minute). A refused request gets <see cref="TooManyRequests"/>.
/// </summary>
/// <remarks>
/// Memory stays bounded whatever keys arrive: the framework's partitioned limiters drop a
/// partition's limiter once it has been idle (bucket or window full again) for ten seconds, so
/// random keys from unauthenticated senders cost a small limiter each for about ten seconds after
/// the bucket refills, in proportion to the request rate, not to how long the host runs. Keys are
/// bounded in length by <see cref="BotFramework.ActivityShapeFilter"/>.
/// </remarks>
public static class RateLimitsSetup
{
    public const string PersonTurns = "person-turns";
    public const string NewWebChatPeople = "new-web-chat-people";

    public static IServiceCollection AddRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitsOptions>().BindConfiguration(RateLimitsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddKeyedSingleton(PersonTurns, (sp, _) =>
        {
            var options = sp.GetRequiredService<IOptions<RateLimitsOptions>>().Value;
            return PartitionedRateLimiter.Create<string, string>(person => RateLimitPartition.GetTokenBucketLimiter(person, _ => TurnBucket(options)));
        });

        services.AddKeyedSingleton(NewWebChatPeople, (sp, _) =>
        {
            var options = sp.GetRequiredService<IOptions<RateLimitsOptions>>().Value;
            return PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = options.NewWebChatPeoplePerHourPerAddress,
                Window = TimeSpan.FromHours(1),
                QueueLimit = 0,
                AutoReplenishment = false,
            }));
        });

        services.AddRateLimiter(limiter =>
        {
            limiter.OnRejected = (rejected, _) =>
                new ValueTask(TooManyRequests.For(rejected.HttpContext, rejected.Lease, TooManyRequests.LimitOf(rejected.HttpContext)).ExecuteAsync(rejected.HttpContext));
            limiter.AddPolicy(RateLimitPolicies.ChatToken, context =>
                PerAddress(context, Options(context).ChatTokensPerMinutePerAddress));
            limiter.AddPolicy(RateLimitPolicies.DirectLineConversation, context =>
                PerAddress(context, Options(context).DirectLineConversationsPerMinutePerAddress));
            limiter.AddPolicy(RateLimitPolicies.SharePage, context =>
                PerAddress(context, Options(context).SharePagesPerMinutePerAddress));
            limiter.AddPolicy(RateLimitPolicies.AdminSignIn, context =>
                PerAddress(context, Options(context).AdminSignInsPer15MinutesPerAddress, TimeSpan.FromMinutes(15)));
            // Bearer requests to the admin area, right key or wrong: the key is checked by the
            // authentication middleware, before any endpoint's policy, and a limit that counted
            // only wrong keys would still let the right one through, telling a guesser it was right.
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => AdminKeyRequest(context)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    $"admin-key {context.Connection.RemoteIpAddress}",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = Options(context).AdminKeyRequestsPerMinutePerAddress, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = false })
                : RateLimitPartition.GetNoLimiter("not limited here"));
            limiter.AddPolicy(RateLimitPolicies.DirectLineTurn, context =>
            {
                var options = Options(context);
                return RateLimitPartition.GetTokenBucketLimiter(DirectLineUser(context), _ => TurnBucket(options));
            });
        });
        return services;
    }

    private static bool AdminKeyRequest(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/admin")
        && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    private static RateLimitsOptions Options(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<RateLimitsOptions>>().Value;

    private static TokenBucketRateLimiterOptions TurnBucket(RateLimitsOptions options) => new()
    {
        TokenLimit = options.TurnBurstPerPerson,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromMinutes(1) / options.TurnsPerMinutePerPerson,
        QueueLimit = 0,
        // Refilled by the partitioned limiter's one shared timer, not a timer per person.
        AutoReplenishment = false,
    };

    private static RateLimitPartition<string> PerAddress(HttpContext context, int perWindow, TimeSpan? window = null) =>
        RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perWindow, Window = window ?? TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = false });

    /// <summary>
    /// The user a built-in Direct Line token was issued to. Read without checking the signature
    /// (a partitioner cannot wait for that); the endpoint checks it. A forged token spends only the
    /// bucket of the user id it names, and user ids are random and known only to their browser.
    /// Anything unreadable shares one bucket: it is refused as unauthorised anyway. "user" is the
    /// claim DirectLineTokens writes.
    /// </summary>
    private static string DirectLineUser(HttpContext context)
    {
        const string bearer = "Bearer ";
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) && authorization.Length < 4096)
        {
            try
            {
                if (new JsonWebToken(authorization[bearer.Length..].Trim()).TryGetPayloadValue<string>("user", out var user) && user.Length <= 128)
                {
                    return user;
                }
            }
            catch (ArgumentException)
            {
                // Not a token: the shared bucket below.
            }
        }

        return "";
    }
}
