using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector;
using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Identity;

namespace PledgeBot.Dialogs.Conversation;

/// <summary>
/// Gives a supporter their share card. The link is the cause's share page with the supporter's
/// referral code: a keyed pseudonym, nothing that names them.
/// </summary>
public sealed class ShareDialog(CampaignContent content, CardSettings settings, PersonKeyHasher hasher, LiveCards liveCards)
{
    public async Task ShareAsync(ITurnContext turnContext, string? causeId, string? reason, CancellationToken cancellationToken)
    {
        var cause = content.FindCause(causeId);
        if (cause is null)
        {
            // Nothing chosen yet (results before voting): the stories each have a Share button.
            await turnContext.SendCardAsync(
                NoticeCard.Create(content, "Which cause would you like to share?", "Open a story and choose Share on it."),
                cancellationToken);
            await turnContext.SendCardAsync(await liveCards.StoryAsync(turnContext.Activity, 1, cancellationToken), cancellationToken);
            return;
        }

        var card = ShareCard.Create(
            content,
            cause,
            Enum.TryParse<ShareReason>(reason, ignoreCase: true, out var why) ? why : ShareReason.Story,
            ShareLink(cause, hasher.ReferralCode(hasher.PersonKeyOf(turnContext.Activity))),
            settings,
            inTeams: turnContext.Activity.ChannelId == Channels.Msteams);
        await turnContext.SendCardAsync(card, cancellationToken);
    }

    /// <summary>In Teams, the way to put a cause's card into any chat is the "Share a cause" messaging extension.</summary>
    public Task ExplainTeamsSharingAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        turnContext.SendCardAsync(
            NoticeCard.Create(
                content,
                "Share in any Teams chat",
                $"In the chat you want to share in, select **+** (Actions and apps) under the message box, choose **{content.Title}**, "
                + "then search for the cause and pick its card. Everyone in that chat can read it and vote."),
            cancellationToken);

    public Uri ShareLink(Cause cause, string referralCode) =>
        new(settings.PublicBaseUrl, $"c/{Uri.EscapeDataString(cause.Id)}?r={referralCode}");
}
