using System.Text.Json.Nodes;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Languages;
using PledgeBot.Dialogs.Words;
using static PledgeBot.Dialogs.Cards.CardElements;

namespace PledgeBot.Dialogs.Cards;

/// <summary>Why someone shares: the line in their voice differs.</summary>
public enum ShareReason
{
    Story,
    Voted,
    Pledged,
}

/// <summary>
/// Something worth sharing: a line in the supporter's voice, the cause's picture, their share link,
/// and buttons that open the usual places with the text and link filled in.
/// </summary>
public static class ShareCard
{
    public static JsonObject Create(CampaignContent content, Cause cause, ShareReason reason, Uri shareLink, CardSettings settings, bool inTeams)
    {
        var line = SupporterLine(content, cause, reason);
        var link = shareLink.AbsoluteUri;
        var message = $"{line} {link}";
        var subject = reason == ShareReason.Pledged && cause.Pledge is not null ? cause.Pledge.Title : content.Title;

        var body = new List<JsonNode?>
        {
            Heading(BotWords.ShareWithFriends, size: "Medium"),
            Text(line, weight: "Bolder"),
            Image(settings.ImageUrl(cause), cause.Image.AltText),
            Text(cause.Summary, subtle: true),
        };
        // No client lets a card write to the clipboard; a filled-in field is the closest: select and copy.
        body.Add(new JsonObject
        {
            ["type"] = "Input.Text",
            ["id"] = "shareLink",
            ["label"] = BotWords.YourShareLink,
            ["value"] = link,
        });

        var actions = new List<JsonNode?>
        {
            OpenUrl(BotWords.ShareByEmail, $"mailto:?subject={Escape(subject)}&body={Escape(message)}"),
            OpenUrl("WhatsApp", $"https://wa.me/?text={Escape(message)}"),
            OpenUrl("X", $"https://twitter.com/intent/tweet?text={Escape(line)}&url={Escape(link)}"),
            OpenUrl("Facebook", $"https://www.facebook.com/sharer/sharer.php?u={Escape(link)}"),
            OpenUrl("LinkedIn", $"https://www.linkedin.com/sharing/share-offsite/?url={Escape(link)}"),
        };
        if (inTeams)
        {
            actions.Add(Submit(BotWords.ShareInAChat, new CardAction(ActionNames.ShareInTeams, CauseId: cause.Id)));
        }

        return Card(speak: $"{BotWords.ShareWithFriends}. {line}", body: body, actions: actions);
    }

    /// <summary>The text in the supporter's own voice, ending with an invitation.</summary>
    public static string SupporterLine(CampaignContent content, Cause cause, ShareReason reason) => reason switch
    {
        ShareReason.Voted => string.Format(SupporterLanguage.Formatting, BotWords.ShareLineVoted, cause.Title, content.Title),
        ShareReason.Pledged when cause.Pledge is not null => string.Format(SupporterLanguage.Formatting, BotWords.ShareLinePledged, cause.Pledge.Title),
        _ => string.Format(SupporterLanguage.Formatting, BotWords.ShareLineStory, cause.Title),
    };

    private static string Escape(string value) => Uri.EscapeDataString(value);
}
