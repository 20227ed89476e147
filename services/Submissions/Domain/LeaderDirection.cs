namespace TuyPhuoc.Submissions.Domain;

public enum DirectionStatus { Open = 1, Answered = 2 }

/// <summary>A block leader's direction (ý kiến chỉ đạo) to a unit, which the unit answers.</summary>
public sealed class LeaderDirection
{
    public Guid Id { get; set; }
    public int Year { get; set; }
    /// <summary>1 to 4, or 0 for the whole year.</summary>
    public int Quarter { get; set; }
    /// <summary>The leader's sector block.</summary>
    public required string Block { get; set; }
    public required string UnitCode { get; set; }
    public string? IndicatorCode { get; set; }
    /// <summary>Given on the unit's (an office's) review of <see cref="Quarter"/>.</summary>
    public bool OnReview { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset GivenAt { get; set; }
    public required string GivenBy { get; set; }
    public DirectionStatus Status { get; set; } = DirectionStatus.Open;
    public string Answer { get; set; } = "";
    public DateTimeOffset? AnsweredAt { get; set; }
    public string? AnsweredBy { get; set; }
}

/// <summary>
/// The rules of directions: a block leader directs a unit of the year's plan, on the unit's work in its block (an
/// office of another block is not its to direct), on an indicator of its block that the unit reports or answers for,
/// or on an office's filed review of a quarter. The unit (or the planning office for it) answers once.
/// </summary>
public static class DirectionRules
{
    public const int MaxTextLength = 4000;

    public static LeaderDirection Give(string leader, string block, int year, int quarter, string unitCode, string? indicatorCode, bool onReview,
        string text, PlanView? plan, bool reviewFiled, DateTimeOffset at, DateOnly today)
    {
        var violations = new Violations().RequirePlanYear(year, today);
        violations.Require(quarter is >= 0 and <= 4, "quarter", "must be between 1 and 4 (0 for the whole year)");
        violations.RequireText(unitCode, "unit_code", 40);
        violations.RequireText(text, "text", MaxTextLength);
        if (plan is null) violations.Add("year", "has no plan");
        else if (!string.IsNullOrWhiteSpace(unitCode))
        {
            if (!plan.Units.TryGetValue(unitCode, out var unit)) violations.Add("unit_code", $"{unitCode} is not a unit of {year}");
            else
            {
                if (unit.Block is { } unitBlock && unitBlock != block)
                {
                    throw new PermissionDeniedException($"A leader of the {block} block does not direct {unitCode} of the {unitBlock} block.");
                }
                if (indicatorCode is not null)
                {
                    if (!plan.Indicators.TryGetValue(indicatorCode, out var indicator)) violations.Add("indicator_code", $"{indicatorCode} is not in the catalog");
                    else if (indicator.Block != block) violations.Add("indicator_code", $"{indicatorCode} is not of the {block} block");
                    else if (!plan.IsAssigned(unitCode, indicatorCode) && indicator.Office != unitCode) violations.Add("indicator_code", $"{unitCode} neither reports nor answers for {indicatorCode}");
                }
                if (onReview && unit.Kind != UnitKind.Office) violations.Add("on_review", $"{unitCode} is not an office and files no review");
                if (onReview && quarter == 0) violations.Add("quarter", "is required for a direction on a review");
            }
        }
        violations.ThrowIfAny();
        if (onReview && !reviewFiled) throw new FailedPreconditionException($"{unitCode} has not filed its review of Q{quarter} {year}.");
        return new LeaderDirection
        {
            Id = Guid.CreateVersion7(at), Year = year, Quarter = quarter, Block = block, UnitCode = unitCode, IndicatorCode = indicatorCode,
            OnReview = onReview, Text = text.Trim(), GivenAt = at, GivenBy = leader,
        };
    }

    public static void Answer(LeaderDirection direction, Caller caller, string answer, DateTimeOffset at)
    {
        new Violations().RequireText(answer, "answer", MaxTextLength).ThrowIfAny();
        if (!caller.MayActFor(direction.UnitCode)) throw new PermissionDeniedException($"Only {direction.UnitCode} or the planning office may answer direction {direction.Id}.");
        if (direction.Status == DirectionStatus.Answered) throw new FailedPreconditionException($"Direction {direction.Id} is already answered.");
        (direction.Answer, direction.AnsweredAt, direction.AnsweredBy, direction.Status) = (answer.Trim(), at, caller.Subject, DirectionStatus.Answered);
    }
}
