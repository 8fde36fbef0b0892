using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Qingshan.Kernel;
using Qingshan.Ledger.Accounts;
using Qingshan.Ledger.Journal;
using Qingshan.Platform;
using Qingshan.Web.Tests.Support;

namespace Qingshan.Web.Tests.Ledger;

/// <summary>The ledger report downloads: finance gets its county's files; other roles, anonymous callers and other counties do not.</summary>
public sealed class LedgerReportEndpointTests
{
    [Fact]
    public async Task Reports_serve_for_finance_in_scope_and_are_refused_to_other_roles_anonymous_and_other_counties()
    {
        await using var app = await QingshanFactory.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var posted = await app.RunAsync(Actor.System, sp => sp.GetRequiredService<PostEntryHandler>().HandleAsync(new PostEntry(
            "web-test:fund", "=HYPERLINK(\"x\") 测试入账", DemoCounty.CountyCode, null,
            [new(AccountKind.ErosionControlFund, new Money(123_456)), new(AccountKind.BankClearing, new Money(-123_456))]), ct));
        Assert.True(posted.IsSuccess, posted.Error?.ToString());

        var finance = await app.SignedInAsync("jp_finance");
        var xlsx = await finance.GetAsync("/api/ledger/reports/journal.xlsx", ct);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        using (var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync(ct)))
        {
            var rows = MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
            var lines = rows.Where(r => r["业务编号"] as string == "web-test:fund").ToList();
            Assert.Equal(2, lines.Count);
            Assert.All(lines, l => Assert.Equal("'=HYPERLINK(\"x\") 测试入账", l["摘要"])); // neutralised, never a formula
            Assert.Equal(1234.56m, Convert.ToDecimal(lines.Single(l => l["借方（元）"] is not null)["借方（元）"], CultureInfo.InvariantCulture));
            Assert.Equal(1234.56m, Convert.ToDecimal(lines.Single(l => l["贷方（元）"] is not null)["贷方（元）"], CultureInfo.InvariantCulture));
        }

        foreach (var path in new[] { "/api/ledger/reports/trial-balance.xlsx", "/api/ledger/reports/county-funds.xlsx?county=211322", "/api/ledger/reports/trial-balance.pdf?county=211322" })
        {
            var r = await finance.GetAsync(path, ct);
            Assert.True(r.StatusCode == HttpStatusCode.OK, $"{path}: {r.StatusCode}");
            Assert.True((await r.Content.ReadAsByteArrayAsync(ct)).Length > 1000, path);
        }

        var pdf = await finance.GetAsync("/api/ledger/reports/journal.pdf", ct);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync(ct))[..4]), StringComparison.Ordinal);

        // Another county's books: refused with the scope code, not an empty file.
        var elsewhere = await finance.GetAsync("/api/ledger/reports/journal.xlsx?county=211321", ct);
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        Assert.Contains("distribution.report.out_of_scope", await elsewhere.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await finance.GetAsync($"/api/ledger/reports/deal-statement.xlsx?deal={Guid.NewGuid()}", ct)).StatusCode);

        foreach (var user in new[] { "operator1", "appraiser", "bank" })
        {
            var other = await app.SignedInAsync(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/api/ledger/reports/trial-balance.xlsx", ct)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().GetAsync("/api/ledger/reports/trial-balance.xlsx", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().GetAsync("/api/ledger/reports/journal.pdf", ct)).StatusCode);
    }
}
