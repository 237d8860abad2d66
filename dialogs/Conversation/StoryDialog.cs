using Microsoft.Bot.Builder;
using PledgeBot.Storage;

namespace PledgeBot.Dialogs.Conversation;

/// <summary>Shows the cause stories one card at a time. The story number travels on the buttons, so no state is kept.</summary>
public sealed class StoryDialog(LiveCards cards, FunnelProgress funnel)
{
    public async Task ShowAsync(ITurnContext turnContext, int? storyNumber, CancellationToken cancellationToken)
    {
        await turnContext.SendCardAsync(await cards.StoryAsync(turnContext.Activity, storyNumber ?? 1, cancellationToken), cancellationToken);
        await funnel.ReachedAsync(turnContext.Activity, FunnelStep.ReadAStory, cancellationToken);
    }
}
