using Microsoft.Extensions.DependencyInjection;
using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Contracts.Submissions.V1;
using TuyPhuoc.Portal.Features;
using TuyPhuoc.Portal.Suite;

namespace TuyPhuoc.Portal.Tests;

public sealed class VietNumberTests
{
    [Theory]
    [InlineData("1.234,5", 1234.5)]
    [InlineData("1234,5", 1234.5)]
    [InlineData("1234", 1234)]
    [InlineData(" 12.500 ", 12500)]
    [InlineData("-0,25", -0.25)]
    [InlineData("1.234.567,891", 1234567.891)]
    public void TryParse_VietnameseWriting_Value(string text, double expected)
    {
        Assert.True(VietNumber.TryParse(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("12.5")]
    [InlineData("1.2345")]
    [InlineData("1,234.5")]
    [InlineData("1e5")]
    [InlineData("abc")]
    [InlineData("")]
    public void TryParse_AmbiguousOrNotANumber_Refused(string text) => Assert.False(VietNumber.TryParse(text, out _));

    [Fact]
    public void Format_ThousandsAndDecimals_TheVietnameseWay()
    {
        Assert.Equal("1.234,5", VietNumber.Format(1234.5));
        Assert.Equal("45,6%", VietNumber.Percent(0.456));
        Assert.Equal("—", VietNumber.Format((double?)null));
        Assert.Equal("0,123456", VietNumber.Input(0.123456));
    }
}

public sealed class MonthLineTests
{
    private static MonthLine Line(Cell? stored = null) => new(new MonthRow(Lines.Grain, null, null, stored));

    [Fact]
    public void IdempotencyKey_SameContentTwice_SameKey_OtherNoteOrRevision_OtherKey()
    {
        var line = Line();
        line.Note = "Ước thực hiện";
        var first = line.IdempotencyKey("form1", 7, 1200);

        Assert.Equal(first, line.IdempotencyKey("form1", 7, 1200));
        Assert.NotEqual(first, line.IdempotencyKey("form1", 7, 1201));
        line.Note = "Số liệu chính thức";
        Assert.NotEqual(first, line.IdempotencyKey("form1", 7, 1200));
        Assert.True(first.Length <= 100);

        var corrected = Line(Lines.StoredValue(1200, "Ước thực hiện"));
        corrected.Note = "Ước thực hiện";
        Assert.NotEqual(first, corrected.IdempotencyKey("form1", 7, 1200));
    }

    [Fact]
    public void Changed_OnlyWhenTheValueOrTheNoteDiffersFromWhatIsStored()
    {
        var line = Line(Lines.StoredValue(1234.5, "ghi chú"));
        Assert.False(line.Changed);
        line.Note = "ghi chú mới";
        Assert.True(line.Changed);

        line.Stored(new ActualRevision { Value = 1500, Note = "ghi chú mới", Revision = 2, RecordedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch), RecordedBy = "x" });
        Assert.Equal(("1.500", 2), (line.Text, line.Row.Stored!.Revision));
        Assert.Equal(1500, line.Row.YearToDate);
        Assert.False(line.Changed);
        Assert.False(Line().Changed);
    }
}

public sealed class PeriodsTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    [Theory]
    [InlineData(2026, 4)]
    [InlineData(2024, 4)]
    [InlineData(2027, 1)]
    public void CurrentQuarter_ThisPastOrFutureYear(int year, int quarter) => Assert.Equal(quarter, Periods.CurrentQuarter(year, Today));

    [Fact]
    public void MonthToReport_TheMonthAfterTheLastReported_WithinTheYear()
    {
        Assert.Equal(7, Periods.MonthToReport(2024, [1, 2, 6], Today));
        Assert.Equal(1, Periods.MonthToReport(2024, [], Today));
        Assert.Equal(12, Periods.MonthToReport(2024, [12], Today));
        Assert.Equal(12, Periods.MonthToReport(2026, [11, 12], Today));
    }

    [Fact]
    public void YearToDate_SumForAFlow_LatestForALevel()
    {
        var values = new Dictionary<int, double> { [1] = 10, [2] = 20, [4] = 5 };
        Assert.Equal(30, Periods.YearToDate(MeasureKind.Cumulative, values, 3));
        Assert.Equal(20, Periods.YearToDate(MeasureKind.Level, values, 3));
        Assert.Null(Periods.YearToDate(MeasureKind.Level, values, 0));
    }
}

public sealed class ProblemsTests
{
    private static readonly Microsoft.Extensions.Localization.IStringLocalizer<Strings> L = new Microsoft.Extensions.DependencyInjection.ServiceCollection()
        .AddLogging().AddLocalization(o => o.ResourcesPath = "Resources").BuildServiceProvider()
        .GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Strings>>();

    [Theory]
    [InlineData("must not be negative for CT02", "Không được là số âm.")]
    [InlineData("must lie between 0 and 100 for CT10", "Phải nằm trong khoảng từ 0 đến 100.")]
    [InlineData("is longer than 4000 characters", "Dài quá 4000 ký tự.")]
    [InlineData("2026-12 lies in the future", "Tháng này chưa đến.")]
    [InlineData("lies in the future", "Ngày này chưa đến.")]
    [InlineData("lies in the past", "Không được là ngày đã qua.")]
    [InlineData("is before the referral of 2024-07-30", "Không được trước ngày chuyển cấp trên (30/07/2024).")]
    [InlineData("something new", "something new")]
    public void Reason_TheServicesEnglishReason_SaidInVietnamese(string description, string expected)
    {
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("vi-VN");
        Assert.Equal(expected, Problems.Reason(description, L));
    }
}
