using TuyPhuoc.EmulationScoring.Domain;
using static TuyPhuoc.EmulationScoring.Tests.Schemes;

namespace TuyPhuoc.EmulationScoring.Tests;

public class RankingTests
{
    [Theory]
    [InlineData(100.0, DefaultSchemes.Outstanding)]
    [InlineData(90.0, DefaultSchemes.Outstanding)]
    [InlineData(89.99, DefaultSchemes.Good)]
    [InlineData(80.0, DefaultSchemes.Good)]
    [InlineData(79.99, DefaultSchemes.Completed)]
    [InlineData(70.0, DefaultSchemes.Completed)]
    [InlineData(69.99, DefaultSchemes.NotCompleted)]
    [InlineData(0.0, DefaultSchemes.NotCompleted)]
    [InlineData(-3.0, DefaultSchemes.NotCompleted)]
    public void Classify_TotalAtOrJustBelowThreshold_GetsLevel(double total, string expected)
    {
        Assert.Equal(expected, Ranking.Classify(Default.Classes, (decimal)total).Code);
    }

    [Fact]
    public void Classify_DefaultScheme_VietnameseNames()
    {
        Assert.Equal("Hoàn thành xuất sắc nhiệm vụ", Ranking.Classify(Default.Classes, 95m).Name);
        Assert.Equal("Không hoàn thành nhiệm vụ", Ranking.Classify(Default.Classes, 50m).Name);
    }

    [Fact]
    public void RankAndClassify_EqualTotals_SettledByTieBreakKeysInOrder()
    {
        UnitTotal[] units =
        [
            new("U4", "economy", 85m, 80m, 0m),
            new("U3", "economy", 85m, 82m, 1m),
            new("U2", "economy", 85m, 82m, 0.5m),
            new("U1", "economy", 85m, 80m, 0m),
            new("U0", "economy", 86m, 70m, 9m),
        ];

        var ranked = Ranking.RankAndClassify(Default, units);

        Assert.Equal(["U0", "U2", "U3", "U1", "U4"], ranked.Select(r => r.UnitCode));
        Assert.Equal([1, 2, 3, 4, 5], ranked.Select(r => r.Rank));
    }

    [Fact]
    public void RankAndClassify_TieBreakReordered_FollowsScheme()
    {
        var scheme = Default with { TieBreak = [TieBreakKeys.TotalDesc, TieBreakKeys.DeductedAsc, TieBreakKeys.IndicatorPointsDesc] };
        UnitTotal[] units = [new("U1", "b", 85m, 84m, 1m), new("U2", "b", 85m, 80m, 0m)];

        Assert.Equal(["U2", "U1"], Ranking.RankAndClassify(scheme, units).Select(r => r.UnitCode));
    }

    [Fact]
    public void RankAndClassify_MoreOutstandingThanCap_ExtraDropToGoodInRankOrder()
    {
        // 10 units good or better → at most 2 outstanding.
        var units = new[] { 97m, 95m, 93m, 91m, 88m, 86m, 85m, 84m, 82m, 80m, 75m, 60m }
            .Select((total, i) => new UnitTotal($"U{i:00}", "block", total, total, 0m))
            .ToArray();

        var ranked = Ranking.RankAndClassify(Default, units);

        Assert.Equal(
            [DefaultSchemes.Outstanding, DefaultSchemes.Outstanding, DefaultSchemes.Good, DefaultSchemes.Good, DefaultSchemes.Good],
            ranked.Take(5).Select(r => r.Class.Code));
        Assert.Equal(["U02", "U03"], ranked.Where(r => r.HeldBackByCap).Select(r => r.UnitCode));
        Assert.Equal(DefaultSchemes.Completed, ranked[10].Class.Code);
        Assert.Equal(DefaultSchemes.NotCompleted, ranked[11].Class.Code);
    }

    [Theory]
    [InlineData(CapRounding.Down, 2)]
    [InlineData(CapRounding.Nearest, 3)]
    [InlineData(CapRounding.Up, 3)]
    public void RankAndClassify_CapOfAFractionalCount_RoundedAsTheSchemeStates(CapRounding rounding, int outstanding)
    {
        // 13 units good or better: 20% is 2.6 outstanding.
        var units = Enumerable.Range(0, 13).Select(i => new UnitTotal($"U{i:00}", "block", 99m - i, 99m - i, 0m)).ToArray();
        var scheme = Default with { OutstandingCap = Default.OutstandingCap with { Rounding = rounding } };

        var ranked = Ranking.RankAndClassify(scheme, units);

        Assert.Equal(outstanding, ranked.Count(r => r.Class.Code == DefaultSchemes.Outstanding));
        Assert.Equal(CapRounding.Down, Default.OutstandingCap.Rounding);
    }

