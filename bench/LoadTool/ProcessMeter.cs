using System.Diagnostics;

namespace PledgeBot.Bench.LoadTool;

/// <summary>
/// The host's CPU time (user and system, all threads: Process.TotalProcessorTime) and its working
/// set, sampled every 100 ms while a window runs; the highest sample is the window's peak.
/// </summary>
public sealed class ProcessMeter(Process process)
{
    public TimeSpan CpuTime()
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    public long WorkingSet()
    {
        process.Refresh();
        return process.WorkingSet64;
    }

    /// <summary>Samples the working set until the token ends; returns the highest sample.</summary>
    public async Task<long> PeakWorkingSetAsync(CancellationToken until)
    {
        var peak = WorkingSet();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (await timer.WaitForNextTickAsync(until))
            {
                peak = Math.Max(peak, WorkingSet());
            }
        }
        catch (OperationCanceledException)
        {
        }

        return Math.Max(peak, WorkingSet());
    }
}
