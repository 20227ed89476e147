namespace TuyPhuoc.Submissions.Domain;

public sealed record ActualInput(string UnitCode, string IndicatorCode, int Year, int Month, double Value, string Note, string Solutions = "")
{
    public (string Unit, string Indicator, int Year, int Month) Cell => (UnitCode, IndicatorCode, Year, Month);

    /// <summary>The month of the unit's report this value belongs to: what an approval locks.</summary>
    public (string Unit, int Year, int Month) ReportMonth => (UnitCode, Year, Month);
}
