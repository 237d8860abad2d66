using Microsoft.Extensions.Options;

namespace PledgeBot.Admin;

/// <summary>Checks the admin settings at start, so that a half-configured sign-in stops the host with the setting's name.</summary>
public sealed class AdminOptionsValidation : IValidateOptions<AdminOptions>
{
    /// <summary>Shorter keys could be guessed from many addresses despite the rate limit.</summary>
    public const int MinimumKeyLength = 16;

    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        var problems = new List<string>();
        if (options.HasKey && options.Key!.Length < MinimumKeyLength)
        {
            problems.Add($"Admin:Key must be at least {MinimumKeyLength} characters long (a long random value).");
        }

        if (options.SmallSegmentThreshold < 1)
        {
            problems.Add("Admin:SmallSegmentThreshold must be 1 or more (1 shows every segment).");
        }

        var oidc = options.Oidc;
        if (oidc.IsConfigured)
        {
            if (!Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority) || (authority.Scheme != Uri.UriSchemeHttps && authority.Scheme != Uri.UriSchemeHttp))
            {
                problems.Add("Admin:Oidc:Authority must be the identity provider's absolute https address.");
            }
            else if (oidc.RequireHttpsMetadata && authority.Scheme != Uri.UriSchemeHttps)
            {
                problems.Add("Admin:Oidc:Authority must be an https address (Admin:Oidc:RequireHttpsMetadata is true).");
            }

            if (string.IsNullOrWhiteSpace(oidc.ClientId))
            {
                problems.Add("Admin:Oidc:ClientId is required when Admin:Oidc:Authority is set.");
            }

            if (oidc.AllowedAdmins.Count == 0 || oidc.AllowedAdmins.Any(string.IsNullOrWhiteSpace))
            {
                problems.Add("Admin:Oidc:AllowedAdmins must list at least one admin (email, user name or subject id), and no empty entry.");
            }

            if (string.IsNullOrWhiteSpace(oidc.DisplayName))
            {
                problems.Add("Admin:Oidc:DisplayName must not be empty.");
            }
        }
        else if (!string.IsNullOrWhiteSpace(oidc.ClientId) || oidc.AllowedAdmins.Count > 0)
        {
            problems.Add("Admin:Oidc:Authority is empty, so OpenID Connect sign-in is off although other Admin:Oidc settings are set.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
