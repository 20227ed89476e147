using Microsoft.Extensions.Configuration;

namespace TuyPhuoc.AppHost;

public static class ForwardedSettings
{
    /// <summary>Hands a section of the AppHost's configuration (arguments, environment, appsettings) to the project.</summary>
    public static IResourceBuilder<ProjectResource> WithSettings(this IResourceBuilder<ProjectResource> project, string section)
    {
        foreach (var (key, value) in project.ApplicationBuilder.Configuration.GetSection(section).AsEnumerable())
        {
            if (value is not null) project.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
        }
        return project;
    }
}
