namespace EnergyLogger.Core.Modbus
{
    /// <summary>The public function codes the logger speaks. MODBUS Application Protocol v1.1b3, 6.</summary>
    public enum FunctionCode : byte
    {
        ReadCoils = 0x01,
        ReadDiscreteInputs = 0x02,
        ReadHoldingRegisters = 0x03,
        ReadInputRegisters = 0x04,
        WriteSingleCoil = 0x05,
        WriteSingleRegister = 0x06,
        WriteMultipleCoils = 0x0F,
        WriteMultipleRegisters = 0x10,
    }

    /// <summary>Exception codes a slave may answer with. MODBUS Application Protocol v1.1b3, 7.</summary>
    public static class ExceptionCode
    {
        public const byte IllegalFunction = 0x01;
        public const byte IllegalDataAddress = 0x02;
        public const byte IllegalDataValue = 0x03;
        public const byte SlaveDeviceFailure = 0x04;
        public const byte Acknowledge = 0x05;
        public const byte SlaveDeviceBusy = 0x06;
        public const byte GatewayPathUnavailable = 0x0A;
        public const byte GatewayTargetFailedToRespond = 0x0B;

        /// <summary>05 and 06 mean "ask again later"; every other code is a final answer.</summary>
        public static bool IsTransient(byte code)
        {
            return code == Acknowledge || code == SlaveDeviceBusy;
        }
    }
}
