using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PledgeBot.Tests.Support;

/// <summary>
/// A logging provider that keeps everything every category writes, at every level, as an operator's
/// log store would: the message, each structured property, the exception in full, and the scopes.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> entries = new();
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<string> Entries => [.. entries];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    private static IEnumerable<string> Properties(object? state) => state is IEnumerable<KeyValuePair<string, object?>> properties
        ? properties.Select(p => $"{p.Key}={Describe(p.Value)}")
        : [Describe(state)];

    private static string Describe(object? value) => value switch
    {
        null => "",
        string text => text,
        System.Collections.IEnumerable items => string.Join(",", items.Cast<object?>().Select(Describe)),
        _ => value.ToString() ?? "",
    };

    private sealed class CapturingLogger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => logs.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var parts = new List<string> { $"{logLevel} {category}[{eventId}]", formatter(state, exception) };
            parts.AddRange(Properties(state));
            logs.scopes.ForEachScope((scope, collected) => collected.AddRange(Properties(scope)), parts);
            if (exception is not null)
            {
                parts.Add(exception.ToString());
            }

            logs.entries.Enqueue(string.Join(" | ", parts));
        }
    }
}
