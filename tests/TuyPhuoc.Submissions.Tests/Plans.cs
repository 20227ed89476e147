using TuyPhuoc.Submissions.Domain;

namespace TuyPhuoc.Submissions.Tests;

/// <summary>A small plan for the rules: a commune with a revenue and a percentage, an office with a growth rate and a year-end indicator;
/// TCKH (economy block) answers for the revenue and the growth rate, VHTT (culture and society) for the year-end one.</summary>
internal static class Plans
{
    public static readonly DateOnly Today = new(2024, 8, 15);

    public static PlanView Small(int year = 2024) => new(
        year,
        new Dictionary<string, IndicatorInfo>
        {
            ["REV"] = new("REV", MeasureKind.Cumulative, Block: "economy", Office: "TCKH"),
            ["PCT"] = new("PCT", MeasureKind.Level, 0, 100),
            ["GRO"] = new("GRO", MeasureKind.Growth, -100, 100, "economy", "TCKH"),
            ["INC"] = new("INC", MeasureKind.YearEnd, Block: "culture_society", Office: "VHTT"),
        },
        new Dictionary<string, UnitInfo>
        {
            ["PHUOC_THANG"] = new("PHUOC_THANG", UnitKind.Commune),
            ["PHUOC_HUNG"] = new("PHUOC_HUNG", UnitKind.Commune),
            ["TCKH"] = new("TCKH", UnitKind.Office, "economy"),
            ["VHTT"] = new("VHTT", UnitKind.Office, "culture_society"),
        },
        new Dictionary<string, IReadOnlySet<string>>
        {
            ["PHUOC_THANG"] = new HashSet<string> { "REV", "PCT" },
            ["TCKH"] = new HashSet<string> { "GRO", "INC" },
        });

    public static ActualInput Input(string unit = "PHUOC_THANG", string indicator = "REV", int year = 2024, int month = 7, double value = 12.5, string note = "", string solutions = "") =>
        new(unit, indicator, year, month, value, note, solutions);
}
