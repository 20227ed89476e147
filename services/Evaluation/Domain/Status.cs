namespace TuyPhuoc.Evaluation.Domain;

public enum Status { Achieved, AtRisk, NotAchieved, NoData, JudgedAtYearEnd }
