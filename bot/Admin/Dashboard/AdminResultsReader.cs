using Microsoft.Extensions.Options;
using PledgeBot.Dialogs.Content;
using PledgeBot.PublicResults;
using PledgeBot.Storage;

namespace PledgeBot.Admin.Dashboard;

/// <summary>
/// Reads the dashboard's figures: the public ones from <see cref="PublicResultsReader"/> (one reading
/// of tallies and goals for everyone), plus what only admins see, with small segments hidden.
/// </summary>
public sealed class AdminResultsReader(
    PublicResultsReader publicResults,
    CurrentCampaign campaign,
    IExportStore exports,
    IReferralStore referrals,
    IFunnelStore funnelSteps,
    IOptions<AdminOptions> options)
{
    public const string Teams = "teams";
    public const string WebChat = "webChat";
    public const string Other = "other";

    public async Task<AdminResults> ReadAsync(CancellationToken cancellationToken)
    {
        var content = campaign.Content;
        var threshold = options.Value.SmallSegmentThreshold;
        var figures = await publicResults.ReadAsync(cancellationToken, forCampaignAdmins: true);

        var votesByChannel = new Dictionary<string, long> { [Teams] = 0, [WebChat] = 0, [Other] = 0 };
        await foreach (var count in exports.ReadVoteCountsAsync(content.Id, cancellationToken))
        {
            votesByChannel[ChannelGroup(count.Channel)] += count.Votes;
        }

        var channels = votesByChannel.Select(c => new ChannelVotes(c.Key, SegmentCount.Of(c.Value, threshold))).ToList();
        var referralRows = (await referrals.GetCountsAsync(content.Id, cancellationToken))
            .Select(r => new ReferralFigures(r.Code, r.CauseId, r.Visits, SegmentCount.Of(r.Votes, threshold), SegmentCount.Of(r.Pledges, threshold)))
            .ToList();
        var steps = await funnelSteps.CountAsync(content.Id, cancellationToken);
        var funnel = new FunnelFigures(
            Joined: steps.Joined,
            ReadAStory: steps.ReadAStory,
            Voted: figures.Votes.Total,
            Pledged: figures.Pledges.Sum(p => (long)p.Total),
            Confirmed: figures.Pledges.Any(p => p.Confirmed is null) ? null : figures.Pledges.Sum(p => (long)p.Confirmed!.Value),
            Shared: steps.Shared);
        return new AdminResults(figures, threshold, channels, referralRows, funnel);
    }

    /// <summary>The channel ids the Bot Framework reports, grouped as campaign managers know them.</summary>
    public static string ChannelGroup(string channelId) => channelId switch
    {
        "msteams" => Teams,
        "directline" or "webchat" => WebChat,
        _ => Other,
    };
}
