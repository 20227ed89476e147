using System.Collections.Concurrent;
using Grpc.Core;
using StackExchange.Redis;
using TuyPhuoc.Contracts.Evaluation.V1;
using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Contracts.Submissions.V1;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>Faults on a suite of its own: nothing acknowledged may be lost, and the suite heals without a restart.</summary>
[Collection(IsolatedSuiteCollection.Name)]
public sealed class FaultTests(IsolatedSuite suite)
{
    private static readonly string[] Communes =
    [
        "TT_TUY_PHUOC", "TT_DIEU_TRI", "PHUOC_THANG", "PHUOC_HUNG", "PHUOC_QUANG", "PHUOC_HOA", "PHUOC_SON",
        "PHUOC_HIEP", "PHUOC_LOC", "PHUOC_NGHIA", "PHUOC_THUAN", "PHUOC_AN", "PHUOC_THANH",
    ];

    // Commune-allocated flows of the seeded plan, so every commune may report them.
    private static readonly string[] Flows = ["CT02", "CT03", "CT04", "CT08", "CT25", "CT27"];

    private Submissions.SubmissionsClient Submissions => new(suite.Gateway);

    private sealed record Cell(string Unit, string Indicator, int Month)
    {
        public double Value => 1 + (Month * 7 + Indicator.GetHashCode(StringComparison.Ordinal) % 5 + Unit.Length) % 40;
    }

    [Fact]
    public async Task KillSubmissions_DuringRetryingLoad_EveryAcknowledgedSubmissionStoredExactlyOnce()
    {
        var token = await suite.TokenAsync(Roles.PlanningOffice);
        var cells = new ConcurrentQueue<Cell>(
            from month in new[] { 7, 8 } from unit in Communes from indicator in Flows select new Cell(unit, indicator, month));
        var acknowledged = new ConcurrentDictionary<Cell, ActualRevision>();
        var failedAttempts = 0;
        var killed = false;

        async Task Worker()
        {
            while (cells.TryDequeue(out var cell))
            {
                // A client that retries with its idempotency key until it gets an answer.
                var request = new SubmitActualRequest
                {
                    UnitCode = cell.Unit, IndicatorCode = cell.Indicator, Year = 2024, Month = cell.Month, Value = cell.Value,
                    IdempotencyKey = $"fault-{cell.Unit}-{cell.Indicator}-{cell.Month}",
                };
                for (var deadline = DateTime.UtcNow.AddMinutes(2); ; )
                {
                    try
                    {
                        acknowledged[cell] = await Submissions.SubmitActualAsync(request, SuiteFixture.WithBearer(token));
                        // Paced like people at their desks, so the load outlasts the kill: with group commit the whole
                        // load could otherwise be stored before the process is gone.
                        await Task.Delay(50, TestContext.Current.CancellationToken);
                        break;
                    }
                    catch (RpcException e) when ((e.StatusCode is StatusCode.Unavailable or StatusCode.Internal or StatusCode.Unknown
                        or StatusCode.DeadlineExceeded or StatusCode.Cancelled) && DateTime.UtcNow < deadline)
                    {
                        Interlocked.Increment(ref failedAttempts);
                        await Task.Delay(200, TestContext.Current.CancellationToken);
                    }
                }
            }
        }

        async Task Saboteur()
        {
            while (acknowledged.Count < 20) await Task.Delay(5, TestContext.Current.CancellationToken);
            suite.Kill(ResourceNames.Submissions);
            killed = true;
            await suite.StartAsync(ResourceNames.Submissions);
        }

        await Task.WhenAll([.. Enumerable.Range(0, 8).Select(_ => Worker()), Saboteur()]);

        Assert.True(killed);
        Assert.True(failedAttempts > 0, "the kill did not interrupt any call, so the test proved nothing");
        Assert.Equal(2 * Communes.Length * Flows.Length, acknowledged.Count);
        var reader = SuiteFixture.WithBearer(token);
        foreach (var (cell, answer) in acknowledged)
        {
            var history = await Submissions.ListRevisionsAsync(new ListRevisionsRequest
            {
                UnitCode = cell.Unit, IndicatorCode = cell.Indicator, Year = 2024, Month = cell.Month,
            }, reader);
            var stored = Assert.Single(history.Revisions);
            Assert.Equal((cell.Value, answer.Revision), (stored.Value, stored.Revision));
        }
    }

