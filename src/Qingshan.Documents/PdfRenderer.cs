using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qingshan.Kernel;

namespace Qingshan.Documents;

/// <summary>Where the headless browser lives and how long one document may take.</summary>
public sealed class DocumentOptions
{
    public const string Section = "Documents";

    /// <summary>Path of a Chromium binary; empty means look in the usual Debian/Ubuntu places and <c>QINGSHAN_CHROMIUM</c>.</summary>
    public string ChromiumPath { get; set; } = "";

    /// <summary>A document that takes longer than this is refused (<c>documents.pdf.timeout</c>).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
}

/// <summary>Refusal codes of PDF rendering.</summary>
public static class DocumentErrors
{
    public static Error BrowserMissing() => new("documents.pdf.browser_missing");

    public static Error Failed(string detail) => new("documents.pdf.failed", detail);

    public static Error Timeout(int seconds) => new("documents.pdf.timeout", seconds);
}

/// <summary>
/// Turns a self-contained HTML document (see <see cref="HtmlDocument"/>) into PDF bytes with headless Chromium's
/// print-to-PDF. Chinese text is set in the fonts installed on the host (Noto CJK in CI and the deployment image), so
/// nothing is fetched from a network: the browser runs with networking to remote hosts disabled and a throw-away
/// profile. One document renders at a time: a browser process takes ~150 MB and this machine has two cores.
/// </summary>
public sealed class PdfRenderer(IOptions<DocumentOptions> options, ILogger<PdfRenderer> logger)
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    private static readonly string[] KnownPaths = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/snap/bin/chromium"];

    /// <summary>The browser binary this host would use, or null when none is installed.</summary>
    public string? BrowserPath
    {
        get
        {
            var configured = options.Value.ChromiumPath;
            if (configured.Length > 0)
            {
                return File.Exists(configured) ? configured : null;
            }

            var fromEnvironment = Environment.GetEnvironmentVariable("QINGSHAN_CHROMIUM");
            if (!string.IsNullOrEmpty(fromEnvironment) && File.Exists(fromEnvironment))
            {
                return fromEnvironment;
            }

            return KnownPaths.FirstOrDefault(File.Exists);
        }
    }

    public async Task<Result<byte[]>> RenderAsync(string html, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(html);
        var browser = BrowserPath;
        if (browser is null)
        {
            return DocumentErrors.BrowserMissing();
        }

        await OneAtATime.WaitAsync(cancellationToken);
        var work = Directory.CreateTempSubdirectory("qingshan-pdf-");
        try
        {
            var input = Path.Combine(work.FullName, "document.html");
            var output = Path.Combine(work.FullName, "document.pdf");
            await File.WriteAllTextAsync(input, html, cancellationToken);
            var start = new ProcessStartInfo(browser)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-extensions", "--disable-background-networking",
                "--disable-sync", "--no-first-run", "--disable-default-apps", "--mute-audio", "--no-pdf-header-footer",
                // Only file:// is loaded; anything else the HTML might name resolves to nowhere.
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--user-data-dir=" + Path.Combine(work.FullName, "profile"),
                "--print-to-pdf=" + output,
                new Uri(input).AbsoluteUri,
            })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Value.Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                return DocumentErrors.Timeout((int)options.Value.Timeout.TotalSeconds);
            }

            if (process.ExitCode != 0 || !File.Exists(output))
            {
                var detail = (await stderr).Trim();
                logger.LogWarning("Chromium print-to-pdf failed with exit code {Code}: {Detail}", process.ExitCode, detail);
                return DocumentErrors.Failed($"exit {process.ExitCode}");
            }

            return await File.ReadAllBytesAsync(output, cancellationToken);
        }
        finally
        {
            OneAtATime.Release();
            try
            {
                work.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A browser helper process may still hold the profile for a moment; the temp folder is swept by the OS.
            }
        }
    }
}
