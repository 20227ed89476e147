namespace TuyPhuoc.Evaluation.Domain;

/// <summary>Month by month, the sum of several units' actuals and how many units submitted the month.</summary>
public sealed class MonthlyTotals(decimal[] sum, int[] count)
{
    public MonthlyTotals() : this(new decimal[12], new int[12]) { }

    public decimal[] Sum { get; } = sum.Length == 12 && count.Length == 12 ? sum : throw new ArgumentException("Twelve months are expected.");
    public int[] Count { get; } = count;

    public void Add(int month, decimal value, int units = 1)
    {
        Sum[month - 1] += value;
        Count[month - 1] += units;
    }

    /// <summary>
    /// The totals after stored revisions take the place of the values they replace (null for a month no unit had
    /// filled): each adds its value less the replaced one, and a month filled for the first time counts one more unit.
    /// </summary>
    public MonthlyTotals Apply(IEnumerable<(int Month, decimal Value, MonthlyActual? Replaced)> revisions)
    {
        foreach (var (month, value, replaced) in revisions) Add(month, value - (replaced?.Value ?? 0), replaced is null ? 1 : 0);
        return this;
    }

    public static MonthlyTotals Of(IEnumerable<MonthlyActual?[]?> units)
    {
        var totals = new MonthlyTotals();
        foreach (var months in units)
        {
            if (months is null) continue;
            for (var m = 0; m < 12; m++)
            {
                if (months[m] is { } x) totals.Add(m + 1, x.Value);
            }
        }
        return totals;
    }
}
