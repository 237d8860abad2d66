namespace PledgeBot.Dialogs.Content;

/// <summary>
/// The outcome of checking campaign content: the content when it can be used, otherwise every
/// problem found, each naming the file, the cause and the field.
/// </summary>
public sealed record ContentCheck(CampaignContent? Content, IReadOnlyList<string> Problems)
{
    public bool IsValid => Content is not null;

    public static ContentCheck Refused(IReadOnlyList<string> problems) => new(null, problems);
}
