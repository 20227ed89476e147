namespace TuyPhuoc.Submissions.Domain;

/// <summary>A year's plan as the submission rules see it: the catalog, the units and what each unit must report.</summary>
/// <param name="history">
/// A past year without a plan, whose actuals are kept as history for the comparison with the year after: any unit of
/// the year may give any indicator of the catalog, and no report is owed.
/// </param>
public sealed class PlanView(
    int year,
    IReadOnlyDictionary<string, IndicatorInfo> indicators,
    IReadOnlyDictionary<string, UnitInfo> units,
    IReadOnlyDictionary<string, IReadOnlySet<string>> assignedByUnit,
    bool history = false)
{
    public int Year => year;
    public IReadOnlyDictionary<string, IndicatorInfo> Indicators => indicators;
    public IReadOnlyDictionary<string, UnitInfo> Units => units;
    public bool History => history;

    public bool IsAssigned(string unitCode, string indicatorCode) =>
        history ? indicators.ContainsKey(indicatorCode) : assignedByUnit.TryGetValue(unitCode, out var assigned) && assigned.Contains(indicatorCode);

    public IReadOnlySet<string> AssignedTo(string unitCode) =>
        assignedByUnit.TryGetValue(unitCode, out var assigned) ? assigned : new HashSet<string>();

    /// <summary>
    /// The indicators a unit's report of the month must carry: every assigned one, except that year-end
    /// indicators are due only in December.
    /// </summary>
    public IReadOnlyList<string> ExpectedIn(string unitCode, int month) =>
    [
        .. AssignedTo(unitCode)
            .Where(code => month == 12 || !indicators.TryGetValue(code, out var i) || i.Kind != MeasureKind.YearEnd)
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>The indicators of the year's plan (assigned to some unit) that an office answers for, by code.</summary>
    public IReadOnlyList<string> AnsweredBy(string office) =>
    [
        .. indicators.Values.Where(i => i.Office == office && assignedByUnit.Values.Any(a => a.Contains(i.Code))).Select(i => i.Code).Order(StringComparer.Ordinal),
    ];

    /// <summary>The units that owe a report for the month, by code.</summary>
    public IReadOnlyList<string> ReportingUnits(int month) =>
        [.. assignedByUnit.Keys.Where(u => ExpectedIn(u, month).Count > 0).Order(StringComparer.Ordinal)];
}
