namespace TuyPhuoc.Evaluation.Data;

/// <summary>A stored result as the queries read it.</summary>
public sealed record StoredResult(ResultKey Key, string ReportingUnit, bool DistrictFigure, string Source, string Block, byte[] Snapshot, DateTimeOffset ComputedAt);
