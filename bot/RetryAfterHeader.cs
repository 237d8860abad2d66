namespace PledgeBot;

/// <summary>
/// How long a service asked us to wait before trying again (the channels and the CRMs alike): its
/// <c>Retry-After</c> as seconds or as a date, null when it named none.
/// </summary>
public static class RetryAfterHeader
{
    public static TimeSpan? Of(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };
}
