namespace TuyPhuoc.KeyTasks.Domain;

/// <summary>Chưa thực hiện; đang thực hiện (trong hạn / quá hạn); đã hoàn thành (đúng hạn / trễ hạn).</summary>
public enum TaskStatus { Unspecified, NotStarted, InProgressOnTime, InProgressOverdue, DoneOnTime, DoneLate }
