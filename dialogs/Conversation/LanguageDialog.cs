using Microsoft.Bot.Builder;
using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Identity;
using PledgeBot.Dialogs.Languages;
using PledgeBot.Storage;

namespace PledgeBot.Dialogs.Conversation;

/// <summary>
/// The "Language" choice: lists the languages the campaign is offered in, and serves a person in
/// the one they choose, at once and from then on (<see cref="TurnLanguage"/> reads the choice back
/// on their every turn, in any conversation).
/// </summary>
public sealed class LanguageDialog(CurrentCampaign campaign, ILanguageChoices choices, PersonKeyHasher hasher, PledgeDialog pledges)
{
    public Task ShowChoicesAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        turnContext.SendCardAsync(LanguageCard.Create(campaign.Content), cancellationToken);

    /// <param name="code">The code the button carried; card data can be altered, so it is checked here.</param>
    public async Task ChooseAsync(ITurnContext turnContext, ConversationFlow flow, string? code, CancellationToken cancellationToken)
    {
        // Not one of the campaign's languages (altered data, or a language the campaign dropped
        // since the card was sent): nothing is stored, and the list is shown again.
        if (TurnLanguage.Offered(campaign.Running.Content, code) is not { } language)
        {
            await ShowChoicesAsync(turnContext, cancellationToken);
            return;
        }

        await choices.SaveAsync(hasher.PersonKeyOf(turnContext.Activity), language.Name, cancellationToken);

        // The rest of this turn is in the new language too: the answer shows the choice took effect.
        SupporterLanguage.Use(language);
        if (flow.Pledge is not null)
        {
            // A pledge in progress goes on, its open question asked again in the new language.
            await pledges.AskAgainAsync(turnContext, flow, cancellationToken);
            return;
        }

        await turnContext.SendCardAsync(WelcomeCard.Create(campaign.Content), cancellationToken);
    }
}
