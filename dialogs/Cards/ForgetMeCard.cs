using System.Text.Json.Nodes;
using PledgeBot.Dialogs.Content;
using PledgeBot.Storage;
using static PledgeBot.Dialogs.Cards.CardElements;

namespace PledgeBot.Dialogs.Cards;

/// <summary>"forget me": the question before anything is erased, and the account of what was.</summary>
public static class ForgetMeCard
{
    public static JsonObject Confirm() => Card(
        speak: "Forget me? This erases your vote, your pledges with your name and email, and this chat's history with me. It cannot be undone.",
        body:
        [
            Heading("Forget me?", size: "Medium"),
            Text("This erases your vote, your pledges with your first name and email address, and what this chat remembers. "
                + "The results will no longer count you. It cannot be undone."),
        ],
        actions:
        [
            Submit("Yes, forget me", new CardAction(ActionNames.ForgetMeConfirmed), style: "destructive"),
            Submit("No, keep my data", new CardAction(ActionNames.Menu)),
        ]);

    public static JsonObject Done(CampaignContent content, ErasureResult erased)
    {
        var what = new List<string>();
        if (erased.Votes > 0)
        {
            what.Add("your vote");
        }

        if (erased.Pledges > 0)
        {
            what.Add(erased.Pledges == 1 ? "your pledge, with your first name and email address" : $"your {erased.Pledges} pledges, with your first name and email address");
        }

        if (erased.ConsentRecords > 0)
        {
            what.Add("the records of your consent");
        }

        what.Add("what this chat remembered");
        var message = erased.Votes + erased.Pledges == 0
            ? "We had no vote or pledge stored for you. What this chat remembered is erased."
            : $"Erased: {string.Join(", ", what)}. The results no longer count you.";
        return NoticeCard.Create(content, "You are forgotten", message);
    }
}
