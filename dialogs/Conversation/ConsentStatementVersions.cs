using PledgeBot.Dialogs.Cards;
using System.Collections.Concurrent;
using PledgeBot.Dialogs.Content;
using PledgeBot.Storage;

namespace PledgeBot.Dialogs.Conversation;

/// <summary>
/// The stored version of each consent wording of the campaign. A changed privacy statement is a
/// new text, so it gets a new version the first time a pledge is taken with it.
/// </summary>
public sealed class ConsentStatementVersions(CurrentCampaign campaign, IConsentStatements statements)
{
    private readonly ConcurrentDictionary<string, ConsentStatement> known = new(StringComparer.Ordinal);

    public async Task<ConsentStatement> VersionOfAsync(ConsentWordingKind kind, CancellationToken cancellationToken)
    {
        var content = campaign.Content;
        var text = ConsentWording.Statement(content, kind);
        if (known.TryGetValue(text, out var statement))
        {
            return statement;
        }

        statement = await statements.RegisterAsync(content.Id, text, cancellationToken);
        known[text] = statement;
        return statement;
    }
}
