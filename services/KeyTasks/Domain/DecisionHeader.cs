namespace TuyPhuoc.KeyTasks.Domain;

public sealed record DecisionHeader(string Number, DateOnly? DecisionDate, string Title, int Year);
