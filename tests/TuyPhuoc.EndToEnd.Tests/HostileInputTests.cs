using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Health.V1;
using TuyPhuoc.Contracts.Evaluation.V1;
using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Contracts.Scoring.V1;
using TuyPhuoc.Contracts.Submissions.V1;
using TuyPhuoc.Contracts.Tasks.V1;
using TuyPhuoc.ServiceDefaults;
using Date = Google.Type.Date;
using PlansChange = TuyPhuoc.Contracts.Plans.V1.WatchChangesRequest;
using SubmissionsChange = TuyPhuoc.Contracts.Submissions.V1.WatchChangesRequest;
using IndicatorPlansUnit = TuyPhuoc.Contracts.Plans.V1.Unit;
using TasksChange = TuyPhuoc.Contracts.Tasks.V1.WatchChangesRequest;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>
/// A generated corpus of malformed and hostile requests across every write RPC: each gets a proper gRPC error with
/// the right status, never Internal or Unknown; no service falls over; nothing is stored.
/// </summary>
[Collection(IsolatedSuiteCollection.Name)]
public sealed class HostileInputTests(IsolatedSuite suite)
{
    private const StatusCode Invalid = StatusCode.InvalidArgument;
    private static readonly string Huge = new('x', 100_000);
    private static readonly string[] BadTexts = ["", " ", "\0", "'; DROP TABLE actual_revisions; --", "ＣＴ０３", new string('y', 5_000)];
    private static readonly double[] BadNumbers = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -1, -1e308];
    private static readonly int[] BadMonths = [0, 13, -1, int.MaxValue, int.MinValue];
    private static readonly int[] BadYears = [0, -2024, 1999, 2101, int.MaxValue];

    private sealed record Case(string Name, Func<CallOptions, Task> Call, CallOptions Options, params StatusCode[] Expected);

    private sealed record Callers(CallOptions Planning, CallOptions Commune, CallOptions HomeAffairs, CallOptions[] Strangers);

    [Fact]
    public async Task Corpus_EveryWriteRpc_ProperErrorNothingStoredNothingCrashed()
    {
        var callers = new Callers(
            SuiteFixture.WithBearer(await suite.TokenAsync(Roles.PlanningOffice)),
            SuiteFixture.WithBearer(await suite.TokenAsync(Roles.UnitReporter, "PHUOC_THANG")),
            SuiteFixture.WithBearer(await suite.TokenAsync(Roles.HomeAffairs)),
            [
                SuiteFixture.Anonymous(),
                SuiteFixture.WithBearer(new DevTokenIssuer(new AuthOptions { SigningKey = DevTokenIssuer.NewKey() }).Issue("forger", Roles.PlanningOffice).Token),
                SuiteFixture.WithBearer("not-a-token"),
                SuiteFixture.WithBearer(Expired()),
            ]);
        var before = await StoredStateAsync(callers.Planning);
        var cases = Corpus(callers).ToList();

        var wrong = await RunAsync(cases);

        Assert.True(cases.Count >= 500, $"only {cases.Count} hostile requests");
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {cases.Count} answered wrongly:\n" + string.Join("\n", wrong));
        foreach (var service in new[] { "tuyphuoc.plans.v1.IndicatorPlans", "tuyphuoc.submissions.v1.Submissions", "tuyphuoc.evaluation.v1.Evaluation", "tuyphuoc.scoring.v1.EmulationScoring", "tuyphuoc.tasks.v1.KeyTasks", "tuyphuoc.notifications.v1.Notifications" })
        {
            var health = await new Health.HealthClient(suite.Gateway).CheckAsync(new HealthCheckRequest { Service = service }, SuiteFixture.Anonymous());
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        }
        Assert.Equal(before, await StoredStateAsync(callers.Planning));
        await NormalSubmissionVisibleAsync();
    }

    [Fact]
    public async Task Corpus_ControlAndInvisibleFormatCharactersAndOutOfBoundNumbersInEveryField_InvalidArgumentNothingStored()
    {
        var planning = SuiteFixture.WithBearer(await suite.TokenAsync(Roles.PlanningOffice));
        var home = SuiteFixture.WithBearer(await suite.TokenAsync(Roles.HomeAffairs));
        var cases = new List<Case>();
        foreach (var (name, template, call, homeAffairs) in Templates())
        {
            var who = homeAffairs ? home : planning;
            // Control characters, and the invisible ones that make a figure or a name read backwards or split.
            foreach (var bad in new object[] { "a\0b", "x\u0007", "\u001b[2J", "ok\u0085", "12\u202E34", "Phước\u200BThắng", "\uFEFFCT03", "\u2066x\u2069", "tag\U000E0041" })
            {
                foreach (var (field, request) in Poisoned(template, FieldType.String, bad))
                    cases.Add(new($"{name}.{field} = {InputBounds.Quote((string)bad)}", o => call(request, o), who, Invalid));
            }
            foreach (var bad in new object[] { 1e16, -1e300, double.MaxValue, 1.0000001e15 })
            {
                foreach (var (field, request) in Poisoned(template, FieldType.Double, bad))
                    cases.Add(new($"{name}.{field} = {bad}", o => call(request, o), who, Invalid));
            }
        }
        // Each value within bounds, their sum not: twelve months of 1e15 against a year target of 1.2e16.
        var sum = NewPlan();
        sum.Targets[0].Months.Add(Enumerable.Repeat(1e15, 12));
        sum.Targets[0].DistrictTarget = 1.2e16;
        var plans = new IndicatorPlans.IndicatorPlansClient(suite.Gateway);
        cases.Add(new("CreatePlan months summing past the bound", o => plans.CreatePlanAsync(sum, o).ResponseAsync, planning, Invalid));
        await StoredStateAsync(planning);

        var wrong = await RunAsync(cases);

        Assert.True(cases.Count >= 200, $"only {cases.Count} requests with bad fields");
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {cases.Count} answered wrongly:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public async Task ErrorChannel_ThousandsOfBadItemsInOneRepeatedField_TenViolationsSmallTrailersNothingStored()
    {
        var commune = SuiteFixture.WithBearer(await suite.TokenAsync(Roles.UnitReporter, "PHUOC_THANG"));
        var planning = SuiteFixture.WithBearer(await suite.TokenAsync(Roles.PlanningOffice));
        var submissions = new Submissions.SubmissionsClient(suite.Gateway);
        var plans = new IndicatorPlans.IndicatorPlansClient(suite.Gateway);
        var before = await StoreMarksAsync();
        var manyBadCodes = NewEscalation();
        manyBadCodes.IndicatorCodes.Clear();
        manyBadCodes.IndicatorCodes.Add(Enumerable.Range(0, 5000).Select(i => $"CT{i}\u0007"));
        var manyBadTargets = NewPlan();
        manyBadTargets.Targets.Add(Enumerable.Range(0, 3000).Select(i => new Target { IndicatorCode = $"X{i}\u202E", DistrictTarget = double.NaN }));
        var tooManyItems = NewEscalation();
        tooManyItems.IndicatorCodes.Add(Enumerable.Range(0, InputBounds.MaxItems + 1).Select(i => $"CT{i}"));

        foreach (var (name, who, call) in new (string, CallOptions, Func<CallOptions, Task>)[]
        {
            ("RaiseEscalation with 5000 bad codes", commune, o => submissions.RaiseEscalationAsync(manyBadCodes, o).ResponseAsync),
            ("CreatePlan with 3000 bad targets", planning, o => plans.CreatePlanAsync(manyBadTargets, o).ResponseAsync),
            ("RaiseEscalation with 10001 codes", commune, o => submissions.RaiseEscalationAsync(tooManyItems, o).ResponseAsync),
        })
        {
            var e = await Assert.ThrowsAsync<RpcException>(() => call(who.WithDeadline(DateTime.UtcNow + SuiteFixture.CallDeadline)));
            var violations = e.GetRpcStatus()?.GetDetail<Google.Rpc.BadRequest>()?.FieldViolations;

            Assert.True(e.StatusCode == StatusCode.InvalidArgument, $"{name}: {e.StatusCode} {e.Status.Detail}");
            Assert.NotNull(violations);
            Assert.InRange(violations.Count, 1, InvalidInputException.MaxListed);
            Assert.True(e.Status.Detail.Length <= DomainExceptionInterceptor.MaxMessageLength, $"{name}: a message of {e.Status.Detail.Length} characters");
            Assert.True(e.Trailers.Sum(t => t.Key.Length + (t.IsBinary ? t.ValueBytes.Length : t.Value.Length)) < 8192, $"{name}: trailers too large");
            if (violations.Count == InvalidInputException.MaxListed) Assert.Matches("^and \\d+ more$", violations[^1].Description);
        }
        Assert.Equal(before, await StoreMarksAsync());
        await NormalSubmissionVisibleAsync();
    }

    [Fact]
    public async Task Note_WithARightToLeftOverride_RefusedBesideTheNoteNothingStored()
    {
        var commune = SuiteFixture.WithBearer(await suite.TokenAsync(Roles.UnitReporter, "PHUOC_THANG"));
        var before = await StoreMarksAsync();

        var e = await Assert.ThrowsAsync<RpcException>(() => new Submissions.SubmissionsClient(suite.Gateway)
            .SubmitActualAsync(WithKey(NewActual(note: "Đạt 12\u202E34 tỷ"), $"rlo-{Guid.NewGuid():N}"), commune).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        var violation = Assert.Single(e.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations);
        Assert.Equal("note", violation.Field);
        Assert.StartsWith("contains invisible formatting characters", violation.Description);
        Assert.DoesNotContain("\u202E", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await StoreMarksAsync());
        await NormalSubmissionVisibleAsync();
    }

    [Fact]
    public async Task Imports_OneCommuneTrickles_OthersImportTheTrickleIsCutNothingOfItStored()
    {
        var commune = SuiteFixture.WithBearer(await suite.TokenAsync(Roles.UnitReporter, "PHUOC_THANG"));
        var planning = SuiteFixture.WithBearer(await suite.TokenAsync(Roles.PlanningOffice));
        var submissions = new Submissions.SubmissionsClient(suite.Gateway);
        var cell = new ListRevisionsRequest { UnitCode = "PHUOC_THANG", IndicatorCode = "CT03", Year = 2024, Month = 11 };
        var revisionsBefore = (await submissions.ListRevisionsAsync(cell, planning)).Revisions.Count;
        var ct = TestContext.Current.CancellationToken;

        using var trickle = submissions.ImportActuals(commune);
        await trickle.RequestStream.WriteAsync(NewRow(), ct);
        // Another caller gets in while the trickle holds its place.
        await ImportAsync(submissions, [NewRow()], planning.WithDeadline(DateTime.UtcNow + SuiteFixture.CallDeadline));
        try
        {
            for (var month = 1; month <= 10; month++)
            {
                await Task.Delay(TimeSpan.FromSeconds(3), ct);
                var row = NewRow();
                row.Month = month;
                await trickle.RequestStream.WriteAsync(row, ct);
            }
            await trickle.RequestStream.CompleteAsync();
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException)
        {
            // The server let the stream go: its status is the answer.
        }
        var abandoned = await Assert.ThrowsAsync<RpcException>(() => trickle.ResponseAsync);
        // Its place is free again once the trickle is let go.
        await ImportAsync(submissions, [NewRow()], commune.WithDeadline(DateTime.UtcNow + SuiteFixture.CallDeadline));

        Assert.Equal(StatusCode.DeadlineExceeded, abandoned.StatusCode);
        Assert.Contains("slower than", abandoned.Status.Detail);
        Assert.Equal(revisionsBefore + 2, (await submissions.ListRevisionsAsync(cell, planning)).Revisions.Count);
        await NormalSubmissionVisibleAsync();
    }

    [Fact]
    public async Task Burst_OneHostileCallAmongGoodOnes_TheGoodOnesAllStoredTheHostileRefused()
    {
        var commune = SuiteFixture.WithBearer(await suite.TokenAsync(Roles.UnitReporter, "PHUOC_THANG"));
        var submissions = new Submissions.SubmissionsClient(suite.Gateway);
        var good = Enumerable.Range(0, 60).Select(i => NewActual(note: $"đợt {i}") is var r ? WithKey(r, $"burst-{Guid.NewGuid():N}") : null!).ToList();
        var hostile = WithKey(NewActual(note: "nul\0here"), $"burst-{Guid.NewGuid():N}");

        var calls = good.Select(r => submissions.SubmitActualAsync(r, commune).ResponseAsync).ToList();
        var refused = await Assert.ThrowsAsync<RpcException>(() => submissions.SubmitActualAsync(hostile, commune).ResponseAsync);
        var stored = await Task.WhenAll(calls);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal(good.Count, stored.Select(s => s.Revision).Distinct().Count());
        Assert.All(stored, s => Assert.StartsWith("đợt ", s.Note));
    }

    [Fact]
    public async Task IdempotencyKey_ReusedWithAnotherBody_RefusedAndTheFirstAnswerStands()
    {
        var commune = SuiteFixture.WithBearer(await suite.TokenAsync(Roles.UnitReporter, "PHUOC_THANG"));
        var submissions = new Submissions.SubmissionsClient(suite.Gateway);
        var key = $"reuse-{Guid.NewGuid():N}";
        var first = await submissions.SubmitActualAsync(WithKey(NewActual(), key), commune);
        var before = await StoreMarksAsync();

        var other = WithKey(NewActual(), key);
        other.Value = 6;
        var refused = await Assert.ThrowsAsync<RpcException>(() => submissions.SubmitActualAsync(other, commune).ResponseAsync);
        var again = await submissions.SubmitActualAsync(WithKey(NewActual(), key), commune);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal(first, again);
        Assert.Equal(before, await StoreMarksAsync());
    }

    [Fact]
    public async Task Imports_IdleOversizedAndDuplicateRows_RefusedNothingStored()
    {
        var planning = SuiteFixture.WithBearer(await suite.TokenAsync(Roles.PlanningOffice));
        var submissions = new Submissions.SubmissionsClient(suite.Gateway);
        var before = await StoreMarksAsync();

        using (var idle = submissions.ImportActuals(planning))
        {
            await idle.RequestStream.WriteAsync(NewRow(), TestContext.Current.CancellationToken);
            var abandoned = await Assert.ThrowsAsync<RpcException>(() => idle.ResponseAsync);
            Assert.Equal(StatusCode.DeadlineExceeded, abandoned.StatusCode);
        }
        var oversized = Enumerable.Range(0, 501).Select(m => new ImportActualsRequest
        {
            Rows = { Enumerable.Range(0, 1000).Select(i => new ImportRow { UnitCode = "PHUOC_THANG", IndicatorCode = "CT03", Year = 2024, Month = 1 + i % 11, Value = i }) },
        }).ToList();
        var tooMany = await Assert.ThrowsAsync<RpcException>(() => ImportAsync(submissions, oversized, planning.WithDeadline(DateTime.UtcNow + SuiteFixture.CallDeadline)));
        var duplicate = await Assert.ThrowsAsync<RpcException>(() => ImportAsync(submissions, [NewRow(), NewRow()], planning.WithDeadline(DateTime.UtcNow + SuiteFixture.CallDeadline)));

        Assert.Equal(StatusCode.InvalidArgument, tooMany.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, duplicate.StatusCode);
        Assert.Equal(before, await StoreMarksAsync());
    }

    [Fact]
    public async Task Streams_OpenedAndDroppedByTheHundred_ANormalSubmissionIsStillVisibleWithinSeconds()
    {
        var planning = SuiteFixture.WithBearer(await suite.TokenAsync(Roles.PlanningOffice));
        var evaluation = new Evaluation.EvaluationClient(suite.Gateway);
        var submissions = new Submissions.SubmissionsClient(suite.Gateway);
        for (var round = 0; round < 3; round++)
        {
            using var drop = new CancellationTokenSource();
            var streams = Enumerable.Range(0, 100).Select(i => i % 2 == 0
                ? (IDisposable)evaluation.WatchResults(new WatchResultsRequest(), planning.WithCancellationToken(drop.Token))
                : submissions.WatchChanges(new SubmissionsChange(), planning.WithCancellationToken(drop.Token))).ToList();
            await Task.Delay(200, TestContext.Current.CancellationToken);
            await drop.CancelAsync();
            streams.ForEach(s => s.Dispose());
        }

        await NormalSubmissionVisibleAsync();
    }

    /// <summary>After everything hostile, nothing stalled: a plain submission reaches Evaluation's result stream within seconds.</summary>
    private async Task NormalSubmissionVisibleAsync()
    {
        var planning = SuiteFixture.WithBearer(await suite.TokenAsync(Roles.PlanningOffice));
        var commune = SuiteFixture.WithBearer(await suite.TokenAsync(Roles.UnitReporter, "PHUOC_HUNG"));
        var head = await HeadAsync(o => new Evaluation.EvaluationClient(suite.Gateway).WatchResults(new WatchResultsRequest(), o).ResponseStream, c => c.Sequence);
        var value = 1000 + Random.Shared.Next(1, 9000);
        await new Submissions.SubmissionsClient(suite.Gateway).SubmitActualAsync(
            WithKey(new SubmitActualRequest { UnitCode = "PHUOC_HUNG", IndicatorCode = "CT08", Year = 2024, Month = 9, Value = value }, $"after-{Guid.NewGuid():N}"), commune);

        using var within = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var stream = new Evaluation.EvaluationClient(suite.Gateway).WatchResults(new WatchResultsRequest { AfterSequence = head }, planning.WithCancellationToken(within.Token));
        while (await stream.ResponseStream.MoveNext(within.Token))
        {
            var c = stream.ResponseStream.Current;
            if (c.UnitCode == "PHUOC_HUNG" && c.IndicatorCode == "CT08" && c.Status?.MonthlyActuals[8].Value == value) return;
        }
        Assert.Fail("The submission after the hostile calls did not reach WatchResults within 10 s");
    }

    private async Task<List<string>> RunAsync(IReadOnlyList<Case> cases)
    {
        var wrong = new List<string>();
        var stores = await OpenStoresAsync();
        try
        {
            foreach (var c in cases)
            {
                var before = await StoreMarksAsync(stores);
                try
                {
                    // Each call its own deadline: the corpus as a whole takes longer than one call may.
                    await c.Call(c.Options.WithDeadline(DateTime.UtcNow + SuiteFixture.CallDeadline));
                    wrong.Add($"{c.Name}: accepted");
                }
                catch (RpcException e) when (!c.Expected.Contains(e.StatusCode))
                {
                    wrong.Add($"{c.Name}: {e.StatusCode} ({e.Status.Detail}), expected {string.Join(" or ", c.Expected)}");
                }
                catch (RpcException)
                {
                }
                if (await StoreMarksAsync(stores) is var after && after != before) wrong.Add($"{c.Name}: stored something ({before} -> {after})");
            }
        }
        finally
        {
            foreach (var (connection, _) in stores) await connection.DisposeAsync();
        }
        return wrong;
    }

    private async Task<string> StoreMarksAsync()
    {
        var stores = await OpenStoresAsync();
        try { return await StoreMarksAsync(stores); }
        finally { foreach (var (connection, _) in stores) await connection.DisposeAsync(); }
    }

    /// <summary>
    /// What a write leaves in the stores, read straight from them: each service's change log and idempotency records and
    /// Scoring's scheme versions (everything a write RPC stores goes with one of those, in its transaction).
    /// </summary>
    private static async Task<string> StoreMarksAsync(List<(Npgsql.NpgsqlConnection Connection, string Sql)> stores)
    {
        var marks = new List<string>();
        foreach (var (connection, sql) in stores)
        {
            await using var command = new Npgsql.NpgsqlCommand(sql, connection);
            marks.Add($"{connection.Database} {await command.ExecuteScalarAsync()}");
        }
        return string.Join(", ", marks);
    }

    private async Task<List<(Npgsql.NpgsqlConnection Connection, string Sql)>> OpenStoresAsync() =>
    [
        (await suite.OpenDatabaseAsync(ResourceNames.PlansDb), """SELECT (SELECT coalesce(max("Id"), 0) FROM change_log) || '/' || (SELECT count(*) FROM idempotency)"""),
        (await suite.OpenDatabaseAsync(ResourceNames.SubmissionsDb), """SELECT (SELECT coalesce(max("Id"), 0) FROM change_log) || '/' || (SELECT count(*) FROM idempotency)"""),
        (await suite.OpenDatabaseAsync(ResourceNames.ScoringDb), """SELECT (SELECT count(*) FROM scheme_versions) || '/' || (SELECT count(*) FROM idempotency)"""),
        (await suite.OpenDatabaseAsync(ResourceNames.TasksDb), """SELECT (SELECT coalesce(max("Id"), 0) FROM change_log) || '/' || (SELECT count(*) FROM idempotency)"""),
    ];

    private static SubmitActualRequest WithKey(SubmitActualRequest r, string key)
    {
        r.IdempotencyKey = key;
        return r;
    }

    /// <summary>A valid request of each RPC (reads too), to be spoiled one field at a time.</summary>
    private IEnumerable<(string Name, IMessage Template, Func<IMessage, CallOptions, Task> Call, bool HomeAffairs)> Templates()
    {
        var plans = new IndicatorPlans.IndicatorPlansClient(suite.Gateway);
        var submissions = new Submissions.SubmissionsClient(suite.Gateway);
        var evaluation = new Evaluation.EvaluationClient(suite.Gateway);
        var scoring = new EmulationScoring.EmulationScoringClient(suite.Gateway);
        (string, IMessage, Func<IMessage, CallOptions, Task>, bool) T<TRequest>(string name, TRequest request, Func<TRequest, CallOptions, Task> call, bool homeAffairs = false)
            where TRequest : IMessage => (name, request, (m, o) => call((TRequest)m, o), homeAffairs);

        yield return T("SubmitActual", WithKey(NewActual(note: "ghi chú"), "k"), (r, o) => submissions.SubmitActualAsync(r, o).ResponseAsync);
        yield return T("ImportActuals", new ImportActualsRequest { Rows = { new ImportRow { UnitCode = "PHUOC_THANG", IndicatorCode = "CT03", Year = 2024, Month = 11, Value = 5, Note = "n" } }, BatchIdempotencyKey = "k" },
            (r, o) => ImportAsync(submissions, [r], o));
        yield return T("ReturnReport", new ReturnReportRequest { UnitCode = "PHUOC_THANG", Year = 2024, Month = 12, Reason = "Thiếu", IdempotencyKey = "k" }, (r, o) => submissions.ReturnReportAsync(r, o).ResponseAsync);
        yield return T("ReopenReport", new ReopenReportRequest { UnitCode = "PHUOC_THANG", Year = 2024, Month = 12, Reason = "Sai", IdempotencyKey = "k" }, (r, o) => submissions.ReopenReportAsync(r, o).ResponseAsync);
        yield return T("RaiseEscalation", NewEscalation(), (r, o) => submissions.RaiseEscalationAsync(r, o).ResponseAsync);
        yield return T("AnswerEscalation", new AnswerEscalationRequest { Id = "E-404", Answer = "Đã xử lý", IdempotencyKey = "k" }, (r, o) => submissions.AnswerEscalationAsync(r, o).ResponseAsync);
        yield return T("CloseEscalation", new CloseEscalationRequest { Id = "E-404", Note = "Xong", IdempotencyKey = "k" }, (r, o) => submissions.CloseEscalationAsync(r, o).ResponseAsync);
        yield return T("FileReview", new FileReviewRequest { OfficeCode = "TCKH", Year = 2024, Quarter = 2, Summary = "Kết quả", Items = { new ReviewItem { IndicatorCode = "CT01", Difficulties = "Khó khăn", Solutions = "Giải pháp" } }, IdempotencyKey = "k" },
            (r, o) => submissions.FileReviewAsync(r, o).ResponseAsync);
        yield return T("AnswerDirection", new AnswerDirectionRequest { Id = "D-404", Answer = "Đã thực hiện", IdempotencyKey = "k" }, (r, o) => submissions.AnswerDirectionAsync(r, o).ResponseAsync);
        yield return T("CreateUnit", new CreateUnitRequest { Unit = NewUnit(), IdempotencyKey = "k" }, (r, o) => plans.CreateUnitAsync(r, o).ResponseAsync);
        yield return T("CreateIndicator", new CreateIndicatorRequest { Indicator = WithRange(NewIndicator()), IdempotencyKey = "k" }, (r, o) => plans.CreateIndicatorAsync(r, o).ResponseAsync);
        yield return T("RenameUnit", new RenameUnitRequest { Code = "PHUOC_THANG", Name = "Xã Phước Thắng", IdempotencyKey = "k" }, (r, o) => plans.RenameUnitAsync(r, o).ResponseAsync);
        yield return T("UpdateIndicator", new UpdateIndicatorRequest { Indicator = WithRange(NewIndicator()), IdempotencyKey = "k" }, (r, o) => plans.UpdateIndicatorAsync(r, o).ResponseAsync);
        yield return T("CreatePlan", WithAllocation(NewPlan()), (r, o) => plans.CreatePlanAsync(r, o).ResponseAsync);
        yield return T("RevisePlan", WithReason(NewRevision(), "Điều chỉnh"), (r, o) => plans.RevisePlanAsync(r, o).ResponseAsync);
        yield return T("SetScheme", new SetSchemeRequest { Scheme = NewScheme(), IdempotencyKey = "k" }, (r, o) => scoring.SetSchemeAsync(r, o).ResponseAsync, homeAffairs: true);
        yield return T("FinalizeYear", new FinalizeYearRequest { Year = 2024, Reason = "Kết thúc", IdempotencyKey = "k" }, (r, o) => scoring.FinalizeYearAsync(r, o).ResponseAsync, homeAffairs: true);
        yield return T("ListActuals", new ListActualsRequest { UnitCode = "PHUOC_THANG", Year = 2024, IndicatorCode = "CT03", PageToken = "" }, (r, o) => submissions.ListActualsAsync(r, o).ResponseAsync);
        yield return T("ListRevisions", new ListRevisionsRequest { UnitCode = "PHUOC_THANG", IndicatorCode = "CT03", Year = 2024, Month = 1 }, (r, o) => submissions.ListRevisionsAsync(r, o).ResponseAsync);
        yield return T("GetReport", new GetReportRequest { UnitCode = "PHUOC_THANG", Year = 2024, Month = 1 }, (r, o) => submissions.GetReportAsync(r, o).ResponseAsync);
        yield return T("GetEscalation", new GetEscalationRequest { Id = "E-1" }, (r, o) => submissions.GetEscalationAsync(r, o).ResponseAsync);
        yield return T("ListEscalations", new ListEscalationsRequest { Year = 2024, UnitCode = "PHUOC_THANG", OfficeCode = "TCKH" }, (r, o) => submissions.ListEscalationsAsync(r, o).ResponseAsync);
        yield return T("ListReviews", new ListReviewsRequest { Year = 2024, Quarter = 2, Block = "economy" }, (r, o) => submissions.ListReviewsAsync(r, o).ResponseAsync);
        yield return T("GetReview", new GetReviewRequest { OfficeCode = "TCKH", Year = 2024, Quarter = 2 }, (r, o) => submissions.GetReviewAsync(r, o).ResponseAsync);
        yield return T("ListTimeliness", new ListTimelinessRequest { Year = 2024, UnitCode = "PHUOC_THANG" }, (r, o) => submissions.ListTimelinessAsync(r, o).ResponseAsync);
        yield return T("GetIndicator", new GetIndicatorRequest { Code = "CT01" }, (r, o) => plans.GetIndicatorAsync(r, o).ResponseAsync);
        yield return T("GetUnitAssignments", new GetUnitAssignmentsRequest { UnitCode = "PHUOC_THANG", Year = 2024 }, (r, o) => plans.GetUnitAssignmentsAsync(r, o).ResponseAsync);
        yield return T("GetIndicatorStatus", new GetIndicatorStatusRequest { UnitCode = "PHUOC_THANG", IndicatorCode = "CT03", Year = 2024, Quarter = 2 }, (r, o) => evaluation.GetIndicatorStatusAsync(r, o).ResponseAsync);
        yield return T("GetScorecard", new GetScorecardRequest { UnitCode = "PHUOC_THANG", Year = 2024, Quarter = 2 }, (r, o) => evaluation.GetScorecardAsync(r, o).ResponseAsync);
        yield return T("ListLaggards", new ListLaggardsRequest { Year = 2024, Quarter = 2, UnitCode = "PHUOC_THANG" }, (r, o) => evaluation.ListLaggardsAsync(r, o).ResponseAsync);
        var tasks = new KeyTasks.KeyTasksClient(suite.Gateway);
        yield return T("CreateDecision", NewDecision(), (r, o) => tasks.CreateDecisionAsync(r, o).ResponseAsync);
        yield return T("ImportDecision", new ImportDecisionRequest { Number = "9/QĐ", DecisionDate = D(2024, 3, 1), Title = "t", Year = 2024, Block = "economy", IdempotencyKey = "k" },
            (r, o) => tasks.ImportDecisionAsync(r, o).ResponseAsync);
        yield return T("ReportProgress", NewProgress(), (r, o) => tasks.ReportProgressAsync(r, o).ResponseAsync);
        yield return T("CommentTask", new CommentTaskRequest { TaskId = Guid.NewGuid().ToString(), UnitCode = "TCKH", Note = "Ý kiến", IdempotencyKey = "k" }, (r, o) => tasks.CommentTaskAsync(r, o).ResponseAsync);
        yield return T("RequestExtension", new RequestExtensionRequest { TaskId = Guid.NewGuid().ToString(), RequestedDueDate = D(2024, 12, 1), Reason = "Chờ vốn", IdempotencyKey = "k" },
            (r, o) => tasks.RequestExtensionAsync(r, o).ResponseAsync);
        yield return T("ConfirmCompletion", new ConfirmCompletionRequest { TaskId = Guid.NewGuid().ToString(), ReportId = 1, Reason = "Đã nghiệm thu", IdempotencyKey = "k" },
            (r, o) => tasks.ConfirmCompletionAsync(r, o).ResponseAsync);
        yield return T("DecideExtension", new DecideExtensionRequest { TaskId = Guid.NewGuid().ToString(), ExtensionId = 1, Grant = true, Reason = "Đồng ý", IdempotencyKey = "k" },
            (r, o) => tasks.DecideExtensionAsync(r, o).ResponseAsync);
        yield return T("ListTasks", new ListTasksRequest { Year = 2024, DecisionId = Guid.NewGuid().ToString(), UnitCode = "TN_MT", Block = "economy", PageToken = "" }, (r, o) => tasks.ListTasksAsync(r, o).ResponseAsync);
        yield return T("GetTask", new GetTaskRequest { Id = Guid.NewGuid().ToString() }, (r, o) => tasks.GetTaskAsync(r, o).ResponseAsync);
        yield return T("SummarizeTasks", new SummarizeTasksRequest { Year = 2024, Block = "economy", LeadUnitCode = "TN_MT" }, (r, o) => tasks.SummarizeTasksAsync(r, o).ResponseAsync);
        yield return T("GetScore", new GetScoreRequest { UnitCode = "PHUOC_THANG", Year = 2024, Quarter = 2 }, (r, o) => scoring.GetScoreAsync(r, o).ResponseAsync, homeAffairs: true);
    }

    private static Indicator WithRange(Indicator i)
    {
        (i.Baseline, i.Range) = (1, new ValueRange { Min = 0, Max = 100 });
        return i;
    }

    private static CreatePlanRequest WithAllocation(CreatePlanRequest p)
    {
        p.Targets[0].ProvinceTarget = 90;
        p.Targets[0].Quarters.Add([25, 25, 25, 25]);
        p.Targets[0].Allocations.Add(new Allocation { UnitCode = "PHUOC_THANG", YearTarget = 100, Months = { Enumerable.Repeat(100 / 12.0, 12) } });
        p.IdempotencyKey = "k";
        return p;
    }

    /// <summary>Copies of the template, each with one field of the type (nested and first repeated elements too) set to the value.</summary>
    private static IEnumerable<(string Field, IMessage Request)> Poisoned(IMessage template, FieldType type, object value)
    {
        IMessage Copy(IMessage m) => m.Descriptor.Parser.ParseFrom(m.ToByteString());
        foreach (var field in template.Descriptor.Fields.InFieldNumberOrder().Where(f => !f.IsMap))
        {
            if (field.FieldType == type)
            {
                var copy = Copy(template);
                if (!field.IsRepeated) field.Accessor.SetValue(copy, value);
                else if (field.Accessor.GetValue(copy) is System.Collections.IList { Count: > 0 } list) list[0] = value;
                else continue;
                yield return (field.Name, copy);
            }
            else if (field.FieldType == FieldType.Message && (field.IsRepeated
                ? (field.Accessor.GetValue(template) as System.Collections.IList)?.Count > 0 ? ((System.Collections.IList)field.Accessor.GetValue(template))[0] : null
                : field.Accessor.GetValue(template)) is IMessage nested)
            {
                foreach (var (inner, poisoned) in Poisoned(nested, type, value))
                {
                    var copy = Copy(template);
                    if (field.IsRepeated) ((System.Collections.IList)field.Accessor.GetValue(copy))[0] = poisoned;
                    else field.Accessor.SetValue(copy, poisoned);
                    yield return ($"{field.Name}.{inner}", copy);
                }
            }
        }
    }

    private IEnumerable<Case> Corpus(Callers who)
    {
        var plans = new IndicatorPlans.IndicatorPlansClient(suite.Gateway);
        var submissions = new Submissions.SubmissionsClient(suite.Gateway);
        var evaluation = new Evaluation.EvaluationClient(suite.Gateway);
        var scoring = new EmulationScoring.EmulationScoringClient(suite.Gateway);
        var tasks = new KeyTasks.KeyTasksClient(suite.Gateway);

        // Every write RPC, each with a request that would otherwise be fine: strangers must be turned away.
        var writes = new (string Name, Func<CallOptions, Task> Call)[]
        {
            ("SubmitActual", o => submissions.SubmitActualAsync(NewActual(), o).ResponseAsync),
            ("ImportActuals", o => ImportAsync(submissions, [NewRow()], o)),
            ("SubmitReport", o => submissions.SubmitReportAsync(new SubmitReportRequest { UnitCode = "PHUOC_THANG", Year = 2024, Month = 12 }, o).ResponseAsync),
            ("ApproveReport", o => submissions.ApproveReportAsync(new ApproveReportRequest { UnitCode = "PHUOC_THANG", Year = 2024, Month = 12 }, o).ResponseAsync),
            ("ReturnReport", o => submissions.ReturnReportAsync(new ReturnReportRequest { UnitCode = "PHUOC_THANG", Year = 2024, Month = 12, Reason = "Thiếu số liệu" }, o).ResponseAsync),
            ("ReopenReport", o => submissions.ReopenReportAsync(new ReopenReportRequest { UnitCode = "PHUOC_THANG", Year = 2024, Month = 12, Reason = "Sai số liệu" }, o).ResponseAsync),
            ("SetDeadlines", o => submissions.SetDeadlinesAsync(new SetDeadlinesRequest { Year = 2024, DayOfFollowingMonth = 12 }, o).ResponseAsync),
            ("RaiseEscalation", o => submissions.RaiseEscalationAsync(NewEscalation(), o).ResponseAsync),
            ("AssignEscalation", o => submissions.AssignEscalationAsync(new AssignEscalationRequest { Id = "E-404", OfficeCode = "TCKH", DueDate = D(2024, 12, 31) }, o).ResponseAsync),
            ("AnswerEscalation", o => submissions.AnswerEscalationAsync(new AnswerEscalationRequest { Id = "E-404", Answer = "Đã xử lý" }, o).ResponseAsync),
            ("CloseEscalation", o => submissions.CloseEscalationAsync(new CloseEscalationRequest { Id = "E-404" }, o).ResponseAsync),
            ("ReferEscalation", o => submissions.ReferEscalationAsync(new ReferEscalationRequest { Id = "E-404", Authority = "UBND tỉnh", DocumentNumber = "1/UBND", DocumentDate = D(2024, 8, 1) }, o).ResponseAsync),
            ("RecordReferralAnswer", o => submissions.RecordReferralAnswerAsync(new RecordReferralAnswerRequest { Id = "E-404", AnsweredBy = "Sở Tài chính", DocumentNumber = "2/STC", DocumentDate = D(2024, 8, 2), Answer = "Trả lời" }, o).ResponseAsync),
            ("CreateUnit", o => plans.CreateUnitAsync(new CreateUnitRequest { Unit = NewUnit() }, o).ResponseAsync),
            ("CloseUnit", o => plans.CloseUnitAsync(new CloseUnitRequest { Code = "PHUOC_AN", ClosedFrom = D(2035, 1, 1) }, o).ResponseAsync),
            ("CreateIndicator", o => plans.CreateIndicatorAsync(new CreateIndicatorRequest { Indicator = NewIndicator() }, o).ResponseAsync),
            ("CreatePlan", o => plans.CreatePlanAsync(NewPlan(), o).ResponseAsync),
            ("RevisePlan", o => plans.RevisePlanAsync(NewRevision(), o).ResponseAsync),
            ("Recompute", o => evaluation.RecomputeAsync(new RecomputeRequest { Year = 2024 }, o).ResponseAsync),
            ("SetScheme", o => scoring.SetSchemeAsync(new SetSchemeRequest { Scheme = NewScheme() }, o).ResponseAsync),
            ("FinalizeYear", o => scoring.FinalizeYearAsync(new FinalizeYearRequest { Year = 2024, Reason = "Kết thúc năm" }, o).ResponseAsync),
            ("ReopenYear", o => scoring.ReopenYearAsync(new ReopenYearRequest { Year = 2024, Reason = "Mở lại" }, o).ResponseAsync),
            ("CreateDecision", o => tasks.CreateDecisionAsync(NewDecision(), o).ResponseAsync),
            ("ImportDecision", o => tasks.ImportDecisionAsync(NewImport(TuyPhuoc.Harness.AnnexWorkbookWriter.Annex("PL01", [["1", "Nhiệm vụ", "TN_MT", "", "Quý III/2024", "Báo cáo"]])), o).ResponseAsync),
            ("ReportProgress", o => tasks.ReportProgressAsync(NewProgress(), o).ResponseAsync),
            ("CommentTask", o => tasks.CommentTaskAsync(new CommentTaskRequest { TaskId = Guid.NewGuid().ToString(), Note = "Ý kiến" }, o).ResponseAsync),
            ("RequestExtension", o => tasks.RequestExtensionAsync(new RequestExtensionRequest { TaskId = Guid.NewGuid().ToString(), RequestedDueDate = D(2024, 12, 1), Reason = "Chờ vốn" }, o).ResponseAsync),
            ("DecideExtension", o => tasks.DecideExtensionAsync(new DecideExtensionRequest { TaskId = Guid.NewGuid().ToString(), ExtensionId = 1, Grant = true, Reason = "Đồng ý" }, o).ResponseAsync),
            ("ConfirmCompletion", o => tasks.ConfirmCompletionAsync(new ConfirmCompletionRequest { TaskId = Guid.NewGuid().ToString(), ReportId = 1, Reason = "Đã nghiệm thu" }, o).ResponseAsync),
        };
        foreach (var (name, call) in writes)
        {
            for (var i = 0; i < who.Strangers.Length; i++) yield return new($"{name} stranger#{i}", call, who.Strangers[i], StatusCode.Unauthenticated);
        }

        // Roles that may not write there.
        string[] planningOnly = ["ApproveReport", "ReturnReport", "ReopenReport", "SetDeadlines", "AssignEscalation", "ReferEscalation", "RecordReferralAnswer", "CreateUnit", "CloseUnit", "CreateIndicator", "CreatePlan", "RevisePlan", "Recompute",
            "CreateDecision", "ImportDecision", "DecideExtension", "ConfirmCompletion"];
        foreach (var (name, call) in writes.Where(w => planningOnly.Contains(w.Name)))
        {
            yield return new($"{name} by a commune", call, who.Commune, StatusCode.PermissionDenied);
            yield return new($"{name} by home affairs", call, who.HomeAffairs, StatusCode.PermissionDenied);
        }
        foreach (var (name, call) in writes.Where(w => w.Name is "SetScheme" or "FinalizeYear" or "ReopenYear"))
        {
            yield return new($"{name} by a commune", call, who.Commune, StatusCode.PermissionDenied);
            yield return new($"{name} by the planning office", call, who.Planning, StatusCode.PermissionDenied);
        }

        // Actuals: every bad value, month, year, unit and indicator, interactively and by import, for several cells.
        foreach (var (unit, indicator) in new[] { ("PHUOC_THANG", "CT03"), ("PHUOC_HUNG", "CT08"), ("TT_DIEU_TRI", "CT02"), ("PHUOC_AN", "CT10") })
        {
            var mutations = new List<(string Name, Action<SubmitActualRequest> Change)>();
            mutations.AddRange(BadNumbers.Select(v => ($"value {v}", (Action<SubmitActualRequest>)(r => r.Value = v))));
            mutations.AddRange(BadMonths.Select(m => ($"month {m}", (Action<SubmitActualRequest>)(r => r.Month = m))));
            mutations.AddRange(BadYears.Select(y => ($"year {y}", (Action<SubmitActualRequest>)(r => r.Year = y))));
            mutations.AddRange(BadTexts.Select((t, i) => ($"unit #{i}", (Action<SubmitActualRequest>)(r => r.UnitCode = t))));
            mutations.AddRange(BadTexts.Select((t, i) => ($"indicator #{i}", (Action<SubmitActualRequest>)(r => r.IndicatorCode = t))));
            mutations.Add(("note too long", r => r.Note = Huge));
            mutations.Add(("indicator not assigned", r => r.IndicatorCode = "CT01"));
            // A past year without a plan takes actuals as history; this year without one takes none.
            mutations.Add(("this year without a plan", r => (r.Year, r.Month) = (DateTime.UtcNow.AddHours(7).Year, 1)));
            mutations.Add(("month in the future", r => (r.Year, r.Month) = (2099, 1)));
            if (indicator == "CT10") mutations.AddRange(new[] { 100.01, 250, 1e308 }.Select(v => ($"percentage {v}", (Action<SubmitActualRequest>)(r => r.Value = v))));
            foreach (var (name, change) in mutations)
            {
                var request = NewActual(unit, indicator);
                change(request);
                yield return new($"SubmitActual {unit}/{indicator} {name}", o => submissions.SubmitActualAsync(request, o).ResponseAsync, who.Planning, Invalid, StatusCode.NotFound);
                var row = NewRow(unit, indicator);
                (row.UnitCode, row.IndicatorCode, row.Year, row.Month, row.Value, row.Note) =
                    (request.UnitCode, request.IndicatorCode, request.Year, request.Month, request.Value, request.Note);
                yield return new($"ImportActuals {unit}/{indicator} {name}", o => ImportAsync(submissions, [NewRow(unit, indicator), row], o), who.Planning, Invalid);
            }
            if (unit != "PHUOC_THANG")
            {
                yield return new($"SubmitActual for {unit} by another commune", o => submissions.SubmitActualAsync(NewActual(unit, indicator), o).ResponseAsync, who.Commune, StatusCode.PermissionDenied);
                yield return new($"ImportActuals for {unit} by another commune", o => ImportAsync(submissions, [NewRow(unit, indicator)], o), who.Commune, StatusCode.PermissionDenied, Invalid);
            }
        }
        yield return new("SubmitActual of 17 MB", o => submissions.SubmitActualAsync(NewActual(note: new string('z', 17 * 1024 * 1024)), o).ResponseAsync,
            who.Planning, StatusCode.ResourceExhausted, Invalid);

        // Reports, deadlines and escalations.
        foreach (var month in BadMonths)
        {
            yield return new($"SubmitReport month {month}", o => submissions.SubmitReportAsync(new SubmitReportRequest { UnitCode = "PHUOC_THANG", Year = 2024, Month = month }, o).ResponseAsync, who.Planning, Invalid);
            yield return new($"ApproveReport month {month}", o => submissions.ApproveReportAsync(new ApproveReportRequest { UnitCode = "PHUOC_THANG", Year = 2024, Month = month }, o).ResponseAsync, who.Planning, Invalid);
        }
        foreach (var year in BadYears)
        {
            yield return new($"SubmitReport year {year}", o => submissions.SubmitReportAsync(new SubmitReportRequest { UnitCode = "PHUOC_THANG", Year = year, Month = 1 }, o).ResponseAsync, who.Planning, Invalid, StatusCode.NotFound);
            yield return new($"SetDeadlines year {year}", o => submissions.SetDeadlinesAsync(new SetDeadlinesRequest { Year = year, DayOfFollowingMonth = 10 }, o).ResponseAsync, who.Planning, Invalid);
            yield return new($"Recompute year {year}", o => evaluation.RecomputeAsync(new RecomputeRequest { Year = year }, o).ResponseAsync, who.Planning, Invalid, StatusCode.NotFound);
            yield return new($"FinalizeYear year {year}", o => scoring.FinalizeYearAsync(new FinalizeYearRequest { Year = year, Reason = "x" }, o).ResponseAsync, who.HomeAffairs, Invalid, StatusCode.NotFound);
        }
        foreach (var (text, i) in BadTexts.Select((t, i) => (t, i)))
        {
            yield return new($"SubmitReport unit #{i}", o => submissions.SubmitReportAsync(new SubmitReportRequest { UnitCode = text, Year = 2024, Month = 11 }, o).ResponseAsync, who.Planning, Invalid, StatusCode.NotFound);
            yield return new($"AssignEscalation id #{i}", o => submissions.AssignEscalationAsync(new AssignEscalationRequest { Id = text, OfficeCode = "TCKH", DueDate = D(2024, 12, 31) }, o).ResponseAsync, who.Planning, Invalid, StatusCode.NotFound);
            yield return new($"AnswerEscalation id #{i}", o => submissions.AnswerEscalationAsync(new AnswerEscalationRequest { Id = text, Answer = "x" }, o).ResponseAsync, who.Planning, Invalid, StatusCode.NotFound);
            yield return new($"CloseEscalation id #{i}", o => submissions.CloseEscalationAsync(new CloseEscalationRequest { Id = text }, o).ResponseAsync, who.Planning, Invalid, StatusCode.NotFound);
        }
        foreach (var reason in new[] { "", " ", Huge })
        {
            yield return new($"ReturnReport reason of {reason.Length}", o => submissions.ReturnReportAsync(new ReturnReportRequest { UnitCode = "PHUOC_THANG", Year = 2024, Month = 12, Reason = reason }, o).ResponseAsync, who.Planning, Invalid, StatusCode.FailedPrecondition);
            yield return new($"ReopenReport reason of {reason.Length}", o => submissions.ReopenReportAsync(new ReopenReportRequest { UnitCode = "PHUOC_THANG", Year = 2024, Month = 12, Reason = reason }, o).ResponseAsync, who.Planning, Invalid, StatusCode.FailedPrecondition);
        }
        yield return new("ApproveReport never sent", o => submissions.ApproveReportAsync(new ApproveReportRequest { UnitCode = "PHUOC_THANG", Year = 2024, Month = 12 }, o).ResponseAsync, who.Planning, StatusCode.FailedPrecondition, StatusCode.NotFound);
        yield return new("ReopenReport never approved", o => submissions.ReopenReportAsync(new ReopenReportRequest { UnitCode = "PHUOC_THANG", Year = 2024, Month = 12, Reason = "x" }, o).ResponseAsync, who.Planning, StatusCode.FailedPrecondition, StatusCode.NotFound);
        foreach (var day in new[] { 0, -1, 29, 31, int.MaxValue })
        {
            yield return new($"SetDeadlines day {day}", o => submissions.SetDeadlinesAsync(new SetDeadlinesRequest { Year = 2024, DayOfFollowingMonth = day }, o).ResponseAsync, who.Planning, Invalid);
        }
        var escalationMutations = new (string Name, Action<RaiseEscalationRequest> Change)[]
        {
            ("empty title", r => r.Title = ""), ("huge title", r => r.Title = Huge), ("huge description", r => r.Description = Huge),
            ("unknown indicator", r => r.IndicatorCodes.Add("NOPE")), ("no indicators", r => r.IndicatorCodes.Clear()),
            ("year 0", r => r.Year = 0), ("year 2101", r => r.Year = 2101), ("unknown unit", r => r.UnitCode = "ATLANTIS"), ("empty unit", r => r.UnitCode = ""),
        };
        foreach (var (name, change) in escalationMutations)
        {
            var request = NewEscalation();
            change(request);
            yield return new($"RaiseEscalation {name}", o => submissions.RaiseEscalationAsync(request, o).ResponseAsync, who.Planning, Invalid, StatusCode.NotFound);
        }
        yield return new("RaiseEscalation for another commune", o => submissions.RaiseEscalationAsync(NewEscalation("PHUOC_HUNG"), o).ResponseAsync, who.Commune, StatusCode.PermissionDenied);
        foreach (var date in new[] { new Date { Year = 2024, Month = 13, Day = 1 }, new Date { Year = 2024, Month = 2, Day = 30 }, new Date { Year = -1, Month = 1, Day = 1 } })
        {
            yield return new($"AssignEscalation due {date}", o => submissions.AssignEscalationAsync(new AssignEscalationRequest { Id = "E-404", OfficeCode = "TCKH", DueDate = date }, o).ResponseAsync, who.Planning, Invalid, StatusCode.NotFound);
        }

        // The plan: units, the catalog, plans and revisions.
        var unitMutations = new (string Name, Action<IndicatorPlansUnit> Change)[]
        {
            ("empty code", u => u.Code = ""), ("lower-case code", u => u.Code = "xa_moi"), ("huge code", u => u.Code = Huge), ("empty name", u => u.Name = " "),
            ("huge name", u => u.Name = Huge), ("no kind", u => u.Kind = UnitKind.Unspecified), ("unknown kind", u => u.Kind = (UnitKind)99),
            ("unknown parent", u => u.ParentCode = "ATLANTIS"), ("no start", u => u.ValidFrom = null), ("impossible start", u => u.ValidFrom = new Date { Year = 2024, Month = 2, Day = 31 }),
            ("end before start", u => u.ValidTo = D(2020, 1, 1)), ("existing code", u => u.Code = "PHUOC_THANG"), ("unknown block", u => u.Block = (SectorBlock)42),
        };
        foreach (var (name, change) in unitMutations)
        {
            var unit = NewUnit();
            change(unit);
            yield return new($"CreateUnit {name}", o => plans.CreateUnitAsync(new CreateUnitRequest { Unit = unit }, o).ResponseAsync, who.Planning, Invalid, StatusCode.AlreadyExists);
        }
        yield return new("CreateUnit without a unit", o => plans.CreateUnitAsync(new CreateUnitRequest(), o).ResponseAsync, who.Planning, Invalid);
        yield return new("CloseUnit unknown", o => plans.CloseUnitAsync(new CloseUnitRequest { Code = "ATLANTIS", ClosedFrom = D(2030, 1, 1) }, o).ResponseAsync, who.Planning, StatusCode.NotFound);
        yield return new("CloseUnit without a date", o => plans.CloseUnitAsync(new CloseUnitRequest { Code = "PHUOC_AN" }, o).ResponseAsync, who.Planning, Invalid);
        yield return new("CloseUnit into itself", o => plans.CloseUnitAsync(new CloseUnitRequest { Code = "PHUOC_AN", ClosedFrom = D(2030, 1, 1), MergedIntoCode = "PHUOC_AN" }, o).ResponseAsync, who.Planning, Invalid);
        yield return new("CloseUnit before it began", o => plans.CloseUnitAsync(new CloseUnitRequest { Code = "PHUOC_AN", ClosedFrom = D(1990, 1, 1) }, o).ResponseAsync, who.Planning, Invalid);
        var indicatorMutations = new (string Name, Action<Indicator> Change)[]
        {
            ("empty code", i => i.Code = ""), ("existing code", i => i.Code = "CT01"), ("empty name", i => i.Name = ""), ("huge name", i => i.Name = Huge),
            ("empty unit of measure", i => i.UnitOfMeasure = ""), ("no source", i => i.Source = IndicatorSource.Unspecified), ("unknown source", i => i.Source = (IndicatorSource)7),
            ("no block", i => i.Block = SectorBlock.Unspecified), ("no direction", i => i.Direction = Direction.Unspecified), ("no kind", i => i.MeasureKind = MeasureKind.Unspecified),
            ("unknown office", i => i.ResponsibleOfficeCode = "ATLANTIS"), ("a commune as office", i => i.ResponsibleOfficeCode = "PHUOC_THANG"),
            ("NaN baseline", i => i.Baseline = double.NaN), ("infinite baseline", i => i.Baseline = double.PositiveInfinity),
            ("range upside down", i => i.Range = new ValueRange { Min = 100, Max = 0 }), ("NaN range", i => i.Range = new ValueRange { Min = double.NaN, Max = 1 }),
            ("year-end allocated", i => (i.MeasureKind, i.CommuneAllocated) = (MeasureKind.YearEnd, true)),
        };
        foreach (var (name, change) in indicatorMutations)
        {
            var indicator = NewIndicator();
            change(indicator);
            yield return new($"CreateIndicator {name}", o => plans.CreateIndicatorAsync(new CreateIndicatorRequest { Indicator = indicator }, o).ResponseAsync, who.Planning, Invalid, StatusCode.AlreadyExists);
        }
        var planMutations = new (string Name, Action<CreatePlanRequest> Change)[]
        {
            ("no targets", p => p.Targets.Clear()), ("empty decision", p => p.DecisionNumber = ""), ("huge decision", p => p.DecisionNumber = Huge),
            ("no decision date", p => p.DecisionDate = null), ("effective before decision", p => p.DecisionDate = D(2040, 2, 1)),
            ("phasing off", p => p.Targets[0].Quarters.Add([1, 2, 3, 4])), ("three quarters", p => p.Targets[0].Quarters.Add([1, 2, 3])),
            ("eleven months", p => p.Targets[0].Months.Add(Enumerable.Repeat(1.0, 11))), ("unknown indicator", p => p.Targets[0].IndicatorCode = "NOPE"),
            ("duplicate indicator", p => p.Targets.Add(p.Targets[0].Clone())), ("allocation to an office", p => p.Targets[0].Allocations.Add(new Allocation { UnitCode = "TCKH", YearTarget = 1 })),
            ("allocation to nowhere", p => p.Targets[0].Allocations.Add(new Allocation { UnitCode = "ATLANTIS", YearTarget = 1 })),
        };
        planMutations = [.. planMutations, .. BadNumbers.Select(v => ($"target {v}", (Action<CreatePlanRequest>)(p => p.Targets[0].DistrictTarget = v))),
            .. BadNumbers.Select(v => ($"province target {v}", (Action<CreatePlanRequest>)(p => p.Targets[0].ProvinceTarget = v))),
            .. BadYears.Select(y => ($"year {y}", (Action<CreatePlanRequest>)(p => p.Year = y)))];
        foreach (var (name, change) in planMutations)
        {
            var plan = NewPlan();
            change(plan);
            yield return new($"CreatePlan {name}", o => plans.CreatePlanAsync(plan, o).ResponseAsync, who.Planning, Invalid);
            var revision = NewRevision();
            (revision.Year, revision.DecisionNumber, revision.DecisionDate) = (plan.Year, plan.DecisionNumber, plan.DecisionDate);
            revision.Targets.Clear();
            revision.Targets.Add(plan.Targets);
            yield return new($"RevisePlan {name}", o => plans.RevisePlanAsync(revision, o).ResponseAsync, who.Planning, Invalid, StatusCode.NotFound);
        }
        yield return new("CreatePlan for a year that has one", o => plans.CreatePlanAsync(WithYear(NewPlan(), 2024), o).ResponseAsync, who.Planning, StatusCode.AlreadyExists);
        yield return new("RevisePlan without a reason", o => plans.RevisePlanAsync(WithReason(NewRevision(), ""), o).ResponseAsync, who.Planning, Invalid);
        yield return new("RevisePlan effective before the plan", o => plans.RevisePlanAsync(WithEffective(NewRevision(), D(2023, 12, 28)), o).ResponseAsync, who.Planning, Invalid);

        // Key tasks: decisions and task lists with every fault, annexes that are no workbook or hold wrong cells, bad progress.
        var decisionMutations = new (string Name, Action<CreateDecisionRequest> Change)[]
        {
            ("no tasks", d => d.Tasks.Clear()), ("empty number", d => d.Number = ""), ("huge title", d => d.Title = Huge), ("no date", d => d.DecisionDate = null),
            ("impossible date", d => d.DecisionDate = D(2024, 2, 30)), ("date years before", d => d.DecisionDate = D(2019, 1, 1)),
            ("unknown lead", d => d.Tasks[0].LeadUnitCode = "ATLANTIS"), ("the district as lead", d => d.Tasks[0].LeadUnitCode = "TUY_PHUOC"),
            ("a commune without a block", d => d.Tasks[0].LeadUnitCode = "PHUOC_AN"), ("unknown block", d => d.Tasks[0].Block = "space"),
            ("unknown coordinating unit", d => d.Tasks[0].CoordinatingUnitCodes.Add("NOWHERE")), ("lead coordinates itself", d => d.Tasks[0].CoordinatingUnitCodes.Add("TN_MT")),
            ("unknown indicator", d => d.Tasks[0].IndicatorCodes.Add("CT99")), ("no deadline", d => d.Tasks[0].Deadline = null),
            ("deadline kind 42", d => d.Tasks[0].Deadline.Kind = (DeadlineKind)42), ("deadline without a day", d => d.Tasks[0].Deadline.DueDate = null),
            ("deadline before the decision", d => d.Tasks[0].Deadline.DueDate = D(2024, 1, 1)), ("deadline years ahead", d => d.Tasks[0].Deadline.DueDate = D(2031, 1, 1)),
            ("regular with a day", d => d.Tasks[0].Deadline.Kind = DeadlineKind.Regular), ("empty content", d => d.Tasks[0].Content = " "),
            ("repeated number", d => d.Tasks.Add(d.Tasks[0].Clone())), ("huge content", d => d.Tasks[0].Content = Huge),
        };
        decisionMutations = [.. decisionMutations, .. BadYears.Select(y => ($"year {y}", (Action<CreateDecisionRequest>)(d => d.Year = y)))];
        foreach (var (name, change) in decisionMutations)
        {
            var decision = NewDecision();
            change(decision);
            yield return new($"CreateDecision {name}", o => tasks.CreateDecisionAsync(decision, o).ResponseAsync, who.Planning, Invalid);
        }
        yield return new("CreateDecision 808 again", o => tasks.CreateDecisionAsync(WithNumber(NewDecision(), "808/QĐ-UBND"), o).ResponseAsync, who.Planning, StatusCode.AlreadyExists);
        var annexes = new (string Name, byte[] Workbook)[]
        {
            ("empty", []), ("not a zip", "PK\u0003\u0004 nope"u8.ToArray()), ("random bytes", Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919)).ToArray()),
            ("no header", TuyPhuoc.Harness.AnnexWorkbookWriter.Write("S", [["a", "b"], ["c", "d"]])),
            ("header only", TuyPhuoc.Harness.AnnexWorkbookWriter.Annex("PL", [])),
            ("unknown unit", TuyPhuoc.Harness.AnnexWorkbookWriter.Annex("PL", [["1", "Nhiệm vụ", "Sở Ngoại giao", "", "Quý III/2024", "Báo cáo"]])),
            ("bad deadline", TuyPhuoc.Harness.AnnexWorkbookWriter.Annex("PL", [["1", "Nhiệm vụ", "TN_MT", "", "khi nào xong", "Báo cáo"]])),
            ("date far away", TuyPhuoc.Harness.AnnexWorkbookWriter.Annex("PL", [["1", "Nhiệm vụ", "TN_MT", "", 1e9, "Báo cáo"]])),
            ("huge cell", TuyPhuoc.Harness.AnnexWorkbookWriter.Annex("PL", [["1", new string('x', 50_000), "TN_MT", "", "Quý III/2024", "Báo cáo"]])),
            ("one good one bad", TuyPhuoc.Harness.AnnexWorkbookWriter.Annex("PL", [["1", "Nhiệm vụ", "TN_MT", "", "Quý III/2024", "Báo cáo"], ["2", "Nhiệm vụ", "ATLANTIS", "", "Quý III/2024", "Báo cáo"]])),
        };
        foreach (var (name, workbook) in annexes)
        {
            yield return new($"ImportDecision {name}", o => tasks.ImportDecisionAsync(NewImport(workbook), o).ResponseAsync, who.Planning, Invalid);
        }
        var progressMutations = new (string Name, Action<ReportProgressRequest> Change)[]
        {
            ("not a task id", p => p.TaskId = "T-1"), ("no state", p => p.State = ProgressState.Unspecified), ("state 9", p => p.State = (ProgressState)9),
            ("percent 101", p => p.PercentDone = 101), ("percent -1", p => p.PercentDone = -1), ("percent max", p => p.PercentDone = int.MaxValue),
            ("impossible completion day", p => p.CompletedOn = D(2024, 13, 1)), ("huge work", p => p.WorkDone = Huge),
        };
        foreach (var (name, change) in progressMutations)
        {
            var progress = NewProgress();
            change(progress);
            yield return new($"ReportProgress {name}", o => tasks.ReportProgressAsync(progress, o).ResponseAsync, who.Planning, Invalid, StatusCode.NotFound);
        }
        yield return new("ReportProgress for a task that does not exist", o => tasks.ReportProgressAsync(NewProgress(), o).ResponseAsync, who.Planning, StatusCode.NotFound);
        yield return new("DecideExtension not an id", o => tasks.DecideExtensionAsync(new DecideExtensionRequest { TaskId = "x", Reason = "r" }, o).ResponseAsync, who.Planning, Invalid);
        yield return new("ListTasks bad page token", o => tasks.ListTasksAsync(new ListTasksRequest { Year = 2024, PageToken = "%%%" }, o).ResponseAsync, who.Planning, Invalid);
        yield return new("ListTasks page size", o => tasks.ListTasksAsync(new ListTasksRequest { Year = 2024, PageSize = -5 }, o).ResponseAsync, who.Planning, Invalid);
        yield return new("WatchChanges before the start", o => ReadOneAsync(tasks.WatchChanges(new TasksChange { AfterSequence = -1 }, o)), who.Planning, Invalid);

        // The scoring scheme.
        var schemeMutations = new (string Name, Action<Scheme> Change)[]
        {
            ("negative weight", s => s.Weights["CT01"] = -1), ("NaN weight", s => s.Weights["CT02"] = double.NaN), ("weights missing indicators", s => s.Weights["CT01"] = 10),
            ("unknown indicator weight", s => s.Weights["NOPE"] = 5), ("bands upside down", s => s.Band = new Band { FullFrom = 0.5, ProportionalFrom = 1 }),
            ("negative band", s => s.Band.ProportionalFrom = -0.5), ("NaN band", s => s.Band.FullFrom = double.NaN), ("bonus cap negative", s => s.Bonus.Cap = -5),
            ("negative bonus share", s => s.Bonus.FractionOfWeight = -0.1), ("negative deduction", s => s.Deductions.PerLateReport = -1),
            ("infinite deduction", s => s.Deductions.PerMissingReport = double.PositiveInfinity), ("classes out of order", s => (s.Classes[0].MinTotal, s.Classes[1].MinTotal) = (80, 90)),
            ("no classes", s => s.Classes.Clear()), ("one class", s => { while (s.Classes.Count > 1) s.Classes.RemoveAt(0); }), ("duplicate class", s => s.Classes[1].Code = s.Classes[0].Code),
            ("empty class name", s => s.Classes[0].Name = ""), ("cap above one", s => s.OutstandingCap.Fraction = 2), ("cap negative", s => s.OutstandingCap.Fraction = -0.1),
            ("cap of an unknown class", s => s.OutstandingCap.BaseLevelCode = "legendary"), ("unknown tie-break", s => s.TieBreak.Add("coin_toss")),
            ("tie-break not led by total", s => s.TieBreak.Insert(0, "unit_code_asc")), ("no tie-break", s => s.TieBreak.Clear()),
            ("year 0", s => s.Year = 0), ("year 2101", s => s.Year = 2101), ("no band", s => s.Band = null), ("no bonus", s => s.Bonus = null), ("no cap", s => s.OutstandingCap = null),
        };
        foreach (var (name, change) in schemeMutations)
        {
            var scheme = NewScheme();
            change(scheme);
            yield return new($"SetScheme {name}", o => scoring.SetSchemeAsync(new SetSchemeRequest { Scheme = scheme }, o).ResponseAsync, who.HomeAffairs, Invalid);
        }
        yield return new("SetScheme without a scheme", o => scoring.SetSchemeAsync(new SetSchemeRequest(), o).ResponseAsync, who.HomeAffairs, Invalid);
        yield return new("ReopenYear not finalised", o => scoring.ReopenYearAsync(new ReopenYearRequest { Year = 2024, Reason = "x" }, o).ResponseAsync, who.HomeAffairs, StatusCode.FailedPrecondition);
        foreach (var reason in new[] { "", Huge })
        {
            yield return new($"FinalizeYear reason of {reason.Length}", o => scoring.FinalizeYearAsync(new FinalizeYearRequest { Year = 2024, Reason = reason }, o).ResponseAsync, who.HomeAffairs, Invalid);
        }
    }

    private static async Task ImportAsync(Submissions.SubmissionsClient client, IReadOnlyList<ImportActualsRequest> rows, CallOptions options)
    {
        using var call = client.ImportActuals(options);
        try
        {
            foreach (var row in rows) await call.RequestStream.WriteAsync(row);
            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // The server may answer (a refused token, say) before it has read the stream: its answer is the status.
        }
        var reply = await call.ResponseAsync;
        // A batch refused row by row is an answer too, as long as nothing of it was stored.
        if (reply.Errors.Count > 0 && reply.RowsStored == 0) throw new RpcException(new Grpc.Core.Status(StatusCode.InvalidArgument, "rows refused"));
    }

    private async Task<string> StoredStateAsync(CallOptions planning)
    {
        // Settle first: the evaluation may still be working through what earlier tests submitted.
        string? previous = null;
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var scheme = await new EmulationScoring.EmulationScoringClient(suite.Gateway).ListSchemeVersionsAsync(new ListSchemeVersionsRequest { Year = 2024 },
                planning.WithDeadline(DateTime.UtcNow + SuiteFixture.CallDeadline));
            var state = string.Join(" | ",
                $"plans {await HeadAsync(o => new IndicatorPlans.IndicatorPlansClient(suite.Gateway).WatchChanges(new PlansChange(), o).ResponseStream, c => c.Sequence)}",
                $"submissions {await HeadAsync(o => new Submissions.SubmissionsClient(suite.Gateway).WatchChanges(new SubmissionsChange(), o).ResponseStream, c => c.Sequence)}",
                $"results {await HeadAsync(o => new Evaluation.EvaluationClient(suite.Gateway).WatchResults(new WatchResultsRequest(), o).ResponseStream, c => c.Sequence)}",
                $"tasks {await HeadAsync(o => new KeyTasks.KeyTasksClient(suite.Gateway).WatchChanges(new TasksChange(), o).ResponseStream, c => c.Sequence)}",
                $"schemes {scheme.Versions.Count}");
            if (state == previous) return state;
            previous = state;
        }
        return previous!;
    }

    /// <summary>The last sequence of a change feed: read from the start until it goes quiet.</summary>
    private async Task<long> HeadAsync<T>(Func<CallOptions, IAsyncStreamReader<T>> open, Func<T, long> sequence)
    {
        using var quiet = new CancellationTokenSource();
        var options = new CallOptions(headers: SuiteFixture.Bearer(await suite.TokenAsync(Roles.PlanningOffice)), cancellationToken: quiet.Token);
        var stream = open(options);
        long head = 0;
        try
        {
            while (true)
            {
                quiet.CancelAfter(TimeSpan.FromSeconds(1.5));
                if (!await stream.MoveNext(quiet.Token)) return head;
                head = sequence(stream.Current);
            }
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled)
        {
            return head;
        }
        catch (OperationCanceledException)
        {
            return head;
        }
    }

    private static string Expired() =>
        new DevTokenIssuer(new AuthOptions { SigningKey = DevTokenIssuer.NewKey() }, new PastClock()).Issue("late", Roles.PlanningOffice, lifetime: TimeSpan.FromMinutes(1)).Token;

    private sealed class PastClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow.AddDays(-2);
    }

    private static Date D(int y, int m, int d) => new() { Year = y, Month = m, Day = d };

    private static SubmitActualRequest NewActual(string unit = "PHUOC_THANG", string indicator = "CT03", string note = "") =>
        new() { UnitCode = unit, IndicatorCode = indicator, Year = 2024, Month = 11, Value = 5, Note = note };

    private static ImportActualsRequest NewRow(string unit = "PHUOC_THANG", string indicator = "CT03") =>
        new() { UnitCode = unit, IndicatorCode = indicator, Year = 2024, Month = 11, Value = 5 };

    private static RaiseEscalationRequest NewEscalation(string unit = "PHUOC_THANG") =>
        new() { UnitCode = unit, Year = 2024, IndicatorCodes = { "CT03" }, Title = "Vướng mặt bằng", Description = "Chậm giải phóng mặt bằng" };

    private static IndicatorPlansUnit NewUnit() =>
        new() { Code = "XA_HOSTILE", Name = "Xã thử", Kind = UnitKind.Commune, ParentCode = "TUY_PHUOC", ValidFrom = D(2035, 1, 1) };

    private static Indicator NewIndicator() => new()
    {
        Code = "HOSTILE_1", Name = "Chỉ tiêu thử", UnitOfMeasure = "tỷ đồng", Source = IndicatorSource.District, Block = SectorBlock.Economy,
        ResponsibleOfficeCode = "TCKH", Direction = Direction.HigherIsBetter, MeasureKind = MeasureKind.Cumulative,
    };

    private static CreatePlanRequest NewPlan() => new()
    {
        Year = 2040, DecisionNumber = "9/QĐ-UBND", DecisionDate = D(2039, 12, 20), EffectiveFrom = D(2039, 12, 25),
        Targets = { new Target { IndicatorCode = "CT03", DistrictTarget = 100 } },
    };

    private static RevisePlanRequest NewRevision() => new()
    {
        Year = 2024, DecisionNumber = "77/QĐ-UBND", DecisionDate = D(2024, 6, 1), EffectiveFrom = D(2024, 7, 1), Reason = "Điều chỉnh",
        Targets = { new Target { IndicatorCode = "CT03", DistrictTarget = double.NaN } },
    };

    private static CreatePlanRequest WithYear(CreatePlanRequest p, int year) { p.Year = year; p.DecisionDate = D(year - 1, 12, 20); p.EffectiveFrom = D(year, 1, 1); return p; }
    private static RevisePlanRequest WithReason(RevisePlanRequest r, string reason) { r.Reason = reason; r.Targets[0].DistrictTarget = 100; return r; }
    private static RevisePlanRequest WithEffective(RevisePlanRequest r, Date date) { (r.EffectiveFrom, r.DecisionDate) = (date, D(2023, 12, 28)); r.Targets[0].DistrictTarget = 100; return r; }

    private static CreateDecisionRequest NewDecision() => new()
    {
        Number = "9/QĐ-UBND", DecisionDate = D(2024, 3, 1), Title = "Nhiệm vụ thử", Year = 2024,
        Tasks =
        {
            new TaskInput
            {
                Number = "1", Content = "Đấu giá đất", LeadUnitCode = "TN_MT", CoordinatingUnitCodes = { "TCKH" }, IndicatorCodes = { "CT04" },
                Deadline = new Deadline { Kind = DeadlineKind.Date, DueDate = D(2024, 9, 30) }, Product = "Báo cáo", Note = "ghi chú",
            },
        },
    };

    private static CreateDecisionRequest WithNumber(CreateDecisionRequest d, string number) { d.Number = number; return d; }

    private static ImportDecisionRequest NewImport(byte[] workbook) => new()
    {
        Number = "10/QĐ-UBND", DecisionDate = D(2024, 3, 1), Title = "Nhiệm vụ thử", Year = 2024, Workbook = ByteString.CopyFrom(workbook), Block = "economy",
    };

    private static ReportProgressRequest NewProgress() => new()
    {
        TaskId = Guid.NewGuid().ToString(), State = ProgressState.InProgress, PercentDone = 10, WorkDone = "Đã khảo sát", Difficulties = "Thiếu vốn",
    };

    private static async Task ReadOneAsync<T>(AsyncServerStreamingCall<T> call)
    {
        using (call) await call.ResponseStream.MoveNext(CancellationToken.None);
    }

    private static Scheme NewScheme() => new()
    {
        Year = 2024,
        Band = new Band { FullFrom = 1, ProportionalFrom = 0.5 },
        Bonus = new Bonus { ExceedFrom = 1.1, FractionOfWeight = 0.1, Cap = 5 },
        Deductions = new Deductions { PerLateReport = 0.5, PerMissingReport = 1, PerOverdueEscalation = 1 },
        Classes =
        {
            new ClassLevel { Code = "outstanding", Name = "Hoàn thành xuất sắc nhiệm vụ", MinTotal = 90 },
            new ClassLevel { Code = "good", Name = "Hoàn thành tốt nhiệm vụ", MinTotal = 80 },
            new ClassLevel { Code = "completed", Name = "Hoàn thành nhiệm vụ", MinTotal = 70 },
            new ClassLevel { Code = "not_completed", Name = "Không hoàn thành nhiệm vụ", MinTotal = 0 },
        },
        OutstandingCap = new OutstandingCap { Fraction = 0.2, BaseLevelCode = "good" },
        TieBreak = { "total_desc", "unit_code_asc" },
    };
}
