using TuyPhuoc.Contracts.Audit.V1;
using TuyPhuoc.Contracts.Evaluation.V1;
using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Contracts.Scoring.V1;
using TuyPhuoc.Contracts.Submissions.V1;
using TuyPhuoc.Contracts.Tasks.V1;

namespace TuyPhuoc.Portal.Features;

/// <summary>"Lịch sử thay đổi": every service's audit through the gateway, merged newest first.</summary>
public sealed class AuditReader(IndicatorPlans.IndicatorPlansClient plans, Submissions.SubmissionsClient submissions, Evaluation.EvaluationClient evaluation,
    EmulationScoring.EmulationScoringClient scoring, KeyTasks.KeyTasksClient tasks)
{
    public const int PageSize = 50;
    public static readonly IReadOnlyList<string> Services = ["plans", "submissions", "evaluation", "scoring", "tasks"];

    /// <summary>The next page of each service asked (<paramref name="after"/>: where each stopped; a service absent starts from its newest).</summary>
    public async Task<AuditView> ReadAsync(AuditFilter filter, IReadOnlyDictionary<string, long>? after, IReadOnlyList<AuditLine> shown, CallOptions call)
    {
        var asked = Services.Where(s => (filter.Service.Length == 0 || s == filter.Service) && (after is null || after.GetValueOrDefault(s) > 0)).ToList();
        var pages = await Task.WhenAll(asked.Select(async s =>
        {
            var request = new ListAuditRequest { BeforeSequence = after?.GetValueOrDefault(s) ?? 0, PageSize = PageSize, About = filter.About.Trim(), By = filter.By.Trim() };
            return (Service: s, Page: await List(s, request, call));
        }));
        var next = Services.ToDictionary(s => s, _ => 0L);
        foreach (var (service, page) in pages) next[service] = page.NextBeforeSequence;
        return new AuditView(filter, [.. shown.Concat(pages.SelectMany(p => p.Page.Entries.Select(e => AuditLine.From(p.Service, e)))).OrderByDescending(l => l.At)], next);
    }

    private Task<ListAuditResponse> List(string service, ListAuditRequest request, CallOptions call) => service switch
    {
        "plans" => plans.ListAuditAsync(request, call).ResponseAsync,
        "submissions" => submissions.ListAuditAsync(request, call).ResponseAsync,
        "evaluation" => evaluation.ListAuditAsync(request, call).ResponseAsync,
        "scoring" => scoring.ListAuditAsync(request, call).ResponseAsync,
        _ => tasks.ListAuditAsync(request, call).ResponseAsync,
    };
}
