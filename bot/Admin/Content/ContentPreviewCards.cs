using System.Text.Json.Nodes;
using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Conversation;
using PledgeBot.Dialogs.Results;
using PledgeBot.Storage;

namespace PledgeBot.Admin.Content;

/// <summary>One card of the preview, with what it is (where in the journey a supporter meets it).</summary>
public sealed record PreviewCard(string Label, JsonObject Card);

/// <summary>
/// Every card a supporter can meet for some content, built by the same code the bot answers with:
/// the welcome, each story, the ballot, the results, each share card, each pledge's questions, form
/// and thanks, and the help. Counts are today's, so goals and bars look as they will; the answers
/// a supporter would type are examples. Nothing here is stored or sent.
/// </summary>
public sealed class ContentPreviewCards(
    CardSettings settings, IVoteStore votes, IPledgeStore pledges, VotingStatusReader voting, PledgeSteps steps, PledgeSettings pledgeSettings)
{
    public const string ExampleFirstName = "Alex";
    public const string ExampleEmail = "alex@example.org";

    public async Task<IReadOnlyList<PreviewCard>> BuildAsync(CampaignContent content, CancellationToken cancellationToken)
    {
        var tally = await votes.GetTallyAsync(content.Id, cancellationToken);
        var status = await voting.ReadAsync(cancellationToken);
        var cards = new List<PreviewCard> { new("Welcome", WelcomeCard.Create(content)) };

        for (var number = 1; number <= content.Causes.Count; number++)
        {
            var cause = content.Causes[number - 1];
            var standing = status.TalliesHidden ? null : new CauseStanding(tally.VotesFor(cause.Id), tally.PercentFor(cause.Id), IsReadersVote: false);
            cards.Add(new($"Story {number}: {cause.Title}", StoryCard.Create(content, number, settings, standing)));
        }

        cards.Add(new("Ballot", VoteCard.Create(content, currentVoteCauseId: null)));
        cards.Add(new(status.IsClosed ? "Final results" : "Results", ResultsCard.Create(content, settings, tally, yourVoteCauseId: null, voting: status)));
        foreach (var cause in content.Causes)
        {
            cards.Add(new($"Share after a vote: {cause.Title}", ShareCard.Create(content, cause, ShareReason.Voted, ShareLinkOf(cause), settings, inTeams: false)));
        }

        if (content.CausesWithPledges.Count() > 1)
        {
            cards.Add(new("Choosing a pledge", PledgeChoiceCard.Create(content)));
        }

        foreach (var cause in content.CausesWithPledges)
        {
            cards.AddRange(await PledgeCardsAsync(content, cause, cause.Pledge!, cancellationToken));
        }

        cards.Add(new("Help", NoticeCard.Help(content)));
        return cards;
    }

    private async Task<IEnumerable<PreviewCard>> PledgeCardsAsync(CampaignContent content, Cause cause, Pledge pledge, CancellationToken cancellationToken)
    {
        var soFar = new PledgeSoFar(content, pledge, ExampleFirstName, ExampleEmail);
        var questions = steps.Questions.Select(question => new PreviewCard(
            $"Pledge “{pledge.Title}”, in conversation: {QuestionName(question.Step)}",
            question.Ask(soFar, null, null)));
        var form = new PreviewCard(
            $"Pledge “{pledge.Title}”, as a form",
            PledgeFormCard.Create(content, pledge, steps.FormQuestions.Select(q => q.FormInput!)));
        // The thanks card of the next person to take the pledge.
        var count = await pledges.CountAsync(content.Id, pledge.Id, cancellationToken) + 1;
        var thanks = new PreviewCard(
            $"Pledge “{pledge.Title}”: thanks (for example answers)",
            PledgeThanksCard.Create(cause, pledge, ExampleFirstName, count, pledgeSettings.DoubleOptIn));
        var share = new PreviewCard(
            $"Share after the pledge “{pledge.Title}”",
            ShareCard.Create(content, cause, ShareReason.Pledged, ShareLinkOf(cause), settings, inTeams: false));
        return [.. questions, form, thanks, share];
    }

    private static string QuestionName(PledgeStep step) => step switch
    {
        PledgeStep.AskFirstName => "first name",
        PledgeStep.AskEmail => "email address",
        PledgeStep.AskConsent => "consent",
        PledgeStep.Confirm => "confirmation (for example answers)",
        _ => step.ToString(),
    };

    // A supporter's link carries their own referral code; the preview has no supporter, so it shows the bare link.
    private Uri ShareLinkOf(Cause cause) => new(settings.PublicBaseUrl, $"c/{Uri.EscapeDataString(cause.Id)}");
}
