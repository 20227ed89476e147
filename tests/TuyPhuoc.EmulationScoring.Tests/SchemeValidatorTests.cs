using TuyPhuoc.EmulationScoring.Domain;
using static TuyPhuoc.EmulationScoring.Tests.Schemes;

namespace TuyPhuoc.EmulationScoring.Tests;

public class SchemeValidatorTests
{
    private static readonly string[] Assigned = ["A", "B", "C"];

    [Fact]
    public void Validate_DefaultScheme_NoViolations()
    {
        Assert.Empty(SchemeValidator.Validate(Default, Assigned));
    }

    [Fact]
    public void Validate_ExplicitWeightsCoveringAssigned_NoViolations()
    {
        var scheme = Default with { Weights = Weights(("A", 50m), ("B", 30m), ("C", 20m), ("UNUSED", 0m)) };

        Assert.Empty(SchemeValidator.Validate(scheme, Assigned));
    }

    [Theory]
    [InlineData("negative weight", "weights[B]")]
    [InlineData("weight missing", "weights[C]")]
    [InlineData("weights total zero", "weights")]
    [InlineData("bands out of order", "bands.full_from")]
    [InlineData("negative band", "bands.proportional_from")]
    [InlineData("bonus below full", "bonus.exceed_from")]
    [InlineData("negative bonus cap", "bonus.cap")]
    [InlineData("negative bonus fraction", "bonus.fraction_of_weight")]
    [InlineData("negative late deduction", "deductions.per_late_report")]
    [InlineData("negative missing deduction", "deductions.per_missing_report")]
    [InlineData("negative escalation deduction", "deductions.per_overdue_escalation")]
    [InlineData("thresholds out of order", "classes[2].min_total")]
    [InlineData("single class", "classes")]
    [InlineData("repeated class code", "classes[1].code")]
    [InlineData("cap above one", "outstanding_cap.fraction")]
    [InlineData("cap below zero", "outstanding_cap.fraction")]
    [InlineData("unknown cap base", "outstanding_cap.base_level_code")]
    [InlineData("unknown tie-break key", "tie_break[1]")]
    [InlineData("repeated tie-break key", "tie_break[2]")]
    [InlineData("tie-break not by total first", "tie_break[0]")]
    [InlineData("year out of range", "year")]
    public void Validate_BrokenRule_OneViolationOnField(string rule, string field)
    {
        var violation = Assert.Single(SchemeValidator.Validate(Break(Default, rule), Assigned));

        Assert.Equal(field, violation.Field);
        Assert.False(string.IsNullOrWhiteSpace(violation.Description));
    }

    private static ScoringScheme Break(ScoringScheme s, string rule) => rule switch
    {
        "negative weight" => s with { Weights = Weights(("A", 1m), ("B", -1m), ("C", 1m)) },
        "weight missing" => s with { Weights = Weights(("A", 1m), ("B", 1m)) },
        "weights total zero" => s with { Weights = Weights(("A", 0m), ("B", 0m), ("C", 0m)) },
        "bands out of order" => s with { Bands = new ScoringBands(FullFrom: 0.9m, ProportionalFrom: 0.95m), Bonus = s.Bonus with { ExceedFrom = 1m } },
        "negative band" => s with { Bands = s.Bands with { ProportionalFrom = -0.1m } },
        "bonus below full" => s with { Bonus = s.Bonus with { ExceedFrom = 0.99m } },
        "negative bonus cap" => s with { Bonus = s.Bonus with { Cap = -1m } },
        "negative bonus fraction" => s with { Bonus = s.Bonus with { FractionOfWeight = -0.1m } },
        "negative late deduction" => s with { Deductions = s.Deductions with { PerLateReport = -0.5m } },
        "negative missing deduction" => s with { Deductions = s.Deductions with { PerMissingReport = -1m } },
        "negative escalation deduction" => s with { Deductions = s.Deductions with { PerOverdueEscalation = -1m } },
        "thresholds out of order" => s with { Classes = [s.Classes[0], s.Classes[1], s.Classes[2] with { MinTotal = 85m }, s.Classes[3]] },
        "single class" => s with { Classes = [s.Classes[0]], OutstandingCap = s.OutstandingCap with { BaseLevelCode = DefaultSchemes.Outstanding } },
        "repeated class code" => s with { Classes = [s.Classes[0], s.Classes[1] with { Code = DefaultSchemes.Outstanding }, s.Classes[2], s.Classes[3]], OutstandingCap = s.OutstandingCap with { BaseLevelCode = DefaultSchemes.Completed } },
        "cap above one" => s with { OutstandingCap = s.OutstandingCap with { Fraction = 1.5m } },
        "cap below zero" => s with { OutstandingCap = s.OutstandingCap with { Fraction = -0.1m } },
        "unknown cap base" => s with { OutstandingCap = s.OutstandingCap with { BaseLevelCode = "excellent" } },
        "unknown tie-break key" => s with { TieBreak = [TieBreakKeys.TotalDesc, "seniority_desc"] },
        "repeated tie-break key" => s with { TieBreak = [TieBreakKeys.TotalDesc, TieBreakKeys.IndicatorPointsDesc, TieBreakKeys.IndicatorPointsDesc] },
        "tie-break not by total first" => s with { TieBreak = [TieBreakKeys.UnitCodeAsc, TieBreakKeys.TotalDesc] },
        "year out of range" => s with { Year = 1024 },
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
    };

    private static Dictionary<string, decimal> Weights(params (string Code, decimal Weight)[] weights) =>
        weights.ToDictionary(w => w.Code, w => w.Weight);
}
