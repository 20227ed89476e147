using System.Security.Cryptography;
using Microsoft.AspNetCore.Authorization;

namespace TuyPhuoc.Submissions.Grpc;

using TuyPhuoc.Contracts.Submissions.V1;

[Authorize(Policy = AccessPolicy.Name)]
public sealed class SubmissionsService(ActualsStore actuals, ReportsStore reports, EscalationsStore escalations, ReviewsStore reviews, ChangeFeedStore changes,
    IdempotentWrites writes, SubmissionWriter writer, ActualsImport import, PlanViews plans, ChangeSignal signal, SubmissionsMetrics metrics, SubmissionsDbContext db)
    : Contracts.Submissions.V1.Submissions.SubmissionsBase
{
    public override Task<Contracts.Audit.V1.ListAuditResponse> ListAudit(Contracts.Audit.V1.ListAuditRequest request, ServerCallContext context) =>
        db.ListAsync(request, context.CancellationToken, ChangeKinds.ActualRevised);

    public override async Task<ActualRevision> SubmitActual(SubmitActualRequest request, ServerCallContext context)
    {
        try
        {
            var stored = await writer.SubmitAsync(Caller(context), request, context.CancellationToken);
            metrics.Accepted(Domain.Origin.Interactive);
            return stored;
        }
        catch (DomainException e)
        {
            metrics.Refused(e, Domain.Origin.Interactive);
            throw;
        }
    }

    public override async Task<ListRevisionsResponse> ListRevisions(ListRevisionsRequest request, ServerCallContext context)
    {
        var unit = Mapping.Code(request.UnitCode);
        await CallerScope.Of(context).DemandUnitAsync(plans, unit, request.Year, context.CancellationToken);
        var revisions = await actuals.RevisionsAsync(unit, Mapping.Code(request.IndicatorCode), request.Year, request.Month, context.CancellationToken);
        return new ListRevisionsResponse { Revisions = { revisions.Select(r => r.ToProto()) } };
    }

    public override async Task<ListActualsResponse> ListActuals(ListActualsRequest request, ServerCallContext context)
    {
        var unit = Mapping.Code(request.UnitCode);
        var readable = await CallerScope.Of(context).ReadableIndicatorsAsync(plans, unit, request.Year, context.CancellationToken);
        if (request.Month is < 0 or > 12) throw new InvalidInputException("month", "must be between 1 and 12 (0 for every month)");
        var latest = (await actuals.LatestAsync(unit, request.Year, Text.Optional(request.IndicatorCode), request.Month == 0 ? null : request.Month, context.CancellationToken))
            .Where(a => readable(a.IndicatorCode)).ToList();
        var (page, next) = Paging.Page(latest, r => $"{r.IndicatorCode} {r.Month:00}", request.PageSize, request.PageToken);
        return new ListActualsResponse { Actuals = { page.Select(r => r.ToProto()) }, NextPageToken = next };
    }

    public override async Task<ImportActualsResponse> ImportActuals(IAsyncStreamReader<ImportActualsRequest> requestStream, ServerCallContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var ct = context.CancellationToken;
        var scope = CallerScope.Of(context);
        using var slot = ActualsImport.Slots.Take(scope.Unit ?? scope.Subject);
        // The pace is measured from the first message on: nothing of a batch is held while its client is silent or slow.
        var since = Stopwatch.StartNew();
        var received = 0L;
        async Task<ImportActualsRequest?> NextAsync()
        {
            var (wait, reason) = ActualsImport.Pace.NextWait(since.Elapsed, received);
            using var paced = CancellationTokenSource.CreateLinkedTokenSource(ct);
            paced.CancelAfter(wait);
            try
            {
                if (!await requestStream.MoveNext(paced.Token)) return null;
                received += Math.Max(1, requestStream.Current.Rows.Count);
                return requestStream.Current;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new RpcException(new Status(StatusCode.DeadlineExceeded, $"The import was abandoned and nothing was stored: {reason}."));
            }
        }
        var first = await NextAsync();
        since.Restart();
        var key = Text.Optional(first?.BatchIdempotencyKey ?? "");
        // Only a batch with a key can be replayed, so only then is its content hashed, row by row: the same rows hash
        // the same however they are split into messages.
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        async IAsyncEnumerable<IReadOnlyList<Domain.ActualInput>> Chunks()
        {
            for (var message = first; message is not null; message = await NextAsync())
            {
                var rows = message.Rows.Count == 0 || HasRowFields(message) ? [RowOf(message), .. message.Rows] : message.Rows.ToList();
                if (key is not null) foreach (var row in rows) hash.AppendData(row.ToByteArray());
                yield return rows.ConvertAll(r => r.ToInput());
            }
        }
        return await ImportAsync(context, new ImportStream(scope.Key(key, "batch_idempotency_key"), Chunks(), () => hash.GetHashAndReset()), started);
    }

    [Microsoft.AspNetCore.Mvc.RequestSizeLimit(ActualsImport.MaxBatchJsonBytes)]
    public override async Task<ImportActualsResponse> ImportActualsBatch(ImportActualsBatchRequest request, ServerCallContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var scope = CallerScope.Of(context);
        using var slot = ActualsImport.Slots.Take(scope.Unit ?? scope.Subject);
        var key = scope.Key(Text.Optional(request.BatchIdempotencyKey), "batch_idempotency_key");
        IReadOnlyList<Domain.ActualInput> rows = [.. request.Rows.Select(r => r.ToInput())];
        // Hashed as the streamed form hashes its rows, so a batch sent either way with one key is one batch.
        return await ImportAsync(context, new ImportStream(key, new[] { rows }.ToAsyncEnumerable(),
            () => SHA256.HashData([.. request.Rows.SelectMany(r => r.ToByteArray())])), started);
    }

    private async Task<ImportActualsResponse> ImportAsync(ServerCallContext context, ImportStream stream, long started)
    {
        try
        {
            var outcome = await import.ImportAsync(Caller(context), stream, context.CancellationToken);
            if (outcome.Errors.Count > 0) metrics.Refused("import_rows_invalid", Domain.Origin.Import);
            else if (!outcome.Replayed)
            {
                metrics.Accepted(Domain.Origin.Import, outcome.RowsStored);
                metrics.Imported(outcome.RowsStored, Stopwatch.GetElapsedTime(started));
            }
            return new ImportActualsResponse
            {
                RowsReceived = outcome.RowsReceived,
                RowsStored = outcome.RowsStored,
                BatchId = outcome.BatchId?.ToString() ?? "",
                Errors = { outcome.Errors.Select(e => new RowError { Row = e.Row, Field = e.Field, Reason = e.Reason }) },
            };
        }
        catch (DomainException e)
        {
            metrics.Refused(e, Domain.Origin.Import);
            throw;
        }
    }

    /// <summary>The original one-row form: the message's own fields, which count as a row before any in <c>rows</c>.</summary>
    private static ImportRow RowOf(ImportActualsRequest m) =>
        new() { UnitCode = m.UnitCode, IndicatorCode = m.IndicatorCode, Year = m.Year, Month = m.Month, Value = m.Value, Note = m.Note, Solutions = m.Solutions };

    private static bool HasRowFields(ImportActualsRequest m) =>
        m.UnitCode.Length > 0 || m.IndicatorCode.Length > 0 || m.Year != 0 || m.Month != 0 || m.Value != 0 || m.Note.Length > 0 || m.Solutions.Length > 0;

    public override Task<Report> SubmitReport(SubmitReportRequest request, ServerCallContext context) =>
        writes.RunAsync(nameof(SubmitReport), KeyActingFor(context, request.UnitCode, request.IdempotencyKey), request, Report.Parser, async ct =>
            (await reports.SubmitAsync(Caller(context), Mapping.Code(request.UnitCode), request.Year, request.Month,
                request.ReceivedOn.ToDate("received_on"), ct)).ToProto(),
            context.CancellationToken);

    public override Task<Report> ApproveReport(ApproveReportRequest request, ServerCallContext context) =>
        writes.RunAsync(nameof(ApproveReport), Key(context, request.IdempotencyKey), request, Report.Parser, async ct =>
            (await reports.ApproveAsync(Caller(context), Mapping.Code(request.UnitCode), request.Year, request.Month, ct)).ToProto(),
            context.CancellationToken);

    public override Task<Report> ReturnReport(ReturnReportRequest request, ServerCallContext context) =>
        writes.RunAsync(nameof(ReturnReport), Key(context, request.IdempotencyKey), request, Report.Parser, async ct =>
            (await reports.ReturnAsync(Caller(context), Mapping.Code(request.UnitCode), request.Year, request.Month, request.Reason, ct)).ToProto(),
            context.CancellationToken);

    public override Task<Report> ReopenReport(ReopenReportRequest request, ServerCallContext context) =>
        writes.RunAsync(nameof(ReopenReport), Key(context, request.IdempotencyKey), request, Report.Parser, async ct =>
            (await reports.ReopenAsync(Caller(context), Mapping.Code(request.UnitCode), request.Year, request.Month, request.Reason, ct)).ToProto(),
            context.CancellationToken);

    public override async Task<Report> GetReport(GetReportRequest request, ServerCallContext context)
    {
        var unit = Mapping.Code(request.UnitCode);
        await CallerScope.Of(context).DemandUnitAsync(plans, unit, request.Year, context.CancellationToken);
        return (await reports.GetAsync(unit, request.Year, request.Month, context.CancellationToken)).ToProto();
    }

    public override async Task<ListReportsResponse> ListReports(ListReportsRequest request, ServerCallContext context)
    {
        var caller = CallerScope.Of(context);
        var sees = await caller.SeesUnitsAsync(plans, request.Year, context.CancellationToken);
        var listed = (await reports.ListAsync(request.Year, request.Month, caller.NarrowUnit(null), context.CancellationToken))
            .Where(r => sees(r.Report.UnitCode) && (request.Status == ReportStatus.Unspecified || (int)r.ListedStatus == (int)request.Status));
        var (page, next) = Paging.Page(listed, r => r.Report.UnitCode, request.PageSize, request.PageToken);
        return new ListReportsResponse { Reports = { page.Select(r => r.ToProto()) }, NextPageToken = next };
    }

    public override Task<Deadlines> SetDeadlines(SetDeadlinesRequest request, ServerCallContext context) =>
        writes.RunAsync(nameof(SetDeadlines), Key(context, request.IdempotencyKey), request, Deadlines.Parser, async ct =>
            (await reports.SetDeadlinesAsync(request.Year, request.DayOfFollowingMonth, ct)).ToProto(),
            context.CancellationToken);

    public override async Task<Deadlines> GetDeadlines(GetDeadlinesRequest request, ServerCallContext context) =>
        new() { Year = request.Year, DayOfFollowingMonth = await reports.DeadlineDayAsync(request.Year, context.CancellationToken) };

    public override async Task<ListTimelinessResponse> ListTimeliness(ListTimelinessRequest request, ServerCallContext context)
    {
        var caller = CallerScope.Of(context);
        var unit = caller.NarrowUnit(Text.Optional(request.UnitCode));
        var sees = await caller.SeesUnitsAsync(plans, request.Year, context.CancellationToken);
        if (unit is not null && !sees(unit)) caller.DemandUnit(unit, null);
        var entries = (await reports.TimelinessAsync(request.Year, unit, request.Month == 0 ? null : request.Month, context.CancellationToken))
            .Where(e => sees(e.UnitCode));
        var (page, next) = Paging.Page(entries, e => e.Key, request.PageSize, request.PageToken);
        return new ListTimelinessResponse { Entries = { page.Select(e => e.ToProto(reports.Clock)) }, NextPageToken = next };
    }

    public override Task<Escalation> RaiseEscalation(RaiseEscalationRequest request, ServerCallContext context) =>
        writes.RunAsync(nameof(RaiseEscalation), KeyActingFor(context, request.UnitCode, request.IdempotencyKey), request, Escalation.Parser, async ct =>
            (await escalations.RaiseAsync(Caller(context), Mapping.Code(request.UnitCode), request.Year,
                [.. request.IndicatorCodes.Select(Mapping.Code)], request.Title, request.Description, ct)).ToProto(escalations.Today),
            context.CancellationToken);

    public override Task<Escalation> AssignEscalation(AssignEscalationRequest request, ServerCallContext context) =>
        writes.RunAsync(nameof(AssignEscalation), Key(context, request.IdempotencyKey), request, Escalation.Parser, async ct =>
            (await escalations.AssignAsync(Caller(context), Mapping.EscalationId(request.Id), Mapping.Code(request.OfficeCode),
                request.DueDate.ToDate("due_date"), ct)).ToProto(escalations.Today),
            context.CancellationToken);

    public override Task<Escalation> AnswerEscalation(AnswerEscalationRequest request, ServerCallContext context) =>
        writes.RunAsync(nameof(AnswerEscalation), Key(context, request.IdempotencyKey), request, Escalation.Parser, async ct =>
            (await escalations.AnswerAsync(Caller(context), Mapping.EscalationId(request.Id), request.Answer, ct)).ToProto(escalations.Today),
            context.CancellationToken);

    public override Task<Escalation> CloseEscalation(CloseEscalationRequest request, ServerCallContext context) =>
        writes.RunAsync(nameof(CloseEscalation), Key(context, request.IdempotencyKey), request, Escalation.Parser, async ct =>
            (await escalations.CloseAsync(Caller(context), Mapping.EscalationId(request.Id), request.Note, ct)).ToProto(escalations.Today),
            context.CancellationToken);

    public override Task<Escalation> ReferEscalation(ReferEscalationRequest request, ServerCallContext context) =>
        writes.RunAsync(nameof(ReferEscalation), Key(context, request.IdempotencyKey), request, Escalation.Parser, async ct =>
            (await escalations.ReferAsync(Caller(context), Mapping.EscalationId(request.Id), request.Authority, request.DocumentNumber,
                request.DocumentDate.ToDate("document_date"), ct)).ToProto(escalations.Today),
            context.CancellationToken);

    public override Task<Escalation> RecordReferralAnswer(RecordReferralAnswerRequest request, ServerCallContext context) =>
        writes.RunAsync(nameof(RecordReferralAnswer), Key(context, request.IdempotencyKey), request, Escalation.Parser, async ct =>
            (await escalations.RecordReferralAnswerAsync(Caller(context), Mapping.EscalationId(request.Id), request.AnsweredBy, request.DocumentNumber,
                request.DocumentDate.ToDate("document_date"), request.Answer, ct)).ToProto(escalations.Today),
            context.CancellationToken);

    public override async Task<Escalation> GetEscalation(GetEscalationRequest request, ServerCallContext context)
    {
        var escalation = await escalations.GetAsync(Mapping.EscalationId(request.Id), context.CancellationToken);
        if (!escalation.InvolvesAny(await CallerScope.Of(context).SeesUnitsAsync(plans, escalation.Year, context.CancellationToken))) throw new PermissionDeniedException($"Escalation {request.Id} belongs to another unit.");
        return escalation.ToProto(escalations.Today);
    }

    public override async Task<ListEscalationsResponse> ListEscalations(ListEscalationsRequest request, ServerCallContext context)
    {
        var sees = await CallerScope.Of(context).SeesUnitsAsync(plans, request.Year, context.CancellationToken);
        var (unit, office, indicator, today) = (Text.Optional(request.UnitCode), Text.Optional(request.OfficeCode), Text.Optional(request.IndicatorCode), escalations.Today);
        var found = (await escalations.ListAsync(request.Year, context.CancellationToken))
            .Where(e => e.InvolvesAny(sees)
                && (unit is null || e.UnitCode == unit)
                && (office is null || e.AssignedOfficeCode == office)
                && (indicator is null || e.IndicatorCodes.Contains(indicator))
                && (request.Status == EscalationStatus.Unspecified || (int)e.Status == (int)request.Status)
                && (!request.OverdueOnly || Domain.EscalationWorkflow.IsOverdue(e, today)));
        var (page, next) = Paging.Page(found, e => e.Id.ToString(), request.PageSize, request.PageToken);
        return new ListEscalationsResponse { Escalations = { page.Select(e => e.ToProto(today)) }, NextPageToken = next };
    }

    public override Task<OfficeReview> FileReview(FileReviewRequest request, ServerCallContext context) =>
        writes.RunAsync(nameof(FileReview), KeyActingFor(context, request.OfficeCode, request.IdempotencyKey), request, OfficeReview.Parser, ct =>
            reviews.FileAsync(Caller(context), Mapping.Code(request.OfficeCode), request.Year, request.Quarter, request.Summary,
                [.. request.Items.Select(i => i.ToDomain())], ct),
            context.CancellationToken);

    public override async Task<OfficeReview> GetReview(GetReviewRequest request, ServerCallContext context)
    {
        var office = Mapping.Code(request.OfficeCode);
        await CallerScope.Of(context).DemandUnitAsync(plans, office, request.Year, context.CancellationToken);
        return await reviews.GetAsync(office, request.Year, request.Quarter, context.CancellationToken);
    }

    public override async Task<ListReviewsResponse> ListReviews(ListReviewsRequest request, ServerCallContext context)
    {
        var scope = CallerScope.Of(context);
        var block = scope.NarrowBlock(Text.Optional(request.Block));
        var sees = await scope.SeesUnitsAsync(plans, request.Year, context.CancellationToken);
        var found = await reviews.ListAsync(request.Year, request.Quarter, sees, context.CancellationToken);
        return new ListReviewsResponse { Reviews = { found.Where(r => block is null || r.Block == block) } };
    }

    public override Task<LeaderDirection> GiveDirection(GiveDirectionRequest request, ServerCallContext context) =>
        writes.RunAsync(nameof(GiveDirection), Key(context, request.IdempotencyKey), request, LeaderDirection.Parser, async ct =>
            (await reviews.GiveAsync(CallerScope.Of(context), request.Year, request.Quarter, Mapping.Code(request.UnitCode),
                Text.Optional(request.IndicatorCode), request.OnReview, request.Text, ct)).ToProto(),
            context.CancellationToken);

    public override Task<LeaderDirection> AnswerDirection(AnswerDirectionRequest request, ServerCallContext context) =>
        writes.RunAsync(nameof(AnswerDirection), Key(context, request.IdempotencyKey), request, LeaderDirection.Parser, async ct =>
            (await reviews.AnswerAsync(Caller(context), Mapping.DirectionId(request.Id), request.Answer, ct)).ToProto(),
            context.CancellationToken);

    public override async Task<ListDirectionsResponse> ListDirections(ListDirectionsRequest request, ServerCallContext context)
    {
        var scope = CallerScope.Of(context);
        var (unit, block) = (scope.NarrowUnit(Text.Optional(request.UnitCode)), scope.NarrowBlock(Text.Optional(request.Block)));
        var found = (await reviews.DirectionsAsync(request.Year, context.CancellationToken))
            .Where(d => (unit is null || d.UnitCode == unit) && (block is null || d.Block == block)
                && (request.Status == DirectionStatus.Unspecified || (int)d.Status == (int)request.Status));
        var (page, next) = Paging.Page(found, d => d.Id.ToString(), request.PageSize, request.PageToken);
        return new ListDirectionsResponse { Directions = { page.Select(d => d.ToProto()) }, NextPageToken = next };
    }

    public override async Task WatchChanges(WatchChangesRequest request, IServerStreamWriter<Change> responseStream, ServerCallContext context)
    {
        if (request.AfterSequence < 0) throw new InvalidInputException("after_sequence", "must not be negative");
        var consumer = Text.Optional(request.Consumer) ?? Text.Optional(context.RequestHeaders.GetValue("consumer") ?? "") ?? Caller(context).Subject;
        if (request.Kinds.Any(string.IsNullOrWhiteSpace)) throw new InvalidInputException("kinds", "must not hold an empty kind");
        var kinds = request.Kinds.ToArray();
        bool Wanted(string kind) => kinds.Length == 0 || kinds.Any(k => kind.StartsWith(k, StringComparison.Ordinal));
        var revisions = new Dictionary<long, Domain.ActualRevision>();
        await ChangeFeedStreaming.StreamAsync(
            async (after, ct) =>
            {
                // Everything up to the cursor has been written to the consumer, or left out as a kind it did not ask for.
                metrics.ConsumerRead(consumer, after);
                var (entries, found) = await changes.ChangesAfterAsync(after, Wanted(ChangeKinds.ActualRevised), ct);
                if (entries.Count > 0) metrics.LatestSequence(entries[^1].Sequence!.Value);
                revisions = found;
                return entries;
            },
            e => Wanted(e.Kind) ? Mapping.ToChange(e, revisions.GetValueOrDefault(e.Sequence!.Value)) : null,
            request.AfterSequence, responseStream, signal, context.CancellationToken);
    }

    private static Domain.Caller Caller(ServerCallContext context)
    {
        var user = context.GetHttpContext().User;
        return new Domain.Caller(user.SubjectOf(), user.FindFirst(SuiteClaims.Role)?.Value ?? "", user.UnitOf());
    }

    private static string? Key(ServerCallContext context, string key) => CallerScope.Of(context).Key(key);

    /// <summary>The caller's key once it is clear that the caller may act for the unit: a refusal comes before any stored answer.</summary>
    private static string? KeyActingFor(ServerCallContext context, string unit, string key)
    {
        Caller(context).EnsureMayActFor(Mapping.Code(unit));
        return Key(context, key);
    }
}
