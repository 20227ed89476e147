using Grpc.Core;
using TuyPhuoc.Contracts.Evaluation.V1;
using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Contracts.Scoring.V1;
using TuyPhuoc.Contracts.Submissions.V1;
using TuyPhuoc.ServiceDefaults;
using Eval = TuyPhuoc.Contracts.Evaluation.V1;
using PlansChange = TuyPhuoc.Contracts.Plans.V1.WatchChangesRequest;
using Subs = TuyPhuoc.Contracts.Submissions.V1;
using Tasks = TuyPhuoc.Contracts.Tasks.V1;
using Notes = TuyPhuoc.Contracts.Notifications.V1;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>
/// Every RPC of the suite × every role, through the gateway, against the access table (the table is the data): a
/// refused cell answers PermissionDenied, an allowed one does not, and a filtered one answers only what concerns the
/// caller's unit, block or the district, and refuses (or leaves out) what asks for anything else.
/// </summary>
public sealed class AccessMatrixTests(SuiteFixture suite)
{
    private const int Year = 2024;
    private const string District = "TUY_PHUOC";
    private const string ReporterUnit = "PHUOC_LOC";
    private const string LeaderBlock = "economy";

    /// <summary>A request's subject: a unit (Submissions, Scoring), a unit of Evaluation's results with one of its indicators, a block.</summary>
    private sealed record Target(string Role, bool Own, string Unit, string EvalUnit, string Indicator, string Block);

    /// <summary>One thing an answer is about: its unit and block, or the alternative through which it may also be open.</summary>
    private sealed record Seen(string Unit, string? Block, string? OrUnit = null, string? OrBlock = null);

    private delegate Task<IEnumerable<Seen>> Probe(Context c, CallOptions o, Target t);

    public static TheoryData<string, string> Cells()
    {
        var cells = new TheoryData<string, string>();
        foreach (var (service, rows) in AccessTable.Services)
            foreach (var (method, _) in rows)
                foreach (var role in AccessTable.Columns)
                    cells.Add(AccessTable.FullName(service, method), role);
        return cells;
    }

