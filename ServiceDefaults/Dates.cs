namespace TuyPhuoc.ServiceDefaults;

/// <summary>Between <c>google.type.Date</c> and <see cref="DateOnly"/> (unset, all zero, is null; an impossible date is refused), and from instants to <c>Timestamp</c>.</summary>
public static class Dates
{
    public static DateOnly? ToDate(this Google.Type.Date? date, string field)
    {
        if (date is null || (date.Year == 0 && date.Month == 0 && date.Day == 0)) return null;
        try { return new DateOnly(date.Year, date.Month, date.Day); }
        catch (ArgumentOutOfRangeException) { throw new InvalidInputException(field, "is not a valid date"); }
    }

    public static Google.Type.Date ToProto(this DateOnly d) => new() { Year = d.Year, Month = d.Month, Day = d.Day };

    public static Google.Type.Date? ToProto(this DateOnly? date) => date?.ToProto();

    public static Timestamp ToProto(this DateTimeOffset at) => Timestamp.FromDateTimeOffset(at);

    public static Timestamp? ToProto(this DateTimeOffset? at) => at?.ToProto();
}
