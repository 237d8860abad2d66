using System.Globalization;
using System.Text.Json.Nodes;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Languages;
using PledgeBot.Dialogs.Words;
using PledgeBot.Storage;
using static PledgeBot.Dialogs.Cards.CardElements;

namespace PledgeBot.Dialogs.Cards;

/// <summary>"my data": everything stored about the person, in plain words, with the ways to change it.</summary>
public static class MyDataCard
{
    /// <param name="emailsAreConfirmed">Whether the campaign asks people to confirm their email (double opt-in).</param>
    public static JsonObject Create(CampaignContent content, PersonalDataReport report, string channelName, bool emailsAreConfirmed = true)
    {
        var body = new List<JsonNode?> { Heading(BotWords.MyDataTitle, size: "Medium") };
        if (report.IsEmpty)
        {
            body.Add(Text(BotWords.MyDataNothing));
        }

        if (report.Vote is { } vote)
        {
            body.Add(Heading(BotWords.YourVote, size: "Small"));
            body.Add(Facts(
            [
                (BotWords.Cause, content.FindCause(vote.CauseId)?.Title ?? vote.CauseId),
                (BotWords.When, When(vote.VotedAt)),
                (BotWords.Where, channelName),
            ]));
        }

        foreach (var pledge in report.Pledges)
        {
            body.Add(Heading(string.Format(SupporterLanguage.Formatting, BotWords.YourPledgeNamed, content.FindCauseByPledge(pledge.PledgeId)?.Pledge?.Title ?? pledge.PledgeId), size: "Small"));
            body.Add(Facts(
            [
                (BotWords.FirstName, pledge.FirstName ?? BotWords.CannotBeRead),
                (BotWords.Email, pledge.Email ?? BotWords.CannotBeRead),
                (BotWords.Consent, pledge.ConsentStatementVersion is { } v
                    ? Format(BotWords.ConsentGivenAtVersion, When(pledge.ConsentedAt), CardNumbers.Count(v), StatementLanguage(pledge.ConsentLanguage))
                    : Format(BotWords.ConsentGivenAt, When(pledge.ConsentedAt))),
                (BotWords.EmailConfirmed, pledge.ConfirmedAt is { } confirmed ? Format(BotWords.YesAt, When(confirmed)) : emailsAreConfirmed ? BotWords.NotYet : BotWords.NotAsked),
                (BotWords.MayContactYou, pledge.ContactWithdrawnAt is { } withdrawn ? Format(BotWords.NoYouSaidStop, When(withdrawn)) : BotWords.Yes),
            ]));
        }

        if (report.Language is { } code && CampaignLanguages.Match(code) is { } language)
        {
            body.Add(Heading(LanguageWords.MyDataHeading, size: "Small"));
            body.Add(Text(string.Format(SupporterLanguage.Formatting, LanguageWords.MyDataChosen, LanguageNames.Native(language))));
        }

        body.Add(Heading(BotWords.Updates, size: "Small"));
        body.Add(Text(report.FollowUp switch
        {
            null => BotWords.NoUpdatesAsked,
            { Status: FollowUpStatus.Subscribed } yes => Format(
                yes.Route == FollowUpRoute.Teams ? BotWords.MyDataFollowUpsTeams : BotWords.MyDataFollowUpsEmail,
                When(yes.AnsweredAt),
                CardNumbers.Count(yes.Statement.Version),
                StatementLanguage(yes.Statement.Language)),
            { Status: FollowUpStatus.Declined } no => Format(BotWords.MyDataFollowUpsDeclined, When(no.AnsweredAt)),
            { Status: FollowUpStatus.Unreachable } gone => Format(BotWords.MyDataFollowUpsUnreachable, When(gone.AnsweredAt)),
            var stopped => Format(BotWords.MyDataFollowUpsWithdrawn, When(stopped.AnsweredAt)),
        }));
        body.Add(Text(BotWords.MyDataHint, subtle: true));
        return Card(
            speak: report.IsEmpty ? BotWords.MyDataSpokenNothing : BotWords.MyDataSpoken,
            body: body,
            actions:
            [
                Submit(BotWords.ForgetMe, new CardAction(ActionNames.ForgetMe)),
                Submit(BotWords.Menu, new CardAction(ActionNames.Menu)),
            ]);
    }

    // Each language's statement has its own versions, so the version alone does not say which words were agreed to.
    private static string StatementLanguage(string? language) =>
        LanguageNames.Native(CultureInfo.GetCultureInfo(language ?? CampaignLanguages.English));

    // In the supporter's language's month names and its own order of day and month; always in UTC,
    // which the words say, since the bot does not know the reader's time zone.
    private static string When(DateTimeOffset at) =>
        at.ToUniversalTime().ToString(BotWords.DateTimeFormat, SupporterLanguage.Formatting);

    private static string Format(string words, params object[] values) => string.Format(SupporterLanguage.Formatting, words, values);
}
