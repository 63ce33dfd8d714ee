namespace EnergyLogger.Core.Modbus
{
    /// <summary>
    /// One ADU framing (RTU on a serial line, MBAP on TCP): wraps request PDUs and recognises reply
    /// frames in a byte stream fed one byte at a time. Like libmodbus's backends, the master above it
    /// never knows which medium it drives.
    /// </summary>
    public interface IModbusFramer
    {
        /// <summary>Where the PDU starts in an ADU this framer seals.</summary>
        int PduOffset { get; }

        /// <summary>The receive buffer cap; no frame and no amount of noise makes it grow.</summary>
        int MaxAduLength { get; }

        /// <summary>
        /// True on a serial line, where bus silence ends a frame; false on TCP, where only the
        /// response timeout does.
        /// </summary>
        bool SilenceEndsFrame { get; }

        /// <summary>Wraps the PDU already written at <see cref="PduOffset"/>; returns the ADU length.</summary>
        int Seal(byte[] adu, byte unit, int pduLength);

        /// <summary>Clears the receive state and notes what reply the sealed request expects.</summary>
        void BeginResponse(byte[] request, int requestLength);

        /// <summary>Takes one received byte; true when a complete, intact frame has just ended with it.</summary>
        bool Feed(byte value);

        /// <summary>Drops the bytes held so far (counted as noise unless they were a delivered frame).</summary>
        void Reset();

        /// <summary>The buffer holding the completed frame.</summary>
        byte[] Frame { get; }

        int FrameLength { get; }

        byte FrameUnit { get; }

        /// <summary>Absolute offset of the reply PDU in <see cref="Frame"/>.</summary>
        int FramePduOffset { get; }

        int FramePduLength { get; }

        /// <summary>False for a frame that carries another transaction's id (a late reply on TCP).</summary>
        bool FrameAnswersCurrentRequest { get; }

        /// <summary>A frame shaped like the expected reply ended with a bad checksum.</summary>
        bool ExpectedReplyCorrupt { get; }

        /// <summary>The expected reply has begun and is not complete yet.</summary>
        bool ExpectedReplyPartial { get; }

        /// <summary>Bytes dropped as noise since this framer was created.</summary>
        int NoiseBytes { get; }

        /// <summary>Bytes currently held; never above <see cref="MaxAduLength"/>.</summary>
        int Buffered { get; }
    }
}
