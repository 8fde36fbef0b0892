namespace Qingshan.Registry;

/// <summary>Event type names written to the outbox (and so to the audit log) by this module.</summary>
public static class RegistryEvents
{
    public const string Module = "registry";
    public const string RegionSaved = "RegionSaved";
    public const string WatershedRegistered = "WatershedRegistered";
    public const string WatershedUpdated = "WatershedUpdated";
    public const string PlotRegistered = "PlotRegistered";
    public const string PlotsImported = "PlotsImported";
    public const string HolderRegistered = "RightsHolderRegistered";
    public const string HoldersImported = "RightsHoldersImported";
    public const string RightConfirmed = "RightConfirmed";
    public const string RightsImported = "RightsImported";
    public const string DisputeRecorded = "DisputeRecorded";
    public const string DisputeResolved = "DisputeResolved";
    public const string PledgeRecorded = "PledgeRecorded";
    public const string PledgeReleased = "PledgeReleased";
    public const string CatalogAdjusted = "CatalogAdjusted";
}
