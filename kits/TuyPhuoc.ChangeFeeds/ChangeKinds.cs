namespace TuyPhuoc.ChangeFeeds;

/// <summary>Every kind of change the suite's change feeds carry, by the service that writes it: one spelling for writers and readers.</summary>
public static class ChangeKinds
{
    // IndicatorPlans
    public const string UnitCreated = "unit.created";
    public const string UnitClosed = "unit.closed";
    public const string UnitRenamed = "unit.renamed";
    public const string IndicatorCreated = "indicator.created";
    public const string IndicatorUpdated = "indicator.updated";
    public const string IndicatorRetired = "indicator.retired";
    public const string PlanCreated = "plan.created";
    public const string PlanRevised = "plan.revised";
    public const string PlanPrefix = "plan.";

    // Submissions
    public const string ActualRevised = "actual.revised";
    public const string ReportSubmitted = "report.submitted";
    public const string ReportApproved = "report.approved";
    public const string ReportReturned = "report.returned";
    public const string ReportReopened = "report.reopened";
    public const string ReportPrefix = "report.";
    public const string EscalationRaised = "escalation.raised";
    public const string EscalationAssigned = "escalation.assigned";
    public const string EscalationAnswered = "escalation.answered";
    public const string EscalationClosed = "escalation.closed";
    public const string EscalationReferred = "escalation.referred";
    public const string EscalationReferralAnswered = "escalation.referral_answered";
    public const string EscalationPrefix = "escalation.";
    public const string DeadlinesSet = "deadlines.set";
    public const string ReviewFiled = "review.filed";
    public const string DirectionGiven = "direction.given";
    public const string DirectionAnswered = "direction.answered";

    // Evaluation
    public const string ResultChanged = "result.changed";
    public const string PolicySet = "policy.set";
    public const string Recomputed = "recompute.done";
    public const string AnnouncementIssued = "announcement.issued";

    // EmulationScoring
    public const string SchemeSet = "scheme.set";
    public const string YearFinalized = "year.finalized";
    public const string YearReopened = "year.reopened";

    // KeyTasks
    public const string DecisionCreated = "decision.created";
    public const string TaskProgressReported = "task.progress_reported";
    public const string TaskCommented = "task.commented";
    public const string TaskExtensionRequested = "task.extension_requested";
    public const string TaskExtensionDecided = "task.extension_decided";
    public const string TaskCompletionConfirmed = "task.completion_confirmed";
}
