using System.Text.RegularExpressions;
using Microsoft.Bot.Builder;
using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Identity;
using PledgeBot.Dialogs.Languages;
using PledgeBot.Dialogs.Words;
using PledgeBot.Storage;

namespace PledgeBot.Dialogs.Conversation;

/// <summary>
/// Takes a pledge in conversation, question by question as <see cref="PledgeSteps"/> lists them,
/// or as one card form that goes through the same checks. Nothing is stored before the person
/// confirms; the answers so far are kept encrypted in the conversation's state, and only while
/// the pledge is in progress.
/// </summary>
public sealed partial class PledgeDialog(
    CurrentCampaign campaign,
    IPledgeStore pledges,
    PersonKeyHasher hasher,
    TimeProvider clock,
    ReferralAttribution referrals,
    PledgeSteps steps,
    PersonalDataProtector protector,
    ConsentStatementVersions consentStatements,
    PledgeSettings settings,
    FollowUpDialog followUps)
{
    /// <summary>An unfinished pledge untouched for this long is dropped with its answers.</summary>
    public static readonly TimeSpan DraftLifetime = TimeSpan.FromMinutes(30);

    /// <summary>Drops a draft that has waited too long; true when one was dropped.</summary>
    public bool DiscardIfExpired(ConversationFlow flow)
    {
        if (flow.Pledge is not { } draft || clock.GetUtcNow() - draft.UpdatedAt <= DraftLifetime)
        {
            return false;
        }

        flow.Pledge = null;
        return true;
    }

    public async Task StartAsync(ITurnContext turnContext, ConversationFlow flow, string? pledgeId, CancellationToken cancellationToken)
    {
        if (await SentToPrivateChatAsync(turnContext, flow, cancellationToken))
        {
            return;
        }

        var pledge = ChoosePledge(pledgeId);
        if (pledge is null)
        {
            flow.Pledge = null;
            var card = campaign.Content.CausesWithPledges.Any()
                ? PledgeChoiceCard.Create(campaign.Content)
                : NoticeCard.Create(campaign.Content, BotWords.NoPledgeYetTitle, BotWords.NoPledgeYet);
            await turnContext.SendCardAsync(card, cancellationToken);
            return;
        }

        flow.Pledge = NewDraft(pledge, steps.First.Step);
        await turnContext.SendCardAsync(steps.First.Ask(SoFar(pledge, flow.Pledge), null, null), cancellationToken);
    }

    /// <summary>Typed text, or a reply button, while a question is open: the answer to it.</summary>
    /// <param name="fromButton">The answer is a reply button's: the next card says which was chosen, for screen reader users.</param>
    public async Task AnswerAsync(ITurnContext turnContext, ConversationFlow flow, string? answer, CancellationToken cancellationToken, bool fromButton = false)
    {
        if (await SentToPrivateChatAsync(turnContext, flow, cancellationToken) || Current(flow) is not var (draft, pledge))
        {
            return;
        }

        if (steps.Find(draft.Step) is not { } question)
        {
            // The form is open: its fields are the way to answer.
            await turnContext.SendCardAsync(FormCard(pledge, draft, [BotWords.FillInTheForm]), cancellationToken);
            return;
        }

        var check = question.Check(answer);
        if (!check.IsValid)
        {
            draft.UpdatedAt = clock.GetUtcNow();
            await turnContext.SendCardAsync(question.Ask(SoFar(pledge, draft), check.Problem, null), cancellationToken);
            return;
        }

        draft.UpdatedAt = clock.GetUtcNow();
        switch (question.Keep(draft, check.Value!))
        {
            case AfterAnswer.Declined:
                flow.Pledge = null;
                await turnContext.SendCardAsync(
                    NoticeCard.Create(campaign.Content, BotWords.NoPledgeRecordedTitle, Chosen(check.Value) is { } chosen ? $"{chosen} {BotWords.NoPledgeRecorded}" : BotWords.NoPledgeRecorded),
                    cancellationToken);
                return;
            case AfterAnswer.Cancel:
                await CancelAsync(turnContext, flow, cancellationToken);
                return;
            case AfterAnswer.Store:
                await StoreAsync(turnContext, flow, cancellationToken);
                return;
        }

        var next = steps.After(question)!;
        draft.Step = next.Step;
        await turnContext.SendCardAsync(next.Ask(SoFar(pledge, draft), null, fromButton ? Chosen(check.Value) : null), cancellationToken);

        // "You chose: Yes, I agree": the button's own title, so that what is heard is what was pressed.
        string? Chosen(string? reply) => !fromButton ? null : reply switch
        {
            "yes" => string.Format(SupporterLanguage.Formatting, BotWords.YouChose, BotWords.YesIAgree),
            "no" => string.Format(SupporterLanguage.Formatting, BotWords.YouChose, BotWords.No),
            _ => null,
        };
    }

    /// <summary>"help" in the middle of the pledge: why this question is asked, then the question again.</summary>
    public async Task HelpAsync(ITurnContext turnContext, ConversationFlow flow, CancellationToken cancellationToken)
    {
        if (Current(flow) is not var (draft, pledge))
        {
            return;
        }

        draft.UpdatedAt = clock.GetUtcNow();
        if (steps.Find(draft.Step) is { } question)
        {
            await turnContext.SendCardAsync(question.Ask(SoFar(pledge, draft), null, question.Help), cancellationToken);
            return;
        }

        await turnContext.SendCardAsync(
            FormCard(pledge, draft, [BotWords.HelpForm]),
            cancellationToken);
    }

    /// <summary>Shows the open question again, after something else was answered in between (such as "my data").</summary>
    public async Task AskAgainAsync(ITurnContext turnContext, ConversationFlow flow, CancellationToken cancellationToken)
    {
        if (Current(flow) is not var (draft, pledge))
        {
            return;
        }

        var card = steps.Find(draft.Step) is { } question ? question.Ask(SoFar(pledge, draft), null, null) : FormCard(pledge, draft, null);
        await turnContext.SendCardAsync(card, cancellationToken);
    }

    public async Task ShowFormAsync(ITurnContext turnContext, ConversationFlow flow, string? pledgeId, CancellationToken cancellationToken)
    {
        if (await SentToPrivateChatAsync(turnContext, flow, cancellationToken))
        {
            return;
        }

        var pledge = ChoosePledge(pledgeId ?? flow.Pledge?.PledgeId);
        if (pledge is null)
        {
            await StartAsync(turnContext, flow, pledgeId, cancellationToken);
            return;
        }

        // Answers given so far in this pledge go into the form; consent is asked again, in the form's own words.
        var earlier = flow.Pledge?.PledgeId == pledge.Id ? flow.Pledge : null;
        var draft = NewDraft(pledge, PledgeStep.Form);
        draft.ProtectedFirstName = earlier?.ProtectedFirstName;
        draft.ProtectedEmail = earlier?.ProtectedEmail;
        flow.Pledge = draft;
        await turnContext.SendCardAsync(FormCard(pledge, draft, null), cancellationToken);
    }

    public async Task SubmitFormAsync(ITurnContext turnContext, ConversationFlow flow, UserIntent intent, CancellationToken cancellationToken)
    {
        if (await SentToPrivateChatAsync(turnContext, flow, cancellationToken))
        {
            return;
        }

        var pledge = campaign.Content.FindCauseByPledge(intent.PledgeId)?.Pledge;
        if (pledge is null)
        {
            await StartAsync(turnContext, flow, pledgeId: null, cancellationToken);
            return;
        }

        var values = intent.FormValues ?? [];
        var draft = NewDraft(pledge, PledgeStep.Form);
        var answers = new Dictionary<string, string?>();
        var problems = new List<string>();
        foreach (var question in steps.FormQuestions)
        {
            var answer = FormText(values, question.FormInput!.Id);
            answers[question.FormInput.Id] = Shorten(answer);
            var check = question.Check(answer);
            if (check.IsValid)
            {
                question.Keep(draft, check.Value!);
            }
            else
            {
                problems.Add(check.Problem!);
            }
        }

        var consent = string.Equals(FormText(values, PledgeFormCard.ConsentInput), "true", StringComparison.OrdinalIgnoreCase);
        if (!consent)
        {
            problems.Add(BotWords.ConsentMissing);
        }

        if (problems.Count > 0)
        {
            // Refused answers go back into the form so they can be corrected; nothing of them is kept.
            flow.Pledge = NewDraft(pledge, PledgeStep.Form);
            await turnContext.SendCardAsync(
                PledgeFormCard.Create(campaign.Content, pledge, steps.FormQuestions.Select(q => q.FormInput!), answers, consent, problems),
                cancellationToken);
            return;
        }

        draft.ConsentedAt = clock.GetUtcNow();
        draft.ConsentWording = ConsentWordingKind.Form;
        draft.ConsentLanguage = SupporterLanguage.Current?.Name;
        draft.Step = PledgeStep.Confirm;
        flow.Pledge = draft;
        await turnContext.SendCardAsync(steps.Find(PledgeStep.Confirm)!.Ask(SoFar(pledge, draft), null, null), cancellationToken);
    }

    /// <summary>The "Confirm my pledge" button.</summary>
    public async Task ConfirmAsync(ITurnContext turnContext, ConversationFlow flow, CancellationToken cancellationToken)
    {
        if (await SentToPrivateChatAsync(turnContext, flow, cancellationToken))
        {
            return;
        }

        if (flow.Pledge is not { Step: PledgeStep.Confirm })
        {
            // A second click on an old Confirm button, or the pledge was cancelled meanwhile.
            await turnContext.SendCardAsync(
                NoticeCard.Create(campaign.Content, BotWords.NothingToConfirmTitle, BotWords.NothingToConfirm),
                cancellationToken);
            return;
        }

        await StoreAsync(turnContext, flow, cancellationToken);
    }

    public async Task CancelAsync(ITurnContext turnContext, ConversationFlow flow, CancellationToken cancellationToken)
    {
        flow.Pledge = null;
        await turnContext.SendCardAsync(
            NoticeCard.Create(campaign.Content, BotWords.PledgeCancelledTitle, BotWords.PledgeCancelled),
            cancellationToken);
    }

    private async Task StoreAsync(ITurnContext turnContext, ConversationFlow flow, CancellationToken cancellationToken)
    {
        var draft = flow.Pledge;
        var cause = campaign.Content.FindCauseByPledge(draft?.PledgeId);
        var firstName = protector.UnprotectDraft(draft?.ProtectedFirstName);
        var email = protector.UnprotectDraft(draft?.ProtectedEmail);
        if (draft?.ConsentedAt is not { } consentedAt || cause?.Pledge is null || firstName is null || email is null)
        {
            flow.Pledge = null;
            await turnContext.SendCardAsync(
                NoticeCard.Create(campaign.Content, BotWords.NothingToConfirmTitle, BotWords.NothingToConfirm),
                cancellationToken);
            return;
        }

        var activity = turnContext.Activity;
        var statement = await consentStatements.VersionOfAsync(draft.ConsentWording, draft.ConsentLanguage, cancellationToken);
        var consent = new ConsentGiven(statement, LocaleOf(activity.Locale), activity.ChannelId ?? "unknown", consentedAt);
        var signature = new PledgeSignature(
            campaign.Content.Id, cause.Pledge.Id, hasher.EmailKey(email), hasher.PersonKeyOf(activity), firstName, email, consent, settings.DoubleOptIn);
        // The thank-you is the same whether this email signed before, is confirmed already or
        // gets a new link: the chat must not tell anyone whether an address has pledged.
        var receipt = await pledges.TakePledgeAsync(signature, cancellationToken);
        flow.Pledge = null;
        await referrals.PledgeStoredAsync(flow.Referral, cause.Id, cancellationToken);
        await turnContext.SendCardAsync(PledgeThanksCard.Create(cause, cause.Pledge, firstName, receipt.Count, settings.DoubleOptIn), cancellationToken);
        await followUps.OfferAsync(turnContext, firstVote: false, cancellationToken);
    }

    /// <summary>
    /// A first name and an email are not for a group chat or a channel: everyone there would read
    /// them, and the conversation's state is shared by all its members. The pledge is taken in a
    /// personal chat with the bot instead.
    /// </summary>
    private async Task<bool> SentToPrivateChatAsync(ITurnContext turnContext, ConversationFlow flow, CancellationToken cancellationToken)
    {
        if (!turnContext.Activity.IsShared())
        {
            return false;
        }

        flow.Pledge = null;
        await turnContext.SendCardAsync(
            NoticeCard.Create(campaign.Content, BotWords.PledgePrivatelyTitle, string.Format(SupporterLanguage.Formatting, BotWords.PledgePrivately, TypedWords.First(nameof(BotWords.TypedPledge)))),
            cancellationToken);
        return true;
    }

    private (PledgeDraft Draft, Pledge Pledge)? Current(ConversationFlow flow) =>
        flow.Pledge is { } draft && campaign.Content.FindCauseByPledge(draft.PledgeId)?.Pledge is { } pledge ? (draft, pledge) : null;

    private PledgeDraft NewDraft(Pledge pledge, PledgeStep step) => new() { PledgeId = pledge.Id, Step = step, UpdatedAt = clock.GetUtcNow() };

    private PledgeSoFar SoFar(Pledge pledge, PledgeDraft draft) =>
        new(campaign.Content, pledge, protector.UnprotectDraft(draft.ProtectedFirstName), protector.UnprotectDraft(draft.ProtectedEmail));

    private System.Text.Json.Nodes.JsonObject FormCard(Pledge pledge, PledgeDraft draft, IReadOnlyList<string>? problems)
    {
        var answers = steps.FormQuestions.ToDictionary(q => q.FormInput!.Id, q => q.Kept?.Invoke(draft));
        return PledgeFormCard.Create(campaign.Content, pledge, steps.FormQuestions.Select(q => q.FormInput!), answers, consent: false, problems);
    }

    private Pledge? ChoosePledge(string? pledgeId)
    {
        if (campaign.Content.FindCauseByPledge(pledgeId)?.Pledge is { } chosen)
        {
            return chosen;
        }

        // Without a choice, a campaign with a single pledge needs no question.
        var all = campaign.Content.CausesWithPledges.ToList();
        return all.Count == 1 ? all[0].Pledge : null;
    }

    /// <summary>The locale the client reported, when it looks like a language tag; it goes into the consent record.</summary>
    private static string? LocaleOf(string? locale) =>
        locale is { Length: <= 35 } && LanguageTag().IsMatch(locale) ? locale : null;

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}$")]
    private static partial Regex LanguageTag();

    private static string? FormText(JObject values, string name) =>
        values[name]?.Type == JTokenType.String ? values.Value<string>(name) : null;

    // A refused answer goes back into the form so it can be corrected, but never more than a field holds.
    // The cut never falls between the two halves of a surrogate pair (an emoji, say).
    private static string? Shorten(string? answer)
    {
        const int room = PledgeAnswerRules.MaxLength * 2;
        if (answer is not { Length: > room })
        {
            return answer;
        }

        return char.IsHighSurrogate(answer[room - 1]) ? answer[..(room - 1)] : answer[..room];
    }
}
