using System.Globalization;
using PledgeBot.Storage;

namespace PledgeBot.Admin.Exports;

/// <summary>One column of a pledge export: its header and how a row fills it.</summary>
public sealed record PledgeExportColumn(string Header, Func<PledgeExportRow, string?> Value);

/// <summary>
/// A pledge export shaped for one tool's import: its columns, the rows it takes and whether the
/// file starts with a byte order mark. README's "Exports" section says why each is as it is.
/// </summary>
/// <param name="Includes">Which pledges the file lists; the others are left out.</param>
/// <param name="ByteOrderMark">For files opened in a spreadsheet; importers read UTF-8 without one, and some take a BOM as part of the first header.</param>
public sealed record PledgeExportFormat(
    string Name,
    IReadOnlyList<PledgeExportColumn> Columns,
    Func<PledgeExportRow, bool> Includes,
    bool ByteOrderMark)
{
    public const string DefaultName = "generic";

    /// <summary>Everything, for the campaign's own records and spreadsheets: withdrawn contacts too, marked.</summary>
    public static readonly PledgeExportFormat Generic = new(
        "generic",
        [
            new("first_name", row => row.FirstName),
            new("email", row => row.Email),
            new("pledge", row => row.PledgeId),
            new("voted_for", row => row.VotedFor),
            new("consented_at", row => Time(row.ConsentedAt)),
            new("consent_statement_version", row => Number(row.ConsentStatementVersion)),
            new("confirmed", row => YesNo(row.ConfirmedAt is not null)),
            new("confirmed_at", row => Time(row.ConfirmedAt)),
            new("channel", row => row.Channel),
            new("referral_code", row => row.ReferralCode),
            new("language", row => row.Locale),
            new("may_contact", row => YesNo(row.ContactWithdrawnAt is null)),
            new("contact_withdrawn_at", row => Time(row.ContactWithdrawnAt)),
            new("consent_language", row => row.ConsentLanguage),
        ],
        Includes: _ => true,
        ByteOrderMark: true);

    /// <summary>
    /// Action Network's upload: <c>email</c> and <c>first_name</c> are its own field names, matched
    /// without clicks; every other column becomes a custom field. Tags are chosen per upload there,
    /// so the cause voted for is the custom field <c>voted_for</c>.
    /// </summary>
    public static readonly PledgeExportFormat ActionNetwork = new(
        "actionnetwork",
        [
            new("email", row => row.Email),
            new("first_name", row => row.FirstName),
            new("pledge", row => row.PledgeId),
            new("voted_for", row => row.VotedFor),
            new("consented_at", row => Time(row.ConsentedAt)),
            new("consent_statement_version", row => Number(row.ConsentStatementVersion)),
            new("email_confirmed", row => YesNo(row.ConfirmedAt is not null)),
            new("email_confirmed_at", row => Time(row.ConfirmedAt)),
            new("channel", row => row.Channel),
            new("referral_code", row => row.ReferralCode),
            new("language", row => row.Locale),
            new("consent_language", row => row.ConsentLanguage),
        ],
        Includes: MayBeContacted,
        ByteOrderMark: false);

    /// <summary>
    /// Mailchimp's contact import: <c>Email Address</c> (its one required field), <c>First Name</c>
    /// and <c>Tags</c> (comma-separated tags in one column: the pledge and the cause voted for);
    /// the rest map to audience fields of type text.
    /// </summary>
    public static readonly PledgeExportFormat Mailchimp = new(
        "mailchimp",
        [
            new("Email Address", row => row.Email),
            new("First Name", row => row.FirstName),
            new("Tags", MailchimpTags),
            new("Pledge", row => row.PledgeId),
            new("Voted For", row => row.VotedFor),
            new("Consent Time", row => Time(row.ConsentedAt)),
            new("Consent Statement Version", row => Number(row.ConsentStatementVersion)),
            new("Email Confirmed", row => YesNo(row.ConfirmedAt is not null)),
            new("Email Confirmed Time", row => Time(row.ConfirmedAt)),
            new("Channel", row => row.Channel),
            new("Referral Code", row => row.ReferralCode),
            new("Language", row => row.Locale),
            new("Consent Language", row => row.ConsentLanguage),
        ],
        Includes: MayBeContacted,
        ByteOrderMark: false);

    /// <summary>
    /// Salesforce NPSP's Data Import object, by its field labels: <c>Contact1 First Name</c>,
    /// <c>Contact1 Last Name</c> (Salesforce requires one for a new contact; the bot never asks for
    /// it, so it is empty), <c>Contact1 Personal Email</c> and <c>Contact1 Preferred Email</c>
    /// (Personal). The rest are for custom fields mapped with NPSP's Advanced Mapping.
    /// </summary>
    public static readonly PledgeExportFormat Npsp = new(
        "npsp",
        [
            new("Contact1 First Name", row => row.FirstName),
            new("Contact1 Last Name", _ => null),
            new("Contact1 Personal Email", row => row.Email),
            new("Contact1 Preferred Email", _ => "Personal"),
            new("Pledge", row => row.PledgeId),
            new("Voted For", row => row.VotedFor),
            new("Consent Date", row => Time(row.ConsentedAt)),
            new("Consent Statement Version", row => Number(row.ConsentStatementVersion)),
            new("Email Confirmed", row => YesNo(row.ConfirmedAt is not null)),
            new("Email Confirmed Date", row => Time(row.ConfirmedAt)),
            new("Channel", row => row.Channel),
            new("Referral Code", row => row.ReferralCode),
            new("Language", row => row.Locale),
            new("Consent Language", row => row.ConsentLanguage),
        ],
        Includes: MayBeContacted,
        ByteOrderMark: false);

    public static readonly IReadOnlyList<PledgeExportFormat> All = [Generic, ActionNetwork, Mailchimp, Npsp];

    public static PledgeExportFormat? Find(string? name) =>
        All.FirstOrDefault(format => string.Equals(format.Name, name ?? DefaultName, StringComparison.OrdinalIgnoreCase));

    public string[] Headers => Columns.Select(column => column.Header).ToArray();

    /// <summary>
    /// What a mailing or CRM tool may take: consent on record, contact not withdrawn (such a tool
    /// would write to them), an address that could be decrypted.
    /// </summary>
    private static bool MayBeContacted(PledgeExportRow row) =>
        row.ConsentStatementVersion is not null && row.ContactWithdrawnAt is null && !string.IsNullOrEmpty(row.Email);

    private static string MailchimpTags(PledgeExportRow row) =>
        row.VotedFor is null ? $"pledge-{row.PledgeId}" : $"pledge-{row.PledgeId},voted-{row.VotedFor}";

    /// <summary>UTC, to the second, ISO 8601: every importer and spreadsheet reads it, in any locale.</summary>
    private static string? Time(DateTimeOffset? at) =>
        at?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string YesNo(bool value) => value ? "yes" : "no";
}
