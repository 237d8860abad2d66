namespace PledgeBot.Dialogs.Conversation;

/// <param name="DoubleOptIn">
/// Each new pledge gets an email with a link to confirm it, and the thank-you says to look for it.
/// </param>
public sealed record PledgeSettings(bool DoubleOptIn);
