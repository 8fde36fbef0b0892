namespace Qingshan.Registry.Catalog;

/// <summary>
/// One version of a region's 3-year rolling cultivation catalog (培育目录清单). Each adjustment writes a new
/// version; old versions are never changed, so the full history stays readable.
/// </summary>
internal sealed class CatalogVersion
{
    private CatalogVersion()
    {
    }

    public CatalogVersion(string regionCode, int firstYear, int version, string reason, string adjustedBy, DateTimeOffset at, IEnumerable<CatalogItem> items)
    {
        Id = Guid.CreateVersion7();
        RegionCode = regionCode;
        FirstYear = firstYear;
        Version = version;
        Reason = reason;
        AdjustedBy = adjustedBy;
        AdjustedAt = at;
        Items = items.ToList();
    }

    public Guid Id { get; private set; }

    public string RegionCode { get; private set; } = "";

    /// <summary>The catalog covers FirstYear .. FirstYear + 2.</summary>
    public int FirstYear { get; private set; }

    public int Version { get; private set; }

    public string Reason { get; private set; } = "";

    public string AdjustedBy { get; private set; } = "";

    public DateTimeOffset AdjustedAt { get; private set; }

    public List<CatalogItem> Items { get; private set; } = [];
}

internal sealed class CatalogItem
{
    private CatalogItem()
    {
    }

    public CatalogItem(string productName, string productType, Guid? watershedId, int plannedYear, string? notes)
    {
        Id = Guid.CreateVersion7();
        ProductName = productName;
        ProductType = productType;
        WatershedId = watershedId;
        PlannedYear = plannedYear;
        Notes = notes;
    }

    public Guid Id { get; private set; }

    public Guid CatalogVersionId { get; private set; }

    public string ProductName { get; private set; } = "";

    /// <summary>e.g. 水土保持碳汇, 生态旅游经营权, 林下经济经营权.</summary>
    public string ProductType { get; private set; } = "";

    public Guid? WatershedId { get; private set; }

    public int PlannedYear { get; private set; }

    public string? Notes { get; private set; }
}
