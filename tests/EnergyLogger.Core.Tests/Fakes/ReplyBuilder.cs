namespace EnergyLogger.Core.Tests.Fakes;

/// <summary>Turns a request and a <see cref="Reply"/> script entry into the bytes the slave puts on the line.</summary>
public static class ReplyBuilder
{
    public static byte[]? Burst(byte[] request, Reply reply, IReadOnlyDictionary<byte, SlaveImage> slaves, bool tcp)
    {
        byte[]? adu = reply.RawAdu ?? ReplyAdu(request, reply, slaves, tcp);
        if (adu == null)
        {
            return null;
        }

        if (reply.TruncateAt is int k)
        {
            adu = adu[..Math.Min(k, adu.Length)];
        }

        var burst = new List<byte>(reply.Before);
        if (reply.Preceding != null)
        {
            burst.AddRange(reply.Preceding);
            burst.AddRange(reply.Between);
        }

        burst.AddRange(adu);
        burst.AddRange(reply.After);
        return burst.ToArray();
    }

    private static byte[]? ReplyAdu(byte[] request, Reply reply, IReadOnlyDictionary<byte, SlaveImage> slaves, bool tcp)
    {
        if (reply.Silent || !TryDecode(request, tcp, out byte unit, out byte[] pdu, out ushort transaction))
        {
            return null;
        }

        if (!slaves.TryGetValue(unit, out SlaveImage? slave) && reply.ExceptionCode == null && reply.FromSlave == null)
        {
            return null;
        }

        byte[] answer = reply.ExceptionCode is byte code
            ? [(byte)(pdu[0] | 0x80), code]
            : SlaveLogic.Answer(slave ?? new SlaveImage(unit), pdu);
        if (reply.EditPdu != null)
        {
            answer = reply.EditPdu(answer);
        }

        byte answeringUnit = reply.FromSlave ?? unit;
        return tcp ? SealMbap(transaction, answeringUnit, answer) : SealRtu(answeringUnit, answer, reply.FlipCrc);
    }

    private static bool TryDecode(byte[] request, bool tcp, out byte unit, out byte[] pdu, out ushort transaction)
    {
        transaction = 0;
        if (tcp)
        {
            bool ok = request.Length >= 8 && request[2] == 0 && request[3] == 0 && (request[4] << 8 | request[5]) == request.Length - 6;
            transaction = (ushort)(request[0] << 8 | request[1]);
            unit = request[6];
            pdu = ok ? request[7..] : [];
            return ok;
        }

        // A slave ignores a request that fails its CRC (serial line 2.4.1).
        unit = request[0];
        pdu = ReferenceCrc.IsIntact(request) ? request[1..^2] : [];
        return pdu.Length > 0;
    }

    private static byte[] SealRtu(byte unit, byte[] pdu, bool flipCrc)
    {
        byte[] adu = ReferenceCrc.Seal([unit, .. pdu]);
        if (flipCrc)
        {
            adu[^1] ^= 0x01;
        }

        return adu;
    }

    private static byte[] SealMbap(ushort transaction, byte unit, byte[] pdu)
    {
        int length = pdu.Length + 1;
        return [(byte)(transaction >> 8), (byte)transaction, 0, 0, (byte)(length >> 8), (byte)length, unit, .. pdu];
    }
}
