namespace TuyPhuoc.KeyTasks.Domain;

public enum DeadlineKind { Unspecified, Date, Month, Quarter, Regular }
