namespace TuyPhuoc.Evaluation.Domain;

/// <summary>Which units a district figure formed from the communes' own covers in a quarter: the rest leave it short.</summary>
/// <param name="Expected">The units the figure sums or averages.</param>
public sealed record RollUpCoverage(int Expected, IReadOnlyList<string> Reported, IReadOnlyList<string> NotReported)
{
    /// <summary>
    /// A unit reported quarter <paramref name="quarter"/> when it submitted every month of it up to the latest month any
    /// of the units submitted (the figure's month; a quarter under way is not held against anyone), or, for a level or
    /// rate, whose latest value is the quarter's, that month itself. Nobody submitting anything: nobody reported.
    /// </summary>
    public static RollUpCoverage Of(MeasureKind kind, int quarter, IReadOnlyList<(string Unit, IReadOnlyList<decimal?> Months)> units)
    {
        var first = 3 * (quarter - 1);
        var through = -1;
        for (var m = first + 2; m >= first && through < 0; m--)
        {
            if (units.Any(u => u.Months.Count > m && u.Months[m] is not null)) through = m;
        }
        var from = kind == MeasureKind.Cumulative ? first : through;
        bool HasReported(IReadOnlyList<decimal?> months)
        {
            if (through < 0) return false;
            for (var m = from; m <= through; m++)
            {
                if (months.Count <= m || months[m] is null) return false;
            }
            return true;
        }
        var ordered = units.OrderBy(u => u.Unit, StringComparer.Ordinal).ToList();
        return new(units.Count, [.. ordered.Where(u => HasReported(u.Months)).Select(u => u.Unit)], [.. ordered.Where(u => !HasReported(u.Months)).Select(u => u.Unit)]);
    }
}
