using Google.Protobuf.WellKnownTypes;

namespace TuyPhuoc.Submissions.Grpc;

/// <summary>Between the proto messages of tuyphuoc.submissions.v1 and the domain. Enum numbers are the same on both sides.</summary>
internal static class Mapping
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));


    public static string Code(string code) => code.Trim();

    /// <summary>An optional string field: null when empty or blank, else trimmed.</summary>

    public static ActualInput ToInput(this Proto.SubmitActualRequest r) =>
        new(Code(r.UnitCode), Code(r.IndicatorCode), r.Year, r.Month, r.Value, r.Note, r.Solutions);

    public static ActualInput ToInput(this Proto.ImportRow r) =>
        new(Code(r.UnitCode), Code(r.IndicatorCode), r.Year, r.Month, r.Value, r.Note, r.Solutions);

    public static Proto.ActualRevision ToProto(this ActualRevision r) => new()
    {
        UnitCode = r.UnitCode,
        IndicatorCode = r.IndicatorCode,
        Year = r.Year,
        Month = r.Month,
        Value = r.Value,
        Note = r.Note,
        Solutions = r.Solutions,
        Revision = r.Revision,
        RecordedAt = r.RecordedAt.ToProto(),
        RecordedBy = r.RecordedBy,
        Origin = (Proto.Origin)r.Origin,
    };

    public static Proto.Report ToProto(this ReportView view) => new()
    {
        UnitCode = view.Report.UnitCode,
        Year = view.Report.Year,
        Month = view.Report.Month,
        Status = (Proto.ReportStatus)view.ListedStatus,
        SubmittedAt = view.Report.LastSubmittedAt.ToProto(),
        Deadline = view.Deadline.ToProto(),
        DaysLate = view.DaysLate,
        ReturnReason = view.Report.ReturnReason,
        MissingIndicatorCodes = { view.MissingIndicators },
        History =
        {
            view.Report.Events.Select(e => new Proto.ReportEvent
            {
                Status = (Proto.ReportStatus)e.Status, At = e.At.ToProto(), By = e.By, Reason = e.Reason,
            }),
        },
    };

    public static Proto.Deadlines ToProto(this DeadlineSetting d) => new() { Year = d.Year, DayOfFollowingMonth = d.DayOfFollowingMonth };

    public static Proto.UnitTimeliness ToProto(this TimelinessEntry e, DistrictClock clock) => new()
    {
        UnitCode = e.UnitCode,
        Year = e.Year,
        Month = e.Month,
        Timeliness = (Proto.Timeliness)e.Timeliness,
        DaysLate = e.DaysLate,
        Deadline = e.Deadline.ToProto(),
        // Timeliness is judged on local days; the instant shown is the start of that day.
        FirstSubmittedAt = e.FirstSubmittedOn is { } day ? clock.StartOf(day).ToProto() : null,
    };

    public static Proto.Escalation ToProto(this Escalation e, DateOnly today) => new()
    {
        Id = e.Id.ToString(),
        UnitCode = e.UnitCode,
        Year = e.Year,
        IndicatorCodes = { e.IndicatorCodes },
        Title = e.Title,
        Description = e.Description,
        Status = (Proto.EscalationStatus)e.Status,
        AssignedOfficeCode = e.AssignedOfficeCode ?? "",
        DueDate = e.DueDate.ToProto(),
        Answer = e.Answer,
        Overdue = EscalationWorkflow.IsOverdue(e, today),
        Steps =
        {
            e.Steps.Select(s => new Proto.EscalationStep { Status = (Proto.EscalationStatus)s.Status, At = s.At.ToProto(), By = s.By, Text = s.Text }),
        },
        Referral = e.ReferredTo is null ? null : new Proto.Referral
        {
            Authority = e.ReferredTo,
            DocumentNumber = e.ReferralNumber ?? "",
            DocumentDate = e.ReferralDate.ToProto(),
            AnsweredBy = e.AnsweredAbove ?? "",
            AnswerDocumentNumber = e.AnswerNumber ?? "",
            AnswerDocumentDate = e.AnswerDate.ToProto(),
        },
    };

    public static Proto.OfficeReview ToProto(this OfficeReview r, DateOnly deadline, Timeliness timeliness, int daysLate, string? block) => new()
    {
        OfficeCode = r.OfficeCode,
        Year = r.Year,
        Quarter = r.Quarter,
        Summary = r.Summary,
        Items = { r.Items.Select(i => new Proto.ReviewItem { IndicatorCode = i.IndicatorCode, Difficulties = i.Difficulties, Solutions = i.Solutions }) },
        FirstFiledAt = r.FiledBy.Length > 0 ? r.FirstFiledAt.ToProto() : null,
        FiledAt = r.FiledBy.Length > 0 ? r.FiledAt.ToProto() : null,
        FiledBy = r.FiledBy,
        Deadline = deadline.ToProto(),
        Timeliness = (Proto.Timeliness)timeliness,
        DaysLate = daysLate,
        Block = block ?? "",
    };

    public static ReviewItem ToDomain(this Proto.ReviewItem i) =>
        new() { IndicatorCode = Code(i.IndicatorCode), Difficulties = i.Difficulties, Solutions = i.Solutions };

    public static Proto.LeaderDirection ToProto(this LeaderDirection d) => new()
    {
        Id = d.Id.ToString(),
        Year = d.Year,
        Quarter = d.Quarter,
        Block = d.Block,
        UnitCode = d.UnitCode,
        IndicatorCode = d.IndicatorCode ?? "",
        OnReview = d.OnReview,
        Text = d.Text,
        GivenAt = d.GivenAt.ToProto(),
        GivenBy = d.GivenBy,
        Status = (Proto.DirectionStatus)d.Status,
        Answer = d.Answer,
        AnsweredAt = d.AnsweredAt?.ToProto(),
        AnsweredBy = d.AnsweredBy ?? "",
    };

    public static Guid DirectionId(string id) =>
        Guid.TryParse(id, out var guid) ? guid : throw new InvalidInputException("id", "is not a direction id");

    public static Guid EscalationId(string id) =>
        Guid.TryParse(id, out var guid) ? guid : throw new InvalidInputException("id", "is not an escalation id");

    /// <summary>A change-log entry with its subject: the revision it names, or the snapshot kept with it.</summary>
    public static Proto.Change ToChange(ChangeLogEntry e, ActualRevision? revision)
    {
        var change = e.ToMessage<Proto.Change>();
        switch (e.Kind.Split('.')[0])
        {
            case "actual" when revision is not null:
                change.Actual = revision.ToProto();
                break;
            case "report":
                change.Report = Parser.Parse<Proto.Report>(e.Data);
                break;
            case "escalation":
                change.Escalation = Parser.Parse<Proto.Escalation>(e.Data);
                break;
            case "deadlines":
                change.Deadlines = Parser.Parse<Proto.Deadlines>(e.Data);
                break;
            case "review":
                change.Review = Parser.Parse<Proto.OfficeReview>(e.Data);
                break;
            case "direction":
                change.Direction = Parser.Parse<Proto.LeaderDirection>(e.Data);
                break;
        }
        return change;
    }
}
