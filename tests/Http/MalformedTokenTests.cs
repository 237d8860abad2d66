using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Http;

/// <summary>
/// With an app id configured, whatever a sender puts in Authorization that is not a valid channel
/// token is a 401, never a 500, and the answer says nothing about the host's insides. Every
/// request is refused, so the tests share one host.
/// </summary>
public sealed class MalformedTokenTests(SharedSecuredBotApplication host) : IClassFixture<SharedSecuredBotApplication>
{
    private readonly BotApplication securedBot = host.App;

    public static TheoryData<string, string> MalformedAuthorizations() => new()
    {
        { "three empty-ish segments", "Bearer a.b.c" },
        { "only dots", "Bearer ..." },
        { "base64 garbage segments", "Bearer eyJhbGciOi.@@@@.####" },
        { "header that is not JSON", "Bearer " + Base64Url("not json at all") + "." + Base64Url("{}") + ".c2ln" },
        { "header that is a JSON array", "Bearer " + Base64Url("[1,2]") + "." + Base64Url("{}") + ".c2ln" },
        { "payload that is not JSON", "Bearer " + Base64Url("""{"alg":"RS256","kid":"stand-in-key","typ":"JWT"}""") + "." + Base64Url("{{{") + ".c2ln" },
        { "unsigned token", "Bearer " + Base64Url("""{"alg":"none","typ":"JWT"}""") + "." + Base64Url("""{"aud":"00000000-0000-0000-0000-000000000001"}""") + "." },
        { "five segments", "Bearer a.b.c.d.e" },
        { "huge token", "Bearer " + new string('a', 20_000) + "." + new string('b', 20_000) + ".c" },
        { "scheme only", "Bearer" },
        { "scheme and spaces", "Bearer    " },
        { "basic", "Basic x" },
        { "empty", "" },
    };

    [Theory]
    [MemberData(nameof(MalformedAuthorizations))]
    public async Task AMalformedAuthorizationGets401WithoutAStackTrace(string what, string authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(new ChannelActivities().Message("hi").ToString(), Encoding.UTF8, "application/json"),
        };
        Assert.True(request.Headers.TryAddWithoutValidation("Authorization", authorization), what);

        var response = await securedBot.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", body);
        Assert.DoesNotContain("Exception", body);
        Assert.DoesNotContain("IDX", body);
    }

    private static string Base64Url(string text) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
}
