namespace TuyPhuoc.Evaluation.Domain;

public enum PlanWarningKind { DistrictBelowProvince, DistrictAboveProvince, AllocationsDifferFromDistrict, PhasingDiffersFromYear }
