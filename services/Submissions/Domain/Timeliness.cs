namespace TuyPhuoc.Submissions.Domain;

public enum Timeliness { OnTime = 1, Late = 2, Missing = 3, NotDue = 4 }
