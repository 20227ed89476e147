using TuyPhuoc.EmulationScoring.Domain;
using TuyPhuoc.EmulationScoring.Grpc;

namespace TuyPhuoc.EmulationScoring.Tests;

public class KeyTaskDeductionsTests
{
    private static readonly KeyTaskFact Auction = new("t-1", "808/QĐ-UBND", "4", "Tổ chức đấu giá quyền sử dụng đất các khu dân cư", "Tháng 5/2024");

    [Fact]
    public void For_TheYearOver_OneEventPerTaskStillOverdueWithTheTaskAsCause()
    {
        var events = Deductions.For(2024, 0, [], [], new DateOnly(2025, 1, 1), [Auction]);

        var e = Assert.Single(events);
        Assert.Equal(DeductionKind.OverdueKeyTask, e.Kind);
        Assert.Equal("key task 4 of 808/QĐ-UBND \"Tổ chức đấu giá quyền sử dụng đất các khu dân cư\" still overdue at year-end (due Tháng 5/2024)", e.Cause);
    }

    [Fact]
    public void For_BeforeTheYearEndsOrInAQuartersScore_NoKeyTaskDeduction()
    {
        Assert.Empty(Deductions.For(2024, 0, [], [], new DateOnly(2024, 12, 31), [Auction]));
        Assert.Empty(Deductions.For(2024, 4, [], [], new DateOnly(2025, 1, 1), [Auction]));
    }

    [Fact]
    public void Score_ByDefault_HalfAPointPerOverdueTask_AsTheSchemeSets()
    {
        var events = Deductions.For(2024, 0, [], [], new DateOnly(2025, 2, 1), [Auction, Auction with { Id = "t-2", Number = "5" }]);

        var byDefault = ScoreCalculator.Score(Schemes.Default, ScoreBasis.Year, [], events);
        var stricter = ScoreCalculator.Score(Schemes.Default with { Deductions = Schemes.Default.Deductions with { PerOverdueKeyTask = 2m } }, ScoreBasis.Year, [], events);

        Assert.Equal([-0.5m, -0.5m], byDefault.Deductions.Select(d => d.Points));
        Assert.Equal(1m, byDefault.Deducted);
        Assert.Equal(4m, stricter.Deducted);
    }

    [Fact]
    public void SchemeFromProto_WithoutTheKeyTaskAmount_TakesTheDefault_WithIt_TakesIt()
    {
        var proto = Schemes.Default.ToProto(DateTimeOffset.UnixEpoch, "home-affairs");
        proto.Deductions.ClearPerOverdueKeyTask();

        Assert.Equal(0.5m, proto.ToDomain(1).Deductions.PerOverdueKeyTask);
        proto.Deductions.PerOverdueKeyTask = 0;
        Assert.Equal(0m, proto.ToDomain(1).Deductions.PerOverdueKeyTask);
    }
}
