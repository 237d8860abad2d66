using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Content;

namespace PledgeBot.Dialogs.Teams;

/// <summary>
/// The messaging extension's "Share a cause" search: typing filters the causes by title, and
/// choosing one inserts its story card (with a preview) into the chat. The card votes in place
/// for whoever clicks, and refreshes for whoever looks.
/// </summary>
public sealed class ShareCauseSearch(CurrentCampaign campaign, CardSettings settings)
{
    public const string CommandId = "shareCause";
    public const string SearchParameter = "searchQuery";

    public MessagingExtensionResponse Answer(MessagingExtensionQuery query)
    {
        var content = campaign.Content;
        var typed = query.Parameters?.FirstOrDefault(p => p.Name == SearchParameter)?.Value?.ToString()?.Trim() ?? "";
        var matches = content.Causes
            .Where(c => typed.Length == 0 || c.Title.Contains(typed, StringComparison.OrdinalIgnoreCase))
            .Select(c => Attachment(content, c, content.StoryNumberOf(c)))
            .ToList();

        return new MessagingExtensionResponse
        {
            ComposeExtension = new MessagingExtensionResult
            {
                Type = "result",
                AttachmentLayout = AttachmentLayoutTypes.List,
                Attachments = matches,
            },
        };
    }

    private MessagingExtensionAttachment Attachment(CampaignContent content, Cause cause, int storyNumber)
    {
        // Shared into a group: no standing of one person, and refresh for everyone who looks.
        var card = UniversalActions.ForTeams(StoryCard.Create(content, storyNumber, settings), CardView.Story(storyNumber), refreshFor: null);
        return new MessagingExtensionAttachment
        {
            ContentType = CardElements.ContentType,
            Content = NewtonsoftCard.ToJObject(card),
            Preview = new ThumbnailCard
            {
                Title = cause.Title,
                Text = cause.Summary,
                Images = [new CardImage(settings.ImageUrl(cause).AbsoluteUri, cause.Image.AltText)],
            }.ToAttachment(),
        };
    }
}
