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
        ["ogc.collection.not_found"] = "要素集合“{0}”不存在",
        ["ogc.feature.not_found"] = "要素“{0}”不存在",
        ["ogc.bbox.invalid"] = "bbox 参数无效：{0}",
        ["ogc.limit.invalid"] = "limit 参数须为 1 至 {0} 之间的整数",
        ["ogc.offset.invalid"] = "offset 参数须为不小于 0 的整数",
        ["ogc.format.unsupported"] = "不支持的输出格式“{0}”，请使用 f=json 或 f=geojson",
        ["registry.import.file_type_invalid"] = "文件“{0}”的类型与扩展名不符或不受支持，请上传 .zip（Shapefile）、.geojson 或 .xlsx 文件",
        ["registry.import.too_many_entries"] = "压缩包内文件过多（上限 {0} 个）",
        ["registry.import.too_many_rows"] = "记录过多（每次上限 {0} 条），请分批导入",
        ["registry.import.shapefile_part_missing"] = "Shapefile 缺少 {0} 文件，请将 .shp、.shx、.dbf、.prj（及 .cpg）一并压缩上传",
        ["registry.import.encoding_unsupported"] = "不支持 .cpg 中指定的字符编码“{0}”，请使用 GBK 或 UTF-8",
        ["registry.import.value_invalid"] = "取值“{0}”无效，请按模板填写说明填写",
        ["access.user.name_taken"] = "用户名“{0}”已存在",
        ["access.user.not_found"] = "用户不存在或不在您的管理范围内",
        ["access.user.name_invalid"] = "用户名不能为空、不能含空格，且不超过 64 个字符",
        ["access.role.unknown"] = "角色“{0}”不存在",
        ["access.role.admin_duties_combined"] = "系统管理员、安全管理员、审计管理员须由不同账号担任（三权分立）",
        ["access.user.region_invalid"] = "行政区划代码“{0}”无效",
        ["access.user.region_out_of_scope"] = "不能为本人管理范围以外的区划“{0}”设置账号",
        ["access.password.rejected"] = "密码不符合要求：{0}",
        ["access.password.wrong"] = "原密码不正确",
        ["access.password.mismatch"] = "两次输入的新密码不一致",
        ["access.user.cannot_disable_self"] = "不能停用当前登录的账号",
        ["access.signin.failed"] = "用户名或密码错误",
        ["access.signin.locked_out"] = "账号因多次登录失败已被锁定，请稍后再试或联系管理员",
        ["access.signin.disabled"] = "账号已停用，请联系管理员",
        ["access.signin.expired"] = "会话已过期，请重新登录",
        ["accounting.parameter_set.not_found"] = "参数集“{0}”不存在或不在您的权限范围内",
        ["accounting.parameter_set.version_taken"] = "参数集版本“{0}”已存在，请使用新的版本号",
        ["accounting.parameter_set.in_use"] = "参数集“{0}”已被核算任务使用，不得修改；请派生新版本",
        ["accounting.parameter_set.not_approved"] = "参数集“{0}”尚未批准，不能用于核算",
        ["accounting.parameter_set.already_approved"] = "参数集“{0}”已批准，不得修改或重复批准",
        ["accounting.parameter_set.invalid"] = "参数集格式无效：{0}",
        ["accounting.parameter_set.approver_is_author"] = "参数集须由编制人以外的账号批准",
        ["accounting.run.not_found"] = "核算任务“{0}”不存在或不在您的权限范围内",
        ["accounting.run.frozen"] = "核算结果已批准并冻结，不得再修改",
        ["accounting.run.wrong_state"] = "核算任务当前状态（{0}）不允许此操作",
        ["accounting.run.role_not_allowed"] = "您的角色无权执行此操作（{0}）",
        ["accounting.run.reviewer_is_preparer"] = "审核人不得为编制人本人",
        ["accounting.run.approver_is_preparer_or_reviewer"] = "批准人不得为编制人或审核人",
        ["accounting.run.comment_required"] = "退回时请填写意见",
        ["accounting.run.year_invalid"] = "核算年度 {0} 无效：须在 2000 年至今之间",
        ["accounting.run.method_unknown"] = "核算方法版本“{0}”不存在",
        ["accounting.run.watershed_not_found"] = "小流域“{0}”不存在或不在您的权限范围内",
        ["accounting.run.watershed_has_no_plots"] = "小流域“{0}”尚无登记地块，无法核算",
        ["accounting.run.not_computed"] = "核算任务尚未计算完成",
        ["accounting.input.empty"] = "输入表中没有地块数据",
        ["accounting.input.unreadable"] = "输入文件无法读取：{0}",
        ["accounting.input.plot_code_missing"] = "输入表缺少地块编码列（plot_code 或 地块编码），或有行未填地块编码",
        ["accounting.input.column_unknown"] = "输入表列“{0}”无法识别：应为功能量名称（如 soil_retained_tonnes）或 product:指标:产品:单位",
        ["accounting.input.value_invalid"] = "地块“{0}”的“{1}”值“{2}”不是有效数字（不接受 NaN、无穷大）",
        ["accounting.input.value_negative"] = "地块“{0}”的“{1}”为负值（{2}）",
        ["accounting.input.plot_duplicate"] = "地块“{0}”在输入表中重复出现",
        ["accounting.input.plot_not_in_watershed"] = "地块“{0}”不属于小流域“{1}”或尚未登记",
        ["accounting.input.plot_attributes_missing"] = "地块“{0}”缺少“{1}”",
        ["accounting.input.quantity_conflict"] = "地块“{0}”的“{1}”在多个输入图层中重复给出",
        ["accounting.parameter.out_of_range"] = "参数取值 {0} 超出允许范围 [{1}, {2}]",
        ["accounting.parameter.missing"] = "参数集中缺少该参数，当前方法和输入需要它",
        ["accounting.parameter.price_year_missing"] = "价格参数缺少价格年份",
        ["accounting.parameter.price_year_mismatch"] = "价格年份 {0} 与核算年度 {1} 不一致，须先按价格指数调整并记录（核算规则第 4 节）",
        ["accounting.parameter.source_missing"] = "参数缺少来源出处",
        ["accounting.parameter.unit_invalid"] = "碳价的计价单位须为 元/t C 或 元/t CO₂",
        ["accounting.plot.duplicate"] = "地块编号重复",
        ["accounting.plot.quantity_negative"] = "“{0}”为负值（{1}），功能量不得为负",
        ["accounting.plot.input_missing"] = "缺少输入量“{0}”",
        ["accounting.plot.land_use_invalid"] = "土地利用代码“{0}”不符合 GB/T 21010 格式（2 位或 4 位数字）",
        ["accounting.plot.product_unit_mismatch"] = "产品“{0}”的计量单位 {1} 与其单价的计价单位 {2} 不一致",
        ["accounting.plot.product_indicator_invalid"] = "产品“{0}”归入的指标 {1} 不属于物质供给（M1–M7）",
        ["accounting.indicator.not_implemented"] = "该指标尚无计算方法（仅列入指标目录）",
        ["accounting.double_counting.water_conservation_models"] = "水源涵养（水量平衡）与水土保持保水量同时给出，涉及 {0} 个地块，按 {1} 计值（核算规则 6.6 第 1 条）",
        ["accounting.double_counting.water_conservation_and_water_supply"] = "水源涵养与水资源供给（M7）同时计值，用于定价时须注意重复计算（核算规则 6.6 第 2 条）",
        ["accounting.double_counting.soil_nutrients_and_water_purification"] = "土壤保持减少的氮磷与水质净化重复计算，涉及 {0} 个地块（核算规则 6.6 第 3 条）",
        ["accounting.double_counting.fertility_and_non_point_pollution"] = "保持土壤肥力与面源污染削减不应在同一次核算中同时计值（核算规则 6.6 第 4 条）",
        ["accounting.double_counting.carbon_and_oxygen"] = "固碳与释氧来自同一净初级生产力，国家口径只计固碳（核算规则 6.6 第 5 条）",
        ["accounting.double_counting.tourism_revenue_and_products"] = "按收入法计的休闲旅游与农产品在 {0} 个地块上可能重复计算（核算规则 6.6 第 6 条）",
        ["accounting.check.recomputed_value_mismatch"] = "存储价值量 {0} 与重算值（功能量×单价）{1} 不一致",
        ["accounting.check.category_sum_mismatch"] = "分类合计 {0} 与总价值 {1} 不一致",
        ["accounting.check.plot_sum_mismatch"] = "地块合计 {0} 加未分配 {1} 与流域总量 {2} 不一致",
        ["accounting.check.oxygen_carbon_ratio"] = "释氧量与固碳量之比 {0} 超出 0.6–0.9",
        ["accounting.check.soil_retention_implausible"] = "土壤保持量 {0} t/(hm²·a) 超过 500，请核实",
        ["accounting.check.avoided_land_loss_implausible"] = "减少土地废弃面积 {0} hm²/hm² 不合理（应小于 1）",
        ["accounting.check.water_balance_clamped"] = "水量平衡在 {0} 个像元上为负并按零计",
        ["appraisal.reserve_price.below_cost_floor"] = "底价 {0} 低于成本法下限 {1}，且未记录理由",
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
