using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Languages;
using PledgeBot.Dialogs.Teams;
using PledgeBot.Dialogs.Words;
using PledgeBot.Storage;

namespace PledgeBot.Dialogs.Conversation;

/// <summary>
/// The bot: greets people who join, reads what they ask for, and hands each turn to the dialog
/// it belongs to. In Teams it also answers card actions in place (Universal Actions) and the
/// "Share a cause" search. Conversation state is saved once, at the end of every turn.
/// </summary>
public class CampaignBot(
    CurrentCampaign campaign,
    ConversationState conversationState,
    StoryDialog stories,
    VoteDialog votes,
    PledgeDialog pledges,
    RightsDialog rights,
    LiveCards liveCards,
    ShareCauseSearch shareCauseSearch,
    ShareDialog shares,
    ReferralAttribution referrals,
    FunnelProgress funnel,
    LanguageDialog languages,
    FollowUpDialog followUps) : TeamsActivityHandler
{
    private readonly IStatePropertyAccessor<ConversationFlow> flowAccessor =
        conversationState.CreateProperty<ConversationFlow>(nameof(ConversationFlow));

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        await base.OnTurnAsync(turnContext, cancellationToken);
        await conversationState.SaveChangesAsync(turnContext, force: false, cancellationToken);
    }

    protected override async Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        // Our web chat page greets with a join event (which may name a cause to open at), so a
        // conversationUpdate from Direct Line would only greet twice.
        if (turnContext.Activity.ChannelId is WebChatJoin.DirectLineChannel or WebChatJoin.WebChatChannel)
        {
            return;
        }

        // Teams announces the bot's installation (in a personal chat, a group or a team) by adding
        // the bot; elsewhere people are added. Either way, greet once per update.
        var botId = turnContext.Activity.Recipient?.Id;
        var greet = turnContext.Activity.ChannelId == Microsoft.Bot.Connector.Channels.Msteams
            ? membersAdded.Any(m => m.Id == botId)
            : membersAdded.Any(m => m.Id != botId);
        if (greet)
        {
            TurnKinds.Record(turnContext, TurnKind.Join);
            await turnContext.SendCardAsync(WelcomeCard.Create(campaign.Content), cancellationToken);
            await funnel.ReachedAsync(turnContext.Activity, FunnelStep.Joined, cancellationToken);
        }
    }

    protected override async Task OnEventActivityAsync(ITurnContext<IEventActivity> turnContext, CancellationToken cancellationToken)
    {
        var content = campaign.Content;
        if (turnContext.Activity.Name != WebChatJoin.EventName)
        {
            return;
        }

        TurnKinds.Record(turnContext, TurnKind.Join);
        await funnel.ReachedAsync(turnContext.Activity, FunnelStep.Joined, cancellationToken);

        // A share link's referral code stays with the conversation, to credit the link with a vote or pledge made here.
        if (WebChatJoin.ReferralCodeOf(turnContext.Activity) is { } code)
        {
            var flow = await flowAccessor.GetAsync(turnContext, () => new ConversationFlow(), cancellationToken);
            referrals.Remember(flow, turnContext.Activity, code);
        }

        // A share link opens the chat at its cause's story; any other visit starts at the welcome.
        var cause = content.FindCause(WebChatJoin.CauseIdOf(turnContext.Activity));
        if (cause is null)
        {
            await turnContext.SendCardAsync(WelcomeCard.Create(content), cancellationToken);
            return;
        }

        await stories.ShowAsync(turnContext, content.StoryNumberOf(cause), cancellationToken);
    }

    protected override async Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(
        ITurnContext<IInvokeActivity> turnContext, AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken)
    {
        TurnKinds.Record(turnContext, TurnKinds.OfCardAction(invokeValue.Action.Verb));
        // Only a vote needs the conversation's state (its referral); refreshes, which Teams sends for
        // every reader, stay free of a state read. No default: a chat without state gets none written.
        var referral = invokeValue.Action.Verb == ActionNames.Vote
            ? (await flowAccessor.GetAsync(turnContext, defaultValueFactory: null, cancellationToken))?.Referral
            : null;
        var (card, vote) = await CardActionInPlace.AnswerAsync(invokeValue.Action, turnContext.Activity, referral, votes, liveCards, cancellationToken);
        // The results replace the clicked card; the question about updates comes as a message of its own.
        if (vote is not null)
        {
            await votes.OfferFollowUpsAsync(turnContext, vote, cancellationToken);
        }

        // A click on next or previous story; a refresh is Teams redrawing a card someone looks at, not a choice to read.
        if (invokeValue.Action.Verb == ActionNames.Stories)
        {
            await funnel.ReachedAsync(turnContext.Activity, FunnelStep.ReadAStory, cancellationToken);
        }

        return CardActionInPlace.Response(turnContext.Activity, card);
    }

    protected override async Task<MessagingExtensionResponse> OnTeamsMessagingExtensionQueryAsync(
        ITurnContext<IInvokeActivity> turnContext, MessagingExtensionQuery query, CancellationToken cancellationToken)
    {
        TurnKinds.Record(turnContext, TurnKind.Share);
        var answer = shareCauseSearch.Answer(query);
        // "Share a cause" offered them a cause's card to put into a chat: Teams' share card.
        if (answer.ComposeExtension.Attachments.Count > 0)
        {
            await funnel.ReachedAsync(turnContext.Activity, FunnelStep.Shared, cancellationToken);
        }

        return answer;
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        // In group chats and channels people write "@Bot vote"; only "vote" is meant for us.
        if (turnContext.Activity is Activity message)
        {
            message.RemoveRecipientMention();
        }

        var intent = UserIntentReader.Read(turnContext.Activity);
        // Any message starts a conversation, the first one included, welcome or not (Teams may have
        // greeted long ago, or in another chat); only a person's first time writes. That write is
        // not waited for before the answer is worked out, only before the turn ends: a newcomer's
        // first vote or pledge then shares its commit instead of waiting for one more.
        var joined = funnel.ReachedAsync(turnContext.Activity, FunnelStep.Joined, cancellationToken);
        try
        {
            // A conversation gets a state row only once there is something to remember (an unfinished
            // pledge, a referral): a message that changes nothing, from anyone, writes nothing.
            var stored = await flowAccessor.GetAsync(turnContext, defaultValueFactory: null, cancellationToken);
            var flow = stored ?? new ConversationFlow();
            await RouteMessageAsync(turnContext, flow, intent, cancellationToken);
            if (stored is null && (flow.Pledge is not null || flow.Referral is not null))
            {
                await flowAccessor.SetAsync(turnContext, flow, cancellationToken);
            }
        }
        finally
        {
            await joined;
        }
    }

    private async Task RouteMessageAsync(ITurnContext<IMessageActivity> turnContext, ConversationFlow flow, UserIntent intent, CancellationToken cancellationToken)
    {
        var content = campaign.Content;
        var draftExpired = pledges.DiscardIfExpired(flow);
        TurnKinds.Record(turnContext, TurnKinds.OfMessage(intent, pledgeOpen: flow.Pledge is not null));

        // Words that mean the same everywhere come first: in the middle of a pledge, "help" is a
        // question about the pledge, not a first name. Only what is left can be an answer.
        switch (intent.Kind)
        {
            case IntentKind.Help when flow.Pledge is not null:
                await pledges.HelpAsync(turnContext, flow, cancellationToken);
                return;
            case IntentKind.MyData:
                await rights.ShowMyDataAsync(turnContext, cancellationToken);
                await pledges.AskAgainAsync(turnContext, flow, cancellationToken);
                return;
            case IntentKind.Stop:
                await rights.StopAsync(turnContext, flow, cancellationToken);
                return;
            // A change of language leaves a pledge in progress as it is.
            case IntentKind.Language:
                await languages.ShowChoicesAsync(turnContext, cancellationToken);
                return;
            case IntentKind.ChooseLanguage:
                await languages.ChooseAsync(turnContext, flow, intent.Language, cancellationToken);
                return;
            // An answer about updates leaves a pledge in progress as it is.
            case IntentKind.FollowUp:
                await followUps.AnswerAsync(turnContext, intent, cancellationToken);
                return;
            case IntentKind.Cancel when flow.Pledge is not null:
                await pledges.CancelAsync(turnContext, flow, cancellationToken);
                return;
            case IntentKind.Unrecognised when flow.Pledge is not null && !intent.FromButton:
            case IntentKind.Reply when flow.Pledge is not null:
                await pledges.AnswerAsync(turnContext, flow, intent.Text, cancellationToken, fromButton: intent.FromButton);
                return;
            case IntentKind.PledgeForm:
                await pledges.ShowFormAsync(turnContext, flow, intent.PledgeId, cancellationToken);
                return;
            case IntentKind.PledgeFormSubmit:
                await pledges.SubmitFormAsync(turnContext, flow, intent, cancellationToken);
                return;
            case IntentKind.PledgeConfirm:
                await pledges.ConfirmAsync(turnContext, flow, cancellationToken);
                return;
        }

        // Anything else leaves an unfinished pledge behind, unstored.
        flow.Pledge = null;
        switch (intent.Kind)
        {
            case IntentKind.Welcome:
                await turnContext.SendCardAsync(WelcomeCard.Create(content), cancellationToken);
                break;
            case IntentKind.Stories:
                await stories.ShowAsync(turnContext, intent.StoryNumber, cancellationToken);
                break;
            case IntentKind.VoteMenu:
                await votes.ShowBallotAsync(turnContext, cancellationToken);
                break;
            case IntentKind.Vote:
                await votes.VoteAsync(turnContext, intent.CauseId, flow.Referral, cancellationToken);
                break;
            case IntentKind.Results:
                await votes.ShowResultsAsync(turnContext, cancellationToken);
                break;
            case IntentKind.Pledge:
                await pledges.StartAsync(turnContext, flow, intent.PledgeId, cancellationToken);
                break;
            case IntentKind.Share:
                await shares.ShareAsync(turnContext, intent.CauseId, intent.Reason, cancellationToken);
                break;
            case IntentKind.ShareInTeams:
                await shares.ExplainTeamsSharingAsync(turnContext, cancellationToken);
                break;
            case IntentKind.ForgetMe:
                await rights.AskToForgetAsync(turnContext, cancellationToken);
                break;
            case IntentKind.ForgetMeConfirmed:
                await rights.ForgetAsync(turnContext, cancellationToken);
                break;
            case IntentKind.Cancel:
                await turnContext.SendCardAsync(NoticeCard.Create(content, BotWords.NothingToCancelTitle, BotWords.NothingToCancel), cancellationToken);
                break;
            case IntentKind.Help:
                await turnContext.SendCardAsync(NoticeCard.Help(content), cancellationToken);
                break;
            case IntentKind.Unrecognised when draftExpired:
                await turnContext.SendCardAsync(
                    NoticeCard.Create(content, BotWords.PledgeTimedOutTitle, string.Format(SupporterLanguage.Formatting, BotWords.PledgeTimedOut, CardNumbers.Count((long)PledgeDialog.DraftLifetime.TotalMinutes))),
                    cancellationToken);
                break;
            default:
                await turnContext.SendCardAsync(
                    NoticeCard.Create(content, BotWords.NotUnderstoodTitle, BotWords.NotUnderstood),
                    cancellationToken);
                break;
        }
    }
}
