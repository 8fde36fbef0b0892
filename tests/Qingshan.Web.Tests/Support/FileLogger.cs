using Microsoft.Extensions.Logging;

namespace Qingshan.Web.Tests.Support;

/// <summary>
/// Writes the app's warnings and errors to the file named by <c>QINGSHAN_TEST_SERVER_LOG</c>: a browser test that
/// times out shows only the page, while the cause (an exception in the circuit) is on the server.
/// </summary>
internal sealed class FileLogger(string path) : ILoggerProvider, ILogger
{
    private readonly Lock gate = new();

    public static ILoggerProvider? FromEnvironment() =>
        Environment.GetEnvironmentVariable("QINGSHAN_TEST_SERVER_LOG") is { Length: > 0 } path ? new FileLogger(path) : null;

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        lock (gate)
        {
            File.AppendAllText(path, $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {formatter(state, exception)} {exception}{Environment.NewLine}");
        }
    }

    public void Dispose()
    {
    }
}
