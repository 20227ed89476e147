using TuyPhuoc.ServiceDefaults;
using TuyPhuoc.Submissions.Domain;

namespace TuyPhuoc.Submissions.Tests;

public sealed class ActualRulesTests
{
    private static List<FieldViolation> Check(ActualInput input) => ActualRules.Check(input, Plans.Small(), Plans.Today);

    [Fact]
    public void Check_AssignedIndicatorInAPastMonth_NoViolation() => Assert.Empty(Check(Plans.Input()));

    [Fact]
    public void Check_CurrentMonth_Accepted() => Assert.Empty(Check(Plans.Input(month: 8)));

    [Theory]
    [InlineData(9, "lies in the future")]
    [InlineData(0, "between 1 and 12")]
    [InlineData(13, "between 1 and 12")]
    public void Check_MonthOutsideThePlanYearOrInTheFuture_MonthViolation(int month, string reason)
    {
        var violation = Assert.Single(Check(Plans.Input(month: month)));

        Assert.Equal("month", violation.Field);
        Assert.Contains(reason, violation.Description);
    }

    [Theory]
    [InlineData(2025)]
    [InlineData(1999)]
    public void Check_YearInTheFutureOrBeforeTheSystem_YearViolation(int year) =>
        Assert.Contains(ActualRules.Check(Plans.Input(year: year), null, Plans.Today), v => v.Field == "year");

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Check_NotAFiniteNumber_ValueViolation(double value) =>
        Assert.Equal("must be a finite number", Assert.Single(Check(Plans.Input(value: value))).Description);

    [Fact]
    public void Check_NegativeAmountWithoutRange_ValueViolation() =>
        Assert.Contains("must not be negative", Assert.Single(Check(Plans.Input(value: -0.01))).Description);

    [Theory]
    [InlineData(-0.5)]
    [InlineData(100.01)]
    public void Check_PercentageOutside0To100_ValueViolation(double value) =>
        Assert.Contains("between 0 and 100", Assert.Single(Check(Plans.Input(indicator: "PCT", value: value))).Description);

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public void Check_PercentageAtItsBounds_Accepted(double value) => Assert.Empty(Check(Plans.Input(indicator: "PCT", value: value)));

    [Fact]
    public void Check_NegativeGrowthRateWithinItsRange_Accepted() =>
        Assert.Empty(Check(Plans.Input(unit: "TCKH", indicator: "GRO", value: -3.2)));

    [Fact]
    public void Check_IndicatorNotAssignedToTheUnit_IndicatorViolation()
    {
        var violation = Assert.Single(Check(Plans.Input(unit: "PHUOC_HUNG")));

        Assert.Equal("indicator_code", violation.Field);
        Assert.Contains("not assigned to PHUOC_HUNG", violation.Description);
    }

    [Fact]
    public void Check_UnknownIndicatorAndUnit_BothNamed()
    {
        var fields = Check(Plans.Input(unit: "NO_SUCH_UNIT", indicator: "NO_SUCH")).Select(v => v.Field).ToList();

        Assert.Contains("unit_code", fields);
        Assert.Contains("indicator_code", fields);
    }

    [Fact]
    public void Check_NoteOf4001Characters_NoteViolation()
    {
        Assert.Empty(Check(Plans.Input(note: new string('x', ActualRules.MaxNoteLength))));
        Assert.Equal("note", Assert.Single(Check(Plans.Input(note: new string('x', ActualRules.MaxNoteLength + 1)))).Field);
    }

    [Fact]
    public void Check_SolutionsOf4001Characters_SolutionsViolation()
    {
        Assert.Empty(Check(Plans.Input(solutions: new string('x', ActualRules.MaxNoteLength))));
        Assert.Equal("solutions", Assert.Single(Check(Plans.Input(solutions: new string('x', ActualRules.MaxNoteLength + 1)))).Field);
    }

    [Fact]
    public void Check_SeveralProblems_EveryFieldNamedAtOnce()
    {
        var fields = Check(new ActualInput("", "", 2024, 13, double.NaN, new string('x', 5000))).Select(v => v.Field).ToHashSet();

        Assert.Equal(new HashSet<string> { "unit_code", "indicator_code", "month", "value", "note" }, fields);
    }

    [Fact]
    public void MayActFor_ReporterOfTheUnit_OnlyItsOwnUnit()
    {
        var reporter = new Caller("r", Roles.UnitReporter, "PHUOC_THANG");

        Assert.True(reporter.MayActFor("PHUOC_THANG"));
        Assert.False(reporter.MayActFor("PHUOC_HUNG"));
        Assert.Throws<PermissionDeniedException>(() => reporter.EnsureMayActFor("PHUOC_HUNG"));
    }

    [Fact]
    public void MayActFor_PlanningOfficeEveryUnit_PartnerNone()
    {
        Assert.True(new Caller("p", Roles.PlanningOffice, null).MayActFor("PHUOC_HUNG"));
        Assert.False(new Caller("x", Roles.Partner, "PHUOC_HUNG").MayActFor("PHUOC_HUNG"));
        Assert.False(new Caller("x", Roles.UnitReporter, null).MayActFor(""));
    }

    [Fact]
    public void ExpectedIn_YearEndIndicators_DueOnlyInDecember()
    {
        var plan = Plans.Small();

        Assert.Equal(["GRO"], plan.ExpectedIn("TCKH", 6));
        Assert.Equal(["GRO", "INC"], plan.ExpectedIn("TCKH", 12));
        Assert.Equal(["PHUOC_THANG", "TCKH"], plan.ReportingUnits(3));
        Assert.Empty(plan.ExpectedIn("PHUOC_HUNG", 3));
    }

    /// <summary>A past year without a plan, as history: its units and the catalog, nothing assigned and nothing owed.</summary>
    private static PlanView History()
    {
        var plan = Plans.Small(2023);
        return new(2023, plan.Indicators, plan.Units, new Dictionary<string, IReadOnlySet<string>>(), history: true);
    }

    [Fact]
    public void Check_HistoryYear_AnyUnitOfTheYearGivesAnyIndicatorOfTheCatalog_AndOwesNoReport()
    {
        Assert.Empty(ActualRules.Check(Plans.Input(unit: "PHUOC_HUNG", indicator: "INC", year: 2023, month: 12), History(), Plans.Today));
        Assert.Empty(History().ExpectedIn("PHUOC_HUNG", 12));
        Assert.Empty(History().ReportingUnits(12));
    }

    [Fact]
    public void Check_HistoryYear_AUnitNotOfTheYearOrAValueOutOfRange_Refused()
    {
        Assert.Equal("unit_code", Assert.Single(ActualRules.Check(Plans.Input(unit: "ELSEWHERE", year: 2023), History(), Plans.Today)).Field);
        Assert.Equal("value", Assert.Single(ActualRules.Check(Plans.Input(indicator: "PCT", year: 2023, value: 120), History(), Plans.Today)).Field);
        Assert.Equal("indicator_code", Assert.Single(ActualRules.Check(Plans.Input(indicator: "NONE", year: 2023), History(), Plans.Today)).Field);
    }
}
