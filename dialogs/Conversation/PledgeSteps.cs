using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Words;
using PledgeBot.Dialogs.Languages;
using PledgeBot.Storage;

namespace PledgeBot.Dialogs.Conversation;

/// <summary>What a question card can show: the pledge and the answers kept so far.</summary>
public sealed record PledgeSoFar(CampaignContent Content, Pledge Pledge, string? FirstName, string? Email);

/// <summary>What keeping an answer means for the conversation.</summary>
public enum AfterAnswer
{
    /// <summary>Go on to the next question in the table.</summary>
    Next,

    /// <summary>The person said no to consent: nothing is stored and the pledge ends.</summary>
    Declined,

    /// <summary>The person confirmed: store the pledge.</summary>
    Store,

    /// <summary>The person said no at the confirmation: the pledge ends unstored.</summary>
    Cancel,
}

/// <param name="Step">Which question this is; the draft's step.</param>
/// <param name="Help">What "help" says about this question before asking it again.</param>
/// <param name="Ask">The question card, with what was wrong with the last answer (if anything) and a note (help).</param>
/// <param name="Check">Whether an answer will do: the value to keep, or what is wrong with it.</param>
/// <param name="Keep">Puts a checked value into the draft and says what comes next.</param>
/// <param name="FormInput">The form's input for this question, when the form asks it as text.</param>
/// <param name="Kept">The answer kept in the draft, to put back into the form.</param>
public sealed record PledgeQuestion(
    PledgeStep Step,
    string Help,
    Func<PledgeSoFar, string?, string?, JsonObject> Ask,
    Func<string?, AnswerCheck> Check,
    Func<PledgeDraft, string, AfterAnswer> Keep,
    PledgeFormInput? FormInput = null,
    Func<PledgeDraft, string?>? Kept = null);

/// <summary>
/// The pledge conversation as a table: each question in the order it is asked, with its check,
/// what it keeps and what its help says. A new question (a postal code, a country) is one more
/// row here, a field in <see cref="PledgeDraft"/> and a column where the pledge is stored.
/// </summary>
public sealed class PledgeSteps(PersonalDataProtector protector, TimeProvider clock)
{
    // The table holds words (help, labels), so there is one per language the bot is asked in.
    private readonly ConcurrentDictionary<string, IReadOnlyList<PledgeQuestion>> byLanguage = new(StringComparer.Ordinal);

    /// <summary>The questions, in the turn's language.</summary>
    public IReadOnlyList<PledgeQuestion> Questions => byLanguage.GetOrAdd(CultureInfo.CurrentUICulture.Name, _ => Build(protector, clock));

    public PledgeQuestion First => Questions[0];

    public PledgeQuestion? Find(PledgeStep step) => Questions.FirstOrDefault(q => q.Step == step);

    public PledgeQuestion? After(PledgeQuestion question)
    {
        var index = Questions.ToList().IndexOf(question);
        return index + 1 < Questions.Count ? Questions[index + 1] : null;
    }

    /// <summary>The questions the form asks as text fields, in order.</summary>
    public IEnumerable<PledgeQuestion> FormQuestions => Questions.Where(q => q.FormInput is not null);

    private static List<PledgeQuestion> Build(PersonalDataProtector protector, TimeProvider clock) =>
    [
        new(
            PledgeStep.AskFirstName,
            Help: BotWords.HelpFirstName,
            Ask: (soFar, problem, note) => PledgeQuestionCard.AskFirstName(soFar.Pledge, problem, note),
            Check: PledgeAnswerRules.FirstName,
            Keep: (draft, name) =>
            {
                draft.ProtectedFirstName = protector.ProtectDraft(name);
                return AfterAnswer.Next;
            },
            FormInput: new PledgeFormInput("firstName", BotWords.FirstName, BotWords.FirstNamePlaceholder, Style: null, BotWords.FirstNameMissing),
            Kept: draft => protector.UnprotectDraft(draft.ProtectedFirstName)),
        new(
            PledgeStep.AskEmail,
            Help: BotWords.HelpEmail,
            Ask: (soFar, problem, note) => PledgeQuestionCard.AskEmail(soFar.FirstName ?? "", problem, note),
            Check: PledgeAnswerRules.Email,
            Keep: (draft, email) =>
            {
                draft.ProtectedEmail = protector.ProtectDraft(email);
                return AfterAnswer.Next;
            },
            FormInput: new PledgeFormInput("email", BotWords.EmailAddress, "name@example.org", Style: "Email", BotWords.EmailMissing),
            Kept: draft => protector.UnprotectDraft(draft.ProtectedEmail)),
        new(
            PledgeStep.AskConsent,
            Help: BotWords.HelpConsent,
            Ask: (soFar, problem, note) => PledgeQuestionCard.AskConsent(soFar.Content, problem, note),
            Check: answer => PledgeAnswerRules.YesOrNo(answer) switch
            {
                true => AnswerCheck.Ok("yes"),
                false => AnswerCheck.Ok("no"),
                null => AnswerCheck.Wrong(BotWords.PleaseAnswerYesOrNo),
            },
            Keep: (draft, answer) =>
            {
                if (answer != "yes")
                {
                    return AfterAnswer.Declined;
                }

                draft.ConsentedAt = clock.GetUtcNow();
                draft.ConsentWording = ConsentWordingKind.Conversation;
                draft.ConsentLanguage = SupporterLanguage.Current?.Name;
                return AfterAnswer.Next;
            }),
        new(
            PledgeStep.Confirm,
            Help: BotWords.HelpConfirm,
            Ask: (soFar, problem, note) => PledgeConfirmationCard.Create(soFar.Pledge, soFar.FirstName ?? "", soFar.Email ?? "", problem, note),
            Check: answer => PledgeAnswerRules.YesOrNo(answer) switch
            {
                true => AnswerCheck.Ok("yes"),
                false => AnswerCheck.Ok("no"),
                null => AnswerCheck.Wrong(BotWords.PleaseAnswerYesToConfirm),
            },
            Keep: (_, answer) => answer == "yes" ? AfterAnswer.Store : AfterAnswer.Cancel),
    ];
}
