namespace TuyPhuoc.Submissions.Domain;

/// <summary>One value of a cell (unit, indicator, year, month). A correction adds a revision; none is ever rewritten.</summary>
public sealed class ActualRevision
{
    public required string UnitCode { get; set; }
    public required string IndicatorCode { get; set; }
    public int Year { get; set; }
    public int Month { get; set; }
    /// <summary>1 for the first value of the cell, then 2, 3, ...</summary>
    public int Revision { get; set; }
    public double Value { get; set; }
    public string Note { get; set; } = "";
    public string Solutions { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedBy { get; set; }
    public Origin Origin { get; set; }
    /// <summary>The import batch that brought it; null for interactive submissions.</summary>
    public Guid? BatchId { get; set; }

    public string CellKey => CellKeyOf(UnitCode, IndicatorCode, Year, Month);

    public static string CellKeyOf(string unit, string indicator, int year, int month) => $"{unit}/{indicator}/{year}/{month}";
}
