using System.Collections.Frozen;
using System.Globalization;
using Qingshan.Kernel;

namespace Qingshan.Web.Errors;

/// <summary>
/// The one zh-CN message per refusal code ({0}, {1} … are the error's arguments). A consistency test checks
/// that every code a module can return has a message here.
/// </summary>
public static class ErrorMessages
{
    private static readonly FrozenDictionary<string, string> Messages = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["registry.region.code_invalid"] = "行政区划代码“{0}”不符合 GB/T 2260 规则",
        ["registry.region.not_found"] = "行政区划“{0}”不存在",
        ["registry.region.parent_missing"] = "上级行政区划“{0}”尚未登记，请先添加上级区划",
        ["registry.region.out_of_scope"] = "行政区划“{0}”不在您的数据权限范围内",
        ["registry.region.has_children"] = "行政区划“{0}”下仍有下级区划",
        ["registry.watershed.code_taken"] = "小流域编码“{0}”已被使用",
        ["registry.watershed.not_found"] = "小流域“{0}”不存在或不在您的权限范围内",
        ["registry.watershed.name_required"] = "请填写小流域名称",
        ["registry.watershed.period_invalid"] = "面积须大于 0，治理期起止年份须合理（结束年份不早于开始年份，跨度不超过 30 年）",
        ["registry.plot.not_found"] = "地块“{0}”不存在或不在您的权限范围内",
        ["registry.plot.code_taken"] = "地块编码“{0}”已被使用",
        ["registry.plot.geometry_invalid"] = "地块几何图形无效：{0}",
        ["registry.plot.geometry_not_polygon"] = "地块几何须为面（Polygon/MultiPolygon），实际为 {0}",
        ["registry.plot.outside_cgcs2000_extent"] = "地块坐标超出中国范围，请确认坐标系为 CGCS2000 经纬度（EPSG:4490）",
        ["registry.plot.overlaps"] = "地块与已登记地块“{0}”重叠 {1}%，超过允许的 0.5%",
        ["registry.plot.land_use_unknown"] = "土地利用分类代码“{0}”不在 GB/T 21010-2017 中",
        ["registry.holder.not_found"] = "权利人“{0}”不存在",
        ["registry.holder.name_required"] = "请填写权利人名称",
        ["registry.holder.credit_code_invalid"] = "统一社会信用代码“{0}”校验不通过（GB 32100）",
        ["registry.holder.credit_code_required"] = "组织类权利人须填写统一社会信用代码",
        ["registry.holder.id_number_invalid"] = "居民身份证号码校验不通过（GB 11643）",
        ["registry.holder.id_number_required"] = "个人权利人须填写居民身份证号码",
        ["registry.holder.duplicate"] = "证件号码为“{0}”的权利人已登记",
        ["registry.right.term_invalid"] = "权利期限无效：使用权、经营权须有期限，且结束日期不早于开始日期",
        ["registry.right.duplicate"] = "该地块在此期间已有同类权利（{0}）",
        ["registry.right.certificate_required"] = "请填写权属证书编号",
        ["registry.right.not_found"] = "权利记录“{0}”不存在",
        ["registry.dispute.not_found"] = "争议记录“{0}”不存在",
        ["registry.dispute.already_resolved"] = "该争议已处理完毕",
        ["registry.dispute.description_required"] = "请填写争议或处理情况说明",
        ["registry.pledge.not_found"] = "抵押记录“{0}”不存在",
        ["registry.pledge.already_released"] = "该抵押已解除",
        ["registry.tradability.disputed"] = "地块“{0}”存在未解决的权属争议，不得交易",
        ["registry.tradability.pledged"] = "地块“{0}”处于抵押状态，须解除抵押或经抵押权人同意后方可交易",
        ["registry.tradability.rights_unconfirmed"] = "地块“{0}”尚未确权，不得交易",
        ["registry.catalog.adjustment_outside_first_quarter"] = "培育目录清单每年第一季度动态调整，{0} 年第一季度已过",
        ["registry.catalog.period_invalid"] = "目录清单年度无效：按 3 年期滚动编制，计划年度须在清单期内",
        ["registry.catalog.empty"] = "目录清单至少应包含一项产品",
        ["registry.catalog.reason_required"] = "请填写编制或调整理由",
        ["registry.import.empty"] = "文件中没有可导入的记录",
        ["registry.import.file_unreadable"] = "文件无法读取：{0}",
        ["registry.import.crs_unsupported"] = "坐标系“{0}”不受支持，请使用 CGCS2000 经纬度（EPSG:4490）",
        ["registry.import.field_missing"] = "缺少必填字段“{0}”",
        ["registry.import.duplicate_in_file"] = "编码“{0}”在文件中重复出现",
        ["registry.import.too_large"] = "文件过大（上限 {0} 字节）",
        ["access.user.name_taken"] = "用户名“{0}”已存在",
        ["access.user.not_found"] = "用户不存在或不在您的管理范围内",
        ["access.user.name_invalid"] = "用户名不能为空、不能含空格，且不超过 64 个字符",
        ["access.role.unknown"] = "角色“{0}”不存在",
        ["access.role.admin_duties_combined"] = "系统管理员、安全管理员、审计管理员须由不同账号担任（三权分立）",
        ["access.user.region_invalid"] = "行政区划代码“{0}”无效",
        ["access.user.region_out_of_scope"] = "不能为本人管理范围以外的区划“{0}”设置账号",
        ["access.password.rejected"] = "密码不符合要求：{0}",
        ["access.password.wrong"] = "原密码不正确",
        ["access.user.cannot_disable_self"] = "不能停用当前登录的账号",
        ["access.signin.failed"] = "用户名或密码错误",
        ["access.signin.locked_out"] = "账号因多次登录失败已被锁定，请稍后再试或联系管理员",
        ["access.signin.disabled"] = "账号已停用，请联系管理员",
        ["access.signin.expired"] = "会话已过期，请重新登录",
        ["trading.calendar.not_covered"] = "{0} 年的节假日安排尚未录入，无法计算工作日，请先导入当年国务院办公厅通知",
        ["trading.calendar.year_exists"] = "{0} 年的节假日安排已录入",
        ["trading.calendar.date_outside_year"] = "导入的日期不属于 {0} 年",
        ["trading.deal.forbidden"] = "您无权执行此操作（{0}）",
        ["trading.deal.not_found"] = "交易不存在或不在您的管理范围内",
        ["trading.deal.code_taken"] = "交易编号“{0}”已存在",
        ["trading.deal.field_required"] = "请填写{0}",
        ["trading.deal.wrong_state"] = "交易当前处于“{0}”环节，不能执行此操作",
        ["trading.deal.reason_required"] = "请填写理由",
        ["trading.work_plan.approval_required"] = "请填写县级人民政府批复文号",
        ["trading.accounting.value_invalid"] = "核算价值须大于零",
        ["trading.deal.report_required"] = "请填写报告编号及方法",
        ["trading.transferor.not_found"] = "出让方不存在",
        ["trading.transferor.not_tradable"] = "地块权属不满足交易条件（须已确权、无争议、无限制交易的抵押）：{0}",
        ["trading.appraisal.value_invalid"] = "评估价值须大于零",
        ["trading.promotion.required"] = "请填写推介情况",
        ["trading.distribution.share_invalid"] = "收益分配方案须列明各方名称且比例大于零",
        ["trading.distribution.not_whole"] = "收益分配比例合计须为 100%（当前 {0} 个基点，应为 10000）",
        ["trading.distribution.party_duplicate"] = "收益分配方案中同一方不能重复列出",
        ["trading.distribution.fee_invalid"] = "核算费、评估费不能为负，平台服务费率须小于 100%",
        ["trading.listing.terms_invalid"] = "挂牌条件不完整：挂牌价、保证金、加价幅度须大于零，限时竞价周期、优先权行使期、公示期须为正数",
        ["trading.listing.price_below_appraisal"] = "挂牌价不得低于评估价 {0} 元",
        ["trading.listing.registration_closed"] = "挂牌公示期已结束，不再受理报名、资格审核和保证金",
        ["trading.publicity.not_over"] = "公示期尚未结束",
        ["trading.publicity.over"] = "公示期已结束",
        ["trading.bidder.not_found"] = "意向受让方不存在",
        ["trading.bidder.already_registered"] = "该主体已报名",
        ["trading.bidder.already_reviewed"] = "该意向受让方已完成资格审核",
        ["trading.bidder.not_qualified"] = "未通过资格审核，不能参与竞价",
        ["trading.bidder.holder_not_found"] = "经营主体“{0}”未在权利人登记中找到，或不是培育投资主体",
        ["trading.bidder.transferor_may_not_bid"] = "出让方不能作为意向受让方报名",
        ["trading.deposit.already_paid"] = "保证金已缴纳",
        ["trading.deposit.amount_wrong"] = "保证金金额应为 {0} 元",
        ["trading.deposit.account_required"] = "请提供缴款账户（退还时原路返回）",
        ["trading.deposit.not_paid"] = "未缴纳保证金，不能参与竞价",
        ["trading.bid.client_request_id_required"] = "报价请求缺少请求编号，请刷新页面后重试",
        ["trading.bid.auction_not_started"] = "竞价尚未开始",
        ["trading.bid.auction_closed"] = "竞价已结束，报价未被接受",
        ["trading.auction.not_over"] = "竞价尚未结束",
        ["trading.bid.below_listing_price"] = "报价不得低于挂牌价 {0} 元",
        ["trading.bid.below_increment"] = "报价须不低于 {0} 元（当前最高价加一个加价幅度）",
        ["trading.bid.already_highest"] = "您已是当前最高报价人",
        ["trading.priority.not_holder"] = "只有经核实的培育投资主体可以行使优先经营权",
        ["trading.priority.window_closed"] = "优先权行使期已结束",
        ["trading.priority.window_open"] = "优先权行使期尚未结束",
        ["trading.objection.text_required"] = "请填写异议内容",
        ["trading.objection.not_found"] = "异议不存在",
        ["trading.objection.already_resolved"] = "该异议已处理",
        ["trading.objection.open"] = "尚有未处理的异议，不能签订合同",
        ["trading.objection.upheld"] = "异议成立，须由主管部门中止或终止交易后再行处理",
        ["trading.contract.incomplete"] = "合同须载明合同编号、水土保持生态保护责任和违约条款",
        ["trading.contract.term_invalid"] = "经营期限须为 1 至 70 年",
        ["trading.contract.payment_schedule_invalid"] = "付款计划各期金额须大于零且合计等于成交价 {0} 元",
        ["trading.filing.already_filed"] = "已向该部门报备（{0}）",
        ["trading.certificate.not_found"] = "交易凭证“{0}”不存在",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IEnumerable<string> Codes => Messages.Keys;

    public static bool Has(string code) => Messages.ContainsKey(code);

    public static string For(Error error)
    {
        if (!Messages.TryGetValue(error.Code, out var format))
        {
            return $"操作未完成（{error.Code}）";
        }

        var text = string.Format(CultureInfo.InvariantCulture, format, error.Args.Select(a => a ?? "").ToArray());
        return error.Target is null ? text : $"{error.Target}：{text}";
    }

    public static string For(string code, params object[] args) => For(new Error(code, args));
}
