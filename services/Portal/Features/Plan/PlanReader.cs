using TuyPhuoc.Contracts.Plans.V1;

namespace TuyPhuoc.Portal.Features;

/// <summary>What an import of a plan workbook did: the wrong cells (nothing stored then), or the plan stored; and the plan as it stands now.</summary>
public sealed record PlanImport(IReadOnlyList<CellError> Errors, Plan? Stored, PlanView View);

/// <summary>A year's plan in the suite: its decisions and targets read, and a workbook imported as its first decision or a revision.</summary>
public sealed class PlanReader(IndicatorPlans.IndicatorPlansClient plans, PlanCache cache, IStringLocalizer<Strings> l)
{
    public async Task<PlanView> ReadAsync(int year, CallOptions call)
    {
        var revisions = await RevisionsAsync(year, call);
        var catalog = new PlanCatalog(await cache.IndicatorsAsync(call), await cache.UnitsByCodeAsync(call));
        return PlanView.From(year, revisions, revisions.Count == 0 ? null : await plans.GetPlanAsync(PlanWorkbook.Request(year), call), catalog);
    }

    private async Task<IReadOnlyList<PlanRevision>> RevisionsAsync(int year, CallOptions call)
    {
        try
        {
            return [.. (await plans.ListPlanRevisionsAsync(new ListPlanRevisionsRequest { Year = year }, call)).Revisions];
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.FailedPrecondition)
        {
            return [];
        }
    }

    /// <summary>
    /// Imports a plan workbook for the view's year, checked against the plan as it stands now: every wrong cell (the
    /// file's own, then the plans' refusals at their cells) is listed and nothing is stored; a year without a plan gets
    /// its first decision, a planned year a revision of what changed.
    /// </summary>
    public async Task<PlanImport> ImportAsync(int year, UploadedWorkbook file, CallOptions call)
    {
        var now = await ReadAsync(year, call);
        var upload = PlanWorkbook.Read(file.Sheets, now.Catalog, now.Plan);
        if (upload.Errors.Count == 0 && upload.Year != year) upload = upload with { Errors = [upload.At("year", l["Forms_OtherYear", upload.Year, year])] };
        if (upload.Errors.Count > 0) return new(upload.Errors, null, now);
        var key = $"portal-plan-{year}-{file.Hash}";
        try
        {
            var stored = now.Plan is null ? await plans.CreatePlanAsync(upload.Create(key), call) : await plans.RevisePlanAsync(upload.Revise(key), call);
            return new([], stored, await ReadAsync(year, call));
        }
        catch (RpcException refused) when (refused.StatusCode == StatusCode.InvalidArgument)
        {
            IReadOnlyList<CellError> errors = [.. (refused.GetRpcStatus()?.GetDetail<Google.Rpc.BadRequest>()?.FieldViolations ?? [])
                .Select(v => upload.At(v.Field, Problems.Reason(v.Description, l)))];
            if (errors.Count == 0) throw;
            return new(errors, null, now);
        }
    }
}
