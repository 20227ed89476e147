using Google.Protobuf.WellKnownTypes;

namespace TuyPhuoc.Evaluation.Grpc;

using TuyPhuoc.Contracts.Evaluation.V1;

internal static class Mapping
{

    /// <summary>Validates the year and quarter with the other checks, so every bad field is named at once.</summary>
    public static (int Year, int Quarter) Period(int year, int quarter, params Violations[] others)
    {
        var violations = new Violations();
        foreach (var v in others.SelectMany(o => o.Items)) violations.Add(v.Field, v.Description);
        violations.Require(PlanCalendar.IsPlanYear(year), "year", PlanCalendar.YearRange);
        violations.Require(quarter is >= 1 and <= 4, "quarter", "must be between 1 and 4");
        violations.ThrowIfAny();
        return (year, quarter);
    }

    public static Violations Required(string value, string field) => new Violations().Require(!string.IsNullOrWhiteSpace(value), field, "is required");

    public static Violations Block(string block, bool required) =>
        new Violations().Require(required ? Blocks.IsBlock(block.Trim()) : block.Length == 0 || Blocks.IsBlock(block.Trim()), "block", Blocks.Expected);


    /// <summary>An issue of the change feed with the announcement it names: who it is addressed to, without its content.</summary>
    public static AnnouncementChange ToChange(ChangeLogEntry entry, Announcement issued) => new()
    {
        Sequence = entry.Sequence!.Value,
        OccurredAt = entry.OccurredAt.ToProto(),
        Year = issued.Year,
        Quarter = issued.Quarter,
        Version = issued.Version,
        Number = issued.Number,
        Date = issued.Date,
        IssuedAt = issued.IssuedAt,
        Units = { issued.Units },
        TraceParent = entry.TraceParent ?? "",
    };

    /// <summary>A result change with the result as it stands now, as of its latest quarter with data.</summary>
    public static ResultChange ToChange(ChangeLogEntry entry, StoredResult row)
    {
        var full = Snapshots.Parse(row.Snapshot);
        var quarter = ResultPlanner.LatestQuarterWithData(Snapshots.Months(full));
        return new ResultChange
        {
            Sequence = entry.Sequence!.Value,
            OccurredAt = entry.OccurredAt.ToProto(),
            UnitCode = row.Key.UnitCode,
            IndicatorCode = row.Key.IndicatorCode,
            Year = row.Key.Year,
            Status = Reports.View(row, quarter),
            TraceParent = entry.TraceParent ?? "",
        };
    }
}
