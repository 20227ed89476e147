using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace TuyPhuoc.EmulationScoring.Processing;

public static class Feeds
{
    public const string Evaluation = "evaluation.results";
    public const string Submissions = "submissions.changes";
}
