using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TuyPhuoc.Harness;

/// <summary>
/// nginx (Debian's nginx-light) started by the benchmark as a plain gRPC proxy (grpc_pass over h2c, upstream
/// keep-alive) in front of a service: the yardstick the gateway is measured against. It runs from a scratch
/// directory with its own configuration and is stopped with the benchmark.
/// </summary>
public sealed class NginxPeer : IDisposable
{
    private readonly Process _nginx;
    private readonly DirectoryInfo _directory;

    private NginxPeer(Process nginx, DirectoryInfo directory, string address) => (_nginx, _directory, Address) = (nginx, directory, address);

    public string Address { get; }

    public static async Task<NginxPeer> StartAsync(string upstream, CancellationToken ct)
    {
        var target = new Uri(upstream);
        var directory = Directory.CreateTempSubdirectory("tuyphuoc-nginx-");
        var port = FreePort();
        var config = Path.Combine(directory.FullName, "nginx.conf");
        await File.WriteAllTextAsync(config, $$"""
            worker_processes auto;
            pid {{directory.FullName}}/nginx.pid;
            error_log {{directory.FullName}}/error.log warn;
            events { worker_connections 4096; }
            http {
                access_log off;
                client_body_temp_path {{directory.FullName}};
                upstream service { server {{(target.Host == "localhost" ? "127.0.0.1" : target.Host)}}:{{target.Port}}; keepalive 128; }
                server {
                    listen 127.0.0.1:{{port}} http2;
                    http2_max_concurrent_streams 1024;
                    location / { grpc_pass grpc://service; }
                }
            }
            """, ct);
        var nginx = Process.Start(new ProcessStartInfo("nginx", ["-p", directory.FullName, "-c", config, "-g", "daemon off;"])
            { RedirectStandardError = true, UseShellExecute = false })
            ?? throw new InvalidOperationException("nginx did not start (apt-get install nginx-light)");
        for (var waited = Stopwatch.StartNew(); ; await Task.Delay(100, ct))
        {
            if (nginx.HasExited) throw new InvalidOperationException($"nginx stopped: {await nginx.StandardError.ReadToEndAsync(ct)}");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port, ct);
                break;
            }
            catch (SocketException) when (waited.Elapsed < TimeSpan.FromSeconds(10)) { }
        }
        return new NginxPeer(nginx, directory, $"http://127.0.0.1:{port}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_nginx.HasExited) _nginx.Kill(entireProcessTree: true);
        _nginx.WaitForExit(5_000);
        _nginx.Dispose();
        _directory.Delete(recursive: true);
    }
}
