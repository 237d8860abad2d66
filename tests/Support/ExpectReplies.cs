using System.Text;
using Newtonsoft.Json.Linq;

namespace PledgeBot.Tests.Support;

/// <summary>Posts an activity with deliveryMode expectReplies and reads the bot's replies from the response body.</summary>
public static class ExpectReplies
{
    public static async Task<IReadOnlyList<JObject>> PostAsync(HttpClient client, JObject activity)
    {
        activity["deliveryMode"] = "expectReplies";
        var response = await client.PostAsync("/api/messages", new StringContent(activity.ToString(), Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var body = JObject.Parse(await response.Content.ReadAsStringAsync());
        return body["activities"]!.Children<JObject>().ToList();
    }
}
