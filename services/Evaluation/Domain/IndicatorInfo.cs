namespace TuyPhuoc.Evaluation.Domain;

public sealed record IndicatorInfo(
    string Code, MeasureKind Kind, Direction Direction, decimal? Baseline, IndicatorSource Source, string Block,
    string ResponsibleOffice, bool CommuneAllocated)
{
    public IndicatorDefinition Definition => new(Code, Kind, Direction, Baseline);
}
