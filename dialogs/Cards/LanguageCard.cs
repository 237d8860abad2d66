using System.Text.Json.Nodes;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Languages;
using PledgeBot.Dialogs.Words;
using static PledgeBot.Dialogs.Cards.CardElements;

namespace PledgeBot.Dialogs.Cards;

/// <summary>
/// The menu's "Language": one button per language the campaign is offered in, each named in its
/// own language, so that a reader finds theirs whatever language the card's question is in.
/// </summary>
public static class LanguageCard
{
    public static JsonObject Create(CampaignContent content) => Card(
        speak: $"{LanguageWords.Title}. {LanguageWords.Question}",
        body: [Heading(LanguageWords.Title, size: "Medium"), Text(LanguageWords.Question)],
        actions: content.Languages.Select(code =>
            Submit(LanguageNames.Native(CampaignLanguages.Get(code)), new CardAction(ActionNames.ChooseLanguage, Language: code))));
}
