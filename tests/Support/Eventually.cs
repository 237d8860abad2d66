namespace PledgeBot.Tests.Support;

/// <summary>
/// Waits for work a background service does after a fake clock was advanced: the clock decides
/// when it runs, this only waits for it to finish, bounded so a missing run fails the test.
/// </summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what)
    {
        for (var attempt = 0; attempt < 500; attempt++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new Xunit.Sdk.XunitException($"Still not true after 10 s: {what}");
    }
}
