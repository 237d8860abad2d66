using Microsoft.Bot.Builder;
using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Content;

namespace PledgeBot.Dialogs.Conversation;

/// <summary>Shows the cause stories one card at a time. The story number travels on the buttons, so no state is kept.</summary>
public sealed class StoryDialog(CampaignContent content, CardSettings cardSettings)
{
    public Task ShowAsync(ITurnContext turnContext, int? storyNumber, CancellationToken cancellationToken)
    {
        var number = Math.Clamp(storyNumber ?? 1, 1, content.Causes.Count);
        return turnContext.SendCardAsync(StoryCard.Create(content, number, cardSettings), cancellationToken);
    }
}
