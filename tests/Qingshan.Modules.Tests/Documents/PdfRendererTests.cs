using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Qingshan.Documents;

namespace Qingshan.Modules.Tests.Documents;

/// <summary>Renders through the real headless Chromium and reads the text back with poppler's pdftotext.</summary>
public sealed class PdfRendererTests
{
    /// <summary>Extracts the text layer of a PDF with <c>pdftotext -layout</c> (poppler-utils).</summary>
    public static async Task<string> PdfToTextAsync(byte[] pdf)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, pdf);
            var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add("-layout");
            start.ArgumentList.Add(file);
            start.ArgumentList.Add("-");
            using var process = Process.Start(start)!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static PdfRenderer Renderer(string path = "") =>
        new(Options.Create(new DocumentOptions { ChromiumPath = path }), NullLogger<PdfRenderer>.Instance);

    [Fact]
    public async Task Chinese_text_and_numbers_read_back_from_the_pdf()
    {
        var html = new HtmlDocument("测试报告")
            .Heading("水土保持生态产品价值核算报告")
            .Fields([("小流域", "建平县牤牛河生态清洁小流域"), ("核算年度", "2025")])
            .Table(["指标", "价值（元）"], [["土壤保持", "1,234,567.89"], ["水源涵养", "7,654.32"]], new HashSet<int> { 1 })
            .Build();

        var pdf = await Renderer().RenderAsync(html);

        Assert.True(pdf.IsSuccess, pdf.Error?.ToString());
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf.Value, 0, 5));
        var text = await PdfToTextAsync(pdf.Value);
        Assert.Contains("水土保持生态产品价值核算报告", text);
        Assert.Contains("建平县牤牛河生态清洁小流域", text);
        Assert.Contains("1,234,567.89", text);
    }

    [Fact]
    public async Task Markup_in_values_is_printed_as_text_not_interpreted()
    {
        var html = new HtmlDocument("x").Paragraph("<b>村集体</b>&amp;").Build();

        var text = await PdfToTextAsync((await Renderer().RenderAsync(html)).Value);

        Assert.Contains("<b>村集体</b>&amp;", text);
    }

    [Fact]
    public async Task A_missing_browser_is_a_refusal_with_a_code()
    {
        var result = await Renderer("/nonexistent/chromium").RenderAsync("<p>x</p>");

        Assert.Equal("documents.pdf.browser_missing", result.Error?.Code);
    }
}
