using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Qingshan.Kernel;
using Qingshan.Trading.Bidding;
using Qingshan.Trading.Deals;
using Qingshan.Web.Tests.Support;

namespace Qingshan.Web.Tests.Trading;

/// <summary>The statically rendered trading portal: announcements, result publicity with masked names, and the objection form.</summary>
public sealed class PublicPortalTests
{
    /// <summary>An individual (王小明) outbids an enterprise and the result is in publicity.</summary>
    private static async Task<(Guid Deal, string Code)> AwardedToAPersonAsync(QingshanFactory app, string code)
    {
        var enterprise = await TradingSetup.HolderAsync(app, "建平县青松农业有限公司");
        var person = await TradingSetup.HolderAsync(app, "王小明", individual: true);
        var (deal, bidders) = await TradingSetup.ListedAsync(app, code, [enterprise, person]);
        await TradingSetup.StartAsync(app, deal);
        Assert.True((await TradingSetup.BidAsync(app, deal, bidders[0], TradingSetup.Listing)).Value.Accepted);
        Assert.True((await TradingSetup.BidAsync(app, deal, bidders[1], TradingSetup.Listing + TradingSetup.Step)).Value.Accepted);
        var card = await app.RunAsync(Actor.System, sp => sp.GetRequiredService<DealQueries>().CardAsync(deal));
        app.Clock.SetUtcNow(card!.AuctionEndsAt!.Value);
        await app.RunAsync(TradingSetup.Of("centre", Roles.TradingCentre), sp => sp.GetRequiredService<AdvanceDealHandler>().HandleAsync(new AdvanceDeal(deal)));
        Assert.Equal(DealStatus.ResultPublicity, (await app.RunAsync(Actor.System, sp => sp.GetRequiredService<DealQueries>().CardAsync(deal)))!.Status);
        return (deal, code);
    }

    [Fact]
    public async Task Announcements_and_the_project_page_show_prices_and_a_winning_person_only_masked()
    {
        await using var app = await QingshanFactory.StartAsync(a => TradingSetup.Configure(a));
        var (_, code) = await AwardedToAPersonAsync(app, "PUB-2026-001");
        var listedOnly = await TradingSetup.ListedAsync(app, "PUB-2026-002", [await TradingSetup.HolderAsync(app, "朝阳绿源旅游开发有限公司")]);
        var client = app.Client();

        var list = await client.PageAsync("/portal/trading");
        var project = await client.PageAsync("/portal/trading/" + code);

        Assert.Contains("项目公告", list, StringComparison.Ordinal);
        Assert.Contains("PUB-2026-002", list, StringComparison.Ordinal);
        Assert.Contains("成交公示", list, StringComparison.Ordinal);
        Assert.Contains("王**", list, StringComparison.Ordinal);
        Assert.Contains("101,000.00", list, StringComparison.Ordinal);
        Assert.Contains("100,000.00", project, StringComparison.Ordinal);
        Assert.Contains("壹拾万壹仟元整", project, StringComparison.Ordinal);
        Assert.Contains("王**", project, StringComparison.Ordinal);
        Assert.Contains("提出异议", project, StringComparison.Ordinal);
        foreach (var page in new[] { list, project })
        {
            Assert.DoesNotContain("王小明", page, StringComparison.Ordinal);
            Assert.DoesNotContain("211322198001", page, StringComparison.Ordinal);
        }

        Assert.Contains("/portal/trading", await client.PageAsync("/portal"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/portal/trading/NOPE-1")).StatusCode);
        Assert.Contains("项目不存在", await client.PageAsync("/portal/trading/NOPE-1"), StringComparison.Ordinal);
        Assert.NotEqual(Guid.Empty, listedOnly.Deal);
    }

    [Fact]
    public async Task An_objection_posted_on_the_portal_reaches_the_clerk_and_an_empty_one_is_refused_in_Chinese()
    {
        await using var app = await QingshanFactory.StartAsync(a => TradingSetup.Configure(a));
        var (deal, code) = await AwardedToAPersonAsync(app, "PUB-2026-003");
        var client = app.Client();
        var path = "/portal/trading/" + code;

        async Task<HttpResponseMessage> PostAsync(string text, bool withToken = true)
        {
            var fields = new Dictionary<string, string> { ["_handler"] = "objection", ["Input.Name"] = "李四", ["Input.Phone"] = "13812345678", ["Input.Text"] = text };
            if (withToken)
            {
                fields["__RequestVerificationToken"] = await client.AntiforgeryTokenAsync(path);
            }

            return await client.PostAsync(path, new FormUrlEncodedContent(fields));
        }

        var empty = await PostAsync(" ");
        Assert.Contains("请填写异议内容", WebUtility.HtmlDecode(await empty.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync("没有令牌的异议", withToken: false)).StatusCode);

        var posted = await PostAsync("竞价期间网络中断，请核查报价记录");
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("异议已提交", WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var history = await app.RunAsync(TradingSetup.Of("centre", Roles.TradingCentre), sp => sp.GetRequiredService<DealQueries>().HistoryAsync(deal));
        var raised = Assert.Single(history, h => h.Action == "ObjectionRaised");
        Assert.Equal("竞价期间网络中断，请核查报价记录", raised.Note);
        Assert.Equal("公众：李四（138****5678）", raised.ActorName);
        Assert.DoesNotContain(history, h => h.Note == "没有令牌的异议");
    }
}