    [Fact]
    public void Probes_EveryRpcOfTheTable_HasOne()
    {
        var rpcs = AccessTable.Services.SelectMany(s => s.Rows.Select(r => AccessTable.FullName(s.Service, r.Method))).Order().ToList();

        Assert.Equal(rpcs, Probes.Keys.Order().ToList());
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Rpc_Role_AnswersAsTheTableSays(string method, string role)
    {
        var c = await Context.GetAsync(suite);
        var grant = AccessTable.Of(method, role);
        var probe = Probes[method];
        var options = c.Options[role];
        var evaluation = method.StartsWith("/tuyphuoc.evaluation.", StringComparison.Ordinal);

        var own = await RunAsync(probe, c, options(), OwnTarget(role));
        var other = await RunAsync(probe, c, options(), OtherTarget(role));

        switch (grant)
        {
            case Grant.Denied:
                Assert.True(own.Code == StatusCode.PermissionDenied, $"{method} as {role}: expected PermissionDenied, got {own.Code} {own.Detail}");
                Assert.True(other.Code == StatusCode.PermissionDenied, $"{method} as {role} (other): expected PermissionDenied, got {other.Code} {other.Detail}");
                break;
            case Grant.All:
                Assert.True(Answered(own.Code), $"{method} as {role}: expected an answer, got {own.Code} {own.Detail}");
                Assert.True(Answered(other.Code), $"{method} as {role} (other): expected an answer, got {other.Code} {other.Detail}");
                break;
            default:
                Assert.True(Answered(own.Code), $"{method} as {role}: expected a filtered answer, got {own.Code} {own.Detail}");
                AssertFiltered(method, role, grant, evaluation, own.Seen);
                Assert.True(other.Code == StatusCode.PermissionDenied || Answered(other.Code),
                    $"{method} as {role} (other): expected PermissionDenied or a filtered answer, got {other.Code} {other.Detail}");
                AssertFiltered(method, role, grant, evaluation, other.Seen);
                break;
        }
    }

    private static void AssertFiltered(string method, string role, Grant grant, bool evaluation, List<Seen> seen)
    {
        bool Open(string unit, string? block) => grant switch
        {
            Grant.OwnUnit => unit == ReporterUnit || (evaluation && unit == District),
            Grant.OwnBlock => block == LeaderBlock,
            Grant.District => unit == District,
            _ => false,
        };
        var leaks = seen.Where(s => !Open(s.Unit, s.Block) && !(s.OrUnit is { } u && Open(u, s.OrBlock))).ToList();
        Assert.True(leaks.Count == 0, $"{method} as {role} ({grant}) answered about {string.Join(", ", leaks.Take(5))}");
    }

    /// <summary>Not refused, and not broken: the other codes (NotFound, InvalidArgument, …) are answers of the RPC itself.</summary>
    private static bool Answered(StatusCode code) => code is not (StatusCode.PermissionDenied or StatusCode.Unauthenticated
        or StatusCode.Internal or StatusCode.Unknown or StatusCode.Unavailable);

    private static async Task<(StatusCode Code, string Detail, List<Seen> Seen)> RunAsync(Probe probe, Context c, CallOptions options, Target target)
    {
        try
        {
            return (StatusCode.OK, "", (await probe(c, options, target)).ToList());
        }
        catch (RpcException e)
        {
            return (e.StatusCode, e.Status.Detail, []);
        }
    }

    /// <summary>The most a role can ask within its scope: its unit, a unit or indicator of its block, the district.</summary>
    private static Target OwnTarget(string role) => role switch
    {
        Roles.BlockLeader => new(role, true, "NONG_NGHIEP", District, "CT06", LeaderBlock),
        Roles.Partner => new(role, true, District, District, "CT06", LeaderBlock),
        _ => new(role, true, ReporterUnit, ReporterUnit, "CT02", LeaderBlock),
    };

    /// <summary>What lies outside a filtered role's scope: another commune, an office and an indicator of another block.</summary>
    private static Target OtherTarget(string role) => role switch
    {
        Roles.BlockLeader => new(role, false, "Y_TE", District, "CT07", "culture_society"),
        _ => new(role, false, "PHUOC_THANG", "PHUOC_THANG", "CT02", "culture_society"),
    };

    private static readonly Google.Type.Date Future = new() { Year = 2030, Month = 1, Day = 1 };

    private static readonly Dictionary<string, Probe> Probes = new()
    {
        [Plans("ListUnits")] = async (c, o, t) => { await c.Plans.ListUnitsAsync(new ListUnitsRequest(), o); return []; },
        [Plans("GetUnitTree")] = async (c, o, t) => { await c.Plans.GetUnitTreeAsync(new GetUnitTreeRequest(), o); return []; },
        [Plans("CreateUnit")] = async (c, o, t) => { await c.Plans.CreateUnitAsync(new CreateUnitRequest { IdempotencyKey = NewKey() }, o); return []; },
        [Plans("CloseUnit")] = async (c, o, t) =>
        {
            await c.Plans.CloseUnitAsync(new CloseUnitRequest { Code = "NO_SUCH_UNIT", ClosedFrom = Future, IdempotencyKey = NewKey() }, o);
            return [];
        },
        [Plans("ListBlocks")] = async (c, o, t) => { await c.Plans.ListBlocksAsync(new ListBlocksRequest(), o); return []; },
        [Plans("ListIndicators")] = async (c, o, t) => { await c.Plans.ListIndicatorsAsync(new ListIndicatorsRequest(), o); return []; },
        [Plans("GetIndicator")] = async (c, o, t) => { await c.Plans.GetIndicatorAsync(new GetIndicatorRequest { Code = t.Indicator }, o); return []; },
        [Plans("CreateIndicator")] = async (c, o, t) => { await c.Plans.CreateIndicatorAsync(new CreateIndicatorRequest { IdempotencyKey = NewKey() }, o); return []; },
        [Plans("RenameUnit")] = async (c, o, t) => { await c.Plans.RenameUnitAsync(new RenameUnitRequest { Code = "NO_SUCH_UNIT", Name = "x", IdempotencyKey = NewKey() }, o); return []; },
        [Plans("UpdateIndicator")] = async (c, o, t) =>
        {
            await c.Plans.UpdateIndicatorAsync(new UpdateIndicatorRequest { Indicator = new Indicator { Code = "NO_SUCH_INDICATOR" }, IdempotencyKey = NewKey() }, o);
            return [];
        },
        [Plans("RetireIndicator")] = async (c, o, t) =>
        {
            await c.Plans.RetireIndicatorAsync(new RetireIndicatorRequest { Code = "NO_SUCH_INDICATOR", FromYear = Year, IdempotencyKey = NewKey() }, o);
            return [];
        },
        [Plans("ListAudit")] = async (c, o, t) => { await c.Plans.ListAuditAsync(new TuyPhuoc.Contracts.Audit.V1.ListAuditRequest { PageSize = 1 }, o); return []; },
        [Plans("GetPlan")] = async (c, o, t) => { await c.Plans.GetPlanAsync(new GetPlanRequest { Year = Year }, o); return []; },
        [Plans("ListPlanRevisions")] = async (c, o, t) => { await c.Plans.ListPlanRevisionsAsync(new ListPlanRevisionsRequest { Year = Year }, o); return []; },
        // The plan of 2024 exists and 1999 has none: neither request can change anything.
        [Plans("CreatePlan")] = async (c, o, t) => { await c.Plans.CreatePlanAsync(new CreatePlanRequest { Year = Year, IdempotencyKey = NewKey() }, o); return []; },
        [Plans("RevisePlan")] = async (c, o, t) => { await c.Plans.RevisePlanAsync(new RevisePlanRequest { Year = 1999, IdempotencyKey = NewKey() }, o); return []; },
        [Plans("ListTargets")] = async (c, o, t) => { await c.Plans.ListTargetsAsync(new ListTargetsRequest { Year = Year }, o); return []; },
        [Plans("GetUnitAssignments")] = async (c, o, t) =>
        {
            await c.Plans.GetUnitAssignmentsAsync(new GetUnitAssignmentsRequest { UnitCode = t.Unit, Year = Year }, o);
            return [];
        },
        [Plans("ListAssignments")] = async (c, o, t) => { await c.Plans.ListAssignmentsAsync(new ListAssignmentsRequest { Year = Year, PageSize = 5 }, o); return []; },
        [Plans("WatchChanges")] = async (c, o, t) => { await ReadSomeAsync(c.Plans.WatchChanges(new PlansChange(), Stream(o))); return []; },

        [Submissions("SubmitActual")] = async (c, o, t) =>
        {
            await c.Submissions.SubmitActualAsync(new SubmitActualRequest
            {
                UnitCode = t.Unit, IndicatorCode = "NO_SUCH_INDICATOR", Year = Year, Month = 1, Value = 1, IdempotencyKey = NewKey(),
            }, o);
            return [];
        },
        [Submissions("ListRevisions")] = async (c, o, t) =>
            (await c.Submissions.ListRevisionsAsync(new ListRevisionsRequest { UnitCode = t.Unit, IndicatorCode = "CT02", Year = Year, Month = 1 }, o))
            .Revisions.Select(r => c.Unit(r.UnitCode)),
        [Submissions("ListActuals")] = async (c, o, t) =>
            // A block leader also reads another unit's values of its block's indicators.
            (await c.Submissions.ListActualsAsync(new ListActualsRequest { UnitCode = t.Unit, Year = Year, PageSize = 1000 }, o))
            .Actuals.Select(a => c.Unit(a.UnitCode) with { OrUnit = a.UnitCode, OrBlock = c.IndicatorBlocks.GetValueOrDefault(a.IndicatorCode) }),
        [Submissions("ImportActuals")] = async (c, o, t) =>
        {
            using var call = c.Submissions.ImportActuals(o);
            try
            {
                await call.RequestStream.WriteAsync(new ImportActualsRequest
                {
                    BatchIdempotencyKey = NewKey(), UnitCode = t.Unit, IndicatorCode = "NO_SUCH_INDICATOR", Year = Year, Month = 1, Value = 1,
                });
                await call.RequestStream.CompleteAsync();
            }
            catch (RpcException)
            {
                // Refused before the stream was read: the answer below says why.
            }
            var reply = await call.ResponseAsync;
            Assert.Equal(0, reply.RowsStored);
            return [];
        },
        [Submissions("ImportActualsBatch")] = async (c, o, t) =>
        {
            var reply = await c.Submissions.ImportActualsBatchAsync(new ImportActualsBatchRequest
            {
                BatchIdempotencyKey = NewKey(),
                Rows = { new ImportRow { UnitCode = t.Unit, IndicatorCode = "NO_SUCH_INDICATOR", Year = Year, Month = 1, Value = 1 } },
            }, o);
            Assert.Equal(0, reply.RowsStored);
            return [];
        },
        // 1999 has no plan and no reports: the writes are refused for what they ask, never stored.
        [Submissions("SubmitReport")] = async (c, o, t) =>
        {
            await c.Submissions.SubmitReportAsync(new SubmitReportRequest { UnitCode = t.Unit, Year = 1999, Month = 1, IdempotencyKey = NewKey() }, o);
            return [];
        },
        [Submissions("ApproveReport")] = async (c, o, t) =>
        {
            await c.Submissions.ApproveReportAsync(new ApproveReportRequest { UnitCode = t.Unit, Year = 1999, Month = 1, IdempotencyKey = NewKey() }, o);
            return [];
        },
        [Submissions("ReturnReport")] = async (c, o, t) =>
        {
            await c.Submissions.ReturnReportAsync(new ReturnReportRequest { UnitCode = t.Unit, Year = 1999, Month = 1, Reason = "x", IdempotencyKey = NewKey() }, o);
            return [];
        },
        [Submissions("ReopenReport")] = async (c, o, t) =>
        {
            await c.Submissions.ReopenReportAsync(new ReopenReportRequest { UnitCode = t.Unit, Year = 1999, Month = 1, Reason = "x", IdempotencyKey = NewKey() }, o);
            return [];
        },
        [Submissions("GetReport")] = async (c, o, t) =>
            [c.Unit((await c.Submissions.GetReportAsync(new GetReportRequest { UnitCode = t.Unit, Year = Year, Month = 1 }, o)).UnitCode)],
        [Submissions("ListReports")] = async (c, o, t) =>
            (await c.Submissions.ListReportsAsync(new ListReportsRequest { Year = Year, Month = 1, PageSize = 1000 }, o)).Reports.Select(r => c.Unit(r.UnitCode)),
        [Submissions("SetDeadlines")] = async (c, o, t) =>
        {
            await c.Submissions.SetDeadlinesAsync(new SetDeadlinesRequest { Year = 1999, DayOfFollowingMonth = 99, IdempotencyKey = NewKey() }, o);
            return [];
        },
        [Submissions("GetDeadlines")] = async (c, o, t) => { await c.Submissions.GetDeadlinesAsync(new GetDeadlinesRequest { Year = Year }, o); return []; },
        [Submissions("ListTimeliness")] = async (c, o, t) =>
            (await c.Submissions.ListTimelinessAsync(new ListTimelinessRequest { Year = Year, UnitCode = t.Own ? "" : t.Unit, PageSize = 1000 }, o))
            .Entries.Select(e => c.Unit(e.UnitCode)),
        [Submissions("RaiseEscalation")] = async (c, o, t) =>
        {
            await c.Submissions.RaiseEscalationAsync(new RaiseEscalationRequest
            {
                UnitCode = t.Unit, Year = 1999, IndicatorCodes = { "CT02" }, Title = "x", Description = "x", IdempotencyKey = NewKey(),
            }, o);
            return [];
        },
        [Submissions("AssignEscalation")] = async (c, o, t) =>
        {
            await c.Submissions.AssignEscalationAsync(new AssignEscalationRequest { Id = Guid.NewGuid().ToString(), OfficeCode = "TN_MT", IdempotencyKey = NewKey() }, o);
            return [];
        },
        [Submissions("AnswerEscalation")] = async (c, o, t) =>
        {
            await c.Submissions.AnswerEscalationAsync(new AnswerEscalationRequest { Id = Guid.NewGuid().ToString(), Answer = "x", IdempotencyKey = NewKey() }, o);
            return [];
        },
        [Submissions("CloseEscalation")] = async (c, o, t) =>
        {
            await c.Submissions.CloseEscalationAsync(new CloseEscalationRequest { Id = Guid.NewGuid().ToString(), Note = "x", IdempotencyKey = NewKey() }, o);
            return [];
        },
        [Submissions("ReferEscalation")] = async (c, o, t) =>
        {
            await c.Submissions.ReferEscalationAsync(new ReferEscalationRequest
            {
                Id = Guid.NewGuid().ToString(), Authority = "UBND tỉnh", DocumentNumber = "1/UBND", DocumentDate = new Google.Type.Date { Year = 2024, Month = 8, Day = 1 }, IdempotencyKey = NewKey(),
            }, o);
            return [];
        },
        [Submissions("RecordReferralAnswer")] = async (c, o, t) =>
        {
            await c.Submissions.RecordReferralAnswerAsync(new RecordReferralAnswerRequest
            {
                Id = Guid.NewGuid().ToString(), AnsweredBy = "Sở Tài chính", DocumentNumber = "2/STC", DocumentDate = new Google.Type.Date { Year = 2024, Month = 8, Day = 2 }, Answer = "x", IdempotencyKey = NewKey(),
            }, o);
            return [];
        },
        [Submissions("GetEscalation")] = async (c, o, t) =>
            [c.Escalation(await c.Submissions.GetEscalationAsync(new GetEscalationRequest { Id = c.EscalationFor(t) }, o))],
        [Submissions("ListEscalations")] = async (c, o, t) =>
            (await c.Submissions.ListEscalationsAsync(new ListEscalationsRequest { Year = Year, UnitCode = t.Own ? "" : t.Unit, PageSize = 1000 }, o))
            .Escalations.Select(c.Escalation),
        [Submissions("FileReview")] = async (c, o, t) =>
        {
            await c.Submissions.FileReviewAsync(new FileReviewRequest { OfficeCode = t.Unit, Year = 1999, Quarter = 2, Summary = "x", IdempotencyKey = NewKey() }, o);
            return [];
        },
        [Submissions("GetReview")] = async (c, o, t) =>
            [c.Unit((await c.Submissions.GetReviewAsync(new GetReviewRequest { OfficeCode = t.Unit, Year = Year, Quarter = 2 }, o)).OfficeCode)],
        [Submissions("ListReviews")] = async (c, o, t) =>
            (await c.Submissions.ListReviewsAsync(new ListReviewsRequest { Year = Year, Quarter = 2 }, o)).Reviews.Select(r => c.Unit(r.OfficeCode)),
        [Submissions("GiveDirection")] = async (c, o, t) =>
        {
            await c.Submissions.GiveDirectionAsync(new GiveDirectionRequest { UnitCode = t.Unit, Year = 1999, Text = "x", IdempotencyKey = NewKey() }, o);
            return [];
        },
        [Submissions("AnswerDirection")] = async (c, o, t) =>
        {
            await c.Submissions.AnswerDirectionAsync(new AnswerDirectionRequest { Id = Guid.NewGuid().ToString(), Answer = "x", IdempotencyKey = NewKey() }, o);
            return [];
        },
        // A direction is open to its unit and to the leaders of the block that gave it.
        [Submissions("ListDirections")] = async (c, o, t) =>
            (await c.Submissions.ListDirectionsAsync(new ListDirectionsRequest { Year = Year, UnitCode = t.Own ? "" : t.Unit, PageSize = 1000 }, o))
            .Directions.Select(d => new Seen(d.UnitCode, d.Block)),
        [Submissions("ListAudit")] = async (c, o, t) => { await c.Submissions.ListAuditAsync(new TuyPhuoc.Contracts.Audit.V1.ListAuditRequest { PageSize = 1 }, o); return []; },
        [Submissions("WatchChanges")] = async (c, o, t) =>
            (await ReadSomeAsync(c.Submissions.WatchChanges(new Subs.WatchChangesRequest { Consumer = "e2e-access" }, Stream(o))))
            .Where(e => e.Actual is not null).Select(e => c.Unit(e.Actual.UnitCode)),

        [Evaluations("GetIndicatorStatus")] = async (c, o, t) =>
            [Of(await c.Evaluation.GetIndicatorStatusAsync(new GetIndicatorStatusRequest { UnitCode = t.EvalUnit, IndicatorCode = t.Indicator, Year = Year, Quarter = 2 }, o))],
        [Evaluations("GetScorecard")] = async (c, o, t) =>
            (await c.Evaluation.GetScorecardAsync(new GetScorecardRequest { UnitCode = t.EvalUnit, Year = Year, Quarter = 2, PageSize = 1000 }, o)).Statuses.Select(Of),
        [Evaluations("GetBlockSummary")] = async (c, o, t) =>
        {
            var summary = await c.Evaluation.GetBlockSummaryAsync(new GetBlockSummaryRequest { Block = t.Block, Year = Year, Quarter = 2 }, o);
            return [.. summary.DistrictFigures.Select(Of), .. summary.Laggards.Select(l => c.Result(l.UnitCode, l.IndicatorCode))];
        },
        [Evaluations("GetQuarterReport")] = async (c, o, t) =>
        {
            var report = await c.Evaluation.GetQuarterReportAsync(new GetQuarterReportRequest { Year = Year, Quarter = 2 }, o);
            return [.. report.DistrictFigures.Select(Of), .. report.CheckpointFailures.Select(l => c.Result(l.UnitCode, l.IndicatorCode)),
                .. report.AllocatedCells.Select(a => c.Result(a.UnitCode, a.IndicatorCode))];
        },
        [Evaluations("ListLaggards")] = async (c, o, t) =>
            (await c.Evaluation.ListLaggardsAsync(new ListLaggardsRequest { Year = Year, Quarter = 2, UnitCode = t.Own ? "" : t.EvalUnit, PageSize = 1000 }, o))
            .Laggards.Select(l => c.Result(l.UnitCode, l.IndicatorCode)),
        [Evaluations("Recompute")] = async (c, o, t) => { await c.Evaluation.RecomputeAsync(new RecomputeRequest { Year = 1999 }, o); return []; },
        [Evaluations("WatchResults")] = async (c, o, t) =>
            (await ReadSomeAsync(c.Evaluation.WatchResults(new WatchResultsRequest(), Stream(o)))).Select(r => c.Result(r.UnitCode, r.IndicatorCode)),
        [Evaluations("GetPolicy")] = async (c, o, t) => { await c.Evaluation.GetPolicyAsync(new GetPolicyRequest { Year = Year }, o); return []; },
        // Years before 2000 are refused as input: no policy is set.
        [Evaluations("SetPolicy")] = async (c, o, t) =>
        {
            await c.Evaluation.SetPolicyAsync(new SetPolicyRequest { Policy = new Eval.Policy { Year = 1999, AtRiskBand = 0.9, Reason = "x" }, IdempotencyKey = NewKey() }, o);
            return [];
        },
        [Evaluations("ListPolicyVersions")] = async (c, o, t) => { await c.Evaluation.ListPolicyVersionsAsync(new ListPolicyVersionsRequest { Year = Year }, o); return []; },
        // A number that is no number is refused as input: nothing is issued.
        [Evaluations("IssueAnnouncement")] = async (c, o, t) =>
        {
            await c.Evaluation.IssueAnnouncementAsync(new IssueAnnouncementRequest { Year = Year, Quarter = 2, Number = " ", IdempotencyKey = NewKey() }, o);
            return [];
        },
        [Evaluations("ListAnnouncements")] = async (c, o, t) => { await c.Evaluation.ListAnnouncementsAsync(new ListAnnouncementsRequest { Year = Year }, o); return []; },
        [Evaluations("ListAudit")] = async (c, o, t) => { await c.Evaluation.ListAuditAsync(new TuyPhuoc.Contracts.Audit.V1.ListAuditRequest { PageSize = 1 }, o); return []; },
        [Evaluations("GetAnnouncement")] = async (c, o, t) => { await c.Evaluation.GetAnnouncementAsync(new GetAnnouncementRequest { Year = Year, Quarter = 4 }, o); return []; },
        [Evaluations("WatchAnnouncements")] = async (c, o, t) => { await ReadSomeAsync(c.Evaluation.WatchAnnouncements(new WatchAnnouncementsRequest(), Stream(o))); return []; },

        [Scoring("GetScheme")] = async (c, o, t) => { await c.Scoring.GetSchemeAsync(new GetSchemeRequest { Year = Year }, o); return []; },
        [Scoring("SetScheme")] = async (c, o, t) => { await c.Scoring.SetSchemeAsync(new SetSchemeRequest { IdempotencyKey = NewKey() }, o); return []; },
        [Scoring("ListSchemeVersions")] = async (c, o, t) => { await c.Scoring.ListSchemeVersionsAsync(new ListSchemeVersionsRequest { Year = Year }, o); return []; },
        [Scoring("GetScore")] = async (c, o, t) =>
        {
            var score = await c.Scoring.GetScoreAsync(new GetScoreRequest { UnitCode = t.Unit, Year = Year }, o);
            return [new Seen(score.UnitCode, score.Block)];
        },
        [Scoring("ListRanking")] = async (c, o, t) =>
            (await c.Scoring.ListRankingAsync(new ListRankingRequest { Year = Year, Block = t.Own ? "" : t.Block, PageSize = 1000 }, o))
            .Entries.Select(e => new Seen(e.UnitCode, e.Block)),
        // Years before 2000 are refused as input: nothing is finalised or reopened.
        [Scoring("FinalizeYear")] = async (c, o, t) => { await c.Scoring.FinalizeYearAsync(new FinalizeYearRequest { Year = 1999, IdempotencyKey = NewKey() }, o); return []; },
        [Scoring("ReopenYear")] = async (c, o, t) => { await c.Scoring.ReopenYearAsync(new ReopenYearRequest { Year = 1999, Reason = "x", IdempotencyKey = NewKey() }, o); return []; },
        [Scoring("ListAudit")] = async (c, o, t) => { await c.Scoring.ListAuditAsync(new TuyPhuoc.Contracts.Audit.V1.ListAuditRequest { PageSize = 1 }, o); return []; },
        [Scoring("GetYearState")] = async (c, o, t) => { await c.Scoring.GetYearStateAsync(new GetYearStateRequest { Year = Year }, o); return []; },

        // 1999 has no plan, an empty workbook is no annex and no task has a fresh id: the writes are refused for what they ask.
        [KeyTasks("CreateDecision")] = async (c, o, t) =>
        {
            await c.Tasks.CreateDecisionAsync(new Tasks.CreateDecisionRequest { Number = "1/QĐ", Title = "x", Year = 1999, IdempotencyKey = NewKey() }, o);
            return [];
        },
        [KeyTasks("ImportDecision")] = async (c, o, t) =>
        {
            await c.Tasks.ImportDecisionAsync(new Tasks.ImportDecisionRequest { Number = "1/QĐ", Title = "x", Year = 1999, IdempotencyKey = NewKey() }, o);
            return [];
        },
        [KeyTasks("GetDecision")] = async (c, o, t) => { await c.Tasks.GetDecisionAsync(new Tasks.GetDecisionRequest { Id = Guid.NewGuid().ToString() }, o); return []; },
        [KeyTasks("ListDecisions")] = async (c, o, t) => { await c.Tasks.ListDecisionsAsync(new Tasks.ListDecisionsRequest { Year = Year }, o); return []; },
        [KeyTasks("GetTask")] = async (c, o, t) => [c.Task(await c.Tasks.GetTaskAsync(new Tasks.GetTaskRequest { Id = c.TaskFor(t) }, o))],
        [KeyTasks("ListTasks")] = async (c, o, t) =>
            (await c.Tasks.ListTasksAsync(new Tasks.ListTasksRequest
            {
                Year = Year, UnitCode = t.Own || t.Role != Roles.UnitReporter ? "" : t.Unit, Block = t.Own || t.Role != Roles.BlockLeader ? "" : t.Block, PageSize = 1000,
            }, o)).Tasks.Select(c.Task),
        [KeyTasks("SummarizeTasks")] = async (c, o, t) =>
            (await c.Tasks.SummarizeTasksAsync(new Tasks.SummarizeTasksRequest
            {
                Year = Year, LeadUnitCode = t.Own || t.Role != Roles.UnitReporter ? "" : t.Unit, Block = t.Own || t.Role != Roles.BlockLeader ? "" : t.Block,
            }, o)).Overdue.Select(c.Task),
        [KeyTasks("ReportProgress")] = async (c, o, t) =>
        {
            await c.Tasks.ReportProgressAsync(new Tasks.ReportProgressRequest { TaskId = Guid.NewGuid().ToString(), State = Tasks.ProgressState.InProgress, IdempotencyKey = NewKey() }, o);
            return [];
        },
        [KeyTasks("CommentTask")] = async (c, o, t) =>
        {
            await c.Tasks.CommentTaskAsync(new Tasks.CommentTaskRequest { TaskId = Guid.NewGuid().ToString(), Note = "x", IdempotencyKey = NewKey() }, o);
            return [];
        },
        [KeyTasks("RequestExtension")] = async (c, o, t) =>
        {
            await c.Tasks.RequestExtensionAsync(new Tasks.RequestExtensionRequest { TaskId = Guid.NewGuid().ToString(), Reason = "x", IdempotencyKey = NewKey() }, o);
            return [];
        },
        [KeyTasks("DecideExtension")] = async (c, o, t) =>
        {
            await c.Tasks.DecideExtensionAsync(new Tasks.DecideExtensionRequest { TaskId = Guid.NewGuid().ToString(), ExtensionId = 1, Reason = "x", IdempotencyKey = NewKey() }, o);
            return [];
        },
        [KeyTasks("ConfirmCompletion")] = async (c, o, t) =>
        {
            await c.Tasks.ConfirmCompletionAsync(new Tasks.ConfirmCompletionRequest { TaskId = Guid.NewGuid().ToString(), ReportId = 1, Reason = "x", IdempotencyKey = NewKey() }, o);
            return [];
        },
        [KeyTasks("ListAudit")] = async (c, o, t) => { await c.Tasks.ListAuditAsync(new TuyPhuoc.Contracts.Audit.V1.ListAuditRequest { PageSize = 1 }, o); return []; },
        [KeyTasks("WatchChanges")] = async (c, o, t) => { await ReadSomeAsync(c.Tasks.WatchChanges(new Tasks.WatchChangesRequest { Consumer = "e2e-access" }, Stream(o))); return []; },

        // Every caller's own inboxes; the planning office's writes are refused for what they ask, so nothing shared changes.
        [Notifications("ListNotifications")] = async (c, o, t) => { await c.Notifications.ListNotificationsAsync(new Notes.ListNotificationsRequest(), o); return []; },
        [Notifications("CountUnread")] = async (c, o, t) => { await c.Notifications.CountUnreadAsync(new Notes.CountUnreadRequest(), o); return []; },
        [Notifications("MarkRead")] = async (c, o, t) => { await c.Notifications.MarkReadAsync(new Notes.MarkReadRequest { All = true, IdempotencyKey = NewKey() }, o); return []; },
        [Notifications("GetPreferences")] = async (c, o, t) => { await c.Notifications.GetPreferencesAsync(new Notes.GetPreferencesRequest(), o); return []; },
        [Notifications("SetPreferences")] = async (c, o, t) => { await c.Notifications.SetPreferencesAsync(new Notes.SetPreferencesRequest { IdempotencyKey = NewKey() }, o); return []; },
        [Notifications("SetMandatoryKinds")] = async (c, o, t) =>
        {
            await c.Notifications.SetMandatoryKindsAsync(new Notes.SetMandatoryKindsRequest { Kinds = { (Notes.NotificationKind)99 }, IdempotencyKey = NewKey() }, o);
            return [];
        },
        [Notifications("SetMailAddress")] = async (c, o, t) =>
        {
            await c.Notifications.SetMailAddressAsync(new Notes.SetMailAddressRequest { InboxCode = "not a unit", Address = "x@y.vn", IdempotencyKey = NewKey() }, o);
            return [];
        },
        [Notifications("ListMailAddresses")] = async (c, o, t) => { await c.Notifications.ListMailAddressesAsync(new Notes.ListMailAddressesRequest(), o); return []; },
    };

    private static string Plans(string method) => AccessTable.FullName(IndicatorPlans.Descriptor, method);
    private static string Submissions(string method) => AccessTable.FullName(Subs.Submissions.Descriptor, method);
    private static string Evaluations(string method) => AccessTable.FullName(Eval.Evaluation.Descriptor, method);
    private static string Scoring(string method) => AccessTable.FullName(EmulationScoring.Descriptor, method);
    private static string KeyTasks(string method) => AccessTable.FullName(Tasks.KeyTasks.Descriptor, method);
    private static string Notifications(string method) => AccessTable.FullName(Notes.Notifications.Descriptor, method);

    private static string NewKey() => Guid.NewGuid().ToString("N");

    private static Seen Of(IndicatorStatus s) => new(s.UnitCode, s.Block);

    /// <summary>A stream read for a moment: a few entries, or none by the deadline; a refusal comes at once.</summary>
    private static CallOptions Stream(CallOptions o) => o.WithDeadline(DateTime.UtcNow.AddSeconds(3));

    private static async Task<List<T>> ReadSomeAsync<T>(AsyncServerStreamingCall<T> call)
    {
        using (call)
        {
            var read = new List<T>();
            try
            {
                while (read.Count < 20 && await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken)) read.Add(call.ResponseStream.Current);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.DeadlineExceeded)
            {
                // Quiet within the deadline: what was read is the answer.
            }
            return read;
        }
    }

