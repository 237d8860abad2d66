using Microsoft.Bot.Builder;
using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Identity;
using PledgeBot.Storage;

namespace PledgeBot.Dialogs.Conversation;

/// <summary>
/// Takes a pledge in conversation: first name, email, consent, confirmation, then stores it.
/// The same answers can come from one card form; both go through <see cref="PledgeAnswerRules"/>.
/// Nothing is stored before the person confirms, and cancel at any step leaves without a trace.
/// </summary>
public sealed class PledgeDialog(CampaignContent content, IPledgeStore pledges, PersonKeyHasher hasher, TimeProvider clock, ReferralAttribution referrals)
{
    /// <summary>Whether this turn belongs to the pledge, given what the conversation is in the middle of.</summary>
    public static bool Continues(ConversationFlow flow, UserIntent intent) =>
        intent.Kind is IntentKind.PledgeForm or IntentKind.PledgeFormSubmit or IntentKind.PledgeConfirm
        || (flow.Pledge is not null && (!intent.FromButton || intent.Kind is IntentKind.Reply or IntentKind.Cancel));

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
            var card = content.CausesWithPledges.Any()
                ? PledgeChoiceCard.Create(content)
                : NoticeCard.Create(content, "No pledge yet", "This campaign has no pledge to take. You can still read the stories and vote.");
            await turnContext.SendCardAsync(card, cancellationToken);
            return;
        }

        flow.Pledge = new PledgeDraft { PledgeId = pledge.Id, Step = PledgeStep.AskFirstName };
        await turnContext.SendCardAsync(PledgeQuestionCard.AskFirstName(pledge, problem: null), cancellationToken);
    }

    public async Task ContinueAsync(ITurnContext turnContext, ConversationFlow flow, UserIntent intent, CancellationToken cancellationToken)
    {
        if (await SentToPrivateChatAsync(turnContext, flow, cancellationToken))
        {
            return;
        }

        await (intent.Kind switch
        {
            IntentKind.Cancel => CancelAsync(turnContext, flow, cancellationToken),
            IntentKind.PledgeForm => ShowFormAsync(turnContext, flow, intent.PledgeId, cancellationToken),
            IntentKind.PledgeFormSubmit => SubmitFormAsync(turnContext, flow, intent, cancellationToken),
            IntentKind.PledgeConfirm => ConfirmAsync(turnContext, flow, cancellationToken),
            _ => AnswerAsync(turnContext, flow, intent.Text, cancellationToken),
        });
    }

    /// <summary>
    /// A first name and an email are not for a group chat or a channel: everyone there would read
    /// them, and the conversation's state is shared by all its members. The pledge is taken in a
    /// personal chat with the bot instead.
    /// </summary>
    private async Task<bool> SentToPrivateChatAsync(ITurnContext turnContext, ConversationFlow flow, CancellationToken cancellationToken)
    {
        if (turnContext.Activity.Conversation?.IsGroup != true)
        {
            return false;
        }

        flow.Pledge = null;
        await turnContext.SendCardAsync(
            NoticeCard.Create(content, "Let's take the pledge privately", "Your name and email are not for everyone in this chat. Open a personal chat with me and type **pledge** there."),
            cancellationToken);
        return true;
    }

    private async Task AnswerAsync(ITurnContext turnContext, ConversationFlow flow, string? answer, CancellationToken cancellationToken)
    {
        var draft = flow.Pledge!;
        var pledge = content.FindCauseByPledge(draft.PledgeId)?.Pledge;
        if (pledge is null)
        {
            await CancelAsync(turnContext, flow, cancellationToken);
            return;
        }

        switch (draft.Step)
        {
            case PledgeStep.AskFirstName:
                var name = PledgeAnswerRules.FirstName(answer);
                if (!name.IsValid)
                {
                    await turnContext.SendCardAsync(PledgeQuestionCard.AskFirstName(pledge, name.Problem), cancellationToken);
                    return;
                }

                draft.FirstName = name.Value;
                draft.Step = PledgeStep.AskEmail;
                await turnContext.SendCardAsync(PledgeQuestionCard.AskEmail(draft.FirstName!, problem: null), cancellationToken);
                return;

            case PledgeStep.AskEmail:
                var email = PledgeAnswerRules.Email(answer);
                if (!email.IsValid)
                {
                    await turnContext.SendCardAsync(PledgeQuestionCard.AskEmail(draft.FirstName!, email.Problem), cancellationToken);
                    return;
                }

                draft.Email = email.Value;
                draft.Step = PledgeStep.AskConsent;
                await turnContext.SendCardAsync(PledgeQuestionCard.AskConsent(content, problem: null), cancellationToken);
                return;

            case PledgeStep.AskConsent:
                switch (PledgeAnswerRules.YesOrNo(answer))
                {
                    case null:
                        await turnContext.SendCardAsync(PledgeQuestionCard.AskConsent(content, "Please answer yes or no."), cancellationToken);
                        return;
                    case false:
                        flow.Pledge = null;
                        await turnContext.SendCardAsync(
                            NoticeCard.Create(content, "No pledge recorded", "We can only record a pledge with your consent, so nothing was stored. Thank you for reading."),
                            cancellationToken);
                        return;
                }

                draft.Step = PledgeStep.Confirm;
                await turnContext.SendCardAsync(PledgeConfirmationCard.Create(pledge, draft.FirstName!, draft.Email!), cancellationToken);
                return;

            default:
                switch (PledgeAnswerRules.YesOrNo(answer))
                {
                    case true:
                        await ConfirmAsync(turnContext, flow, cancellationToken);
                        return;
                    case false:
                        await CancelAsync(turnContext, flow, cancellationToken);
                        return;
                }

                await turnContext.SendCardAsync(
                    PledgeConfirmationCard.Create(pledge, draft.FirstName!, draft.Email!, "Please answer yes to confirm, or cancel to stop."),
                    cancellationToken);
                return;
        }
    }

    private async Task ShowFormAsync(ITurnContext turnContext, ConversationFlow flow, string? pledgeId, CancellationToken cancellationToken)
    {
        var pledge = ChoosePledge(pledgeId ?? flow.Pledge?.PledgeId);
        if (pledge is null)
        {
            await StartAsync(turnContext, flow, pledgeId, cancellationToken);
            return;
        }

        var draft = flow.Pledge?.PledgeId == pledge.Id ? flow.Pledge : null;
        flow.Pledge = new PledgeDraft { PledgeId = pledge.Id, Step = PledgeStep.AskFirstName };
        await turnContext.SendCardAsync(PledgeFormCard.Create(content, pledge, draft?.FirstName, draft?.Email), cancellationToken);
    }

    private async Task SubmitFormAsync(ITurnContext turnContext, ConversationFlow flow, UserIntent intent, CancellationToken cancellationToken)
    {
        var pledge = content.FindCauseByPledge(intent.PledgeId)?.Pledge;
        if (pledge is null)
        {
            await StartAsync(turnContext, flow, pledgeId: null, cancellationToken);
            return;
        }

        var values = intent.FormValues ?? [];
        var firstNameAnswer = FormText(values, PledgeFormCard.FirstNameInput);
        var emailAnswer = FormText(values, PledgeFormCard.EmailInput);
        var consent = string.Equals(FormText(values, PledgeFormCard.ConsentInput), "true", StringComparison.OrdinalIgnoreCase);

        var name = PledgeAnswerRules.FirstName(firstNameAnswer);
        var email = PledgeAnswerRules.Email(emailAnswer);
        var problems = new[] { name.Problem, email.Problem }.OfType<string>().ToList();
        if (!consent)
        {
            problems.Add("Please tick the box: we can only record a pledge with your consent.");
        }

        if (problems.Count > 0)
        {
            flow.Pledge = new PledgeDraft { PledgeId = pledge.Id, Step = PledgeStep.AskFirstName };
            await turnContext.SendCardAsync(
                PledgeFormCard.Create(content, pledge, Shorten(firstNameAnswer), Shorten(emailAnswer), consent, problems),
                cancellationToken);
            return;
        }

        flow.Pledge = new PledgeDraft { PledgeId = pledge.Id, Step = PledgeStep.Confirm, FirstName = name.Value, Email = email.Value };
        await turnContext.SendCardAsync(PledgeConfirmationCard.Create(pledge, name.Value!, email.Value!), cancellationToken);
    }

    private async Task ConfirmAsync(ITurnContext turnContext, ConversationFlow flow, CancellationToken cancellationToken)
    {
        var draft = flow.Pledge;
        var cause = content.FindCauseByPledge(draft?.PledgeId);
        if (draft is not { Step: PledgeStep.Confirm, FirstName: { } firstName, Email: { } email } || cause?.Pledge is null)
        {
            // A second click on an old Confirm button, or the form was cancelled meanwhile.
            await turnContext.SendCardAsync(
                NoticeCard.Create(content, "Nothing to confirm", "No pledge is waiting for confirmation in this chat. Type **pledge** to take one."),
                cancellationToken);
            return;
        }

        var activity = turnContext.Activity;
        var signature = new PledgeSignature(
            content.Id, cause.Pledge.Id, hasher.EmailKey(email), hasher.PersonKeyOf(activity), firstName, email, clock.GetUtcNow());
        var count = await pledges.TakePledgeAsync(signature, cancellationToken);
        flow.Pledge = null;
        await referrals.PledgeStoredAsync(flow.Referral, cause.Id, cancellationToken);
        await turnContext.SendCardAsync(PledgeThanksCard.Create(cause, cause.Pledge, firstName, count), cancellationToken);
    }

    private async Task CancelAsync(ITurnContext turnContext, ConversationFlow flow, CancellationToken cancellationToken)
    {
        flow.Pledge = null;
        await turnContext.SendCardAsync(
            NoticeCard.Create(content, "Pledge cancelled", "Nothing was stored. You can take the pledge any time."),
            cancellationToken);
    }

    private Pledge? ChoosePledge(string? pledgeId)
    {
        if (content.FindCauseByPledge(pledgeId)?.Pledge is { } chosen)
        {
            return chosen;
        }

        // Without a choice, a campaign with a single pledge needs no question.
        var all = content.CausesWithPledges.ToList();
        return all.Count == 1 ? all[0].Pledge : null;
    }

    private static string? FormText(JObject values, string name) =>
        values[name]?.Type == JTokenType.String ? values.Value<string>(name) : null;

    // A refused answer goes back into the form so it can be corrected, but never more than a field holds.
    private static string? Shorten(string? answer) =>
        answer is { Length: > PledgeAnswerRules.MaxLength * 2 } ? answer[..(PledgeAnswerRules.MaxLength * 2)] : answer;
}
