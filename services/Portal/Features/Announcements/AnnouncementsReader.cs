using TuyPhuoc.Contracts.Evaluation.V1;

namespace TuyPhuoc.Portal.Features;

/// <summary>The quarters' announcements: the year's list, one as it was issued with what changed since the version before, and issuing one.</summary>
public sealed class AnnouncementsReader(Evaluation.EvaluationClient evaluation)
{
    public async Task<IReadOnlyList<AnnouncementLine>> ListAsync(int year, CallOptions call) =>
        [.. (await evaluation.ListAnnouncementsAsync(new ListAnnouncementsRequest { Year = year }, call)).Announcements.Select(AnnouncementLine.From)];

    public async Task<AnnouncementView> ReadAsync(int year, int quarter, int version, CallOptions call)
    {
        var issued = await GetAsync(year, quarter, version, call);
        var report = AnnouncementView.ReportOf(issued);
        var before = issued.Version > 1 ? AnnouncementView.ReportOf(await GetAsync(year, quarter, issued.Version - 1, call)) : null;
        return new(AnnouncementLine.From(issued), report, before is null ? [] : FigureChange.Between(before, report));
    }

    public async Task<AnnouncementLine> IssueAsync(int year, int quarter, string number, DateOnly date, string key, CallOptions call) =>
        AnnouncementLine.From(await evaluation.IssueAnnouncementAsync(new IssueAnnouncementRequest
        {
            Year = year, Quarter = quarter, Number = number.Trim(), Date = date.ToProto(), IdempotencyKey = key,
        }, call));

    private Task<Announcement> GetAsync(int year, int quarter, int version, CallOptions call) =>
        evaluation.GetAnnouncementAsync(new GetAnnouncementRequest { Year = year, Quarter = quarter, Version = version }, call).ResponseAsync;
}