    /// <summary>What every cell needs once: a token per role, the demo's data, the blocks of units and indicators.</summary>
    private sealed class Context
    {
        private static Task<Context>? _instance;
        private static readonly Lock Gate = new();

        public required IndicatorPlans.IndicatorPlansClient Plans { get; init; }
        public required Subs.Submissions.SubmissionsClient Submissions { get; init; }
        public required Eval.Evaluation.EvaluationClient Evaluation { get; init; }
        public required EmulationScoring.EmulationScoringClient Scoring { get; init; }
        public required IReadOnlyDictionary<string, Func<CallOptions>> Options { get; init; }
        public required IReadOnlyDictionary<string, string?> UnitBlocks { get; init; }
        public required IReadOnlyDictionary<string, string> IndicatorBlocks { get; init; }
        public required IReadOnlyList<Escalation> Escalations { get; init; }
        public required Tasks.KeyTasks.KeyTasksClient Tasks { get; init; }
        public required IReadOnlyList<Tasks.KeyTask> KeyTasks { get; init; }
        public required Notes.Notifications.NotificationsClient Notifications { get; init; }

        public static Task<Context> GetAsync(SuiteFixture suite)
        {
            lock (Gate) return _instance ??= CreateAsync(suite);
        }

        private static async Task<Context> CreateAsync(SuiteFixture suite)
        {
            await suite.DemoLoadedAsync();
            var tokens = new Dictionary<string, string>
            {
                [Roles.PlanningOffice] = await suite.TokenAsync(Roles.PlanningOffice),
                [Roles.UnitReporter] = await suite.TokenAsync(Roles.UnitReporter, ReporterUnit),
                [Roles.BlockLeader] = await suite.TokenAsync(Roles.BlockLeader, block: LeaderBlock),
                [Roles.HomeAffairs] = await suite.TokenAsync(Roles.HomeAffairs),
                [Roles.Partner] = await suite.TokenAsync(Roles.Partner),
                [Roles.Service] = await suite.ServiceTokenAsync(),
            };
            var plans = new IndicatorPlans.IndicatorPlansClient(suite.Gateway);
            var office = SuiteFixture.WithBearer(tokens[Roles.PlanningOffice]);
            var units = await plans.ListUnitsAsync(new ListUnitsRequest { PageSize = 1000 }, office);
            var indicators = await plans.ListIndicatorsAsync(new ListIndicatorsRequest { PageSize = 1000 }, office);
            var submissions = new Subs.Submissions.SubmissionsClient(suite.Gateway);
            var escalations = await submissions.ListEscalationsAsync(new ListEscalationsRequest { Year = Year, PageSize = 1000 }, office);
            var tasks = new Tasks.KeyTasks.KeyTasksClient(suite.Gateway);
            var keyTasks = await tasks.ListTasksAsync(new Tasks.ListTasksRequest { Year = Year, PageSize = 1000 }, office);
            return new Context
            {
                Plans = plans,
                Submissions = submissions,
                Evaluation = new Eval.Evaluation.EvaluationClient(suite.Gateway),
                Scoring = new EmulationScoring.EmulationScoringClient(suite.Gateway),
                Options = tokens.ToDictionary(t => t.Key, t => (Func<CallOptions>)(() => SuiteFixture.WithBearer(t.Value))),
                UnitBlocks = units.Units.ToDictionary(u => u.Code, u => BlockName(u.Block)),
                IndicatorBlocks = indicators.Indicators.ToDictionary(i => i.Code, i => BlockName(i.Block) ?? ""),
                Escalations = escalations.Escalations,
                Tasks = tasks,
                KeyTasks = keyTasks.Tasks,
                Notifications = new Notes.Notifications.NotificationsClient(suite.Gateway),
            };
        }

