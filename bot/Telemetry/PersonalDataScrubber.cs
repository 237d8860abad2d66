using System.Diagnostics;
using OpenTelemetry;

namespace PledgeBot.Telemetry;

/// <summary>
/// The last say over every span before it is exported. Addresses carry ids and secrets: a Direct
/// Line path holds the conversation id, a confirmation link its token, a channel's reply address
/// the conversation and activity ids, Mailchimp's member address a hash of the email. So a request
/// keeps only its route template (<c>/v3/directline/conversations/{conversationId}/activities</c>),
/// an outgoing call only its scheme, host and port, and no span keeps a query, a user agent or a
/// client address. Runs before any exporter because it is added first.
/// </summary>
public sealed class PersonalDataScrubber : BaseProcessor<Activity>
{
    private static readonly string[] Dropped =
    [
        "url.query", "user_agent.original", "client.address", "client.port", "network.peer.address", "network.peer.port",
        "enduser.id", "http.request.header.cookie", "http.request.header.authorization",
    ];

    public override void OnEnd(Activity data)
    {
        foreach (var tag in Dropped)
        {
            if (data.GetTagItem(tag) is not null)
            {
                data.SetTag(tag, null);
            }
        }

        if (data.GetTagItem("url.path") is not null)
        {
            // The template when routing matched; otherwise the path says nothing worth its risk.
            data.SetTag("url.path", data.GetTagItem("http.route"));
        }

        if (data.GetTagItem("url.full") is string full)
        {
            data.SetTag("url.full", Uri.TryCreate(full, UriKind.Absolute, out var address) ? address.GetLeftPart(UriPartial.Authority) : null);
        }
    }
}
