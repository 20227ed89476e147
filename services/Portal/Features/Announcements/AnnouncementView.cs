using TuyPhuoc.Contracts.Evaluation.V1;
using TuyPhuoc.Contracts.Submissions.V1;

namespace TuyPhuoc.Portal.Features;

/// <summary>An issued announcement as listed: its quarter, version, number and date, who issued it, and the version that superseded it (0: in force).</summary>
public sealed record AnnouncementLine(int Year, int Quarter, int Version, string Number, DateOnly Date, DateTimeOffset IssuedAt, string IssuedBy, int SupersededBy)
{
    public static AnnouncementLine From(Announcement a) => new(a.Year, a.Quarter, a.Version, a.Number, new DateOnly(a.Date.Year, a.Date.Month, a.Date.Day),
        a.IssuedAt?.ToDateTimeOffset() ?? default, a.IssuedBy, a.SupersededBy);

    public string Path => AnnouncementPaths.Of(Year, Quarter, Version);
}

/// <summary>A district figure that an announcement says otherwise than the version before it; null on the side that lacks it.</summary>
public sealed record FigureChange(string Code, string Name, FigureLine? Before, FigureLine? After)
{
    /// <summary>The figures whose numbers or status differ, in the later version's order.</summary>
    public static IReadOnlyList<FigureChange> Between(QuarterReportView before, QuarterReportView after)
    {
        var earlier = before.Figures.ToDictionary(f => f.Code);
        var later = after.Figures.ToDictionary(f => f.Code);
        static object Said(FigureLine f) => (f.DistrictTarget, f.ProvinceTarget, f.QuarterActual, f.YearToDate, f.Progress, f.PercentOfQuarter, f.Status);
        return [.. after.Figures.Select(f => f.Code).Concat(before.Figures.Select(f => f.Code)).Distinct()
            .Select(code => new FigureChange(code, (later.GetValueOrDefault(code) ?? earlier[code]).Name, earlier.GetValueOrDefault(code), later.GetValueOrDefault(code)))
            .Where(c => c.Before is null || c.After is null || !Said(c.Before).Equals(Said(c.After)))];
    }
}

/// <summary>An issued announcement as every unit reads it: Biểu số 01 as it was frozen, and what differs from the version it superseded.</summary>
public sealed record AnnouncementView(AnnouncementLine Line, QuarterReportView Report, IReadOnlyList<FigureChange> Changes)
{
    /// <summary>Biểu số 01 rendered from what the announcement froze, as the live report is from what the suite holds now.</summary>
    public static QuarterReportView ReportOf(Announcement a)
    {
        var notes = a.Notes.ToLookup(n => n.UnitCode);
        // Every unit's notes were read when it was issued: a unit that wrote nothing noted no cause.
        var facts = new QuarterFacts(a.Quarter, a.Targets.ToDictionary(t => t.IndicatorCode), a.Indicators.ToDictionary(i => i.Code), a.Units.ToDictionary(u => u.Code),
            a.Units.ToDictionary(u => u.Code, u => (IReadOnlyList<ActualRevision>)[.. notes[u.Code]]));
        return QuarterReportView.Of(a.Report, facts, AnnouncementLine.From(a).Date) with { Number = a.Number };
    }
}

public static class AnnouncementPaths
{
    public const string Announcements = "/thong-bao";

    public static string Of(int year, int quarter, int version) => $"{Announcements}/{year}/{quarter}/{version}";

    public static string Xlsx(int year, int quarter, int version) => $"/bieu-mau/thong-bao?year={year}&quarter={quarter}&version={version}";
}
