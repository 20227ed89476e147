namespace TuyPhuoc.Evaluation.Data;

/// <summary>Whether a unit's monthly report is approved, as the submissions' feed last said (the sequence that said it).</summary>
public sealed class ReportStateRow
{
    public int Year { get; set; }
    public required string UnitCode { get; set; }
    public int Month { get; set; }
    public bool Approved { get; set; }
    public long SourceSequence { get; set; }
}
