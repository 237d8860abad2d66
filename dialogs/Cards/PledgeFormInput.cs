namespace PledgeBot.Dialogs.Cards;

/// <summary>
/// A text field of the pledge form: its input id (the key its answer comes back under), label, hint,
/// and what clients that check inputs say when it is left empty.
/// </summary>
public sealed record PledgeFormInput(string Id, string Label, string Placeholder, string? Style, string? ErrorMessage = null);
