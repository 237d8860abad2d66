using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

/// <summary>The stored voting controls (what the admin's Voting page saves), on every database: each derived class runs these on one.</summary>
public abstract class VotingControlsStoreTests : IAsyncLifetime
{
    private DatabaseUnderTest database = null!;
    private IVotingControls controls = null!;

    protected abstract Task<DatabaseUnderTest> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        database = await CreateDatabaseAsync();
        controls = database.VotingControls();
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [StoreFact]
    public async Task ACampaignNobodyConfiguredIsOpenWithTalliesShown()
    {
        Assert.Equal(VotingSettings.Default, await controls.ReadAsync());
    }

    [StoreFact]
    public async Task WhatAnAdminSavedIsWhatAnotherInstanceReads()
    {
        var closesAt = new DateTimeOffset(2026, 12, 24, 18, 30, 0, TimeSpan.FromHours(1));

        await controls.SaveAsync(new VotingSettings(ClosedNow: false, closesAt, HideTalliesUntilClosed: true));

        var read = await database.ReopenedVotingControls().ReadAsync();
        Assert.False(read.ClosedNow);
        Assert.True(read.HideTalliesUntilClosed);
        Assert.Equal(closesAt, read.ClosesAt);
        Assert.Equal(TimeSpan.Zero, read.ClosesAt!.Value.Offset);
    }

    [StoreFact]
    public async Task TheLastSaveWinsAndRemovingTheScheduledCloseIsKept()
    {
        await controls.SaveAsync(new VotingSettings(false, new DateTimeOffset(2026, 12, 24, 18, 0, 0, TimeSpan.Zero), true));

        await controls.SaveAsync(new VotingSettings(ClosedNow: true, ClosesAt: null, HideTalliesUntilClosed: false));

        Assert.Equal(new VotingSettings(true, null, false), await controls.ReadAsync());
        Assert.Equal(1, await database.CountAsync("SELECT count(*) FROM voting_controls"));
    }
}
