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
/// People's rights, in the conversation: "my data" shows what is stored, "forget me" erases it
/// after a confirmation, "stop"/"unsubscribe" withdraws consent to be contacted and keeps the
/// pledge. A person is who the stores know: this channel's user (the Teams user in Teams).
/// </summary>
public sealed class RightsDialog(
    CurrentCampaign campaign,
    IPersonalDataStore personalData,
    PersonKeyHasher hasher,
    TimeProvider clock,
    ConversationState conversationState,
    PledgeSettings pledgeSettings,
    FunnelProgress funnel,
    ILogger<RightsDialog> logger)
{
    public const string ConversationSource = "conversation";

    public async Task ShowMyDataAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (await SentToPrivateChatAsync(turnContext, nameof(BotWords.TypedMyData), cancellationToken))
        {
            return;
        }

        var report = await personalData.FindAsync(campaign.Content.Id, hasher.PersonKeyOf(turnContext.Activity), cancellationToken);
        await turnContext.SendCardAsync(MyDataCard.Create(campaign.Content, report, ChannelName(turnContext.Activity.ChannelId), pledgeSettings.DoubleOptIn), cancellationToken);
    }

    public async Task AskToForgetAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (await SentToPrivateChatAsync(turnContext, nameof(BotWords.TypedForgetMe), cancellationToken))
        {
            return;
        }

        await turnContext.SendCardAsync(ForgetMeCard.Confirm(), cancellationToken);
    }

    public async Task ForgetAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (await SentToPrivateChatAsync(turnContext, nameof(BotWords.TypedForgetMe), cancellationToken))
        {
            return;
        }

        var erased = await personalData.ForgetPersonAsync(hasher.PersonKeyOf(turnContext.Activity), ConversationSource, cancellationToken);
        // The conversation's state (an unfinished pledge, the share link it came from) goes too,
        // and is not written again at the end of this turn.
        await conversationState.DeleteAsync(turnContext, cancellationToken);
        // Their funnel rows went with the rest; a step they reach from now on is noted afresh.
        funnel.Forget(turnContext.Activity);
        logger.LogInformation(
            "Erasure asked in a conversation: {Votes} vote(s), {Pledges} pledge(s), {ConsentRecords} consent record(s)",
            erased.Votes, erased.Pledges, erased.ConsentRecords);
        await turnContext.SendCardAsync(ForgetMeCard.Done(campaign.Content, erased), cancellationToken);
    }

    /// <summary>"stop"/"unsubscribe": ends a pledge in progress, unstored, and withdraws consent to be contacted.</summary>
    public async Task StopAsync(ITurnContext turnContext, ConversationFlow flow, CancellationToken cancellationToken)
    {
        var hadDraft = flow.Pledge is not null;
        flow.Pledge = null;
        var withdrawn = await personalData.WithdrawContactAsync(
            campaign.Content.Id, hasher.PersonKeyOf(turnContext.Activity), turnContext.Activity.ChannelId ?? "unknown", clock.GetUtcNow(), cancellationToken);

        string message;
        if (turnContext.Activity.IsShared())
        {
            // Others read along in a group: say nothing about whether this person has pledged.
            message = BotWords.StoppedInGroup;
        }
        else if (withdrawn > 0)
        {
            message = BotWords.StoppedContact;
        }
        else
        {
            message = BotWords.StoppedNothingToStop;
        }

        if (hadDraft)
        {
            message = string.Format(SupporterLanguage.Formatting, BotWords.StoppedDraftCancelled, message);
        }

        await turnContext.SendCardAsync(NoticeCard.Create(campaign.Content, BotWords.StoppedTitle, message), cancellationToken);
    }

    /// <summary>A person's data is for them alone, not for everyone in a group chat or channel.</summary>
    /// <param name="command">The typed words (a resource key) to use there; the card names the first in the person's language.</param>
    private async Task<bool> SentToPrivateChatAsync(ITurnContext turnContext, string command, CancellationToken cancellationToken)
    {
        if (!turnContext.Activity.IsShared())
        {
            return false;
        }

        await turnContext.SendCardAsync(
            NoticeCard.Create(campaign.Content, BotWords.ContinuePrivatelyTitle, string.Format(SupporterLanguage.Formatting, BotWords.ContinuePrivately, TypedWords.First(command))),
            cancellationToken);
        return true;
    }

    private static string ChannelName(string? channelId) => channelId switch
    {
        Channels.Msteams => "Microsoft Teams",
        Channels.Directline or Channels.Webchat => BotWords.ChannelWebChat,
        Channels.Emulator => BotWords.ChannelEmulator,
        _ => channelId ?? BotWords.ChannelUnknown,
    };
}
