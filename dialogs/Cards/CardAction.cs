using System.Text.Json.Nodes;

namespace PledgeBot.Dialogs.Cards;

/// <summary>
/// What a card button asks the bot to do. It travels as the Action.Submit data and comes back as
/// the activity's value; <see cref="Conversation.UserIntentReader"/> reads it.
/// </summary>
public sealed record CardAction(
    string Name,
    string? CauseId = null,
    int? StoryNumber = null,
    string? PledgeId = null,
    string? Reply = null,
    string? Reason = null,
    string? Language = null,
    string? Route = null)
{
    public JsonObject ToJson()
    {
        var data = new JsonObject { ["action"] = Name };
        if (CauseId is not null)
        {
            data["causeId"] = CauseId;
        }

        if (StoryNumber is not null)
        {
            data["story"] = StoryNumber;
        }

        if (PledgeId is not null)
        {
            data["pledgeId"] = PledgeId;
        }

        if (Reply is not null)
        {
            data["reply"] = Reply;
        }

        if (Reason is not null)
        {
            data["reason"] = Reason;
        }

        if (Language is not null)
        {
            data["language"] = Language;
        }

        if (Route is not null)
        {
            data["route"] = Route;
        }

        return data;
    }
}

/// <summary>The names a card button can carry in its data.</summary>
public static class ActionNames
{
    public const string Menu = "menu";
    public const string Stories = "stories";
    public const string VoteMenu = "voteMenu";
    public const string Vote = "vote";
    public const string Results = "results";
    public const string Pledge = "pledge";
    public const string PledgeForm = "pledgeForm";
    public const string PledgeFormSubmit = "pledgeFormSubmit";
    public const string PledgeConfirm = "pledgeConfirm";
    public const string Reply = "reply";
    public const string Cancel = "cancel";
    public const string Share = "share";
    public const string ShareInTeams = "shareInTeams";
    public const string Help = "help";
    public const string MyData = "myData";
    public const string ForgetMe = "forgetMe";
    public const string ForgetMeConfirmed = "forgetMeConfirmed";
    public const string Stop = "stop";

    /// <summary>The menu's "Language": the list of the campaign's languages.</summary>
    public const string Language = "language";

    /// <summary>One language of that list, named by its code in the data's <c>language</c>.</summary>
    public const string ChooseLanguage = "chooseLanguage";

    /// <summary>
    /// The answer to "do you want an update?": <c>reply</c> yes or no, the <c>route</c> offered
    /// (teams or email) and the <c>language</c> the question was asked in.
    /// </summary>
    public const string FollowUp = "followUp";
}
