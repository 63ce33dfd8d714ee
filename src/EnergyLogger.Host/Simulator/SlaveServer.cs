using EnergyLogger.Core.Modbus;

namespace EnergyLogger.Host.Simulator;

/// <summary>The two framings a served request can arrive in.</summary>
internal enum ServedFraming
{
    /// <summary>Slave id, PDU, CRC: on a tty or pty, or carried raw over TCP.</summary>
    Rtu,
    /// <summary>MBAP header and PDU (MODBUS Messaging on TCP/IP Implementation Guide v1.0b, 3.1.3).</summary>
    Mbap,
}

/// <summary>
/// One request as the slave saw it and what it did, for the request log. <see cref="ForUs"/> is false for
/// broadcasts and frames addressed to slaves not served here.
/// </summary>
internal readonly record struct ServedRequest(byte Unit, byte Function, int Address, int Quantity, FaultKind Fault, int ReplyLength, bool ForUs)
{
    public override string ToString()
    {
        string outcome = Fault == FaultKind.None ? "ok" : FaultRule.NameOf(Fault);
        return $"slave {Unit} fc{Function:D2} address {Address} count {Quantity}: {outcome}, {ReplyLength} bytes";
    }
}

/// <summary>
/// The simulated slaves behind every medium the simulator serves: answers a complete request frame
/// from the register banks through <see cref="SlaveResponder"/> and shapes the reply by the fault the
/// <see cref="FaultInjector"/> picks. All media share one instance; <see cref="Sync"/> serialises requests
/// with each other and with the model writing fresh values into the banks.
/// </summary>
internal sealed class SlaveServer
{
    /// <summary>Room either side of a reply for <see cref="FaultKind.Garbage"/>.</summary>
    public const int GarbageMax = 48;

    /// <summary>The largest reply, garbage included; a caller's reply buffer must hold this much.</summary>
    public const int MaxReply = RtuFramer.MaxAdu + (2 * GarbageMax);

    private readonly Dictionary<byte, RegisterBank> _banks;
    private readonly FaultInjector _faults;
    private readonly byte _exceptionCode;
    private readonly byte[] _pdu = new byte[ModbusPdu.MaxLength];

    public SlaveServer(Dictionary<byte, RegisterBank> banks, FaultInjector faults, byte exceptionCode)
    {
        _banks = banks;
        _faults = faults;
        _exceptionCode = exceptionCode;
    }

    public object Sync { get; } = new();

    public FaultInjector Faults => _faults;

    /// <summary>Requests addressed to a slave served here (broadcasts included).</summary>
    public long Requests { get; private set; }

    /// <summary>
    /// Answers one complete request (the whole ADU, CRC or MBAP header included) into <paramref name="reply"/>
    /// and returns the bytes to send: 0 for silence, a broadcast or a frame for a slave not served here.
    /// </summary>
    public int Answer(ServedFraming framing, byte[] request, int length, byte[] reply, out ServedRequest served)
    {
        int pduAt = framing == ServedFraming.Rtu ? 1 : MbapFramer.HeaderLength;
        int pduLength = length - pduAt - (framing == ServedFraming.Rtu ? 2 : 0);
        byte unit = request[pduAt - 1];
        served = new ServedRequest(unit, request[pduAt], Field(request, pduAt, pduLength, 1), Field(request, pduAt, pduLength, 3), FaultKind.None, 0, false);
        lock (Sync)
        {
            if (framing == ServedFraming.Rtu && unit == 0)
            {
                Broadcast(request, pduAt, pduLength);
                return 0;
            }

            if (!_banks.TryGetValue(unit, out RegisterBank? bank) && framing == ServedFraming.Rtu)
            {
                // Serial line v1.02, 2.4: a slave stays silent on frames for another address.
                return 0;
            }

            Requests++;
            FaultKind fault = _faults.Next();
            int replyLength = fault == FaultKind.Silence ? 0 : Reply(framing, fault, bank, request, pduAt, pduLength, reply);
            served = served with { Fault = fault, ReplyLength = replyLength, ForUs = true };
            return replyLength;
        }
    }

    private int Reply(ServedFraming framing, FaultKind fault, RegisterBank? bank, byte[] request, int pduAt, int pduLength, byte[] reply)
    {
        byte unit = request[pduAt - 1];
        // A MODBUS TCP request for a unit nobody serves gets the gateway's answer for an absent target
        // (Application Protocol v1.1b3, 7: exception 0B).
        int pdu = bank is null
            ? ExceptionPdu(request[pduAt], ExceptionCode.GatewayTargetFailedToRespond)
            : fault == FaultKind.Exception
                ? ExceptionPdu(request[pduAt], _exceptionCode)
                : SlaveResponder.Respond(bank, request, pduAt, pduLength, _pdu, 0);

        int prefix = fault == FaultKind.Garbage ? _faults.Garbage(reply, 0, GarbageMax) : 0;
        byte replyUnit = fault == FaultKind.WrongSlave ? OtherUnit(unit) : unit;
        int frame = framing == ServedFraming.Rtu
            ? SealRtu(reply, prefix, replyUnit, pdu)
            : SealMbap(reply, prefix, request, replyUnit, pdu);
        switch (fault)
        {
            case FaultKind.CrcError:
                reply[prefix + frame - 1] ^= 0xA5;
                break;
            case FaultKind.Truncate:
                frame /= 2;
                break;
            case FaultKind.Garbage:
                frame += _faults.Garbage(reply, prefix + frame, GarbageMax);
                break;
        }

        return prefix + frame;
    }

    private int SealRtu(byte[] reply, int at, byte unit, int pduLength)
    {
        reply[at] = unit;
        Array.Copy(_pdu, 0, reply, at + 1, pduLength);
        return Crc16.Append(reply, at, 1 + pduLength);
    }

    /// <summary>The reply repeats the request's transaction id (Implementation Guide v1.0b, 3.1.3).</summary>
    private int SealMbap(byte[] reply, int at, byte[] request, byte unit, int pduLength)
    {
        reply[at] = request[0];
        reply[at + 1] = request[1];
        ModbusPdu.WriteUInt16(reply, at + 2, 0);
        ModbusPdu.WriteUInt16(reply, at + 4, pduLength + 1);
        reply[at + 6] = unit;
        Array.Copy(_pdu, 0, reply, at + MbapFramer.HeaderLength, pduLength);
        return MbapFramer.HeaderLength + pduLength;
    }

    /// <summary>Serial line v1.02, 2.1: every slave executes a broadcast write and none replies.</summary>
    private void Broadcast(byte[] request, int pduAt, int pduLength)
    {
        foreach (RegisterBank bank in _banks.Values)
        {
            SlaveResponder.Respond(bank, request, pduAt, pduLength, _pdu, 0);
        }
    }

    private int ExceptionPdu(byte function, byte code)
    {
        _pdu[0] = (byte)(function | 0x80);
        _pdu[1] = code;
        return 2;
    }

    private static byte OtherUnit(byte unit) => (byte)(unit >= 247 ? 1 : unit + 1);

    /// <summary>A 16-bit field of the request PDU (address, quantity), or 0 when the PDU is too short to hold it.</summary>
    private static int Field(byte[] request, int pduAt, int pduLength, int fieldAt) =>
        fieldAt + 2 <= pduLength ? ModbusPdu.ReadUInt16(request, pduAt + fieldAt) : 0;
}
