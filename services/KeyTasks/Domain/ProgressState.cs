namespace TuyPhuoc.KeyTasks.Domain;

/// <summary>What the lead unit says of its work; the task's status adds the deadline to it.</summary>
public enum ProgressState { Unspecified, NotStarted, InProgress, Done }
