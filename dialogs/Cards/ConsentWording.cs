using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Words;

namespace PledgeBot.Dialogs.Cards;

public enum ConsentWordingKind
{
    Conversation,
    Form,
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

    public static string Statement(CampaignContent content, ConsentWordingKind kind) =>
        $"{content.PrivacyStatement}\n\n{(kind == ConsentWordingKind.Form ? FormToggle : ConversationQuestion)}";
}
