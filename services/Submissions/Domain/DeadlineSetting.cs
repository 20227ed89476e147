namespace TuyPhuoc.Submissions.Domain;

/// <summary>Monthly reports of a year are due by this day of the following month.</summary>
public sealed class DeadlineSetting
{
    public int Year { get; set; }
    public int DayOfFollowingMonth { get; set; }
}
