using TuyPhuoc.Evaluation.Domain;
using static TuyPhuoc.Evaluation.Tests.Scenarios;

namespace TuyPhuoc.Evaluation.Tests;

/// <summary>Figures at the edges of the inputs' bounds (±1e15, and the smallest a double converts to) evaluate without overflow.</summary>
public class BoundsTests
{
    private const decimal Largest = 1_000_000_000_000_000m;
    private const decimal Tiny = 0.000_000_000_000_001m;

    [Fact]
    public void Evaluate_LargestActualsAgainstATinyTarget_ProgressSaturates()
    {
        var result = Cumulative(Tiny, [Tiny / 4, Tiny / 4, Tiny / 4, Tiny / 4], Months(Largest, Largest, Largest, Largest, Largest, Largest));

        Assert.Equal(EvaluationRules.MaxRatio, result.Quarter(2).Progress);
        Assert.Equal(Status.Achieved, result.Quarter(2).Status);
    }

    [Fact]
    public void Evaluate_LevelWithATinySpanFromTheBaseline_ProgressSaturatesBothWays()
    {
        var level = Indicator(MeasureKind.Level, baseline: 1m);

        var above = Evaluate(level, 1m + Tiny, null, Months(Largest), asOf: 1);
        var below = Evaluate(level, 1m + Tiny, null, Months(-Largest), asOf: 1);

        Assert.Equal(EvaluationRules.MaxRatio, above.Quarter(1).Progress);
        Assert.Equal(-EvaluationRules.MaxRatio, below.Quarter(1).Progress);
    }

    [Theory]
    [InlineData(10, 4, 2.5)]
    [InlineData(-10, 4, -2.5)]
    [InlineData(1e15, 1e-15, 1e9)]
    [InlineData(-1e15, 1e-15, -1e9)]
    [InlineData(1e15, -1e-15, -1e9)]
    public void Ratio_SaturatesOnlyBeyondTheBound(double n, double d, double expected) =>
        Assert.Equal((decimal)expected, EvaluationRules.Ratio((decimal)n, (decimal)d));
}
