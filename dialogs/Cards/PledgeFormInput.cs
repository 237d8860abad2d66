namespace PledgeBot.Dialogs.Cards;

/// <summary>A text field of the pledge form: its input id (the key its answer comes back under), label and hint.</summary>
public sealed record PledgeFormInput(string Id, string Label, string Placeholder, string? Style);
