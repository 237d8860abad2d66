namespace PledgeBot.Teams;

public sealed class TeamsOptions
{
    public const string Section = "Teams";

    /// <summary>Tenant ids allowed to use the bot in Teams; empty lets every tenant in.</summary>
    public List<string> AllowedTenants { get; set; } = [];
}
