using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Qingshan.Web.Tests.Support;

namespace Qingshan.Web.Tests.Browser;

/// <summary>The admin screens in a real browser: 用户管理 for the system administrator, 登录日志 for the auditor.</summary>
public sealed class AdminPagesTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_system_administrator_creates_an_account_whose_first_sign_in_leads_to_the_password_form()
    {
        browser.RequireBrowser();
        var page = await browser.SignInAsync("admin");
        await page.GotoAsync("/admin/users");
        await page.GetByText("jp_water", new() { Exact = true }).WaitForAsync();

        // 新增 opens the dialog once the circuit is up; a click before that is simply retried.
        var dialog = page.Locator(".mud-dialog");
        await BrowserApp.ClickUntilVisibleAsync(page.GetByTestId("user-new"), dialog);
        await dialog.GetByLabel("用户名", new() { Exact = true }).FillAsync("jp_clerk");
        await dialog.GetByLabel("姓名/部门").FillAsync("建平县水利局办事员");
        await dialog.GetByLabel("单位").FillAsync("建平县水利局");
        await dialog.GetByLabel("初始密码").FillAsync("Clerk-Init-2026");
        await ChooseAsync(page, dialog.GetByLabel("行政区划（数据权限）"), "建平县（211322）");
        await ChooseAsync(page, dialog.GetByLabel("角色"), "水利（水务）部门");
        // A multi-select stays open; clicking its backdrop closes it, as a person would.
        await page.Locator(".mud-popover-provider .mud-overlay").First.ClickAsync(new() { Position = new() { X = 5, Y = 5 } });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确定" }).ClickAsync();

        await page.GetByText("新增成功").WaitForAsync();
        await page.GetByText("jp_clerk", new() { Exact = true }).WaitForAsync();

        var clerk = await browser.NewPageAsync();
        await clerk.GotoAsync("/account/login");
        await clerk.FillAsync("#userName", "jp_clerk");
        await clerk.FillAsync("#password", "Clerk-Init-2026");
        await clerk.ClickAsync("button[type=submit]");
        await clerk.WaitForURLAsync("**/account/password");
        Assert.Contains("首次登录", await clerk.GetByTestId("password-reason").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_auditor_reads_sign_ins_with_china_time_and_chinese_results()
    {
        browser.RequireBrowser();
        var failed = await browser.NewPageAsync();
        await failed.GotoAsync("/account/login");
        await failed.FillAsync("#userName", "operator2");
        await failed.FillAsync("#password", "Not-The-Password-9");
        await failed.ClickAsync("button[type=submit]");
        await failed.GetByTestId("login-error").WaitForAsync();

        var page = await browser.SignInAsync("auditor");
        await page.GotoAsync("/admin/sign-ins");
        var row = page.Locator("[data-testid=sign-ins] tbody tr").Filter(new() { HasText = "operator2" }).First;
        await row.WaitForAsync();

        var text = await row.InnerTextAsync();
        Assert.Contains("用户名或密码错误", text, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}"), text);
        Assert.Contains("127.0.0.1", text, StringComparison.Ordinal);
        Assert.Contains("Chrome", text, StringComparison.Ordinal);
    }

    /// <summary>Opens a MudSelect and picks the item with the given text.</summary>
    private static async Task ChooseAsync(IPage page, ILocator select, string item)
    {
        await select.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = item }).First.ClickAsync();
    }
}
