namespace TuyPhuoc.Submissions.Domain;

public enum ReportStatus { Draft = 1, Submitted = 2, Approved = 3, Returned = 4, Missing = 5 }
