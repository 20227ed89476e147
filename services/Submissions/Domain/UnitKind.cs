namespace TuyPhuoc.Submissions.Domain;

public enum UnitKind { District = 1, Office = 2, Commune = 3, Town = 4 }
