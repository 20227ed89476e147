using TuyPhuoc.Contracts.Evaluation.V1;

namespace TuyPhuoc.Portal.Features;

/// <summary>The quarters' announcements: the year's list, one as it was issued with what changed since the version before, and issuing one.</summary>
public sealed class AnnouncementsReader(Evaluation.EvaluationClient evaluation)
{
    public async Task<IReadOnlyList<AnnouncementLine>> ListAsync(int year, CallOptions call) =>
        [.. (await evaluation.ListAnnouncementsAsync(new ListAnnouncementsRequest { Year = year }, call)).Announcements.Select(AnnouncementLine.From)];

    /// <summary>One version as issued, with what differs from the version before it.</summary>
    public async Task<AnnouncementView> ReadAsync(int year, int quarter, int version, CallOptions call)
    {
        var (line, report) = await IssuedAsync(year, quarter, version, call);
        var before = line.Version > 1 ? (await IssuedAsync(year, quarter, line.Version - 1, call)).Report : null;
        return new(line, report, before is null ? [] : FigureChange.Between(before, report));
    }

    /// <summary>One version as issued, Biểu số 01 rendered from what it froze: what its workbook needs.</summary>
    public async Task<(AnnouncementLine Line, QuarterReportView Report)> IssuedAsync(int year, int quarter, int version, CallOptions call)
    {
        var issued = await GetAsync(year, quarter, version, call);
        return (AnnouncementLine.From(issued), AnnouncementView.ReportOf(issued));
    }

    public async Task<AnnouncementLine> IssueAsync(int year, int quarter, string number, DateOnly date, string key, CallOptions call) =>
        AnnouncementLine.From(await evaluation.IssueAnnouncementAsync(new IssueAnnouncementRequest
        {
            Year = year, Quarter = quarter, Number = number.Trim(), Date = date.ToProto(), IdempotencyKey = key,
        }, call));

    private Task<Announcement> GetAsync(int year, int quarter, int version, CallOptions call) =>
        evaluation.GetAnnouncementAsync(new GetAnnouncementRequest { Year = year, Quarter = quarter, Version = version }, call).ResponseAsync;
}
