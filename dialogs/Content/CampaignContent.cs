using System.Globalization;
using PledgeBot.Dialogs.Languages;

namespace PledgeBot.Dialogs.Content;

/// <summary>The campaign as its manager wrote it in the content file, already validated.</summary>
public sealed record CampaignContent(
    string Id,
    string Title,
    string Intro,
    string PrivacyStatement,
    IReadOnlyList<Cause> Causes,
    CampaignTheme Theme)
{
    /// <summary>
    /// The campaign's last day, when its manager set one; pledges' personal data is kept for a
    /// set time after it (see the bot's data retention), and without it nothing is deleted by date.
    /// </summary>
    public DateOnly? EndsOn { get; init; }

    /// <summary>The number of votes the campaign aims for, when its manager set one; otherwise the goal moves up in steps as votes come in.</summary>
    public int? VoteGoal { get; init; }

    /// <summary>The language of this content's texts (a code such as "fr"); texts a translation lacks are in the default language.</summary>
    public string Language { get; init; } = CampaignLanguages.English;

    /// <summary>The campaign's default language: what a supporter reads when their language is not offered, and what translations fall back to.</summary>
    public string DefaultLanguage { get; init; } = CampaignLanguages.English;

    /// <summary>Every language version of this content; set once the content file is read.</summary>
    public CampaignTranslations Translations { get; init; } = new();

    /// <summary>Language codes the campaign is offered in, the default first.</summary>
    public IReadOnlyList<string> Languages => Translations.Languages.Count > 0 ? Translations.Languages : [Language];

    public bool IsRightToLeft => CultureInfo.GetCultureInfo(Language).TextInfo.IsRightToLeft;

    /// <summary>
    /// This content in <paramref name="language"/> (a region is ignored: fr-FR is fr), or in the
    /// default language when the campaign is not offered in it (or none is given). Content already
    /// in that language is returned as it is, so a changed copy (<c>with</c>) keeps its change.
    /// </summary>
    public CampaignContent In(CultureInfo? language)
    {
        var wanted = (language is null ? null : CampaignLanguages.Match(language.Name)) is { } offered && Translations.In(offered) is not null
            ? offered.Name
            : DefaultLanguage;
        return string.Equals(wanted, Language, StringComparison.OrdinalIgnoreCase)
            ? this
            : Translations.In(CultureInfo.GetCultureInfo(wanted)) ?? this;
    }

    public Cause? FindCause(string? causeId) =>
        Causes.FirstOrDefault(c => string.Equals(c.Id, causeId, StringComparison.OrdinalIgnoreCase));

    public IEnumerable<Cause> CausesWithPledges => Causes.Where(c => c.Pledge is not null);

    public Cause? FindCauseByPledge(string? pledgeId) =>
        Causes.FirstOrDefault(c => c.Pledge is not null
            && string.Equals(c.Pledge.Id, pledgeId, StringComparison.OrdinalIgnoreCase));

    public int StoryNumberOf(Cause cause) => Causes.ToList().IndexOf(cause) + 1;
}

public sealed record Cause(
    string Id,
    string Title,
    string Summary,
    string Story,
    IReadOnlyList<string> KeyFacts,
    CauseImage Image,
    string VoteCallToAction,
    string? ReadMoreUrl,
    Pledge? Pledge);

/// <summary>An image shipped in the campaign folder; <see cref="File"/> is relative to it.</summary>
public sealed record CauseImage(string File, string AltText);

public sealed record Pledge(string Id, string Title, string Text, string? Url)
{
    /// <summary>How many people the campaign hopes will take this pledge, when its manager set it; otherwise the goal moves up in steps.</summary>
    public int? Goal { get; init; }
}
