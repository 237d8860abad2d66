namespace PledgeBot.Dialogs.Content;

/// <summary>
/// The content file cannot be used. The message names the file, the cause and the field so that a
/// campaign manager can fix it without reading code.
/// </summary>
public sealed class InvalidCampaignContentException(string message, Exception? inner = null)
    : Exception(message, inner);
