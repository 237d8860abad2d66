using System.Threading.RateLimiting;
using PledgeBot.BotFramework;

namespace PledgeBot.RateLimits;

/// <summary>
/// Limits the turns one person takes through /api/messages. A person is the channel plus the
/// activity's from.id, which only the body says, so this runs as an endpoint filter after
/// <see cref="ActivityShapeFilter"/> has read (and bounded) them, not as a policy of the rate
/// limiting middleware, whose partitioner cannot read a body. Per address would be wrong here:
/// a whole Teams tenant arrives from Microsoft's addresses.
/// </summary>
public sealed class PersonTurnLimitFilter([FromKeyedServices(RateLimitsSetup.PersonTurns)] PartitionedRateLimiter<string> turns) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var envelope = context.HttpContext.Features.Get<ActivityEnvelope>()!;
        // The key holds ids: it stays in the limiter and is never logged.
        using var lease = turns.AttemptAcquire($"{envelope.ChannelId}\n{envelope.FromId}");
        return lease.IsAcquired ? await next(context) : TooManyRequests.For(context.HttpContext, lease, RateLimitsSetup.PersonTurns);
    }
}
