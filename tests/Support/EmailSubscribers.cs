using System.Net;
using MimeKit;
using Newtonsoft.Json.Linq;

namespace PledgeBot.Tests.Support;

/// <summary>
/// People who said yes to follow-ups by email, as a supporter does it in the web chat (pledge,
/// "Yes, email me", the confirmation link), and the one-click unsubscribe as a mail client uses it.
/// </summary>
public static class EmailSubscribers
{
    public static ChannelActivities Person(string who) => new($"dl_{who}", $"{who}-chat", "directline");

    /// <summary>Pledges in the web chat as <paramref name="who"/>@example.org, says yes to email updates and (unless told not to) opens the confirmation link.</summary>
    public static async Task SubscribeAsync(HttpClient chat, SmtpTestServer smtp, string who, string firstName, bool confirm = true)
    {
        var person = Person(who);
        var thanks = await PledgeConversation.TakePledgeAsync(chat, person, firstName, $"{who}@example.org");
        Assert.Contains("Hear how it ends?", thanks.Text());
        var answer = await ExpectReplies.PostAsync(chat, person.Click((JObject)thanks.Button("Yes, email me")["data"]!));
        Assert.Contains("We will email you", answer[^1].AsCard().Text());

        var confirmation = await smtp.NextMessageAsync();
        if (confirm)
        {
            Assert.Equal(HttpStatusCode.OK, (await chat.GetAsync(ConfirmationEmails.Link(confirmation))).StatusCode);
        }
    }

    /// <summary>The body a mail client posts to the List-Unsubscribe address (RFC 8058).</summary>
    public static FormUrlEncodedContent OneClickBody() => new([new KeyValuePair<string, string>("List-Unsubscribe", "One-Click")]);

    /// <summary>The address in the List-Unsubscribe header, as a mail client reads it.</summary>
    public static Uri UnsubscribeLink(MimeMessage email)
    {
        var header = email.Headers["List-Unsubscribe"] ?? "";
        Assert.StartsWith("<", header);
        Assert.EndsWith(">", header);
        return new Uri(header[1..^1]);
    }
}
