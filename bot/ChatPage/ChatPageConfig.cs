namespace PledgeBot.ChatPage;

/// <summary>What chat.js needs from the server, written into the page as JSON (never as script).</summary>
/// <param name="TokenUrl">Where chat.js asks for a Direct Line token (POST, no body).</param>
/// <param name="Cause">A cause id from the content, or null for the welcome card.</param>
/// <param name="StyleNonce">This response's CSP nonce, for the style elements Web Chat creates.</param>
/// <param name="Referral">The share link's well-formed referral code, or null; chat.js passes it to the bot in the join event.</param>
/// <param name="Language">The page's language (a campaign language code), sent to the bot in the join event.</param>
/// <param name="Locale">What Web Chat is told (its <c>locale</c>): the language of its own words, and the locale of every activity it sends, which the bot's turns follow.</param>
/// <param name="Dir">Web Chat's direction, <c>rtl</c> or <c>ltr</c>, as the page's.</param>
/// <param name="Words">The page's words that chat.js writes, in the page's language.</param>
public sealed record ChatPageConfig(
    string TokenUrl, string? Cause, string StyleNonce, ChatPageTheme Theme, string? Referral = null,
    string Language = "en", string Locale = "en-US", string Dir = "ltr", ChatPageWords? Words = null);

/// <summary>
/// The words chat.js shows, and those of Web Chat's own words that a supporter meets first (its
/// <c>overrideLocalizedStrings</c>): Web Chat has no Filipino or Swahili of its own.
/// </summary>
public sealed record ChatPageWords(string Connecting, string CouldNotStart, string CouldNotLoad, IReadOnlyDictionary<string, string> WebChat);

/// <summary>The campaign's colours, plus the text colour that reads on its background.</summary>
public sealed record ChatPageTheme(string AccentColor, string BackgroundColor, string TextOnBackgroundColor);
