using NetTopologySuite.Geometries;

namespace Qingshan.Registry.Watersheds;

/// <summary>Treatment status of a clean small watershed (生态清洁小流域).</summary>
public enum WatershedStatus
{
    /// <summary>规划中</summary>
    Planned = 0,

    /// <summary>治理中</summary>
    UnderTreatment = 1,

    /// <summary>已验收</summary>
    Accepted = 2,

    /// <summary>运营中 (products traded / maintained)</summary>
    Operating = 3,
}

internal sealed class Watershed
{
    private Watershed()
    {
    }

    public Watershed(string code, string name, string regionCode, decimal areaSquareKilometres, int treatmentStartYear, int treatmentEndYear, WatershedStatus status, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        Code = code;
        Name = name;
        RegionCode = regionCode;
        AreaSquareKilometres = areaSquareKilometres;
        TreatmentStartYear = treatmentStartYear;
        TreatmentEndYear = treatmentEndYear;
        Status = status;
        CreatedAt = at;
    }

    public Guid Id { get; private set; }

    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string RegionCode { get; private set; } = "";

    public decimal AreaSquareKilometres { get; private set; }

    public int TreatmentStartYear { get; private set; }

    public int TreatmentEndYear { get; private set; }

    public WatershedStatus Status { get; private set; }

    public MultiPolygon? Boundary { get; private set; }

    public string? Description { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public void Update(string name, decimal area, int startYear, int endYear, WatershedStatus status, string? description)
    {
        Name = name;
        AreaSquareKilometres = area;
        TreatmentStartYear = startYear;
        TreatmentEndYear = endYear;
        Status = status;
        Description = description;
    }

    public void SetBoundary(MultiPolygon boundary) => Boundary = boundary;
}
