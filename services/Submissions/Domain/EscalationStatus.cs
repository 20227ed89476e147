namespace TuyPhuoc.Submissions.Domain;

public enum EscalationStatus { Open = 1, Assigned = 2, Answered = 3, Closed = 4, Referred = 5 }
