using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using TuyPhuoc.Calendar;
using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Portal.Suite;
using PlansService = TuyPhuoc.Contracts.Plans.V1.IndicatorPlans;

namespace TuyPhuoc.Portal.Tests.Features;

/// <summary>
/// Answers for the generated clients a reader wraps, as grpc-dotnet's Tester example makes them: the clients' methods
/// are virtual, so a test client overrides the calls a reader makes and records what it was asked.
/// </summary>
public static class FakeSuite
{
    public static AsyncUnaryCall<T> Answer<T>(T response) =>
        new(Task.FromResult(response), Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });

    public static AsyncUnaryCall<T> Refuse<T>(StatusCode code, string detail = "") =>
        new(Task.FromException<T>(new RpcException(new Status(code, detail))), Task.FromResult(new Metadata()), () => new Status(code, detail), () => [], () => { });

    /// <summary>A plan cache over a plans client that answers the units and catalog given (one page each).</summary>
    public static PlanCache Plans(IEnumerable<Unit> units, IEnumerable<Indicator>? indicators = null, PlansService.IndicatorPlansClient? client = null)
    {
        client ??= new PlansClient(units, indicators ?? []);
        return new(new PlanModel.PlanReader(client, new DistrictClock(TimeProvider.System), NullLogger<PlanModel.PlanReader>.Instance), client);
    }

    public static Unit Unit(string code, string name, UnitKind kind) => new() { Code = code, Name = name, Kind = kind };

    /// <summary>The district of the 2024 plan: its planning office, a town and a commune.</summary>
    public static Unit[] District { get; } =
    [
        Unit("TUY_PHUOC", "UBND huyện Tuy Phước", UnitKind.District), Unit("TCKH", "Phòng Tài chính - Kế hoạch", UnitKind.Office),
        Unit("PHUOC_AN", "Xã Phước An", UnitKind.Commune), Unit("TT_TUY_PHUOC", "Thị trấn Tuy Phước", UnitKind.Town),
    ];

    /// <summary>The units and catalog given, and a plan of any year asked for in which each unit reports what <paramref name="assigned"/> says.</summary>
    public class PlansClient(IEnumerable<Unit> units, IEnumerable<Indicator> indicators, Func<string, IEnumerable<AssignedIndicator>>? assigned = null)
        : PlansService.IndicatorPlansClient
    {
        public override AsyncUnaryCall<Plan> GetPlanAsync(GetPlanRequest request, CallOptions options) => Answer(new Plan { Year = request.Year });

        public override AsyncUnaryCall<ListAssignmentsResponse> ListAssignmentsAsync(ListAssignmentsRequest request, CallOptions options) =>
            Answer(new ListAssignmentsResponse { Year = request.Year, Units = { units.Select(u => new UnitAssignments { UnitCode = u.Code, Assignments = { assigned?.Invoke(u.Code) ?? [] } }) } });

        public override AsyncUnaryCall<ListUnitsResponse> ListUnitsAsync(ListUnitsRequest request, CallOptions options) => Answer(new ListUnitsResponse { Units = { units } });

        public override AsyncUnaryCall<ListIndicatorsResponse> ListIndicatorsAsync(ListIndicatorsRequest request, CallOptions options) =>
            Answer(new ListIndicatorsResponse { Indicators = { indicators } });
    }
}
