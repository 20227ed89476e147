namespace TuyPhuoc.KeyTasks.Domain;

public enum UnitKind { Unspecified, District, Office, Commune, Town }
