using Grpc.Core;
using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Contracts.Scoring.V1;
using TuyPhuoc.Portal.Features;
using static TuyPhuoc.Portal.Tests.Features.FakeSuite;

namespace TuyPhuoc.Portal.Tests.Features;

/// <summary>EmulationScoring answering the ranking page: the list page by page, the year's state and scheme, a unit's score, the year's close.</summary>
internal sealed class FakeScoring(params Ranking[] pages) : EmulationScoring.EmulationScoringClient
{
    public List<ListRankingRequest> Asked { get; } = [];
    public List<string> Acts { get; } = [];
    public bool Final { get; init; }
    public Score Score { get; init; } = new();

    public override AsyncUnaryCall<Ranking> ListRankingAsync(ListRankingRequest request, CallOptions options)
    {
        Asked.Add(request);
        return Answer(pages[request.PageToken.Length == 0 ? 0 : int.Parse(request.PageToken) - 1]);
    }

    public override AsyncUnaryCall<YearState> GetYearStateAsync(GetYearStateRequest request, CallOptions options) =>
        Answer(new YearState { Year = request.Year, Final = Final, ChangedBy = "home_affairs:NOI_VU", Reason = "Hội đồng thi đua đã họp" });

    public override AsyncUnaryCall<Scheme> GetSchemeAsync(GetSchemeRequest request, CallOptions options) => Answer(new Scheme
    {
        Year = request.Year, Version = 2, Weights = { ["CT02"] = 4 },
        Classes = { new ClassLevel { Code = "outstanding", Name = "Hoàn thành xuất sắc nhiệm vụ", MinTotal = 90 }, new ClassLevel { Code = "good", Name = "Hoàn thành tốt nhiệm vụ", MinTotal = 70 } },
    });

    public override AsyncUnaryCall<Score> GetScoreAsync(GetScoreRequest request, CallOptions options) => Answer(Score);

    public override AsyncUnaryCall<YearState> FinalizeYearAsync(FinalizeYearRequest request, CallOptions options)
    {
        Acts.Add($"finalize {request.Year}: {request.Reason}");
        return Answer(new YearState { Year = request.Year, Final = true });
    }

    public override AsyncUnaryCall<YearState> ReopenYearAsync(ReopenYearRequest request, CallOptions options)
    {
        Acts.Add($"reopen {request.Year}: {request.Reason}");
        return Answer(new YearState { Year = request.Year });
    }
}

public sealed class RankingReaderTests
{
    internal static readonly Indicator[] Catalog = [new() { Code = "CT02", Name = "Tổng sản lượng lương thực có hạt", UnitOfMeasure = "tấn" }];

    internal static RankingEntry Entry(int rank, string unit, string block, double total, string klass, string name, bool heldBack = false) =>
        new() { Rank = rank, UnitCode = unit, Block = block, Total = total, ClassificationCode = klass, ClassificationName = name, HeldBackByCap = heldBack };

    /// <summary>Q2 of 2024 in two pages: a town and a commune, then an office, and a unit the plans do not know.</summary>
    internal static FakeScoring TwoPages(bool final = false) => new(
        new Ranking { Year = 2024, Quarter = 2, Final = final, NextPageToken = "2", Entries =
        {
            Entry(1, "TT_TUY_PHUOC", "communes", 92.4, "outstanding", "Hoàn thành xuất sắc nhiệm vụ"),
            Entry(2, "PHUOC_AN", "communes", 91.25, "good", "Hoàn thành tốt nhiệm vụ", heldBack: true),
        } },
        new Ranking { Year = 2024, Quarter = 2, Final = final, Entries =
        {
            Entry(3, "TCKH", "economy", 71.5, "good", "Hoàn thành tốt nhiệm vụ"), Entry(4, "PHUOC_MOI", "communes", 0, "not_completed", "Không hoàn thành nhiệm vụ"),
        } })
    { Final = final };

    [Fact]
    public async Task Read_FollowsEveryPage_InTheServicesOrder_WithTheUnitsNames()
    {
        var scoring = TwoPages();

        var view = await new RankingReader(scoring, Plans(District, Catalog)).ReadAsync(2024, 2, "economy", new CallOptions());

        Assert.Equal(["", "2"], scoring.Asked.Select(r => r.PageToken));
        Assert.All(scoring.Asked, r => Assert.Equal((2024, 2, "economy"), (r.Year, r.Quarter, r.Block)));
        Assert.Equal([1, 2, 3, 4], view.Entries.Select(e => e.Rank));
        Assert.Equal(["Thị trấn Tuy Phước", "Xã Phước An", "Phòng Tài chính - Kế hoạch", "PHUOC_MOI"], view.Entries.Select(e => e.UnitName));
        Assert.Equal(("good", "Hoàn thành tốt nhiệm vụ", true), (view.Entries[1].ClassCode, view.Entries[1].ClassName, view.Entries[1].HeldBack));
        Assert.Equal(("UBND huyện Tuy Phước", "economy", false), (view.District, view.Block, view.Final));
        Assert.Equal(new WeightLine("CT02", "Tổng sản lượng lương thực có hạt", 4), Assert.Single(view.Scheme.Weights));
        Assert.Equal("Hội đồng thi đua đã họp", view.State.Reason);
    }

    [Theory]
    [InlineData(7, "xyz")]
    [InlineData(-1, null)]
    public async Task Read_AQuarterOrBlockNotKnown_TheWholeYearOfEveryUnit(int quarter, string? block)
    {
        var scoring = TwoPages();

        var view = await new RankingReader(scoring, Plans(District, Catalog)).ReadAsync(2024, quarter, block, new CallOptions());

        Assert.All(scoring.Asked, r => Assert.Equal((0, ""), (r.Quarter, r.Block)));
        Assert.Equal((0, ""), (view.Quarter, view.Block));
        Assert.Equal("/bieu-mau/xep-loai?year=2024", view.Xlsx);
    }

    [Theory]
    [InlineData(false, "finalize 2024: Hội đồng đã họp")]
    [InlineData(true, "reopen 2024: Hội đồng đã họp")]
    public async Task ChangeYear_AnOpenYearIsFinalised_AFinalOneReopened_WithTheReason(bool final, string act)
    {
        var scoring = TwoPages(final);
        var reader = new RankingReader(scoring, Plans(District, Catalog));

        await reader.ChangeYearAsync(await reader.ReadAsync(2024, 0, null, new CallOptions()), "Hội đồng đã họp", "key", new CallOptions());

        Assert.Equal([act], scoring.Acts);
    }

    [Fact]
    public async Task Score_TheUnitAndItsIndicatorsByName()
    {
        var scoring = new FakeScoring { Score = new Score { UnitCode = "PHUOC_AN", Year = 2024, Total = 91.25, Indicators = { new IndicatorLine { IndicatorCode = "CT02", Points = 3 } } } };

        var view = await new RankingReader(scoring, Plans(District, Catalog)).ScoreAsync("PHUOC_AN", 2024, 0, new CallOptions());

        Assert.Equal(("Xã Phước An", 91.25, "Tổng sản lượng lương thực có hạt"), (view.UnitName, view.Score.Total, view.Name(view.Score.Indicators[0].IndicatorCode)));
    }
}
