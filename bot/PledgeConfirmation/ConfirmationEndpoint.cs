using Microsoft.Extensions.Options;
using PledgeBot.ChatPage;
using PledgeBot.Dialogs.Content;
using PledgeBot.SharePage;
using PledgeBot.Storage;

namespace PledgeBot.PledgeConfirmation;

/// <summary>
/// GET /confirm?token=...: checks the token's signature and expiry before touching the database,
/// then confirms the pledge once. Every outcome is a friendly page; none is an error.
/// </summary>
public sealed class ConfirmationEndpoint(
    CurrentCampaign campaign,
    ConfirmationTokens tokens,
    IConfirmationEmailQueue confirmations,
    ChatPageAssets assets,
    SharePageTheme theme,
    IOptions<PledgeConfirmationOptions> options,
    TimeProvider clock)
{
    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var values = context.Request.Query["token"];
        var reading = values.Count == 1 ? tokens.Read(values[0], clock.GetUtcNow()) : ConfirmationTokenReading.Invalid;
        var kind = reading switch
        {
            { State: ConfirmationTokenState.Valid, TokenId: { } tokenId } =>
                await confirmations.ConfirmAsync(tokenId, clock.GetUtcNow(), context.RequestAborted) switch
                {
                    ConfirmationOutcome.Confirmed => ConfirmationPageKind.Confirmed,
                    ConfirmationOutcome.AlreadyConfirmed => ConfirmationPageKind.AlreadyConfirmed,
                    _ => ConfirmationPageKind.NothingStored,
                },
            // An old link of a pledge confirmed since, or erased since, says so rather than "expired".
            { State: ConfirmationTokenState.Expired, TokenId: { } tokenId } =>
                await confirmations.FindAsync(tokenId, context.RequestAborted) switch
                {
                    ConfirmationOutcome.AlreadyConfirmed => ConfirmationPageKind.AlreadyConfirmed,
                    ConfirmationOutcome.NothingStored => ConfirmationPageKind.NothingStored,
                    _ => ConfirmationPageKind.Expired,
                },
            _ => ConfirmationPageKind.InvalidLink,
        };
        return ConfirmationPage.Render(context, campaign.Content, kind, options.Value.ConfirmationLinkDays, assets.ShareStylesUrl, theme.Url);
    }
}
