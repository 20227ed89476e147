namespace TuyPhuoc.KeyTasks.Domain;

public enum ExtensionDecision { Unspecified, Pending, Granted, Refused }
