namespace TuyPhuoc.IndicatorPlans.Domain;

public sealed class BlockInfo
{
    public SectorBlock Block { get; set; }
    public required string Name { get; set; }
    public required string LeaderName { get; set; }
    public required string LeaderTitle { get; set; }
}
