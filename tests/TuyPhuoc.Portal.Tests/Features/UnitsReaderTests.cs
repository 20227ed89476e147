using Grpc.Core;
using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Portal.Features;
using TuyPhuoc.ServiceDefaults;
using static TuyPhuoc.Portal.Tests.Features.FakeSuite;

namespace TuyPhuoc.Portal.Tests.Features;

public sealed class UnitsReaderTests
{
    private static readonly DateOnly Today = new(2025, 8, 15);

    /// <summary>Xã Phước Lộc existed on 1 January and was merged into Xã Tuy Phước from 1 July; the new commune exists today.</summary>
    private sealed class Merged() : PlansClient([], [])
    {
        public List<ListUnitsRequest> Asked { get; } = [];
        public List<CloseUnitRequest> Closed { get; } = [];
        public List<CreateUnitRequest> Created { get; } = [];

        private static Unit U(string code, string name, UnitKind kind, string parent = "", DateOnly? to = null, string merged = "") => new()
        {
            Code = code, Name = name, Kind = kind, ParentCode = parent, ValidFrom = new DateOnly(2000, 1, 1).ToProto(), ValidTo = to?.ToProto(), MergedIntoCode = merged,
        };

        public override AsyncUnaryCall<ListUnitsResponse> ListUnitsAsync(ListUnitsRequest request, CallOptions options)
        {
            Asked.Add(request);
            var district = U("TUY_PHUOC", "UBND huyện Tuy Phước", UnitKind.District);
            return request.AsOf.ToDate("") == new DateOnly(2025, 1, 1)
                ? Answer(new ListUnitsResponse { Units = { district, U("PHUOC_LOC", "Xã Phước Lộc", UnitKind.Commune, "TUY_PHUOC", new(2025, 7, 1), "XA_TUY_PHUOC") } })
                : Answer(new ListUnitsResponse { Units = { district, U("XA_TUY_PHUOC", "Xã Tuy Phước", UnitKind.Commune, "TUY_PHUOC"), U("TCKH", "Phòng Tài chính - Kế hoạch", UnitKind.Office, "TUY_PHUOC") } });
        }

        public override AsyncUnaryCall<Unit> CloseUnitAsync(CloseUnitRequest request, CallOptions options)
        {
            Closed.Add(request);
            return Answer(new Unit { Code = request.Code });
        }

        public override AsyncUnaryCall<Unit> CreateUnitAsync(CreateUnitRequest request, CallOptions options)
        {
            Created.Add(request);
            return Answer(request.Unit);
        }
    }

    [Fact]
    public async Task Read_TheYearsFirstDayAndToday_AMergedCommuneNamesItsSuccessor()
    {
        var plans = new Merged();

        var view = await new UnitsReader(plans, Plans([])).ReadAsync(Today, new CallOptions());

        Assert.Equal([new DateOnly(2025, 1, 1), Today], plans.Asked.Select(r => r.AsOf.ToDate("")!.Value));
        Assert.Equal(["UBND huyện Tuy Phước", "Phòng Tài chính - Kế hoạch", "Xã Phước Lộc", "Xã Tuy Phước"], view.Units.Select(u => u.Name));
        var loc = view.Units.Single(u => u.Code == "PHUOC_LOC");
        Assert.Equal((new DateOnly(2025, 7, 1), "Xã Tuy Phước", "UBND huyện Tuy Phước"), (loc.ValidTo, loc.MergedIntoName, loc.ParentName));
        Assert.False(loc.Open(Today));
        Assert.True(view.Units.Single(u => u.Code == "XA_TUY_PHUOC").Open(Today));
    }

    [Fact]
    public async Task CreateAndClose_AsTyped_TheBlockOnlyForAnOffice_TheUnitsReadAgainAfter()
    {
        var plans = new Merged();
        var cache = Plans([], client: plans);
        var reader = new UnitsReader(plans, cache);
        await cache.UnitsAsync(new CallOptions());

        await reader.CreateAsync(new NewUnit { Code = " PHUOC_MOI ", Name = "Xã Phước Mới", Kind = UnitKind.Commune, ParentCode = "TUY_PHUOC", Block = SectorBlock.Economy, ValidFrom = new(2025, 7, 1) }, "k1", new CallOptions());
        await reader.CloseAsync("PHUOC_LOC", new(2025, 7, 1), "XA_TUY_PHUOC", "k2", new CallOptions());
        await cache.UnitsAsync(new CallOptions());

        var created = Assert.Single(plans.Created);
        Assert.Equal(("PHUOC_MOI", SectorBlock.Unspecified, new DateOnly(2025, 7, 1), "k1"), (created.Unit.Code, created.Unit.Block, created.Unit.ValidFrom.ToDate("")!.Value, created.IdempotencyKey));
        var closed = Assert.Single(plans.Closed);
        Assert.Equal(("PHUOC_LOC", "XA_TUY_PHUOC", "k2"), (closed.Code, closed.MergedIntoCode, closed.IdempotencyKey));
        // The cached units were forgotten twice: read again after each write, not served from before.
        Assert.Equal(2, plans.Asked.Count);
    }
}
