using Qingshan.Kernel;

namespace Qingshan.Registry;

/// <summary>Every refusal the registry can give. Messages live in the web host's zh-CN table.</summary>
public static class RegistryErrors
{
    public static Error RegionCodeInvalid(string code) => new("registry.region.code_invalid", code);
    public static Error RegionNotFound(string code) => new("registry.region.not_found", code);
    public static Error RegionParentMissing(string code) => new("registry.region.parent_missing", code);
    public static Error RegionOutOfScope(string code) => new("registry.region.out_of_scope", code);
    public static Error RegionHasChildren(string code) => new("registry.region.has_children", code);

    public static Error WatershedCodeTaken(string code) => new("registry.watershed.code_taken", code);
    public static Error WatershedNotFound(string code) => new("registry.watershed.not_found", code);
    public static Error WatershedNameRequired() => new("registry.watershed.name_required");
    public static Error WatershedPeriodInvalid() => new("registry.watershed.period_invalid");

    public static Error PlotNotFound(string code) => new("registry.plot.not_found", code);
    public static Error PlotCodeTaken(string code) => new("registry.plot.code_taken", code);
    public static Error PlotGeometryInvalid(string reason) => new("registry.plot.geometry_invalid", reason);
    public static Error PlotGeometryNotPolygon(string type) => new("registry.plot.geometry_not_polygon", type);
    public static Error PlotOutsideChina() => new("registry.plot.outside_cgcs2000_extent");
    public static Error PlotOverlaps(string other, double percent) => new("registry.plot.overlaps", other, percent);
    public static Error LandUseCodeUnknown(string code) => new("registry.plot.land_use_unknown", code);

    public static Error HolderNotFound(string id) => new("registry.holder.not_found", id);
    public static Error HolderNameRequired() => new("registry.holder.name_required");
    public static Error CreditCodeInvalid(string code) => new("registry.holder.credit_code_invalid", code);
    public static Error CreditCodeRequired() => new("registry.holder.credit_code_required");
    public static Error IdNumberInvalid() => new("registry.holder.id_number_invalid");
    public static Error IdNumberRequired() => new("registry.holder.id_number_required");
    public static Error HolderDuplicate(string code) => new("registry.holder.duplicate", code);

    public static Error RightTermInvalid() => new("registry.right.term_invalid");
    public static Error RightDuplicate(string kind) => new("registry.right.duplicate", kind);
    public static Error RightCertificateRequired() => new("registry.right.certificate_required");
    public static Error RightNotFound(string id) => new("registry.right.not_found", id);

    public static Error DisputeNotFound(string id) => new("registry.dispute.not_found", id);
    public static Error DisputeAlreadyResolved() => new("registry.dispute.already_resolved");
    public static Error DisputeDescriptionRequired() => new("registry.dispute.description_required");

    public static Error PledgeNotFound(string id) => new("registry.pledge.not_found", id);
    public static Error PledgeAlreadyReleased() => new("registry.pledge.already_released");

    public static Error NotTradableDisputed(string plot) => new("registry.tradability.disputed", plot);
    public static Error NotTradablePledged(string plot) => new("registry.tradability.pledged", plot);
    public static Error NotTradableUnconfirmed(string plot) => new("registry.tradability.rights_unconfirmed", plot);

    public static Error CatalogAdjustmentOutsideFirstQuarter(int year) => new("registry.catalog.adjustment_outside_first_quarter", year);
    public static Error CatalogPeriodInvalid() => new("registry.catalog.period_invalid");
    public static Error CatalogEmpty() => new("registry.catalog.empty");
    public static Error CatalogReasonRequired() => new("registry.catalog.reason_required");

    public static Error ImportEmpty() => new("registry.import.empty");
    public static Error ImportFileUnreadable(string reason) => new("registry.import.file_unreadable", reason);
    public static Error ImportCrsUnsupported(string crs) => new("registry.import.crs_unsupported", crs);
    public static Error ImportFieldMissing(string field) => new("registry.import.field_missing", field);
    public static Error ImportDuplicateInFile(string code) => new("registry.import.duplicate_in_file", code);
    public static Error ImportTooLarge(long limit) => new("registry.import.too_large", limit);
    public static Error ImportFileTypeInvalid(string fileName) => new("registry.import.file_type_invalid", fileName);
    public static Error ImportTooManyEntries(int limit) => new("registry.import.too_many_entries", limit);
    public static Error ImportTooManyRows(int limit) => new("registry.import.too_many_rows", limit);
    public static Error ImportShapefilePartMissing(string part) => new("registry.import.shapefile_part_missing", part);
    public static Error ImportEncodingUnsupported(string name) => new("registry.import.encoding_unsupported", name);
    public static Error ImportValueInvalid(string value) => new("registry.import.value_invalid", value);
}
