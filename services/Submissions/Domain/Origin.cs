namespace TuyPhuoc.Submissions.Domain;

// The numbering of these enums matches the proto enums of tuyphuoc.submissions.v1.
public enum Origin { Interactive = 1, Import = 2 }
