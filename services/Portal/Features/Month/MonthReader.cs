using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Contracts.Submissions.V1;

namespace TuyPhuoc.Portal.Features;

/// <summary>What an Excel import of the month did: the wrong cells (nothing stored then), or how many values were stored.</summary>
public sealed record MonthImport(IReadOnlyList<CellError> Errors, long Stored);

/// <summary>A unit's month in the suite: its form read, its values stored and sent, a value's history, the Excel import.</summary>
public sealed class MonthReader(Submissions.SubmissionsClient submissions, PlanCache plans, IStringLocalizer<Strings> l)
{
    private const int ParallelWrites = 8;

    /// <summary>The month asked, else the one to report now (the one after the last with a value).</summary>
    public async Task<MonthView> ReadAsync(string unit, int year, int? month, DateOnly today, CallOptions call)
    {
        var cells = await Paging.AllAsync(
            token => submissions.ListActualsAsync(new ListActualsRequest { UnitCode = unit, Year = year, PageSize = Paging.MaxPageSize, PageToken = token }, call).ResponseAsync,
            page => (page.Actuals, page.NextPageToken)).ToListAsync();
        var shown = month is >= 1 and <= 12 ? month.Value : Periods.MonthToReport(year, cells.Select(c => c.Month), today);
        var report = submissions.GetReportAsync(new GetReportRequest { UnitCode = unit, Year = year, Month = shown }, call).ResponseAsync;
        var assigned = await plans.AssignmentsAsync(unit, year, call, PlanCalendar.MonthEnd(year, shown));
        var named = (await plans.UnitsByCodeAsync(call)).GetValueOrDefault(unit) ?? new Unit { Code = unit, Name = unit };
        return MonthView.From(named, year, shown, assigned, cells, await report);
    }

    /// <summary>
    /// Stores every changed line through SubmitActual; a refused value gets the server's reason beside its input and
    /// every line keeps what was typed. Any other failure ends the call. Returns how many were stored and refused.
    /// </summary>
    public async Task<(int Stored, int Refused)> StoreAsync(MonthView view, IReadOnlyList<MonthLine> lines, string form, CallOptions call)
    {
        var changed = lines.Where(line => line.Changed).ToList();
        var refused = 0;
        await Parallel.ForEachAsync(changed, new ParallelOptions { MaxDegreeOfParallelism = ParallelWrites }, async (line, _) =>
        {
            line.TryRead(out var value);
            try
            {
                line.Stored(await submissions.SubmitActualAsync(new SubmitActualRequest
                {
                    UnitCode = view.Unit, IndicatorCode = line.Code, Year = view.Year, Month = view.Month, Value = value!.Value, Note = line.Note, Solutions = line.Solutions,
                    IdempotencyKey = line.IdempotencyKey(form, view.Month, value.Value), ExpectedRevision = line.Row.Stored?.Revision ?? 0,
                }, call));
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.InvalidArgument)
            {
                var fields = Problems.Of(e, l).Fields;
                (line.NoteError, line.SolutionsError) = (fields.GetValueOrDefault("note"), fields.GetValueOrDefault("solutions"));
                line.ValueError = fields.GetValueOrDefault("value") ?? (line.NoteError is null && line.SolutionsError is null ? string.Join("; ", fields.Values) : null);
                Interlocked.Increment(ref refused);
            }
        });
        return (changed.Count - refused, refused);
    }

    public async Task<ReportState> ReportAsync(MonthView view, CallOptions call) =>
        ReportState.From(await submissions.GetReportAsync(new GetReportRequest { UnitCode = view.Unit, Year = view.Year, Month = view.Month }, call));

    public async Task<ReportState> SendAsync(MonthView view, string idempotencyKey, CallOptions call) =>
        ReportState.From(await submissions.SubmitReportAsync(new SubmitReportRequest { UnitCode = view.Unit, Year = view.Year, Month = view.Month, IdempotencyKey = idempotencyKey }, call));

    public async Task<IReadOnlyList<Cell>> HistoryAsync(MonthView view, string indicator, CallOptions call) =>
        [.. (await submissions.ListRevisionsAsync(new ListRevisionsRequest { UnitCode = view.Unit, IndicatorCode = indicator, Year = view.Year, Month = view.Month }, call)).Revisions.Select(Cell.From)];

    /// <summary>An uploaded month's form, checked against the month as stored now, then imported through ImportActuals, all or nothing.</summary>
    public async Task<MonthImport> ImportAsync(MonthView view, UploadedWorkbook file, CallOptions call)
    {
        var upload = MonthWorkbook.Read(file.Sheets, await ReadAsync(view.Unit, view.Year, view.Month, default, call));
        if (upload.Errors.Count > 0 || upload.Rows.Count == 0) return new(upload.Errors, 0);
        using var import = submissions.ImportActuals(call);
        await import.RequestStream.WriteAsync(new ImportActualsRequest
        {
            BatchIdempotencyKey = $"portal-xlsx-{view.Unit}-{view.Year}-{view.Month}-{file.Hash}", Rows = { upload.Rows.Select(r => r.Row) },
        });
        await import.RequestStream.CompleteAsync();
        var answer = await import;
        return new(upload.At(answer.Errors, reason => Problems.Reason(reason, l)), answer.RowsStored);
    }
}
