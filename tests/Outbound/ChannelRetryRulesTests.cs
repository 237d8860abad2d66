using System.Net;
using System.Net.Http.Headers;
using Polly;
using Polly.Timeout;
using PledgeBot.BotFramework;

namespace PledgeBot.Tests.Outbound;

/// <summary>Which failures are worth sending a message again for: never one the channel may have taken.</summary>
public sealed class ChannelRetryRulesTests
{
    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.PreconditionFailed)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public void TeamsSlowDownAnswersAreRetried(HttpStatusCode status) =>
        Assert.True(ChannelRetry.ShouldRetry(Outcome.FromResult(new HttpResponseMessage(status))));

    [Theory]
    [InlineData(HttpStatusCode.OK)]
    [InlineData(HttpStatusCode.Created)]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public void OtherAnswersAreNotRetried(HttpStatusCode status) =>
        Assert.False(ChannelRetry.ShouldRetry(Outcome.FromResult(new HttpResponseMessage(status))));

    [Fact]
    public void ARetryAfterWithinTheCapIsRetriedAndALongerOneIsNot()
    {
        Assert.True(ChannelRetry.ShouldRetry(Outcome.FromResult(Throttled(ChannelRetry.MaxDelay))));
        Assert.False(ChannelRetry.ShouldRetry(Outcome.FromResult(Throttled(ChannelRetry.MaxDelay + TimeSpan.FromSeconds(1)))));
    }

    [Theory]
    [InlineData(HttpRequestError.NameResolutionError)]
    [InlineData(HttpRequestError.ConnectionError)]
    [InlineData(HttpRequestError.SecureConnectionError)]
    public void FailingToReachTheChannelIsRetried(HttpRequestError error) =>
        Assert.True(ChannelRetry.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new HttpRequestException(error))));

    [Fact]
    public void FailuresAfterTheMessageMayHaveArrivedAreNotRetried()
    {
        Assert.False(ChannelRetry.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ResponseEnded))));
        Assert.False(ChannelRetry.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.HttpProtocolError))));
        Assert.False(ChannelRetry.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException())));
        Assert.False(ChannelRetry.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new TaskCanceledException())));
    }

    private static HttpResponseMessage Throttled(TimeSpan retryAfter) => new(HttpStatusCode.TooManyRequests)
    {
        Headers = { RetryAfter = new RetryConditionHeaderValue(retryAfter) },
    };
}
