namespace PledgeBot.Dialogs.FollowUps;

/// <summary>
/// What one follow-up says to one reader, in one language: the Teams card and the email are both
/// drawn from it, so that both routes say the same.
/// </summary>
/// <param name="Language">The language the words are in (a campaign language code such as <c>fr</c>).</param>
/// <param name="Paragraphs">Plain text, one paragraph each; no markup (an email and a card both show it as written).</param>
/// <param name="Link">Where to read more (the results page, the share page); null for none.</param>
public sealed record FollowUpMessage(string Language, string Title, IReadOnlyList<string> Paragraphs, FollowUpLink? Link);

public sealed record FollowUpLink(string Title, Uri Url);
