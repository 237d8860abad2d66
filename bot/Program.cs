using System.Globalization;
using PledgeBot.Admin;
using PledgeBot.Admin.Content;
using PledgeBot.Admin.Crm;
using PledgeBot.Admin.Dashboard;
using PledgeBot.Admin.Erasure;
using PledgeBot.Admin.Exports;
using PledgeBot.Admin.FollowUps;
using PledgeBot.Admin.Voting;
using PledgeBot.BotFramework;
using PledgeBot.Campaign;
using PledgeBot.Crm;
using PledgeBot.ChatPage;
using PledgeBot.Dialogs.Content;
using PledgeBot.DirectLine;
using PledgeBot.FollowUps;
using PledgeBot.Funnel;
using PledgeBot.Pages;
using PledgeBot.Health;
using PledgeBot.PledgeConfirmation;
using PledgeBot.Privacy;
using PledgeBot.PublicResults;
using PledgeBot.RateLimits;
using PledgeBot.Referrals;
using PledgeBot.Retention;
using PledgeBot.ReverseProxy;
using PledgeBot.Security;
using PledgeBot.SharePage;
using PledgeBot.Storage;
using PledgeBot.Teams;
using PledgeBot.Telemetry;

// `validate <file>` checks a campaign content file as a publish would, and exits; no host, no database.
if (ValidateContentCommand.IsRequested(args)) return ValidateContentCommand.Run(args);
// `content use-file` makes the content file run again from the next start, instead of published content.
if (ContentUseFileCommand.IsRequested(args)) return await ContentUseFileCommand.RunAsync(args);
// `teams-package --app-id <guid> --domain <host>` writes the Teams app package and exits, no host.
if (TeamsPackageCommand.IsRequested(args)) return TeamsPackageCommand.Run(args);
// `forget --email <address>` erases what is stored for an address (a request by post or email) and exits.
if (ForgetEmailCommand.IsRequested(args)) return await ForgetEmailCommand.RunAsync(args);
// `retention [--dry-run]` shows or applies the data retention after the campaign's end and exits.
if (RetentionCommand.IsRequested(args)) return await RetentionCommand.RunAsync(args);
// `crm [status | retry <destination>]` shows the CRM deliveries per CRM, or retries one CRM's dead letters, and exits.
if (CrmCommand.IsRequested(args)) return await CrmCommand.RunAsync(args);
// `migrate-to <connection string>` copies the campaign's SQLite database into an empty PostgreSQL database and exits.
if (MigrateToCommand.IsRequested(args)) return await MigrateToCommand.RunAsync(args);

// The bot speaks English with numbers written 1,234 whatever the machine's locale; the locale
// data itself (ICU) is still needed, for Unicode normalisation of what people type.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;

var builder = WebApplication.CreateBuilder(args);

// Framework log categories that write ids or submitted values stay quiet, whatever the default level.
builder.Services.AddLogPrivacy();

// The campaign: content file, card settings, images.
builder.Services.AddCampaignContent();

// Votes, pledges and conversation state: the embedded SQLite database, or PostgreSQL (Storage:PostgresConnectionString) shared by several instances.
builder.Services.AddCampaignStorage(builder.Configuration);

// Keyed hashes in place of user ids and emails.
builder.Services.AddPersonKeys();

// Names and emails encrypted at rest, with keys kept outside the database.
builder.Services.AddPersonalDataEncryption();

// Pledges' and votes' personal data taken Privacy:RetentionMonths after the campaign's endsOn, checked daily.
builder.Services.AddDataRetention();

// Unfinished pledges removed from conversations left alone for 30 minutes, swept every 5 minutes.
builder.Services.AddPledgeDraftSweep();

// Share link counters per referral code and cause (visits, votes, pledges), never who.
builder.Services.AddReferrals();

// The funnel's steps before a vote and after it (joined, read a story, asked for a share card), once per person.
builder.Services.AddFunnel();

// Double opt-in: a pledge's confirmation email, queued with the pledge and sent in the background
// (SMTP when configured, otherwise .eml files in the data folder), and the link that confirms it.
builder.Services.AddPledgeConfirmation();

// Follow-ups by email (the route the follow-up worker takes for them), each with a one-click unsubscribe link; after the confirmation's transport, which it shares.
builder.Services.AddFollowUpEmail();

// The CRM outbox delivered in the background to the configured CRMs (signed webhooks, Mailchimp, Action Network), with retries and dead letters.
builder.Services.AddCrmOutbox();

// Metrics for Prometheus (/metrics) and OTLP, spans of turns and storage when OTLP is configured; no personal data in either.
// After the storage and the CRM outbox: it counts the votes and pledges stored and reads the CRM backlog.
builder.Services.AddCampaignTelemetry(builder.Configuration);

