namespace TuyPhuoc.EmulationScoring.Processing;

public static class Feeds
{
    public const string Evaluation = "evaluation.results";
    public const string Submissions = "submissions.changes";
    public const string KeyTasks = "keytasks.changes";
}
