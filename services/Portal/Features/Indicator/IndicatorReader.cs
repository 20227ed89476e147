using TuyPhuoc.Contracts.Evaluation.V1;
using TuyPhuoc.Contracts.Submissions.V1;

namespace TuyPhuoc.Portal.Features;

/// <summary>
/// An indicator's page: Evaluation's status of it with the unit's plan of it (or the catalog's entry where the unit only
/// reads it), and the causes and solutions the unit wrote with its months, where the person may read them.
/// </summary>
public sealed class IndicatorReader(Evaluation.EvaluationClient evaluation, Submissions.SubmissionsClient submissions, PlanCache plans)
{
    public async Task<IndicatorView> ReadAsync(string unit, string code, int year, int quarter, CallOptions call)
    {
        var status = evaluation.GetIndicatorStatusAsync(new GetIndicatorStatusRequest { UnitCode = unit, IndicatorCode = code, Year = year, Quarter = quarter }, call).ResponseAsync;
        var notes = NotesAsync(unit, code, year, call);
        var indicator = (await plans.AssignmentsAsync(unit, year, call)).FirstOrDefault(a => a.Code == code)
            ?? PlannedIndicator.FromCatalog((await plans.IndicatorsAsync(call)).GetValueOrDefault(code), code);
        return IndicatorView.From(unit, year, quarter, indicator, await status, await notes);
    }

    private async Task<IReadOnlyList<MonthNote>> NotesAsync(string unit, string code, int year, CallOptions call)
    {
        try
        {
            var months = await submissions.ListActualsAsync(new ListActualsRequest { UnitCode = unit, IndicatorCode = code, Year = year, PageSize = 12 }, call);
            return [.. months.Actuals.Where(a => a.Note.Length + a.Solutions.Length > 0).OrderBy(a => a.Month).Select(a => new MonthNote(a.Month, a.Note, a.Solutions))];
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.PermissionDenied or StatusCode.NotFound)
        {
            return [];
        }
    }
}
