namespace TuyPhuoc.KeyTasks.Domain;

/// <summary>
/// When a task is due as an annex writes it: a day, a month or a quarter (due on its last day), or "thường xuyên"
/// (regular, reviewed every quarter, with no day of its own).
/// </summary>
public readonly record struct Deadline(DeadlineKind Kind, DateOnly? DueDate)
{
    public static Deadline Regular => new(DeadlineKind.Regular, null);

    /// <summary>The deadline of a kind given by any day of its month or quarter: due on that period's last day.</summary>
    public static Deadline Of(DeadlineKind kind, DateOnly day) => kind switch
    {
        DeadlineKind.Month => new(kind, new DateOnly(day.Year, day.Month, 1).AddMonths(1).AddDays(-1)),
        DeadlineKind.Quarter => new(kind, PlanCalendar.QuarterEnd(day.Year, PlanCalendar.QuarterOf(day))),
        DeadlineKind.Regular => Regular,
        _ => new(kind, day),
    };

    public string Label => Kind switch
    {
        DeadlineKind.Regular => "Thường xuyên",
        DeadlineKind.Month when DueDate is { } d => $"Tháng {d.Month}/{d.Year}",
        DeadlineKind.Quarter when DueDate is { } d => $"Quý {Roman[PlanCalendar.QuarterOf(d) - 1]}/{d.Year}",
        _ when DueDate is { } d => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        _ => "",
    };


    internal static readonly string[] Roman = ["I", "II", "III", "IV"];
}
