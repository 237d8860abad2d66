using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Words;

namespace PledgeBot.Dialogs.Cards;

public enum ConsentWordingKind
{
    Conversation,
    Form,

    /// <summary>The follow-up question offering messages in Teams.</summary>
    FollowUpsByTeams,

    /// <summary>The follow-up question offering emails.</summary>
    FollowUpsByEmail,
}

/// <summary>
/// The exact words a person agrees to, in the conversation and in the form, in the language they
/// are served in. The cards show these and the consent record names them (by version and hash), so
/// what is proved is what was shown: each language's wording is its own statement.
/// </summary>
public static class ConsentWording
{
    public static string ConversationQuestion => BotWords.ConsentQuestion;

    public static string FormToggle => BotWords.ConsentFormToggle;

    /// <summary>The follow-up question, whole in itself: what is sent, when, and how it stops.</summary>
    public static string FollowUpQuestion(ConsentWordingKind kind) =>
        kind == ConsentWordingKind.FollowUpsByTeams ? BotWords.FollowUpQuestionTeams : BotWords.FollowUpQuestionEmail;

    public static string Statement(CampaignContent content, ConsentWordingKind kind) => kind switch
    {
        ConsentWordingKind.FollowUpsByTeams or ConsentWordingKind.FollowUpsByEmail => FollowUpQuestion(kind),
        _ => $"{content.PrivacyStatement}\n\n{(kind == ConsentWordingKind.Form ? FormToggle : ConversationQuestion)}",
    };
}
