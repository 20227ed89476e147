namespace TuyPhuoc.Evaluation.Data;

/// <summary>A monthly report's step from the submissions' feed, reduced to whether it is now approved.</summary>
public sealed record ReportChange(string UnitCode, int Year, int Month, bool Approved, long Sequence);
