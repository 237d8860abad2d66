using System.Text.Json.Nodes;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Languages;
using PledgeBot.Dialogs.Words;
using static PledgeBot.Dialogs.Cards.CardElements;

namespace PledgeBot.Dialogs.Cards;

/// <summary>Shows exactly what will be stored before anything is.</summary>
public static class PledgeConfirmationCard
{
    public static JsonObject Create(Pledge pledge, string firstName, string email, string? problem = null, string? note = null) => Card(
        speak: $"{note} {string.Format(SupporterLanguage.Formatting, BotWords.ConfirmSpoken, firstName, email)}".TrimStart(),
        body:
        [
            problem is null ? null : Text(problem, weight: "Bolder", color: "Attention"),
            note is null ? null : Text(note),
            Heading(BotWords.CheckYourPledge, size: "Medium"),
            Text(BotWords.WhatWeWillStore),
            Facts(
            [
                (BotWords.Pledge, pledge.Title),
                (BotWords.FirstName, firstName),
                (BotWords.Email, email),
                (BotWords.Consent, BotWords.ConsentGivenInChat),
            ]),
        ],
        actions:
        [
            Submit(BotWords.ConfirmMyPledge, new CardAction(ActionNames.PledgeConfirm, PledgeId: pledge.Id), style: "positive"),
            Submit(BotWords.ChangeMyAnswers, new CardAction(ActionNames.PledgeForm, PledgeId: pledge.Id)),
            Submit(BotWords.Cancel, new CardAction(ActionNames.Cancel)),
        ]);
}
