
namespace TuyPhuoc.Submissions.Domain;

/// <summary>Deadlines of monthly reports and their timeliness.</summary>
public static class ReportingCalendar
{
    public const int DefaultDeadlineDay = 10;
    public const int MaxDeadlineDay = 28;

    /// <summary>The report of a month is due by the given day of the following month.</summary>
    public static DateOnly Deadline(int year, int month, int dayOfFollowingMonth) =>
        new DateOnly(year, month, 1).AddMonths(1).AddDays(dayOfFollowingMonth - 1);

    /// <summary>On time or late by N days when sent; missing (N days past the deadline) or not yet due when not.</summary>
    public static (Timeliness Timeliness, int DaysLate) Judge(DateOnly deadline, DateOnly? firstSubmittedOn, DateOnly today)
    {
        if (firstSubmittedOn is { } sent)
        {
            var late = sent.DayNumber - deadline.DayNumber;
            return late > 0 ? (Timeliness.Late, late) : (Timeliness.OnTime, 0);
        }
        return today > deadline ? (Timeliness.Missing, today.DayNumber - deadline.DayNumber) : (Timeliness.NotDue, 0);
    }

    public static void ValidateDeadlineDay(int year, int day, DateOnly today)
    {
        new Violations().RequirePlanYear(year, today)
            .Require(day is >= 1 and <= MaxDeadlineDay, "day_of_following_month", $"must be between 1 and {MaxDeadlineDay}").ThrowIfAny();
    }

    /// <summary>
    /// The day a paper report reached the office: within the plan year's reporting window (from the first day of
    /// the month it covers) and not in the future.
    /// </summary>
    public static void ValidateReceivedOn(DateOnly receivedOn, int year, int month, DateOnly today)
    {
        if (receivedOn > today) throw new InvalidInputException("received_on", "lies in the future");
        if (receivedOn < new DateOnly(year, month, 1)) throw new InvalidInputException("received_on", "precedes the month the report covers");
    }
}
