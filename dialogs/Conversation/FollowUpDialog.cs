using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Identity;
using PledgeBot.Dialogs.Languages;
using PledgeBot.Dialogs.Teams;
using PledgeBot.Dialogs.Words;
using PledgeBot.Storage;

namespace PledgeBot.Dialogs.Conversation;

/// <summary>
/// "Hear how it ends?": after a vote or a pledge, the person is asked once whether they want an
/// update when voting closes and when a goal is reached, by the one route that can reach them
/// later: their personal chat in Teams, or in the web chat (which ends with the page) the email
/// address of their pledge. Someone in the web chat the bot cannot reach later is told so after
/// their first vote.
/// The answer, yes or no, is kept with a consent record; for a yes in Teams the conversation
/// reference of the personal chat is kept too (and only then), to write to it.
/// </summary>
public sealed class FollowUpDialog(
    CurrentCampaign campaign,
    IFollowUps followUps,
    PersonKeyHasher hasher,
    ConsentStatementVersions statements,
    TimeProvider clock)
{
    /// <param name="firstVote">The turn recorded the person's first vote: the one moment to say the web chat cannot reach them later.</param>
    public async Task OfferAsync(ITurnContext turnContext, bool firstVote, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        // In a group or channel the answer would be everyone's to read; people are asked in their own chat.
        var inTeams = activity.ChannelId == Channels.Msteams;
        if (activity.IsShared() || !(inTeams || IsWebChat(activity)))
        {
            return;
        }

        var content = campaign.Content;
        var state = await followUps.FindAsync(content.Id, hasher.PersonKeyOf(activity), cancellationToken);
        // Asked once: a yes, a no or a stop is not asked again.
        if (state.Choice is not null)
        {
            return;
        }

        if (inTeams || state.CanEmail)
        {
            await turnContext.SendCardAsync(FollowUpCard.Ask(inTeams ? FollowUpRoute.Teams : FollowUpRoute.Email, content.Language), cancellationToken);
        }
        else if (firstVote)
        {
            await turnContext.SendCardAsync(FollowUpCard.CannotReach(content), cancellationToken);
        }
    }

    public async Task AnswerAsync(ITurnContext turnContext, UserIntent intent, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var content = campaign.Content;
        var route = FollowUpNames.RouteOf(intent.Route);
        // Card data comes from the client: a reply or route it could not have offered stores nothing.
        if (route is not { } offered || intent.Text is not ("yes" or "no") || activity.IsShared())
        {
            await turnContext.SendCardAsync(NoticeCard.Help(content), cancellationToken);
            return;
        }

        var yes = intent.Text == "yes";
        var chosen = string.Format(
            SupporterLanguage.Formatting,
            BotWords.YouChose,
            !yes ? BotWords.FollowUpNo : offered == FollowUpRoute.Teams ? BotWords.FollowUpYesTeams : BotWords.FollowUpYesEmail);
        var byTeams = yes && offered == FollowUpRoute.Teams;
        if (byTeams && activity.ChannelId != Channels.Msteams)
        {
            await turnContext.SendCardAsync(FollowUpCard.Answered(content, BotWords.FollowUpNotPossible, chosen), cancellationToken);
            return;
        }

        var statement = await statements.VersionOfAsync(FollowUpCard.KindOf(offered), intent.Language, cancellationToken);
        var answer = new FollowUpAnswer(
            content.Id,
            hasher.PersonKeyOf(activity),
            yes ? offered : null,
            byTeams ? TeamsTenant.Of(activity) : null,
            byTeams ? ReferenceOf(activity) : null,
            statement.Language,
            statement,
            activity.Locale,
            activity.ChannelId ?? "unknown",
            clock.GetUtcNow());
        var stored = await followUps.AnswerAsync(answer, cancellationToken);
        var message = !stored ? BotWords.FollowUpNotPossible
            : !yes ? BotWords.FollowUpDeclined
            : offered == FollowUpRoute.Teams ? BotWords.FollowUpSubscribedTeams
            : BotWords.FollowUpSubscribedEmail;
        await turnContext.SendCardAsync(FollowUpCard.Answered(content, message, chosen), cancellationToken);
    }

    // The channels people use are Teams, where the personal chat stays, and the web chat (ours
    // through Direct Line, or Azure's), which ends with the page. Other channels (the Emulator, a
    // developer's tool) are not asked.
    private static bool IsWebChat(IActivity activity) => activity.ChannelId is Channels.Directline or Channels.Webchat;

    // Where to write later: the personal chat itself, not a reply to the click (no activity id).
    private static string ReferenceOf(IActivity activity)
    {
        var reference = activity.GetConversationReference();
        reference.ActivityId = null;
        return JsonConvert.SerializeObject(reference);
    }
}
