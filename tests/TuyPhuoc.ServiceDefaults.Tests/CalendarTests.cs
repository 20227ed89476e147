using TuyPhuoc.Calendar;

namespace TuyPhuoc.ServiceDefaults.Tests;

public sealed class CalendarTests
{
    private sealed class At(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public void DistrictClock_LateInTheUtcDay_IsTheDistrictsNextDay()
    {
        var clock = new DistrictClock(new At(new DateTimeOffset(2024, 3, 31, 18, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2024, 4, 1), clock.Today);
        Assert.Equal(new DateTimeOffset(2024, 3, 31, 17, 0, 0, TimeSpan.Zero), clock.StartOf(new DateOnly(2024, 4, 1)));
    }

    [Theory]
    [InlineData(1, 1), InlineData(3, 1), InlineData(4, 2), InlineData(9, 3), InlineData(10, 4), InlineData(12, 4)]
    public void QuarterOf_Month(int month, int quarter)
    {
        Assert.Equal(quarter, PlanCalendar.QuarterOf(month));
        Assert.Contains(month, PlanCalendar.MonthsOf(quarter));
    }

    [Fact]
    public void QuarterEnd_LastDayOfItsLastMonth()
    {
        Assert.Equal(new DateOnly(2024, 3, 31), PlanCalendar.QuarterEnd(2024, 1));
        Assert.Equal(new DateOnly(2024, 6, 30), PlanCalendar.QuarterEnd(2024, 2));
        Assert.Equal(new DateOnly(2024, 12, 31), PlanCalendar.QuarterEnd(2024, 4));
    }

    [Fact]
    public void YearToDate_SumForAFlow_LatestOtherwise_NullBeforeAnyValue()
    {
        decimal?[] months = [10, null, 20, 5, null, null, null, null, null, null, null, null];
        Assert.Equal(30m, PlanCalendar.YearToDate(summed: true, months, 3));
        Assert.Equal(20m, PlanCalendar.YearToDate(summed: false, months, 3));
        Assert.Equal(5m, PlanCalendar.YearToDate(summed: false, months, 12));
        Assert.Null(PlanCalendar.YearToDate(summed: true, months, 0));
    }

    [Fact]
    public void PlanYears_FromTwoThousandToTwentyOneHundred()
    {
        Assert.True(PlanCalendar.IsPlanYear(2000) && PlanCalendar.IsPlanYear(2100));
        Assert.False(PlanCalendar.IsPlanYear(1999) || PlanCalendar.IsPlanYear(2101));
    }
}
