namespace TuyPhuoc.Portal;

/// <summary>The portal's words: Resources/Strings.resx in Vietnamese, Strings.en.resx in English.</summary>
public sealed class Strings;
