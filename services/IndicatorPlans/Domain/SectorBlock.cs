namespace TuyPhuoc.IndicatorPlans.Domain;

public enum SectorBlock { Economy = 1, CultureSociety = 2, InternalAffairs = 3 }
