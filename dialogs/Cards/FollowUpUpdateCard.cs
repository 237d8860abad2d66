using System.Text.Json.Nodes;
using PledgeBot.Dialogs.FollowUps;
using PledgeBot.Dialogs.Languages;
using PledgeBot.Dialogs.Words;
using static PledgeBot.Dialogs.Cards.CardElements;

namespace PledgeBot.Dialogs.Cards;

/// <summary>
/// A follow-up as it arrives in a Teams personal chat (and as the admin's preview draws it): the
/// title as a heading, the paragraphs, why it came and how to stop more, and the link to read more,
/// laid out in the message's language.
/// </summary>
public static class FollowUpUpdateCard
{
    public static JsonObject Create(FollowUpMessage message) =>
        SupporterLanguage.During(CampaignLanguages.Get(message.Language), () => Card(
            speak: string.Join(" ", [message.Title, .. message.Paragraphs]),
            body: [Heading(message.Title, size: "Medium"), .. message.Paragraphs.Select(p => Text(p)), Text(BotWords.FollowUpStopHint, subtle: true, size: "Small")],
            actions: message.Link is { } link ? [OpenUrl(link.Title, link.Url.ToString())] : null));
}
