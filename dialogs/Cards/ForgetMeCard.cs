using System.Text.Json.Nodes;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Languages;
using PledgeBot.Dialogs.Words;
using PledgeBot.Storage;
using static PledgeBot.Dialogs.Cards.CardElements;

namespace PledgeBot.Dialogs.Cards;

/// <summary>"forget me": the question before anything is erased, and the account of what was.</summary>
public static class ForgetMeCard
{
    public static JsonObject Confirm() => Card(
        speak: BotWords.ForgetMeSpoken,
        body:
        [
            Heading(BotWords.ForgetMeQuestion, size: "Medium"),
            Text(BotWords.ForgetMeExplained),
        ],
        actions:
        [
            Submit(BotWords.YesForgetMe, new CardAction(ActionNames.ForgetMeConfirmed), style: "destructive"),
            Submit(BotWords.NoKeepMyData, new CardAction(ActionNames.Menu)),
        ]);

    public static JsonObject Done(CampaignContent content, ErasureResult erased)
    {
        var what = new List<string>();
        if (erased.Votes > 0)
        {
            what.Add(BotWords.ErasedYourVote);
        }

        if (erased.Pledges > 0)
        {
            what.Add(PluralWords.Format("ErasedPledges", erased.Pledges));
        }

        if (erased.ConsentRecords > 0)
        {
            what.Add(BotWords.ErasedConsentRecords);
        }

        what.Add(BotWords.ErasedChatMemory);
        var message = erased.Votes + erased.Pledges == 0
            ? BotWords.ErasedNothingStored
            : string.Format(SupporterLanguage.Formatting, BotWords.Erased, string.Join(BotWords.ListSeparator, what));
        return NoticeCard.Create(content, BotWords.ForgottenTitle, message);
    }
}
