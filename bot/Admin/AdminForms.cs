namespace PledgeBot.Admin;

public static class AdminForms
{
    /// <summary>
    /// Antiforgery tokens for the admin area's forms. The sign-in cookie is SameSite=Strict already;
    /// the token also stops a page on a sibling subdomain (the same site) from posting a form in a
    /// signed-in admin's name. Its cookie is as strict as the sign-in cookie and lives under /admin.
    /// </summary>
    public static IServiceCollection AddAdminForms(this IServiceCollection services) =>
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "pledgebot-admin-form";
            antiforgery.Cookie.Path = "/admin";
            antiforgery.Cookie.HttpOnly = true;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        });
}
