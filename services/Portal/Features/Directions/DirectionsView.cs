using TuyPhuoc.Contracts.Submissions.V1;

namespace TuyPhuoc.Portal.Features;

/// <summary>
/// The offices' quarterly reviews and the block leaders' directions, as the person may see them: the quarter's reviews
/// (an office its own, a leader its block's, the planning office and Home Affairs every office's), the year's
/// directions, and what a leader may direct (the units and indicators of its block) or an office may review.
/// </summary>
public sealed record DirectionsView(int Year, int Quarter, IReadOnlyList<ReviewCard> Reviews, IReadOnlyList<DirectionLine> Directions,
    IReadOnlyList<NamedCode> Units, IReadOnlyList<NamedCode> Indicators, IReadOnlyList<ReviewedIndicator> OwnIndicators)
{
    /// <summary>The review the signed-in office owes, if it owes one.</summary>
    public ReviewCard? Own(string? unit) => Reviews.FirstOrDefault(r => r.Office == unit);

    public IEnumerable<DirectionLine> On(ReviewCard review) => Directions.Where(d => d.OnReview && d.Unit == review.Office && d.Quarter == Quarter);
}

public sealed record ReviewCard(string Office, string OfficeName, TimelinessMark Mark, DateOnly Deadline, DateTimeOffset? FiledAt, string FiledBy,
    string Summary, IReadOnlyList<ReviewItemLine> Items)
{
    public bool Filed => FiledAt is not null;

    public static ReviewCard From(OfficeReview r, Func<string, string> unitName, Func<string, string> indicatorName) =>
        new(r.OfficeCode, unitName(r.OfficeCode), new TimelinessMark(r.Timeliness, r.DaysLate), r.Deadline.ToDate("deadline")!.Value,
            r.FiledAt?.ToDateTimeOffset(), r.FiledBy, r.Summary,
            [.. r.Items.Select(i => new ReviewItemLine(i.IndicatorCode, indicatorName(i.IndicatorCode), i.Difficulties, i.Solutions))]);
}

public sealed record ReviewItemLine(string Indicator, string Name, string Difficulties, string Solutions);

/// <summary>An indicator the office answers for, with the district figure's status of the quarter.</summary>
public sealed record ReviewedIndicator(string Code, string Name, Status Status)
{
    public bool Lagging => Status is Status.NotAchieved or Status.AtRisk;
}

public sealed record DirectionLine(string Id, int Quarter, string Block, string Unit, string UnitName, string? Indicator, string? IndicatorName, bool OnReview,
    string Text, DateTimeOffset GivenAt, string GivenBy, bool Answered, string Answer, DateTimeOffset? AnsweredAt);
