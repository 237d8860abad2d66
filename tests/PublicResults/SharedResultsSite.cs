namespace PledgeBot.Tests.PublicResults;

/// <summary>
/// One <see cref="ResultsSite"/> with the shipped campaign, shared by all the tests of a class
/// (<c>IClassFixture</c>; xunit builds a fixture only through a constructor without parameters).
/// Only for tests that read, or add votes and look at what changed rather than at totals.
/// </summary>
public sealed class SharedResultsSite : IDisposable
{
    public ResultsSite Site { get; } = new();

    public void Dispose() => Site.Dispose();
}
