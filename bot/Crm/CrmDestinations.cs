namespace PledgeBot.Crm;

/// <summary>The CRMs that configuration enables, in a fixed order (the admin page lists them so).</summary>
public sealed class CrmDestinations(IReadOnlyList<ICrmDestination> all)
{
    public IReadOnlyList<ICrmDestination> All { get; } = all;

    public ICrmDestination? Find(string name) => All.FirstOrDefault(d => d.Name == name);
}
