using TuyPhuoc.ServiceDefaults;
using TuyPhuoc.Submissions.Domain;

namespace TuyPhuoc.Submissions.Tests;

public sealed class ReportingCalendarTests
{
    [Theory]
    [InlineData(1, 10, "2024-02-10")]
    [InlineData(2, 28, "2024-03-28")]
    [InlineData(12, 10, "2025-01-10")]
    [InlineData(1, 1, "2024-02-01")]
    public void Deadline_DayOfTheFollowingMonth(int month, int day, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), ReportingCalendar.Deadline(2024, month, day));

    private static readonly DateOnly Deadline = new(2024, 8, 10);

    [Fact]
    public void Judge_SentOnTheDeadline_OnTime() =>
        Assert.Equal((Timeliness.OnTime, 0), ReportingCalendar.Judge(Deadline, new DateOnly(2024, 8, 10), new DateOnly(2024, 9, 1)));

    [Fact]
    public void Judge_SentThreeDaysAfter_LateBy3() =>
        Assert.Equal((Timeliness.Late, 3), ReportingCalendar.Judge(Deadline, new DateOnly(2024, 8, 13), new DateOnly(2024, 9, 1)));

    [Fact]
    public void Judge_NothingSentAndDeadlinePassed_MissingWithDaysOverdue() =>
        Assert.Equal((Timeliness.Missing, 5), ReportingCalendar.Judge(Deadline, null, new DateOnly(2024, 8, 15)));

    [Fact]
    public void Judge_NothingSentBeforeTheDeadline_NotDue() =>
        Assert.Equal((Timeliness.NotDue, 0), ReportingCalendar.Judge(Deadline, null, new DateOnly(2024, 8, 10)));

    [Theory]
    [InlineData(0)]
    [InlineData(29)]
    public void ValidateDeadlineDay_OutsideOneTo28_Violation(int day) =>
        Assert.Equal("day_of_following_month", Assert.Single(Assert.Throws<InvalidInputException>(
            () => ReportingCalendar.ValidateDeadlineDay(2024, day, new DateOnly(2024, 5, 1))).Violations).Field);

    [Fact]
    public void ValidateReceivedOn_FutureOrBeforeTheMonth_Violation()
    {
        var today = new DateOnly(2024, 8, 15);
        Assert.Throws<InvalidInputException>(() => ReportingCalendar.ValidateReceivedOn(new DateOnly(2024, 8, 16), 2024, 7, today));
        Assert.Throws<InvalidInputException>(() => ReportingCalendar.ValidateReceivedOn(new DateOnly(2024, 6, 30), 2024, 7, today));
        ReportingCalendar.ValidateReceivedOn(new DateOnly(2024, 7, 31), 2024, 7, today);
    }

    [Fact]
    public void ReportingClock_Today_IsTheLocalDayInVietnam()
    {
        var clock = new DistrictClock(new FixedTime(new DateTimeOffset(2024, 8, 10, 17, 30, 0, TimeSpan.Zero)));

        Assert.Equal(new DateOnly(2024, 8, 11), clock.Today);
        Assert.Equal(new DateTimeOffset(2024, 8, 10, 17, 0, 0, TimeSpan.Zero), clock.StartOf(new DateOnly(2024, 8, 11)));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
