using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Logging;

namespace DualWrite.Testing;

/// <summary>
/// Every entry logged through it, formatted, with the exception it carries, for tests that check what a log shows. It is
/// a logger factory (handed to the runtime) and a logger provider (added to a host's logging). A source file linked into
/// each test project that reads logs.
/// </summary>
internal sealed class CapturedLog : ILoggerFactory, ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyList<Entry> Entries => _entries.ToList();

    /// <summary>Each entry as one line: category, event id, message and exception.</summary>
    public IReadOnlyList<string> Lines => _entries.Select(e => $"{e.Category} [{e.EventId}] {e.Message} {e.Exception}").ToList();

    /// <summary>The entries with event id <paramref name="eventId"/>, in the order they were logged.</summary>
    public IReadOnlyList<Entry> Of(int eventId) => _entries.Where(e => e.EventId == eventId).ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("The captured log has no providers.");

    public void Dispose()
    {
    }

    internal sealed record Entry(string Category, int EventId, LogLevel Level, string Message, Exception? Exception);

    private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new Entry(category, eventId.Id, logLevel, formatter(state, exception), exception));
    }
}