        private static string? BlockName(SectorBlock block) => block switch
        {
            SectorBlock.Economy => "economy",
            SectorBlock.CultureSociety => "culture_society",
            SectorBlock.InternalAffairs => "internal_affairs",
            _ => null,
        };

        /// <summary>A unit's data in Submissions: its block is the unit's own.</summary>
        public Seen Unit(string unit) => new(unit, UnitBlocks.GetValueOrDefault(unit));

        /// <summary>An evaluation result: its block is its indicator's.</summary>
        public Seen Result(string unit, string indicator) => new(unit, IndicatorBlocks.GetValueOrDefault(indicator));

        public Seen Escalation(Escalation e) =>
            new(e.UnitCode, UnitBlocks.GetValueOrDefault(e.UnitCode), e.AssignedOfficeCode, UnitBlocks.GetValueOrDefault(e.AssignedOfficeCode));

        /// <summary>A key task: open through its block, its lead unit or (as the alternative) the reporter's unit when it coordinates.</summary>
        public Seen Task(Tasks.KeyTask k) =>
            new(k.LeadUnitCode, k.Block, k.CoordinatingUnitCodes.Contains(ReporterUnit) ? ReporterUnit : null, k.Block);

        /// <summary>A key task inside (own target) or outside (other) the caller's scope, or none.</summary>
        public string TaskFor(Target t)
        {
            bool Inside(Tasks.KeyTask k) => t.Role switch
            {
                Roles.UnitReporter => k.LeadUnitCode == ReporterUnit || k.CoordinatingUnitCodes.Contains(ReporterUnit),
                Roles.BlockLeader => k.Block == LeaderBlock,
                _ => true,
            };
            return KeyTasks.FirstOrDefault(k => Inside(k) == t.Own)?.Id ?? Guid.NewGuid().ToString();
        }

        /// <summary>An escalation inside (own target) or outside (other) the caller's scope as README states it, or none.</summary>
        public string EscalationFor(Target t)
        {
            bool Inside(Escalation e) => t.Role switch
            {
                Roles.UnitReporter => e.UnitCode == ReporterUnit || e.AssignedOfficeCode == ReporterUnit,
                Roles.BlockLeader => UnitBlocks.GetValueOrDefault(e.UnitCode) == LeaderBlock || UnitBlocks.GetValueOrDefault(e.AssignedOfficeCode) == LeaderBlock,
                Roles.Partner => false,
                _ => true,
            };
            return Escalations.FirstOrDefault(e => Inside(e) == t.Own)?.Id ?? Guid.NewGuid().ToString();
        }
    }
}
