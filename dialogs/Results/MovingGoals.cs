namespace PledgeBot.Dialogs.Results;

/// <summary>
/// The goal shown when the campaign set none: the next step above the count, on a 1–2.5–5 scale
/// from 100 (100, 250, 500, 1,000, 2,500, 5,000, 10,000, 25,000, 50,000, 100,000 …). Each step is
/// two to two and a half times the last, so the next goal always looks reachable, and the numbers
/// are the round ones petition sites use.
/// </summary>
public static class MovingGoals
{
    public const long FirstStep = 100;

    /// <summary>The smallest step strictly above <paramref name="count"/>: reaching a goal moves it on at once.</summary>
    public static long NextAbove(int count)
    {
        for (var decade = FirstStep; ; decade *= 10)
        {
            foreach (var step in (ReadOnlySpan<long>)[decade, decade * 5 / 2, decade * 5])
            {
                if (step > count)
                {
                    return step;
                }
            }
        }
    }
}
