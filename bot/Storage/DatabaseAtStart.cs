using System.Data.Common;
using Microsoft.Extensions.Options;

namespace PledgeBot.Storage;

public static class DatabaseAtStart
{
    /// <summary>
    /// Opens the database before anything is served, bringing its schema up to date, so that a
    /// server that cannot be reached, a refused sign-in, a wrong connection string or a database
    /// made by a newer version stops the start with one plain sentence instead of a stack trace
    /// at the first turn.
    /// </summary>
    /// <returns>Null when the database is open; otherwise what is wrong.</returns>
    public static string? OpenCampaignDatabase(this WebApplication app)
    {
        try
        {
            // The connection string's own check, which the host would otherwise only make after this.
            _ = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
            app.Services.GetRequiredService<IDatabaseHealth>();

            return null;
        }
        catch (OptionsValidationException invalid)
        {
            return string.Join(Environment.NewLine, invalid.Failures);
        }
        catch (Exception problem) when (PostgresProblems.TryExplain(problem, out var explained))
        {
            return explained;
        }
        catch (Exception problem) when (problem is DbException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            return $"The database could not be opened: {problem.Message}";
        }
    }
}
