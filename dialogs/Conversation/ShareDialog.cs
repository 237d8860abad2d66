using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector;
using Microsoft.Extensions.Logging;
using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Identity;
using PledgeBot.Dialogs.Languages;
using PledgeBot.Dialogs.Words;
using PledgeBot.Storage;

namespace PledgeBot.Dialogs.Conversation;

/// <summary>
/// Gives a supporter their share card. The link is the cause's share page with the supporter's
/// referral code: a keyed pseudonym, nothing that names them. Handing out the card is what issues
/// the code: share pages and chats count only codes issued here.
/// </summary>
public sealed class ShareDialog(
    CurrentCampaign campaign,
    CardSettings settings,
    PersonKeyHasher hasher,
    LiveCards liveCards,
    IReferralStore referrals,
    FunnelProgress funnel,
    ILogger<ShareDialog> logger)
{
    public async Task ShareAsync(ITurnContext turnContext, string? causeId, string? reason, CancellationToken cancellationToken)
    {
        var content = campaign.Content;
        var cause = content.FindCause(causeId);
        if (cause is null)
        {
            // Nothing chosen yet (results before voting): the stories each have a Share button.
            await turnContext.SendCardAsync(
                NoticeCard.Create(content, BotWords.WhichCauseToShareTitle, BotWords.WhichCauseToShare),
                cancellationToken);
            await turnContext.SendCardAsync(await liveCards.StoryAsync(turnContext.Activity, 1, cancellationToken), cancellationToken);
            await funnel.ReachedAsync(turnContext.Activity, FunnelStep.ReadAStory, cancellationToken);
            return;
        }

        var code = hasher.ReferralCode(hasher.PersonKeyOf(turnContext.Activity));
        await IssueAsync(code, cancellationToken);
        var card = ShareCard.Create(
            content,
            cause,
            Enum.TryParse<ShareReason>(reason, ignoreCase: true, out var why) ? why : ShareReason.Story,
            ShareLink(cause, code, content),
            settings,
            inTeams: turnContext.Activity.ChannelId == Channels.Msteams);
        await turnContext.SendCardAsync(card, cancellationToken);
        // "Shared" means given a share card: whether the email or WhatsApp link was then opened, the bot cannot see.
        await funnel.ReachedAsync(turnContext.Activity, FunnelStep.Shared, cancellationToken);
    }

    /// <summary>In Teams, the way to put a cause's card into any chat is the "Share a cause" messaging extension.</summary>
    public Task ExplainTeamsSharingAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        turnContext.SendCardAsync(
            NoticeCard.Create(
                campaign.Content,
                BotWords.ShareInTeamsTitle,
                string.Format(SupporterLanguage.Formatting, BotWords.ShareInTeams, campaign.Content.Title)),
            cancellationToken);

    /// <summary>
    /// A share card still goes out when the code cannot be noted just then: the link works, and
    /// counts from the next share card on.
    /// </summary>
    private async Task IssueAsync(string code, CancellationToken cancellationToken)
    {
        try
        {
            await referrals.RecordIssuedCodeAsync(campaign.Content.Id, code, cancellationToken);
        }
        catch (Exception problem) when (problem is not OperationCanceledException)
        {
            logger.LogWarning("A referral code could not be noted as issued ({Error}).", problem.GetType().Name);
        }
    }

    /// <summary>The share page with the sharer's code, in the sharer's language when it is not the campaign's default, so the page and its link preview speak it.</summary>
    /// <param name="content">The campaign in the sharer's language.</param>
    public Uri ShareLink(Cause cause, string referralCode, CampaignContent content) =>
        new(settings.PublicBaseUrl, $"c/{Uri.EscapeDataString(cause.Id)}?r={referralCode}"
            + (string.Equals(content.Language, content.DefaultLanguage, StringComparison.OrdinalIgnoreCase) ? "" : $"&lang={content.Language}"));
}
