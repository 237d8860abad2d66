using PledgeBot.Dialogs.Identity;
using Microsoft.Extensions.Options;
using MimeKit;
using PledgeBot.Dialogs.Conversation;
using PledgeBot.Pages;
using PledgeBot.Privacy;
using PledgeBot.Storage;

namespace PledgeBot.PledgeConfirmation;

public static class PledgeConfirmationSetup
{
    public const string OutboxFolderName = "outbox";

    /// <summary>
    /// Double opt-in: the setting the pledge dialog reads, the signed link tokens, the email and
    /// its transport (SMTP when a host is set, .eml files in the data folder's outbox otherwise)
    /// and the background sender that works through the queue.
    /// </summary>
    public static IServiceCollection AddPledgeConfirmation(this IServiceCollection services)
    {
        services.AddOptions<PledgeConfirmationOptions>().BindConfiguration(PledgeConfirmationOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => string.IsNullOrWhiteSpace(o.Smtp.Host) || !string.IsNullOrWhiteSpace(o.From),
                "Email:From is required when Email:Smtp:Host is set (for example \"Campaign <campaign@example.org>\").")
            .Validate(o => string.IsNullOrWhiteSpace(o.From) || MailboxAddress.TryParse(o.From, out _),
                "Email:From is not an email address (for example \"Campaign <campaign@example.org>\").")
            .Validate(o => o.Smtp.Port is > 0 and <= 65535, "Email:Smtp:Port must be between 1 and 65535.")
            .ValidateOnStart();

        services.AddSingleton(sp => new PledgeSettings(sp.GetRequiredService<IOptions<PledgeConfirmationOptions>>().Value.DoubleOptIn));
        services.AddSingleton(sp => new ConfirmationTokens(sp.GetRequiredService<ServerSecret>().DeriveKey("pledge-confirmation")));
        services.AddSingleton(sp => new PickupFolderMailTransport(
            Path.Combine(StorageSetup.DataDirectory(sp), OutboxFolderName), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<PersonKeyHasher>()));
        services.AddSingleton<IMailTransport>(sp =>
        {
            var smtp = sp.GetRequiredService<IOptions<EmailOptions>>().Value.Smtp;
            return string.IsNullOrWhiteSpace(smtp.Host) ? sp.GetRequiredService<PickupFolderMailTransport>() : new SmtpMailTransport(smtp);
        });
        // The outbox is cleaned on erasure and retention even after a mail server was configured:
        // copies written before then are still there.
        services.AddSingleton<ISentEmailCopies>(sp => sp.GetRequiredService<PickupFolderMailTransport>());
        services.AddSingleton<ConfirmationEmailMessages>();
        services.AddSingleton<ConfirmationEndpoint>();
        services.AddHostedService<ConfirmationEmailSender>();
        return services;
    }

    /// <summary>GET /confirm?token=...: the link in the email.</summary>
    public static WebApplication MapPledgeConfirmation(this WebApplication app)
    {
        app.MapGet("/" + ConfirmationEmailMessages.LinkPath, (HttpContext context, ConfirmationEndpoint endpoint) => endpoint.HandleAsync(context))
            .InSupporterLanguage();
        return app;
    }
}
