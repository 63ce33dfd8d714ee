using System.IO.Ports;
using EnergyLogger.Host.Links;
using Xunit;

namespace EnergyLogger.Integration.Tests;

/// <summary>
/// The kernel's RS-485 mode as the driver reads it (struct serial_rs485, include/uapi/linux/serial.h: __u32 flags,
/// delay_rts_before_send, delay_rts_after_send, then 20 bytes of padding), and the line settings System.IO.Ports gets.
/// </summary>
public sealed class Rs485ModeTests
{
    [Fact]
    public void Struct_RtsOnSend_EnabledWithRtsOnSendAndBothDelays()
    {
        byte[] expected = new byte[32];
        expected[0] = 0x03; // SER_RS485_ENABLED | SER_RS485_RTS_ON_SEND
        expected[4] = 2;    // delay_rts_before_send, ms
        expected[8] = 10;   // delay_rts_after_send, ms

        Assert.Equal(expected, new Rs485Mode(2, 10, false).ToStruct());
    }

    [Fact]
    public void Struct_RtsLow_EnabledWithRtsAfterSendInstead()
    {
        byte[] bytes = new Rs485Mode(0, 100, true).ToStruct();

        Assert.Equal(32, bytes.Length);
        Assert.Equal([0x05, 0, 0, 0, 0, 0, 0, 0, 100, 0, 0, 0], bytes[..12]); // SER_RS485_ENABLED | SER_RS485_RTS_AFTER_SEND
        Assert.All(bytes[12..], b => Assert.Equal(0, b));
    }

    [Theory]
    [InlineData("2,1", 2, 1, false)]
    [InlineData("0,0,rts-low", 0, 0, true)]
    [InlineData(" 5 , 100 , RTS-LOW ", 5, 100, true)]
    public void Parse_GoodText_GivesTheMode(string text, int before, int after, bool low)
    {
        Assert.Equal(new Rs485Mode(before, after, low), Rs485Mode.TryParse(text, out string? error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("", "'' is not BEFORE_MS,AFTER_MS[,rts-low]")]
    [InlineData("1,2,3,4", "'1,2,3,4' is not BEFORE_MS,AFTER_MS[,rts-low]")]
    [InlineData("-1,2", "'-1' is not a delay of 0 to 100 ms (BEFORE_MS,AFTER_MS[,rts-low])")]
    [InlineData("1,101", "'101' is not a delay of 0 to 100 ms (BEFORE_MS,AFTER_MS[,rts-low])")]
    [InlineData("1,1,low", "'low' is not rts-low (BEFORE_MS,AFTER_MS[,rts-low])")]
    public void Parse_BadText_NamesTheProblem(string text, string message)
    {
        Assert.Null(Rs485Mode.TryParse(text, out string? error));
        Assert.Equal(message, error);
    }

    [Theory]
    [InlineData("none", 1, System.IO.Ports.Parity.None, StopBits.One)]
    [InlineData("even", 1, System.IO.Ports.Parity.Even, StopBits.One)]
    [InlineData("odd", 2, System.IO.Ports.Parity.Odd, StopBits.Two)]
    public void PortsLink_LineSettings_MapToSystemIoPorts(string parity, int stopBits, System.IO.Ports.Parity expectedParity, StopBits expectedStop)
    {
        Host.Links.Parity ours = parity switch { "even" => Host.Links.Parity.Even, "odd" => Host.Links.Parity.Odd, _ => Host.Links.Parity.None };
        using SerialPort port = PortsLink.Describe("COM3", 19200, ours, stopBits);

        Assert.Equal(("COM3", 19200, expectedParity, 8, expectedStop, Handshake.None), (port.PortName, port.BaudRate, port.Parity, port.DataBits, port.StopBits, port.Handshake));
        // A 256-byte frame at 11 bits per character takes 147 ms at 19200 baud; a second of slack on top.
        Assert.Equal(1146, port.WriteTimeout);
    }
}
