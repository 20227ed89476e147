using Grpc.Core;
using TuyPhuoc.Contracts.Evaluation.V1;
using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Portal.Features;
using static TuyPhuoc.Portal.Tests.Features.FakeSuite;
using Status = TuyPhuoc.Contracts.Evaluation.V1.Status;

namespace TuyPhuoc.Portal.Tests.Features;

public sealed class HomeReaderTests
{
    private sealed class Scorecards(params Scorecard[] pages) : Evaluation.EvaluationClient
    {
        public List<GetScorecardRequest> Asked { get; } = [];

        public override AsyncUnaryCall<Scorecard> GetScorecardAsync(GetScorecardRequest request, CallOptions options)
        {
            Asked.Add(request);
            return Answer(pages[Asked.Count - 1]);
        }
    }

    private static readonly Indicator[] Catalog =
    [
        new() { Code = "CT02", Name = "Tổng sản lượng lương thực có hạt", UnitOfMeasure = "tấn" },
        new() { Code = "CT10", Name = "Tỷ lệ dân số tham gia bảo hiểm y tế", UnitOfMeasure = "%" },
    ];

    [Fact]
    public async Task Read_EveryPageOfTheScorecard_NamedFromTheCatalog_WithTheCheckpointsPassed()
    {
        var evaluation = new Scorecards(
            new Scorecard { NextPageToken = "2", Statuses = { new IndicatorStatus { IndicatorCode = "CT02", Status = Status.AtRisk, Progress = 0.42, CheckpointDue = true } } },
            new Scorecard { Statuses =
            {
                new IndicatorStatus { IndicatorCode = "CT10", Status = Status.Achieved, Progress = 0.99, CheckpointDue = true, PassesCheckpoints = true },
                new IndicatorStatus { IndicatorCode = "CT99", Status = Status.JudgedAtYearEnd },
            } });

        var view = await new HomeReader(evaluation, Plans(District, Catalog)).ReadAsync("PHUOC_AN", 2024, 2, new CallOptions());

        Assert.Equal(["", "2"], evaluation.Asked.Select(r => r.PageToken));
        Assert.All(evaluation.Asked, r => Assert.Equal(("PHUOC_AN", 2024, 2), (r.UnitCode, r.Year, r.Quarter)));
        Assert.Equal(["Tổng sản lượng lương thực có hạt", "Tỷ lệ dân số tham gia bảo hiểm y tế", "CT99"], view.Rows.Select(r => r.Name));
        Assert.Equal(("tấn", 0.42), (view.Rows[0].UnitOfMeasure, view.Rows[0].Progress!.Value));
        Assert.Null(view.Rows[2].Progress);
        Assert.Equal((2, 1), (view.CheckpointsDue, view.CheckpointsPassed));
    }
}
