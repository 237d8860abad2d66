using PledgeBot.Dialogs.Cards;
using System.Collections.Concurrent;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Languages;
using PledgeBot.Storage;

namespace PledgeBot.Dialogs.Conversation;

/// <summary>
/// The stored version of each consent wording of the campaign, in each language. A changed privacy
/// statement is a new text, so it gets a new version the first time a pledge is taken with it;
/// each language's statements are numbered on their own (French v1 beside English v1).
/// </summary>
public sealed class ConsentStatementVersions(CurrentCampaign campaign, IConsentStatements statements)
{
    private readonly ConcurrentDictionary<(string Language, string Text), ConsentStatement> known = new();

    /// <summary>The statement as it was shown: the campaign's content and the bot's words in <paramref name="shownIn"/>, or in the supporter's language now when that is not known.</summary>
    /// <param name="shownIn">The language code the consent was asked in, kept in the pledge draft.</param>
    public async Task<ConsentStatement> VersionOfAsync(ConsentWordingKind kind, string? shownIn, CancellationToken cancellationToken)
    {
        // Content and resources both follow the supporter's language; set here, in an async method,
        // the change is undone when it returns, so the rest of the turn keeps the person's language.
        if (CampaignLanguages.Match(shownIn) is { } language && language.Name == shownIn)
        {
            SupporterLanguage.Use(language);
        }

        var content = campaign.Content;
        var text = ConsentWording.Statement(content, kind);
        if (known.TryGetValue((content.Language, text), out var statement))
        {
            return statement;
        }

        statement = await statements.RegisterAsync(content.Id, content.Language, text, cancellationToken);
        known[(content.Language, text)] = statement;
        return statement;
    }
}
