using TuyPhuoc.Contracts.Evaluation.V1;

namespace TuyPhuoc.Portal.Features;

/// <summary>An indicator's page: Evaluation's status of it with the unit's plan of it, or the catalog's entry where the unit only reads it.</summary>
public sealed class IndicatorReader(Evaluation.EvaluationClient evaluation, PlanCache plans)
{
    public async Task<IndicatorView> ReadAsync(string unit, string code, int year, int quarter, CallOptions call)
    {
        var status = evaluation.GetIndicatorStatusAsync(new GetIndicatorStatusRequest { UnitCode = unit, IndicatorCode = code, Year = year, Quarter = quarter }, call).ResponseAsync;
        var indicator = (await plans.AssignmentsAsync(unit, year, call)).FirstOrDefault(a => a.Code == code)
            ?? PlannedIndicator.FromCatalog((await plans.IndicatorsAsync(call)).GetValueOrDefault(code), code);
        return IndicatorView.From(unit, year, quarter, indicator, await status);
    }
}
