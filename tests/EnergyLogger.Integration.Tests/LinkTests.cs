using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EnergyLogger.Core.Ports;
using EnergyLogger.Host.Links;
using Xunit;

namespace EnergyLogger.Integration.Tests;

/// <summary>The host links on their own, below the engine: raw frames, timeouts, failures to open, lost connections.</summary>
public sealed class LinkTests(ModbusPeer peer) : IClassFixture<ModbusPeer>
{
    // FC03, slave 1, 0x1000, 2 registers, and the peer's answer (1234, 0xFFFE); CRCs as on the wire.
    private static readonly byte[] RtuRequest = [0x01, 0x03, 0x10, 0x00, 0x00, 0x02, 0xC0, 0xCB];
    private static readonly byte[] RtuReply = [0x01, 0x03, 0x04, 0x04, 0xD2, 0xFF, 0xFE, 0x9B, 0x4A];
    private static readonly byte[] MbapRequest = [0x00, 0x07, 0x00, 0x00, 0x00, 0x06, 0x01, 0x03, 0x10, 0x00, 0x00, 0x02];
    private static readonly byte[] MbapReply = [0x00, 0x07, 0x00, 0x00, 0x00, 0x07, 0x01, 0x03, 0x04, 0x04, 0xD2, 0xFF, 0xFE];

    [Theory]
    [InlineData(Medium.Serial9600)]
    [InlineData(Medium.Serial19200)]
    public void SerialLink_RawRtuRequest_ReceivesPeerReply(Medium medium)
    {
        using SerialLink link = SerialLink.Open(peer.SerialPath(medium), ModbusPeer.Baud(medium), Parity.None, 1);

        Assert.Equal(LinkStatus.Ok, link.Write(RtuRequest, 0, RtuRequest.Length));
        Assert.Equal(RtuReply, ReadUntil(link, RtuReply.Length));
    }

