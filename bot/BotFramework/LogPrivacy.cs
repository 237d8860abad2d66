namespace PledgeBot.BotFramework;

/// <summary>
/// Keeps quiet the framework log categories that write ids or submitted values, whatever the
/// configured default level. These rules are added after configuration's, so they win for their
/// categories; everything else follows Logging:LogLevel.
/// </summary>
public static class LogPrivacy
{
    public static IServiceCollection AddLogPrivacy(this IServiceCollection services) => services.AddLogging(logging => logging
        // Request lines and the request scope carry paths and query strings: Direct Line
        // conversation ids, share links' referral codes. Below Critical it also stops the scope.
        .AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None)
        // Route matching at Debug writes request paths.
        .AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Warning)
        // Parameter binding at Debug logs JSON reader exceptions, which quote the values.
        .AddFilter("Microsoft.AspNetCore.Http", LogLevel.Warning)
        // Bad request lines at Debug are logged as they arrived.
        .AddFilter("Microsoft.AspNetCore.Server.Kestrel", LogLevel.Warning)
        // The Bot Framework SDK's adapter logs conversation and activity ids at Information.
        .AddFilter(AdapterWithErrorHandler.SdkLogCategory, LogLevel.Warning));
}