    [Fact]
    public void RankAndClassify_UnitNotScored_NeitherRankedNorFailedNorCountedForTheCap()
    {
        UnitTotal[] units =
        [
            new("VH_TT", "culture", 0m, 0m, 0m, Scored: false),
            new("U1", "culture", 91m, 91m, 0m),
            .. Enumerable.Range(0, 4).Select(i => new UnitTotal($"U-G{i}", "culture", 85m, 85m, 0m)),
        ];

        var ranked = Ranking.RankAndClassify(Default, units);

        var notScored = ranked.Single(r => r.UnitCode == "VH_TT");
        Assert.Equal((0, 0, "not_scored"), (notScored.Rank, notScored.BlockRank, notScored.Class.Code));
        Assert.Equal([1, 2, 3, 4, 5], ranked.Where(r => r.Rank > 0).Select(r => r.Rank));
        Assert.Equal(DefaultSchemes.Outstanding, ranked.Single(r => r.UnitCode == "U1").Class.Code);
    }

    [Fact]
    public void RankAndClassify_TieAtCapBoundary_ResolvedByTieBreakNotInputOrder()
    {
        // 10 good or better → 2 outstanding; U-B and U-C tie on total, U-C has more indicator points;
        // U-D and U-E tie on everything, unit code decides.
        UnitTotal[] units =
        [
            new("U-A", "economy", 95m, 95m, 0m),
            new("U-B", "culture", 92m, 90m, 0m),
            new("U-C", "economy", 92m, 91m, 1m),
            new("U-E", "culture", 91m, 91m, 0m),
            new("U-D", "culture", 91m, 91m, 0m),
            .. Enumerable.Range(0, 5).Select(i => new UnitTotal($"U-G{i}", "internal", 85m, 85m, 0m)),
        ];

        var forward = Ranking.RankAndClassify(Default, units);
        var backward = Ranking.RankAndClassify(Default, units.Reverse().ToArray());

        Assert.Equal(forward, backward);
        Assert.Equal(["U-A", "U-C"], forward.Where(r => r.Class.Code == DefaultSchemes.Outstanding).Select(r => r.UnitCode));
        Assert.Equal(["U-B", "U-D", "U-E"], forward.Where(r => r.HeldBackByCap).Select(r => r.UnitCode));
    }

    [Fact]
    public void RankAndClassify_CapOverAllRatedUnits_UsesTheSchemeBase()
    {
        var scheme = Default with { OutstandingCap = new OutstandingCap(0.5m, DefaultSchemes.NotCompleted) };
        UnitTotal[] units = [new("U1", "b", 95m, 95m, 0m), new("U2", "b", 94m, 94m, 0m), new("U3", "b", 40m, 40m, 0m), new("U4", "b", 30m, 30m, 0m)];

        var ranked = Ranking.RankAndClassify(scheme, units);

        Assert.Equal([DefaultSchemes.Outstanding, DefaultSchemes.Outstanding], ranked.Take(2).Select(r => r.Class.Code));
    }

    [Fact]
    public void RankAndClassify_FewerThanFiveGoodOrBetter_NoneOutstanding()
    {
        UnitTotal[] units = [new("U1", "b", 99m, 99m, 0m), new("U2", "b", 85m, 85m, 0m), new("U3", "b", 81m, 81m, 0m), new("U4", "b", 80m, 80m, 0m)];

        var top = Ranking.RankAndClassify(Default, units)[0];

        Assert.Equal((DefaultSchemes.Good, true), (top.Class.Code, top.HeldBackByCap));
    }

    [Fact]
    public void RankAndClassify_SeveralBlocks_BlockRanksFollowWholeRanking()
    {
        UnitTotal[] units =
        [
            new("X1", "economy", 70m, 70m, 0m),
            new("X2", "culture", 90m, 90m, 0m),
            new("X3", "economy", 80m, 80m, 0m),
            new("X4", "culture", 60m, 60m, 0m),
            new("X5", "economy", 75m, 75m, 0m),
        ];

        var ranked = Ranking.RankAndClassify(Default, units);

        Assert.Equal(
            [("X2", 1, 1), ("X3", 2, 1), ("X5", 3, 2), ("X1", 4, 3), ("X4", 5, 2)],
            ranked.Select(r => (r.UnitCode, r.Rank, r.BlockRank)));
    }

    [Fact]
    public void RankAndClassify_ScoresFromCalculator_RankedByTotal()
    {
        var strong = ScoreCalculator.Score(Default, ScoreBasis.Year, FourWith(1.0), []);
        var weak = ScoreCalculator.Score(Default, ScoreBasis.Year, FourWith(0.6), [new DeductionEvent(DeductionKind.MissingReport, "report 2024-06 missing")]);

        var ranked = Ranking.RankAndClassify(Default, [UnitTotal.From("W", "b", weak), UnitTotal.From("S", "b", strong)]);

        Assert.Equal([("S", 100m), ("W", 89m)], ranked.Select(r => (r.UnitCode, r.Total)));
    }
}
