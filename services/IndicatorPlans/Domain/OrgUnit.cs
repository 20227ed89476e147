namespace TuyPhuoc.IndicatorPlans.Domain;

/// <summary>An organisation unit: the district, an office, a commune or town. Units are data with effective dates.</summary>
public sealed class OrgUnit
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public UnitKind Kind { get; set; }
    public string? ParentCode { get; set; }
    public SectorBlock? Block { get; set; }
    public DateOnly ValidFrom { get; set; }
    /// <summary>The first day the unit no longer exists.</summary>
    public DateOnly? ValidTo { get; set; }
    public string? MergedIntoCode { get; set; }

    public bool ExistsOn(DateOnly date) => ValidFrom <= date && (ValidTo is null || date < ValidTo);
    public bool IsCommuneLevel => Kind.IsCommuneLevel();
}
