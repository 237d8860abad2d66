using System.Text;
using PledgeBot.BotFramework;

namespace PledgeBot.Tests.Outbound;

/// <summary>Which Teams tenant's limit a request to a channel's connector counts against.</summary>
public sealed class TeamsTenantOfRequestTests
{
    private const string Url = "https://smba.trafficmanager.net/emea/v3/conversations/a%3A1personal-chat/activities";

    [Theory]
    [InlineData("""{"type":"message","conversation":{"id":"a:1","tenantId":"tenant-contoso"}}""", "tenant-contoso")]
    [InlineData("""{"type":"message","conversation":{"id":"a:1"},"channelData":{"tenant":{"id":"tenant-fabrikam"}}}""", "tenant-fabrikam")]
    [InlineData("""{"type":"message","conversation":{"id":"a:1","tenantId":"tenant-contoso"},"channelData":{"tenant":{"id":"tenant-fabrikam"}}}""", "tenant-contoso")]
    [InlineData("""{"type":"message","conversation":{"id":"a:1","tenantId":""}}""", null)]
    [InlineData("""{"type":"message","conversation":{"id":"direct-line-conversation"}}""", null)]
    [InlineData("""["not","an","activity"]""", null)]
    [InlineData("not json at all", null)]
    public async Task TheTenantIsTheOneTheActivityNames(string body, string? tenant)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

        Assert.Equal(tenant, await TeamsTenantOfRequest.ReadAsync(request, CancellationToken.None));
        Assert.Equal(tenant, TeamsTenantOfRequest.Of(request));
        Assert.Equal(body, await request.Content.ReadAsStringAsync()); // left whole for sending
    }

    [Fact]
    public async Task RequestsOutsideTheConnectorsConversationsHaveNoTenant()
    {
        using var token = new HttpRequestMessage(HttpMethod.Post, "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token")
        {
            Content = new StringContent("""{"conversation":{"tenantId":"tenant-contoso"}}"""),
        };

        Assert.Null(await TeamsTenantOfRequest.ReadAsync(token, CancellationToken.None));
    }
}
