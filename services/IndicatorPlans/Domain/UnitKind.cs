namespace TuyPhuoc.IndicatorPlans.Domain;

// The numbering matches the proto enums of tuyphuoc.plans.v1.
public enum UnitKind { District = 1, Office = 2, Commune = 3, Town = 4 }
