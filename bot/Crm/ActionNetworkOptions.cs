using System.ComponentModel.DataAnnotations;

namespace PledgeBot.Crm;

/// <summary>The Action Network destination (<c>Crm:ActionNetwork</c>): enabled when <see cref="ApiKey"/> is set.</summary>
public sealed class ActionNetworkOptions
{
    /// <summary>The API key of the group (or user) whose email list receives the pledges: sent as <c>OSDI-API-Token</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// With it, each pledge is a signature of this petition (the record signature helper); without
    /// it, each pledge only adds or updates a person (the person signup helper).
    /// </summary>
    public string? PetitionId { get; set; }

    /// <summary>The API's root, with its trailing slash added if missing; only tests point it elsewhere.</summary>
    public string BaseUrl { get; set; } = "https://actionnetwork.org/api/v2/";

    [Range(1, 16)]
    public int MaxInFlight { get; set; } = 2;

    /// <summary>Action Network allows 4 requests a second per API key.</summary>
    [Range(1, 50)]
    public int RequestsPerSecond { get; set; } = 4;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(ApiKey);
}
