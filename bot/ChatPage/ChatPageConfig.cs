namespace PledgeBot.ChatPage;

/// <summary>What chat.js needs from the server, written into the page as JSON (never as script).</summary>
/// <param name="TokenUrl">Where chat.js asks for a Direct Line token (POST, no body).</param>
/// <param name="Cause">A cause id from the content, or null for the welcome card.</param>
/// <param name="StyleNonce">This response's CSP nonce, for the style elements Web Chat creates.</param>
/// <param name="Referral">The share link's well-formed referral code, or null; chat.js passes it to the bot in the join event.</param>
public sealed record ChatPageConfig(string TokenUrl, string? Cause, string StyleNonce, ChatPageTheme Theme, string? Referral = null);

/// <summary>The campaign's colours, plus the text colour that reads on its background.</summary>
public sealed record ChatPageTheme(string AccentColor, string BackgroundColor, string TextOnBackgroundColor);
