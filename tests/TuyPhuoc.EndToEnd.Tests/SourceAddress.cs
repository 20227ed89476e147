using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>Connections from an address of the test's choosing, so a server on this machine sees another caller.</summary>
public static class SourceAddress
{
    /// <summary>Connects to <paramref name="port"/> on 127.0.0.1 from <paramref name="source"/> (any of 127.0.0.0/8, or this machine's address on its network).</summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> ConnectFrom(IPAddress source, int port) => async (_, ct) =>
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Bind(new IPEndPoint(source, 0));
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    };

    /// <summary>This machine's IPv4 address on a network, not loopback: a caller that is not "on this machine" to a server that checks.</summary>
    public static IPAddress? OnTheNetwork() =>
        NetworkInterface.GetAllNetworkInterfaces().Where(i => i.OperationalStatus == OperationalStatus.Up)
            .SelectMany(i => i.GetIPProperties().UnicastAddresses).Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
}
