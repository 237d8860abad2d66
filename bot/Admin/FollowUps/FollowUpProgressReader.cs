using System.Globalization;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.FollowUps;
using PledgeBot.Storage;

namespace PledgeBot.Admin.FollowUps;

/// <summary>
/// One update as the follow-ups page shows it, in words, with its deliveries counted and the
/// expected time to finish. The page's first drawing and its refreshes (JSON) both come from
/// here, so they always say the same.
/// </summary>
public sealed record FollowUpProgressLine(
    string Id,
    string What,
    string Audience,
    string When,
    string State,
    int Sent,
    int Pending,
    int Failed,
    int Blocked,
    int Skipped,
    int Total,
    int Percent,
    string Done,
    string TimeToFinish,
    bool CanCancel);

/// <summary>
/// Reads every update of the running campaign with its progress, newest first. The expected time
/// to finish is the deliveries still pending divided by the rate of the last minute: senders
/// run at the channels' limits, so the recent rate is the best guess of the next minutes'.
/// </summary>
public sealed class FollowUpProgressReader(IFollowUpQueue queue, CurrentCampaign campaign, TimeProvider clock)
{
    public static readonly TimeSpan RateWindow = TimeSpan.FromMinutes(1);

    public async Task<IReadOnlyList<FollowUpProgressLine>> ReadAsync(CancellationToken cancellationToken)
    {
        var content = campaign.Running.Content;
        var now = clock.GetUtcNow();
        var updates = await queue.ProgressAsync(content.Id, cancellationToken);
        var recent = await queue.FinishedSinceAsync(content.Id, now - RateWindow, cancellationToken);
        return updates.Select(update => LineOf(update, recent.GetValueOrDefault(update.UpdateId), content, now)).ToList();
    }

    private static FollowUpProgressLine LineOf(FollowUpProgress update, int finishedRecently, CampaignContent content, DateTimeOffset now)
    {
        var finished = update.Total - update.Pending;
        var (state, when) = update switch
        {
            { CancelledAt: { } cancelled } => ("Cancelled", $"Was scheduled for {Time(update.SendAt)}; cancelled at {Time(cancelled)}"),
            { QueuedAt: { } queued } when update.Pending == 0 => ("Finished", $"Sent from {Time(queued)}"),
            { QueuedAt: { } queued } => ("Sending", $"Sent from {Time(queued)}"),
            _ when update.SendAt > now => ("Scheduled", $"Scheduled for {Time(update.SendAt)}"),
            _ => ("Starting", $"Due at {Time(update.SendAt)}; sending starts shortly"),
        };
        // An update that reached nobody is finished as soon as it is queued: 100%, not 0 of 0.
        var percent = update.Total == 0 ? (state == "Finished" ? 100 : 0) : (int)Math.Floor(finished * 100.0 / update.Total);
        return new FollowUpProgressLine(
            update.UpdateId,
            What(update, content),
            FollowUpAudiences.Describe(update.Audience, content),
            when,
            state,
            update.Sent,
            update.Pending,
            update.Failed,
            update.Blocked,
            update.Skipped,
            update.Total,
            percent,
            string.Create(CultureInfo.InvariantCulture, $"{finished:N0} of {update.Total:N0} done ({percent}%)"),
            TimeToFinish(state, update.Pending, finishedRecently),
            CanCancel: state == "Scheduled");
    }

    private static string What(FollowUpProgress update, CampaignContent content) => update.Kind switch
    {
        FollowUpKind.VotingClosed => "Automatic: the final results, when voting closed",
        FollowUpKind.VoteGoal => "Automatic: thanks, the vote goal is reached",
        FollowUpKind.PledgeGoal => "Automatic: thanks, a pledge goal is reached",
        _ => ManualUpdateWords.FromJson(update.Message) is { } words
            ? $"Update: “{words.In(content.DefaultLanguage, content.DefaultLanguage).Text.Title}”"
            : "Update",
    };

    private static string TimeToFinish(string state, int pending, int finishedRecently)
    {
        if (state is "Cancelled" or "Scheduled" or "Finished")
        {
            return state == "Finished" ? "Finished" : "Not started";
        }

        if (finishedRecently == 0)
        {
            return pending == 0 ? "Starting" : "Not known yet: nothing was delivered in the last minute";
        }

        var minutes = pending / (finishedRecently / RateWindow.TotalMinutes);
        return minutes switch
        {
            < 1 => "Less than a minute",
            < 1.5 => "About 1 minute",
            < 90 => $"About {Math.Round(minutes):0} minutes",
            _ => string.Create(CultureInfo.InvariantCulture, $"About {Math.Floor(minutes / 60):0} h {Math.Round(minutes % 60):0} min"),
        };
    }

    private static string Time(DateTimeOffset at) => string.Create(CultureInfo.InvariantCulture, $"{at.ToUniversalTime():yyyy-MM-dd HH:mm} UTC");
}
