namespace EnergyLogger.Core.Modbus
{
    /// <summary>The outcome of one master call, after any retries.</summary>
    public struct ModbusResult
    {
        public ModbusResult(ModbusStatus status, byte exceptionCode, int attempts)
        {
            Status = status;
            ExceptionCode = exceptionCode;
            Attempts = attempts;
        }

        public ModbusStatus Status { get; }

        /// <summary>The slave's exception code when <see cref="Status"/> is Exception, else 0.</summary>
        public byte ExceptionCode { get; }

        /// <summary>How many requests went on the wire (0 when nothing was sent).</summary>
        public int Attempts { get; }

        public bool IsOk => Status == ModbusStatus.Ok;

        public override string ToString()
        {
            return Status == ModbusStatus.Exception ? "exception " + ExceptionCode.ToString() : ModbusStatusText.Of(Status);
        }
    }
}
