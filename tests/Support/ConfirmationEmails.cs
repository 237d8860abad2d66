using System.Text.RegularExpressions;
using MimeKit;

namespace PledgeBot.Tests.Support;

/// <summary>Reads what a person does with a confirmation email: find it in the outbox, take its link.</summary>
public static partial class ConfirmationEmails
{
    public static Uri Link(MimeMessage message)
    {
        var match = ConfirmLink().Match(message.TextBody ?? "");
        Assert.True(match.Success, "The email's text has no confirmation link.");
        return new Uri(match.Value);
    }

    /// <summary>The .eml files in the data folder's outbox, waiting up to 30 s until there are at least <paramref name="count"/>.</summary>
    public static async Task<IReadOnlyList<MimeMessage>> InOutboxAsync(string dataDirectory, int count = 1)
    {
        var outbox = Path.Combine(dataDirectory, "outbox");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var files = Directory.Exists(outbox) ? Directory.GetFiles(outbox, "*.eml").Order().ToArray() : [];
            if (files.Length >= count)
            {
                return files.Select(f => MimeMessage.Load(f)).ToList();
            }

            Assert.True(DateTime.UtcNow < deadline, $"Expected {count} email(s) in {outbox}, found {files.Length}.");
            await Task.Delay(50);
        }
    }

    [GeneratedRegex(@"https?://[^\s]+/confirm\?token=[A-Za-z0-9_-]+(&lang=[a-z]+)?")]
    private static partial Regex ConfirmLink();
}
