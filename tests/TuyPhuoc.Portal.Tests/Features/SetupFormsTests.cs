using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Contracts.Scoring.V1;
using TuyPhuoc.Portal.Features;

namespace TuyPhuoc.Portal.Tests.Features;

/// <summary>The year's set-up forms read what the person writes (vi-VN numbers, shares as percentages) back into the suite's messages.</summary>
public sealed class SetupFormsTests
{
    private static Scheme Scheme() => new()
    {
        Year = 2024, Version = 3, Band = new Band { FullFrom = 1, ProportionalFrom = 0.5 }, Bonus = new Bonus { ExceedFrom = 1.1, FractionOfWeight = 0.1, Cap = 5 },
        Deductions = new Deductions { PerLateReport = 1, PerMissingReport = 2, PerOverdueEscalation = 1, PerOverdueKeyTask = 0.5 },
        Classes = { new ClassLevel { Code = "outstanding", Name = "Xuất sắc", MinTotal = 90 }, new ClassLevel { Code = "good", Name = "Tốt", MinTotal = 0 } },
        OutstandingCap = new OutstandingCap { Fraction = 0.2, BaseLevelCode = "good" }, TieBreak = { "total_desc" },
        Weights = { ["CT01"] = 2 },
    };

    [Fact]
    public void SchemeForm_AsWrittenBack_TheSameSchemeWithTheChangeAndNoVersion()
    {
        var form = SchemeForm.Of(Scheme());
        Assert.Equal(("100", "110", "1"), (form.Numbers["bands.full_from"], form.Numbers["bonus.exceed_from"], form.Numbers["deductions.per_late_report"]));
        form.Numbers["deductions.per_late_report"] = "1,5";
        form.Levels[0].MinTotal = "92,5";

        var (unread, scheme) = form.Read();

        Assert.Empty(unread);
        var expected = Scheme();
        (expected.Version, expected.Deductions.PerLateReport, expected.Classes[0].MinTotal) = (0, 1.5, 92.5);
        Assert.Equal(expected, scheme);
    }

    [Fact]
    public void SchemeForm_NoNumbers_EachNamedByItsField()
    {
        var form = SchemeForm.Of(Scheme());
        form.Numbers["bonus.cap"] = "năm";
        form.Levels[1].MinTotal = "";

        Assert.Equal(["scheme.bonus.cap", "scheme.classes[1].min_total"], form.Read().Unread);
    }

    [Fact]
    public void IndicatorForm_EditedOverTheStored_KeepsItsBaselineAndReadsTheRange()
    {
        var stored = new Indicator { Code = "CT06", Name = "Số xã", UnitOfMeasure = "xã", MeasureKind = MeasureKind.Level, Baseline = 5, ResponsibleOfficeCode = "NONG_NGHIEP" };
        var form = IndicatorForm.Of(stored);
        (form.Name, form.RangeMin, form.RangeMax) = ("Số xã đạt chuẩn", "0", "13");

        var edited = form.ToIndicator(stored);

        Assert.Equal(("Số xã đạt chuẩn", 5.0, 0.0, 13.0), (edited.Name, edited.Baseline, edited.Range.Min, edited.Range.Max));
        form.RangeMin = "không";
        Assert.Equal(["indicator.range.min"], form.UnreadRange());
    }
}
