using Newtonsoft.Json.Linq;

namespace PledgeBot.Tests.Support;

/// <summary>A person's side of the chat through <c>/api/messages</c>: a pledge, "stop", "forget me", each as they would type or click it.</summary>
public static class PledgeConversation
{
    /// <summary>Pledges with <paramref name="firstName"/> and <paramref name="email"/>, saying yes to the consent and the pledge; returns the thank-you card.</summary>
    public static async Task<JObject> TakePledgeAsync(HttpClient http, ChannelActivities person, string firstName, string email)
    {
        await SayAsync(http, person, "pledge");
        await SayAsync(http, person, firstName);
        await SayAsync(http, person, email);
        await SayAsync(http, person, "yes");
        return await SayAsync(http, person, "yes");
    }

    public static async Task ForgetMeAsync(HttpClient http, ChannelActivities person)
    {
        var question = await SayAsync(http, person, "forget me");
        var done = (await ExpectReplies.PostAsync(http, person.Click((JObject)question.Button("Yes, forget me")["data"]!)))[^1].AsCard();
        Xunit.Assert.Contains("Erased", done.Text());
    }

    public static async Task<JObject> SayAsync(HttpClient http, ChannelActivities person, string text) =>
        (await ExpectReplies.PostAsync(http, person.Message(text)))[^1].AsCard();
}
