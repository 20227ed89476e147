using TuyPhuoc.Contracts.Submissions.V1;

namespace TuyPhuoc.Portal.Features;

/// <summary>The month's reports for the planning office: listed all pages, approved, returned and reopened one unit at a time.</summary>
public sealed class ApprovalsReader(Submissions.SubmissionsClient submissions, PlanCache plans)
{
    public async Task<ApprovalsView> ReadAsync(int year, int month, CallOptions call)
    {
        var reports = Paging.AllAsync(
            token => submissions.ListReportsAsync(new ListReportsRequest { Year = year, Month = month, PageSize = Paging.MaxPageSize, PageToken = token }, call).ResponseAsync,
            page => (page.Reports, page.NextPageToken)).ToListAsync().AsTask();
        var units = await plans.UnitsAsync(call);
        return ApprovalsView.From(year, month, await reports, units);
    }

    /// <summary>Each act answers the report's row as it now stands.</summary>
    public async Task<ReportRow> ApproveAsync(ApprovalsView view, ReportRow row, string key, CallOptions call) => ReportRow.From(await submissions.ApproveReportAsync(
        new ApproveReportRequest { UnitCode = row.Unit, Year = view.Year, Month = view.Month, IdempotencyKey = key }, call), row.UnitName);

    public async Task<ReportRow> ReturnAsync(ApprovalsView view, ReportRow row, string reason, string key, CallOptions call) => ReportRow.From(await submissions.ReturnReportAsync(
        new ReturnReportRequest { UnitCode = row.Unit, Year = view.Year, Month = view.Month, Reason = reason, IdempotencyKey = key }, call), row.UnitName);

    public async Task<ReportRow> ReopenAsync(ApprovalsView view, ReportRow row, string reason, string key, CallOptions call) => ReportRow.From(await submissions.ReopenReportAsync(
        new ReopenReportRequest { UnitCode = row.Unit, Year = view.Year, Month = view.Month, Reason = reason, IdempotencyKey = key }, call), row.UnitName);
}
