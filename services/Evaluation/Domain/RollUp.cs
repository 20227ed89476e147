namespace TuyPhuoc.Evaluation.Domain;

public static class RollUp
{
    /// <summary>
    /// The district's monthly figures of a commune-allocated cumulative indicator: the sum of the units' actuals,
    /// a month counting as submitted when any unit submitted it.
    /// </summary>
    public static IReadOnlyList<decimal?> DistrictMonthlyActuals(IEnumerable<IReadOnlyList<decimal?>> unitMonthlyActuals)
    {
        var district = new decimal?[12];
        foreach (var unit in unitMonthlyActuals)
        {
            if (unit.Count != 12)
                throw new ArgumentException("Twelve monthly actuals are expected per unit.", nameof(unitMonthlyActuals));
            for (var m = 0; m < 12; m++)
            {
                if (unit[m] is { } amount)
                    district[m] = (district[m] ?? 0) + amount;
            }
        }
        return district;
    }
}
