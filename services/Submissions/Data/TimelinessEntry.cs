namespace TuyPhuoc.Submissions.Data;

public sealed record TimelinessEntry(string UnitCode, int Year, int Month, Timeliness Timeliness, int DaysLate, DateOnly Deadline, DateOnly? FirstSubmittedOn)
{
    public string Key => $"{UnitCode} {Month:00}";
}
