using TuyPhuoc.KeyTasks.Domain;
using static TuyPhuoc.KeyTasks.Tests.Samples;

namespace TuyPhuoc.KeyTasks.Tests;

public sealed class DeadlineTextTests
{
    public static TheoryData<string, DeadlineKind, int, int, int> Written => new()
    {
        { "Quý II/2024", DeadlineKind.Quarter, 2024, 6, 30 },
        { "quý 1", DeadlineKind.Quarter, 2024, 3, 31 },
        { "Trong Quý IV năm 2025", DeadlineKind.Quarter, 2025, 12, 31 },
        { "Tháng 2/2024", DeadlineKind.Month, 2024, 2, 29 },
        { "Tháng 11", DeadlineKind.Month, 2024, 11, 30 },
        { "30/6/2024", DeadlineKind.Date, 2024, 6, 30 },
        { "Trước ngày 15/09/2024", DeadlineKind.Date, 2024, 9, 15 },
    };

    [Theory]
    [MemberData(nameof(Written))]
    public void Parse_AsAnnexesWriteIt_TheLastDayOfThePeriod(string text, DeadlineKind kind, int year, int month, int day)
    {
        var (deadline, problem) = DeadlineText.Parse(text, 2024);

        Assert.Null(problem);
        Assert.Equal(new Deadline(kind, new DateOnly(year, month, day)), deadline);
    }

    [Fact]
    public void Parse_ThuongXuyen_Regular()
    {
        Assert.Equal(Deadline.Regular, DeadlineText.Parse("  Thường   xuyên ", 2024).Deadline);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Quý V/2024")]
    [InlineData("Tháng 13")]
    [InlineData("31/2/2024")]
    [InlineData("sớm nhất có thể")]
    [InlineData("Quý I/1990")]
    public void Parse_NotADeadline_SaysWhy(string text)
    {
        var (deadline, problem) = DeadlineText.Parse(text, 2024);

        Assert.Null(deadline);
        Assert.False(string.IsNullOrEmpty(problem));
    }

    [Fact]
    public void FromSerial_ASpreadsheetDate_ThatDay()
    {
        Assert.Equal(new Deadline(DeadlineKind.Date, D(6, 30)), DeadlineText.FromSerial(new DateTime(2024, 6, 30).ToOADate()).Deadline);
        Assert.NotNull(DeadlineText.FromSerial(12).Problem);
    }

    [Fact]
    public void Label_EachKind_AsTheAnnexWritesIt()
    {
        Assert.Equal("Quý II/2024", Deadline.Of(DeadlineKind.Quarter, D(5, 2)).Label);
        Assert.Equal("Tháng 6/2024", Deadline.Of(DeadlineKind.Month, D(6, 2)).Label);
        Assert.Equal("30/06/2024", Day(6, 30).Label);
        Assert.Equal("Thường xuyên", Deadline.Regular.Label);
    }
}
