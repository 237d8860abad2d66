namespace PledgeBot.Bench.LoadTool;

/// <summary>
/// Sends each request to the next of several instances of the bot in turn, as a round-robin load
/// balancer does: a person's turns (and a web chat's posts and polls) land on any instance, which
/// is what several instances on one PostgreSQL database must take. Written here rather than run
/// behind nginx, which this machine does not have.
/// </summary>
public sealed class SpreadOverHosts(IReadOnlyList<Uri> instances, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private long next = -1;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var instance = instances[(int)(Interlocked.Increment(ref next) % instances.Count)];
        request.RequestUri = new UriBuilder(request.RequestUri!) { Scheme = instance.Scheme, Host = instance.Host, Port = instance.Port }.Uri;
        return base.SendAsync(request, cancellationToken);
    }
}