// Liveness (the process answers) apart from readiness (the database can be written, the content is loaded).
builder.Services.AddHealthEndpoints();

// The Bot Framework adapter, the bot and its dialogs; retries and pacing for what it sends to channels.
builder.Services.AddCampaignBot();

// Follow-ups to supporters who asked for them (voting closed, goals reached, a manager's update),
// queued per person and sent lane by lane: each Teams tenant at its limit, email beside them.
builder.Services.AddFollowUps();

// Direct Line for the web chat: Azure's (token exchanged server-side) or the built-in one.
builder.Services.AddDirectLine();

// Behind a reverse proxy named in ReverseProxy:TrustedProxies, the client's address from X-Forwarded-For.
builder.Services.AddReverseProxySupport();

// Rate limits per person (turns) and per client address (tokens, conversations, share pages); body size limits.
builder.Services.AddRateLimits();
builder.Services.AddRequestBodyLimits();

// Bad requests get a problem response, never a stack trace.
builder.Services.AddProblemDetails();

// The campaign's web chat page with the official Web Chat control, its files compressed.
builder.Services.AddChatPage();

// Share pages for links people post (/c/{cause}), with their link-preview pictures.
builder.Services.AddSharePage();

// The public results page (/results) and its figures as JSON, with goals and votes over time.
builder.Services.AddPublicResults();

// Content-Security-Policy and the other browser security headers.
builder.Services.AddSecurityHeaders();

// Who may use the campaign's admin area: the admin key (sign-in cookie or bearer token) or the organisation's identity provider.
builder.Services.AddAdminAccess(builder.Configuration);

// The admin dashboard's figures: public tallies and goals plus channels, referrals and the funnel, small segments hidden.
builder.Services.AddAdminDashboard();

// Campaign content published from the admin area while the bot runs: checked, stored, swapped in.
builder.Services.AddAdminContent();

// The admin's content preview: every card of a draft, drawn in the browser by the Adaptive Cards renderer.
builder.Services.AddAdminContentPreview();

// The admin's follow-ups: each update's progress live, and updates written, previewed, sent or scheduled, cancelled.
builder.Services.AddAdminFollowUps();

var app = builder.Build();

// The database opened and its schema brought up to date before anything is served; a problem stops the start in one sentence.
if (app.OpenCampaignDatabase() is { } databaseProblem)
{
    Console.Error.WriteLine(databaseProblem);
    return 1;
}

try
{
    app.LoadCampaignContent();
}
catch (InvalidCampaignContentException problem)
{
    // The campaign manager's mistake, said plainly (which file, which cause, which field), and no start.
    Console.Error.WriteLine(problem.Message);
    return 1;
}

// Before anything reads the client's address (the limits per address): the one a trusted proxy forwarded.
app.UseReverseProxySupport();
// First of the rest, so that every response, errors included, carries the security headers.
app.UseSecurityHeaders();
app.UseExceptionHandler();
// Before any endpoint runs, so that a refused request costs nothing; endpoints name their policy and body limit.
app.UseRateLimiter();
app.UseRequestBodyLimits();
// Who is asking (the admin cookie or key), then whether they may: only admin endpoints require it.
app.UseAuthentication();
app.UseAuthorization();
// After sign-in is known, because an antiforgery token is bound to the signed-in admin (the admin forms).
app.UseAntiforgery();
// Supporters' pages only (chat, privacy, share, results, confirmation, unsubscribe, their 404s): ?lang=, else Accept-Language, else the default.
app.UseSupporterPageLanguage();
app.UseResponseCompression();
app.MapCampaignImages();
app.MapChatPage();
app.MapSharePage();
app.MapPublicResults();
app.MapPledgeConfirmation();
// An email's unsubscribe link: GET shows a button and changes nothing, POST (the button or a mail client's one click) stops the updates.
app.MapFollowUpEmail();
app.MapBotMessages();
app.MapDirectLine();
// The admin area: sign-in, the dashboard's figures as JSON, exports (pledges for CRMs, vote counts),
// erasure by email address, voting controls, the campaign content and its preview, the CRM deliveries, the follow-ups.
app.MapAdmin(
    AdminResultsEndpoints.MapAdminResults, AdminExportEndpoints.MapAdminExports, AdminErasureEndpoints.MapAdminErasure, AdminVotingEndpoints.MapAdminVoting,
    AdminContentEndpoints.MapAdminContent, AdminContentPreviewEndpoints.MapAdminContentPreview, AdminCrmEndpoints.MapAdminCrm,
    AdminFollowUpsEndpoints.MapAdminFollowUps);
app.MapHealthEndpoints();
app.MapTelemetry();

app.Run();
return 0;

public partial class Program { }
