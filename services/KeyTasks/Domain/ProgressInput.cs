namespace TuyPhuoc.KeyTasks.Domain;

public sealed record ProgressInput(ProgressState State, int PercentDone, string WorkDone, string Difficulties, string ProductReference, DateOnly? CompletedOn);