    [Fact]
    public async Task KillEvaluation_MidStream_ResumesFromItsCursorAndEqualsFullRecompute()
    {
        var options = await suite.CallAsAsync(Roles.PlanningOffice);
        var cells = (from unit in Communes from indicator in Flows select new Cell(unit, indicator, 9)).ToList();
        var evaluation = new Evaluation.EvaluationClient(suite.Gateway);

        for (var i = 0; i < cells.Count; i++)
        {
            if (i == cells.Count / 3) suite.Kill(ResourceNames.Evaluation);
            var cell = cells[i];
            await Submissions.SubmitActualAsync(new SubmitActualRequest
            {
                UnitCode = cell.Unit, IndicatorCode = cell.Indicator, Year = 2024, Month = cell.Month, Value = cell.Value,
                IdempotencyKey = $"mid-{cell.Unit}-{cell.Indicator}",
            }, options);
        }
        await suite.StartAsync(ResourceNames.Evaluation);

        foreach (var cell in cells)
        {
            await Eventually.TrueAsync(async () =>
            {
                var status = await evaluation.GetIndicatorStatusAsync(new GetIndicatorStatusRequest
                {
                    UnitCode = cell.Unit, IndicatorCode = cell.Indicator, Year = 2024, Quarter = 3,
                }, await suite.CallAsAsync(Roles.PlanningOffice));
                return status.MonthlyActuals.Count >= cell.Month && status.MonthlyActuals[cell.Month - 1] is { HasValue: true } month && month.Value == cell.Value;
            }, TimeSpan.FromSeconds(60), $"{cell} never reached Evaluation");
        }
        var recompute = await evaluation.RecomputeAsync(new RecomputeRequest { Year = 2024 }, await suite.CallAsAsync(Roles.PlanningOffice));
        Assert.True(recompute.Results > 0);
        Assert.Equal(0, recompute.Changed);
    }

    [Fact]
    public async Task StopRedis_ReadsStillAnswered_CachesRefillWhenItIsBack()
    {
        if (suite.ResourceType(ResourceNames.Redis) is not "Executable")
        {
            Assert.Skip("Stopping Redis needs redis-server (apt-get install redis-server); the embedded server lives inside the AppHost.");
        }
        var evaluation = new Evaluation.EvaluationClient(suite.Gateway);
        async Task<Scorecard> read() => await evaluation.GetScorecardAsync(
            new GetScorecardRequest { UnitCode = "PHUOC_THANG", Year = 2024, Quarter = 3 }, await suite.CallAsAsync(Roles.PlanningOffice));
        var before = await read();

        await suite.StopAsync(ResourceNames.Redis);
        var withoutRedis = await read();
        var plans = await new IndicatorPlans.IndicatorPlansClient(suite.Gateway)
            .GetPlanAsync(new GetPlanRequest { Year = 2024 }, await suite.CallAsAsync(Roles.Partner));
        await suite.StartAsync(ResourceNames.Redis);

        Assert.Equal(before.Statuses.Count, withoutRedis.Statuses.Count);
        Assert.Equal(34, plans.Targets.Count);
        await using var redis = await ConnectionMultiplexer.ConnectAsync((await suite.ConnectionStringAsync(ResourceNames.Redis))!);
        await Eventually.TrueAsync(async () =>
        {
            await read();
            return redis.GetServers().Single().DatabaseSize() > 0;
        }, TimeSpan.FromSeconds(30), "the cache never refilled after Redis came back");
    }

    [Fact]
    public async Task RestartPostgres_ServicesRecoverWithoutBeingRestarted()
    {
        await suite.StopAsync(ResourceNames.Postgres);
        await suite.StartAsync(ResourceNames.Postgres);

        await Eventually.TrueAsync(async () =>
        {
            var options = await suite.CallAsAsync(Roles.PlanningOffice);
            var stored = await Submissions.SubmitActualAsync(new SubmitActualRequest
            {
                UnitCode = "PHUOC_AN", IndicatorCode = "CT03", Year = 2024, Month = 10, Value = 3.5, IdempotencyKey = "after-postgres-restart",
            }, options);
            var plan = await new IndicatorPlans.IndicatorPlansClient(suite.Gateway).GetPlanAsync(new GetPlanRequest { Year = 2024 }, options);
            return stored.Revision == 1 && plan.Targets.Count == 34;
        }, TimeSpan.FromSeconds(60), "the services did not recover after PostgreSQL restarted");
    }
}

internal static class Eventually
{
    /// <summary>Polls until the condition holds; calls that fail while the suite heals count as "not yet".</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan within, string because)
    {
        var deadline = DateTime.UtcNow + within;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition()) return;
            }
            catch (RpcException e)
            {
                last = e;
            }
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
        Assert.Fail($"{because} within {within} (last error: {last?.Message ?? "none"})");
    }
}
