using System.Net.Mail;
using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Input;
using PledgeBot.Dialogs.Languages;
using PledgeBot.Dialogs.Words;

namespace PledgeBot.Dialogs.Conversation;

/// <summary>An answer after checking: the value to keep, or what is wrong with it.</summary>
public sealed record AnswerCheck(string? Value, string? Problem)
{
    public bool IsValid => Problem is null;

    public static AnswerCheck Ok(string value) => new(value, null);

    public static AnswerCheck Wrong(string problem) => new(null, problem);
}

/// <summary>
/// The rules for pledge answers, shared by the step-by-step conversation and the card form so
/// that both accept and refuse exactly the same things. Every answer is cleaned by
/// <see cref="SupporterText"/> first; an answer that is not valid text is refused, never repaired.
/// </summary>
public static class PledgeAnswerRules
{
    public const int MaxLength = 100;

    public static AnswerCheck FirstName(string? answer)
    {
        var name = SupporterText.AsName(answer);
        if (name is null)
        {
            return AnswerCheck.Wrong(SupporterText.UnreadableProblem);
        }

        if (name.Length == 0)
        {
            return AnswerCheck.Wrong(BotWords.FirstNameMissing);
        }

        if (name.Length > MaxLength)
        {
            return AnswerCheck.Wrong(Format(BotWords.FirstNameTooLong, MaxLength));
        }

        if (name.Contains('@'))
        {
            return AnswerCheck.Wrong(BotWords.FirstNameLooksLikeEmail);
        }

        if (!name.Any(char.IsLetter))
        {
            return AnswerCheck.Wrong(BotWords.FirstNameNeedsLetters);
        }

        return AnswerCheck.Ok(name);
    }

    public static AnswerCheck Email(string? answer)
    {
        var email = SupporterText.AsEmail(answer);
        if (email is null)
        {
            return AnswerCheck.Wrong(SupporterText.UnreadableProblem);
        }

        if (email.Length == 0)
        {
            return AnswerCheck.Wrong(BotWords.EmailMissing);
        }

        if (email.Length > MaxLength)
        {
            return AnswerCheck.Wrong(Format(BotWords.EmailTooLong, MaxLength));
        }

        // MailAddress accepts display names and other forms people don't mean; we want a bare
        // address with a dotted domain, exactly as typed, that can be written in ASCII (IDNA).
        var looksRight = MailAddress.TryCreate(email, out var parsed)
            && parsed.Address == email
            && !email.Any(char.IsWhiteSpace)
            && parsed.Host.Contains('.')
            && !parsed.Host.StartsWith('.') && !parsed.Host.EndsWith('.')
            && SupporterText.AsciiDomainOrNull(parsed.Host) is not null;
        return looksRight
            ? AnswerCheck.Ok(email)
            : AnswerCheck.Wrong(BotWords.EmailLooksWrong);
    }

    /// <summary>True for yes, false for no, null when the answer is neither: in the turn's language or in English.</summary>
    public static bool? YesOrNo(string? answer)
    {
        var words = SupporterText.AsCommand(answer);
        return TypedWords.Contains(nameof(BotWords.TypedYes), words) ? true
            : TypedWords.Contains(nameof(BotWords.TypedNo), words) ? false
            : null;
    }

    private static string Format(string words, int number) => string.Format(SupporterLanguage.Formatting, words, CardNumbers.Count(number));
}