    [Fact]
    public void SerialLink_NothingSent_ReadTimesOutWithNoBytes()
    {
        using SerialLink link = SerialLink.Open(peer.SerialPath(Medium.Serial9600), 9600, Parity.Even, 2);
        var buffer = new byte[16];
        var watch = Stopwatch.StartNew();

        LinkStatus status = link.Read(buffer, 0, buffer.Length, 100, out int received);

        Assert.Equal(LinkStatus.Timeout, status);
        Assert.Equal(0, received);
        Assert.True(watch.ElapsedMilliseconds >= 95, $"returned after {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void SerialLink_DiscardInput_DropsAReplyAlreadyReceived()
    {
        using SerialLink link = SerialLink.Open(peer.SerialPath(Medium.Serial9600), 9600, Parity.None, 1);
        Assert.Equal(LinkStatus.Ok, link.Write(RtuRequest, 0, RtuRequest.Length));

        // The peer answers within milliseconds; the pause is wide so the reply is surely queued.
        Thread.Sleep(500);

        link.DiscardInput();

        Assert.Equal(LinkStatus.Timeout, link.Read(new byte[16], 0, 16, 100, out _));
    }

    [Fact]
    public void SerialLink_MissingDevice_ThrowsNamingPathAndReason()
    {
        var e = Assert.Throws<LinkOpenException>(() => SerialLink.Open("/dev/ttyEnergyLoggerMissing", 9600, Parity.None, 1));

        Assert.Equal("cannot open /dev/ttyEnergyLoggerMissing: No such file or directory (errno 2)", e.Message);
    }

    [Fact]
    public void SerialLink_NotATerminal_ThrowsNotASerialPort()
    {
        var e = Assert.Throws<LinkOpenException>(() => SerialLink.Open("/dev/null", 9600, Parity.None, 1));

        Assert.StartsWith("cannot set up /dev/null: not a serial port", e.Message);
    }

    /// <summary>A pty has no UART driver behind it: the kernel answers TIOCSRS485 with ENOTTY, and the open fails saying so.</summary>
    [Fact]
    public void SerialLink_Rs485ModeOnAPty_RefusedWithTheDriversAnswer()
    {
        string path = peer.SerialPath(Medium.Serial9600);
        var e = Assert.Throws<LinkOpenException>(() => SerialLink.Open(path, 9600, Parity.None, 1, new Rs485Mode(2, 1, false)));

        Assert.Equal($"{path}: the driver refuses RS-485 mode (TIOCSRS485 2,1): Inappropriate ioctl for device (errno 25); "
            + "adapters that switch direction on their own need no --rs485", e.Message);

        // The refused open closed its descriptor: the port opens again without the mode, and works.
        using SerialLink link = SerialLink.Open(path, 9600, Parity.None, 1);
        Assert.Equal(LinkStatus.Ok, link.Write(RtuRequest, 0, RtuRequest.Length));
        Assert.Equal(RtuReply, ReadUntil(link, RtuReply.Length));
    }

    /// <summary>
    /// The Windows and macOS link, System.IO.Ports, run here on Linux against the same pty peer (its Linux native part
    /// ships with the package); the tool itself opens termios on Linux.
    /// </summary>
    [Fact]
    public void PortsLink_RawRtuRequest_ReceivesPeerReplyAndTimesOutWhenQuiet()
    {
        using PortsLink link = PortsLink.Open(peer.SerialPath(Medium.Serial19200), 19200, Parity.None, 1, null);

        Assert.Equal(LinkStatus.Ok, link.Write(RtuRequest, 0, RtuRequest.Length));
        Assert.Equal(RtuReply, ReadUntil(link, RtuReply.Length));
        var watch = Stopwatch.StartNew();
        Assert.Equal(LinkStatus.Timeout, link.Read(new byte[16], 0, 16, 100, out int received));
        Assert.Equal(0, received);
        Assert.InRange(watch.ElapsedMilliseconds, 90, 5000);
    }

    [Fact]
    public void PortsLink_Rs485Mode_RefusedAsLinuxOnly()
    {
        var e = Assert.Throws<LinkOpenException>(() => PortsLink.Open(peer.SerialPath(Medium.Serial9600), 9600, Parity.None, 1, new Rs485Mode(0, 0, true)));

        Assert.Contains("RS-485 mode (--rs485) is a Linux kernel setting", e.Message);
    }

    [Fact]
    public void PortsLink_MissingDevice_ThrowsNamingPath()
    {
        var e = Assert.Throws<LinkOpenException>(() => PortsLink.Open("/dev/ttyEnergyLoggerMissing", 9600, Parity.None, 1, null));

        Assert.StartsWith("cannot open /dev/ttyEnergyLoggerMissing: ", e.Message);
    }

    [Fact]
    public void TcpLink_RawMbapRequest_ReceivesPeerReply()
    {
        using TcpLink link = TcpLink.Connect("127.0.0.1", peer.TcpPort, 5000);

        Assert.Equal(LinkStatus.Ok, link.Write(MbapRequest, 0, MbapRequest.Length));
        Assert.Equal(MbapReply, ReadUntil(link, MbapReply.Length));
    }

    [Fact]
    public void TcpLink_NoListener_ThrowsNamingEndpoint()
    {
        int port = FreePort();

        var e = Assert.Throws<LinkOpenException>(() => TcpLink.Connect("127.0.0.1", port, 5000));

        Assert.StartsWith($"cannot connect to 127.0.0.1:{port}: ", e.Message);
    }

    [Fact]
    public void TcpLink_PeerCloses_ReadReportsErrorAndNextWriteRedials()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using TcpLink link = TcpLink.Connect("127.0.0.1", port, 5000);
        listener.AcceptSocket().Dispose();

        LinkStatus afterClose = link.Read(new byte[16], 0, 16, 2000, out int received);
        LinkStatus redial = link.Write(MbapRequest, 0, MbapRequest.Length);
        using Socket second = listener.AcceptSocket();
        var arrived = new byte[MbapRequest.Length];
        int got = second.Receive(arrived);

        Assert.Equal(LinkStatus.Error, afterClose);
        Assert.Equal(0, received);
        Assert.Equal(LinkStatus.Ok, redial);
        Assert.Equal(MbapRequest, arrived[..got]);
    }

    [Fact]
    public void TcpLink_ConnectDelay_FirstRequestOfEveryConnectionWaits()
    {
        const int delayMs = 300;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var connecting = System.Diagnostics.Stopwatch.StartNew();
        using TcpLink link = TcpLink.Connect("127.0.0.1", port, 5000, delayMs);
        long connectMs = connecting.ElapsedMilliseconds;
        listener.AcceptSocket().Dispose();
        LinkStatus afterClose = link.Read(new byte[16], 0, 16, 2000, out _);
        var redialling = System.Diagnostics.Stopwatch.StartNew();
        LinkStatus redial = link.Write(MbapRequest, 0, MbapRequest.Length);
        long redialMs = redialling.ElapsedMilliseconds;
        using Socket second = listener.AcceptSocket();
        var arrived = new byte[MbapRequest.Length];
        int got = second.Receive(arrived);

        // The SDongle case: no request leaves before the delay, on the first connection and after a redial.
        Assert.True(connectMs >= delayMs, $"connected and ready after {connectMs} ms");
        Assert.Equal(LinkStatus.Error, afterClose);
        Assert.Equal(LinkStatus.Ok, redial);
        Assert.True(redialMs >= delayMs, $"redialled and sent after {redialMs} ms");
        Assert.Equal(MbapRequest, arrived[..got]);
    }

    private static byte[] ReadUntil(IByteLink link, int length)
    {
        var buffer = new byte[64];
        int total = 0;
        while (total < length)
        {
            LinkStatus status = link.Read(buffer, total, buffer.Length - total, 2000, out int received);
            Assert.Equal(LinkStatus.Ok, status);
            total += received;
        }

        return buffer[..total];
    }

    private static int FreePort() => TestPorts.Next();
}
