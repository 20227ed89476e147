using TuyPhuoc.Contracts.Submissions.V1;

namespace TuyPhuoc.Portal.Features;

/// <summary>The timeliness grid's one call to the suite: every unit's months of a year, all pages, with the units' names.</summary>
public sealed class TimelinessReader(Submissions.SubmissionsClient submissions, PlanCache plans)
{
    public async Task<TimelinessView> ReadAsync(int year, CallOptions call)
    {
        var entries = await Paging.AllAsync(
            token => submissions.ListTimelinessAsync(new ListTimelinessRequest { Year = year, PageSize = Paging.MaxPageSize, PageToken = token }, call).ResponseAsync,
            page => (page.Entries, page.NextPageToken)).ToListAsync();
        return TimelinessView.From(year, entries, await plans.UnitsAsync(call));
    }
}
