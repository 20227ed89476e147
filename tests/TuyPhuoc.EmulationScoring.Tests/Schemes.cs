using TuyPhuoc.EmulationScoring.Domain;

namespace TuyPhuoc.EmulationScoring.Tests;

internal static class Schemes
{
    public static ScoringScheme Default => DefaultSchemes.Year2024;

    public static IndicatorAchievement Indicator(string code, double? x, bool yearEnd = false) => new(code, x, yearEnd);

    /// <summary>Four equal indicators at exactly 100%, the first replaced by <paramref name="x"/>.</summary>
    public static IndicatorAchievement[] FourWith(double? x) =>
        [Indicator("A", x), Indicator("B", 1.0), Indicator("C", 1.0), Indicator("D", 1.0)];
}
