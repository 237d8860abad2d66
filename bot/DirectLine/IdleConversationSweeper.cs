namespace PledgeBot.DirectLine;

/// <summary>Once a minute, forgets built-in Direct Line conversations nobody has used for a while.</summary>
public sealed class IdleConversationSweeper(DirectLineConversations conversations, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            conversations.ForgetIdle();
        }
    }
}
