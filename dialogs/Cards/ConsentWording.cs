using PledgeBot.Dialogs.Content;

namespace PledgeBot.Dialogs.Cards;

public enum ConsentWordingKind
{
    Conversation,
    Form,
}

/// <summary>
/// The exact words a person agrees to, in the conversation and in the form. The cards show these
/// and the consent record names them (by version and hash), so what is proved is what was shown.
/// </summary>
public static class ConsentWording
{
    public const string ConversationQuestion = "Do you agree that we store your first name and email address with your pledge?";

    public const string FormToggle = "I agree that my first name and email address are stored with my pledge.";

    public static string Statement(CampaignContent content, ConsentWordingKind kind) =>
        $"{content.PrivacyStatement}\n\n{(kind == ConsentWordingKind.Form ? FormToggle : ConversationQuestion)}";
}
