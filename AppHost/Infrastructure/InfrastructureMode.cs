using System.Diagnostics;

namespace TuyPhuoc.AppHost.Infrastructure;

/// <summary>Where PostgreSQL and Redis come from: containers where a Docker engine answers, else local executables.</summary>
public enum InfrastructureMode { Auto, Containers, Local }

public static class InfrastructureProbe
{
    public static InfrastructureMode Resolve(string? configured)
    {
        var mode = Enum.TryParse<InfrastructureMode>(configured, ignoreCase: true, out var m) ? m : InfrastructureMode.Auto;
        return mode == InfrastructureMode.Auto ? (DockerEngineAnswers() ? InfrastructureMode.Containers : InfrastructureMode.Local) : mode;
    }

    // `docker info` fails within milliseconds where only the client is installed; containers would otherwise wait forever.
    private static bool DockerEngineAnswers()
    {
        try
        {
            using var docker = Process.Start(new ProcessStartInfo("docker", "info")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (docker is null) return false;
            if (!docker.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                docker.Kill(entireProcessTree: true);
                return false;
            }
            return docker.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
}
