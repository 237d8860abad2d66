namespace PledgeBot.DirectLine;

/// <summary>Once a minute, forgets built-in Direct Line conversations nobody has used for a while.</summary>
public sealed class IdleConversationSweeper(IDirectLineConversations conversations, TimeProvider clock, ILogger<IdleConversationSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await conversations.ForgetIdleAsync(stoppingToken);
            }
            catch (Exception problem) when (problem is not OperationCanceledException)
            {
                // In PostgreSQL a sweep can fail (the server restarting); the next minute's sweep
                // catches up, and a failure here must not stop the host.
                logger.LogWarning("The sweep of idle Direct Line conversations failed: {ErrorType}", problem.GetType().Name);
            }
        }
    }
}
