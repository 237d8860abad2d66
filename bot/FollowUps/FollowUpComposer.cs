using System.Collections.Concurrent;
using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.FollowUps;
using PledgeBot.Dialogs.Languages;
using PledgeBot.Dialogs.Results;
using PledgeBot.Dialogs.Words;
using PledgeBot.Storage;

namespace PledgeBot.FollowUps;

/// <summary>
/// Words one update for its readers: the final results when voting closed, a thank-you when a
/// goal was reached, a campaign manager's own words; in the reader's language, the campaign's
/// content in it, numbers in its form. An update says the same to every reader of one language,
/// so it is written once per update and language (the results read once, not once per person).
/// </summary>
public sealed class FollowUpComposer(CurrentCampaign campaign, IVoteStore votes, IPledgeStore pledges, CardSettings cardSettings)
{
    // Updates being sent at once are few; more than this means old ones, whose words can go.
    private const int RememberedMessages = 256;

    private readonly ConcurrentDictionary<(string UpdateId, string Language), Lazy<Task<FollowUpMessage>>> written = new();

    public Task<FollowUpMessage> ComposeAsync(DueFollowUp recipient, CancellationToken cancellationToken)
    {
        if (written.Count > RememberedMessages)
        {
            written.Clear();
        }

        var content = campaign.Running.Content.In(CampaignLanguages.Match(recipient.Language));
        var key = (recipient.UpdateId, content.Language);
        var writing = written.GetOrAdd(key, _ => new Lazy<Task<FollowUpMessage>>(() => WriteAsync(recipient, content, cancellationToken)));
        return ForgottenIfFailedAsync(key, writing);
    }

    // A failed read (the database busy for a moment) must not stand for the update's words from
    // then on: it is forgotten when it fails, however long after it was started, and the next
    // recipient writes them again. Only this very attempt is forgotten, not one that replaced it.
    private async Task<FollowUpMessage> ForgottenIfFailedAsync((string UpdateId, string Language) key, Lazy<Task<FollowUpMessage>> writing)
    {
        try
        {
            return await writing.Value;
        }
        catch
        {
            written.TryRemove(KeyValuePair.Create(key, writing));
            throw;
        }
    }

    private async Task<FollowUpMessage> WriteAsync(DueFollowUp update, CampaignContent content, CancellationToken cancellationToken)
    {
        // Read before the reader's language is taken up: a store's work is not the supporter's.
        var facts = AutomaticUpdateFacts.FromJson(update.Message);
        var tally = update.Kind is FollowUpKind.VotingClosed or FollowUpKind.VoteGoal ? await votes.GetTallyAsync(content.Id, cancellationToken) : null;
        var pledgeCount = update.Kind == FollowUpKind.PledgeGoal && facts?.PledgeId is { } pledgeId
            ? await pledges.CountAsync(content.Id, pledgeId, cancellationToken)
            : 0;

        return SupporterLanguage.During(CampaignLanguages.Get(content.Language), () => update.Kind switch
        {
            FollowUpKind.VotingClosed => VotingClosed(content, tally!),
            FollowUpKind.VoteGoal => VoteGoal(content, tally!, facts?.Goal ?? content.VoteGoal ?? tally!.Total),
            FollowUpKind.PledgeGoal => PledgeGoal(content, facts, pledgeCount),
            _ => Manual(content, update.Message),
        });
    }

    private FollowUpMessage VotingClosed(CampaignContent content, VoteTally tally)
    {
        var lines = new List<string> { Format(BotWords.FollowUpVotingClosedTotal, CardNumbers.Votes(tally.Total)) };
        lines.AddRange(content.Causes
            .OrderByDescending(cause => tally.VotesFor(cause.Id))
            .Select(cause => Format(BotWords.FollowUpResultLine, cause.Title, CardNumbers.Votes(tally.VotesFor(cause.Id)), CardNumbers.Percent(tally.PercentFor(cause.Id)))));
        lines.Add(BotWords.FollowUpThanks);
        return Message(content, BotWords.FollowUpVotingClosedTitle, lines);
    }

    private FollowUpMessage VoteGoal(CampaignContent content, VoteTally tally, int goal) => Message(
        content,
        BotWords.FollowUpVoteGoalTitle,
        [Format(BotWords.FollowUpVoteGoalText, CardNumbers.Count(goal), CardNumbers.Votes(tally.Total)), BotWords.FollowUpThanks]);

    private FollowUpMessage PledgeGoal(CampaignContent content, AutomaticUpdateFacts? facts, int count)
    {
        var pledge = content.FindCauseByPledge(facts?.PledgeId)?.Pledge;
        return Message(
            content,
            BotWords.FollowUpPledgeGoalTitle,
            [Format(BotWords.FollowUpPledgeGoalText, pledge?.Title ?? content.Title, CardNumbers.Count(facts?.Goal ?? count), CardNumbers.Count(count)), BotWords.FollowUpThanks]);
    }

    private FollowUpMessage Manual(CampaignContent content, string? stored) =>
        ManualUpdateWords.FromJson(stored)?.MessageIn(content.Language, content.DefaultLanguage, cardSettings)
        // Written by the admin pages and checked there: unreadable only if the row was altered.
        ?? Message(content, content.Title, []);

    private FollowUpMessage Message(CampaignContent content, string title, IReadOnlyList<string> paragraphs) =>
        new(content.Language, title, paragraphs, FollowUpLinks.Results(cardSettings, content.Language));

    private static string Format(string words, params object[] values) => string.Format(SupporterLanguage.Formatting, words, values);
}
