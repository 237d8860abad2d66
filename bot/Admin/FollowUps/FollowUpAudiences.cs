using PledgeBot.Dialogs.Content;
using PledgeBot.Storage;

namespace PledgeBot.Admin.FollowUps;

/// <summary>
/// The audiences a campaign manager can send an update to, named in words from the campaign's
/// content (a cause's title rather than its id), and the check that an audience names a cause or
/// pledge the content has.
/// </summary>
public static class FollowUpAudiences
{
    public static readonly FollowUpAudience Teams = new(FollowUpAudienceKind.Route, FollowUpNames.Of(FollowUpRoute.Teams));
    public static readonly FollowUpAudience Email = new(FollowUpAudienceKind.Route, FollowUpNames.Of(FollowUpRoute.Email));

    /// <summary>Every audience the form offers, in groups (null: no group), each with its words.</summary>
    public static IReadOnlyList<(string? Group, IReadOnlyList<(FollowUpAudience Audience, string Words)> Choices)> Choices(CampaignContent content) =>
    [
        (null, [(FollowUpAudience.Everyone, Describe(FollowUpAudience.Everyone, content))]),
        ("Voters for a cause", content.Causes.Select(c => Choice(new FollowUpAudience(FollowUpAudienceKind.VotersFor, c.Id), content)).ToList()),
        ("Pledgers of a pledge", content.CausesWithPledges.Select(c => Choice(new FollowUpAudience(FollowUpAudienceKind.PledgersOf, c.Pledge!.Id), content)).ToList()),
        ("One channel", [Choice(Teams, content), Choice(Email, content)]),
    ];

    /// <summary>The audience in words, as the admin pages show it.</summary>
    public static string Describe(FollowUpAudience audience, CampaignContent content) => audience.Kind switch
    {
        FollowUpAudienceKind.VotersFor => content.FindCause(audience.Value) is { } cause
            ? $"Voters for “{cause.Title}”"
            : $"Voters for the cause '{audience.Value}' (no longer in the content)",
        FollowUpAudienceKind.PledgersOf => content.FindCauseByPledge(audience.Value) is { Pledge: { } pledge }
            ? $"Pledgers of “{pledge.Title}”"
            : $"Pledgers of the pledge '{audience.Value}' (no longer in the content)",
        FollowUpAudienceKind.Route when audience == Teams => "Everyone who opted in, reached in Teams",
        FollowUpAudienceKind.Route => "Everyone who opted in, reached by email",
        _ => "Everyone who opted in",
    };

    /// <summary>The audience the form sent (as stored, e.g. <c>voters:cause-id</c>), or null when it names nothing the campaign has.</summary>
    public static FollowUpAudience? Find(string? stored, CampaignContent content) =>
        Choices(content).SelectMany(group => group.Choices).Select(choice => choice.Audience).FirstOrDefault(a => a.Stored == stored);

    private static (FollowUpAudience, string) Choice(FollowUpAudience audience, CampaignContent content) => (audience, Describe(audience, content));
}
