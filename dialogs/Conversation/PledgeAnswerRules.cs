using System.Net.Mail;
using PledgeBot.Dialogs.Input;

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

    // As SupporterText.AsPhrase gives them: lower case, no punctuation ("Yes, I agree" is "yes i agree").
    private static readonly HashSet<string> Yes = new(StringComparer.Ordinal)
    {
        "yes", "y", "yeah", "yep", "ok", "okay", "sure", "agree", "i agree", "yes i agree", "i do", "yes please", "true", "confirm",
    };

    private static readonly HashSet<string> No = new(StringComparer.Ordinal)
    {
        "no", "n", "nope", "disagree", "i do not agree", "i don t agree", "i dont agree", "no thanks", "no thank you", "false",
    };

    public static AnswerCheck FirstName(string? answer)
    {
        var name = SupporterText.AsName(answer);
        if (name is null)
        {
            return AnswerCheck.Wrong(SupporterText.UnreadableProblem);
        }

        if (name.Length == 0)
        {
            return AnswerCheck.Wrong("I need your first name to record the pledge.");
        }

        if (name.Length > MaxLength)
        {
            return AnswerCheck.Wrong($"That is longer than {MaxLength} characters. Please type just your first name.");
        }

        if (name.Contains('@'))
        {
            return AnswerCheck.Wrong("That looks like an email address. Please type your first name first.");
        }

        if (!name.Any(char.IsLetter))
        {
            return AnswerCheck.Wrong("A first name needs letters. Please type your first name.");
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
            return AnswerCheck.Wrong("I need your email address to record the pledge.");
        }

        if (email.Length > MaxLength)
        {
            return AnswerCheck.Wrong($"That is longer than {MaxLength} characters. Please type a shorter email address.");
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
            : AnswerCheck.Wrong("That doesn't look like an email address (for example name@example.org). Please try again.");
    }

    /// <summary>True for yes, false for no, null when the answer is neither.</summary>
    public static bool? YesOrNo(string? answer)
    {
        var words = SupporterText.AsPhrase(answer) ?? "";
        return Yes.Contains(words) ? true : No.Contains(words) ? false : null;
    }
}
