namespace TuyPhuoc.Submissions.Domain;

// The numbering of these enums matches the proto enums of tuyphuoc.plans.v1.
public enum MeasureKind { Cumulative = 1, Level = 2, Growth = 3, YearEnd = 4 }
