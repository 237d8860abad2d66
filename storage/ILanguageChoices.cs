namespace PledgeBot.Storage;

/// <summary>
/// The language each person chose in the chat's "Language" menu, so that every later turn, in any
/// of their conversations and after a restart, is served in it. One row per person (their keyed
/// person hash, never a raw user id), holding a language code only; erasure ("forget me") and data
/// retention remove it with the rest of the person's data (<see cref="IPersonalDataStore"/>,
/// <see cref="IRetentionStore"/>).
/// </summary>
/// <remarks>
/// Callers pass one of the bot's language codes (<c>CampaignLanguages</c> in dialogs); the store
/// refuses anything that is not shaped like one, so a row can never hold more than a short code.
/// </remarks>
public interface ILanguageChoices
{
    /// <summary>The code the person chose last, or null when they never chose (or were forgotten).</summary>
    Task<string?> FindAsync(string personKey, CancellationToken cancellationToken = default);

    /// <summary>Remembers <paramref name="language"/> for the person, replacing an earlier choice.</summary>
    /// <exception cref="ArgumentException"><paramref name="language"/> is not a language code.</exception>
    Task SaveAsync(string personKey, string language, CancellationToken cancellationToken = default);
}

/// <summary>What a stored language choice may be: a lower-case ISO 639 code of two or three letters ("fr", "fil").</summary>
public static class LanguageChoiceCode
{
    public static string Checked(string language) =>
        language is { Length: 2 or 3 } && language.All(char.IsAsciiLetterLower)
            ? language
            : throw new ArgumentException("A language choice is a lower-case language code of two or three letters.", nameof(language));
}
