namespace EnergyLogger.Core.SunSpec
{
    /// <summary>
    /// The SunSpec models the server publishes and their lengths (SunSpec Information Model Reference, the
    /// integer and scale-factor variants), with the chain's marks. docs/local-access.md lists which schema field
    /// feeds which point.
    /// </summary>
    public static class SunSpecModels
    {
        /// <summary>The chain starts at the well-known base address 40000 (register 40001 in one-based numbering).</summary>
        public const int BaseAddress = 40000;

        /// <summary>"SunS" in two registers.</summary>
        public const int MarkHigh = 0x5375;
        public const int MarkLow = 0x6E53;
        public const int EndId = 0xFFFF;

        public const int Common = 1;
        public const int CommonLength = 66;

        /// <summary>101 single phase, 102 split phase, 103 three phase: the same 50 registers.</summary>
        public const int InverterSinglePhase = 101;
        public const int InverterSplitPhase = 102;
        public const int InverterThreePhase = 103;
        public const int InverterLength = 50;

        /// <summary>Multiple MPPT inverter extension: 8 fixed registers and 20 per module.</summary>
        public const int Mppt = 160;
        public const int MpptFixedLength = 8;
        public const int MpptModuleLength = 20;

        /// <summary>Basic storage controls.</summary>
        public const int Storage = 124;
        public const int StorageLength = 24;

        /// <summary>Wye-connect three-phase meter.</summary>
        public const int Meter = 203;
        public const int MeterLength = 105;

        // The points of each model as offsets from the model's first register after ID and L (SunSpec Information Model
        // Reference, sunspec/models json/model_N.json): one table for the server that writes them and for the maps that read
        // them (energylogger map sunspec). Constants cost no byte code.

        /// <summary>Model 1: Mn, Md, Vr, SN (text, 16, 16, 8 and 16 registers).</summary>
        public const int CommonManufacturer = 0;
        public const int CommonModel = 16;
        public const int CommonVersion = 40;
        public const int CommonSerial = 48;

        /// <summary>Models 101-103: PhVphA (B and C follow), V_SF, W, W_SF, Hz, Hz_SF, WH (acc32), WH_SF, DCA, DCV, DCW, temperatures, St.</summary>
        public const int InverterPhaseVoltage = 8;
        public const int InverterVoltageSf = 11;
        public const int InverterPower = 12;
        public const int InverterPowerSf = 13;
        public const int InverterFrequency = 14;
        public const int InverterFrequencySf = 15;
        public const int InverterEnergy = 22;
        public const int InverterEnergySf = 24;
        public const int InverterDcCurrent = 25;
        public const int InverterDcCurrentSf = 26;
        public const int InverterDcVoltage = 27;
        public const int InverterDcVoltageSf = 28;
        public const int InverterDcPower = 29;
        public const int InverterDcPowerSf = 30;
        public const int InverterCabinetTemperature = 31;
        public const int InverterHeatsinkTemperature = 32;
        public const int InverterTemperatureSf = 35;
        public const int InverterState = 36;

        /// <summary>Models 111-113, the float variant of 101-103 (two registers a value).</summary>
        public const int FloatInverterLength = 60;
        public const int FloatInverterPhaseVoltage = 14;
        public const int FloatInverterPower = 20;
        public const int FloatInverterFrequency = 22;
        public const int FloatInverterEnergy = 30;
        public const int FloatInverterDcCurrent = 32;
        public const int FloatInverterDcVoltage = 34;
        public const int FloatInverterDcPower = 36;
        public const int FloatInverterCabinetTemperature = 38;
        public const int FloatInverterHeatsinkTemperature = 40;
        public const int FloatInverterState = 46;

        /// <summary>Model 120: WRtg and its scale factor.</summary>
        public const int NameplateRatedPower = 1;
        public const int NameplateRatedPowerSf = 2;

        /// <summary>Model 121, basic settings: WMax, the power output the inverter is set to at most, and its scale factor.</summary>
        public const int Settings = 121;
        public const int SettingsMaxPower = 0;
        public const int SettingsMaxPowerSf = 20;

        /// <summary>Model 123, immediate controls: Conn (connected), WMaxLimPct (output limit in % of WMax), WMaxLim_Ena, WMaxLimPct_SF.</summary>
        public const int Controls = 123;
        public const int ControlsConnected = 2;
        public const int ControlsPowerLimit = 3;
        public const int ControlsPowerLimitEnabled = 7;
        public const int ControlsPowerLimitSf = 21;

        /// <summary>Model 160: the fixed part's scale factors, then per module DCA, DCV and DCW.</summary>
        public const int MpptCurrentSf = 0;
        public const int MpptVoltageSf = 1;
        public const int MpptPowerSf = 2;
        public const int MpptModuleCount = 6;
        public const int ModuleCurrent = 9;
        public const int ModuleVoltage = 10;
        public const int ModulePower = 11;

        /// <summary>Model 124: ChaState (SoC), InBatV, ChaSt and their scale factors.</summary>
        public const int StorageSoc = 6;
        public const int StorageBatteryVoltage = 8;
        public const int StorageChargeStatus = 9;
        public const int StorageSocSf = 20;
        public const int StorageBatteryVoltageSf = 22;

        /// <summary>Model 802, battery base: SoC, SoH, NCyc (uint32), ChaSt, V, A, W and their scale factors.</summary>
        public const int Battery = 802;
        public const int BatteryLength = 62;
        public const int BatterySoc = 9;
        public const int BatterySoh = 11;
        public const int BatteryCycles = 12;
        public const int BatteryChargeStatus = 14;
        public const int BatteryVoltage = 32;
        public const int BatteryCurrent = 42;
        public const int BatteryPower = 45;
        public const int BatterySocSf = 54;
        public const int BatterySohSf = 56;
        public const int BatteryVoltageSf = 57;
        public const int BatteryCurrentSf = 59;
        public const int BatteryPowerSf = 61;

        /// <summary>Models 201-204: AphA (B, C follow), A_SF, PhVphA.., V_SF, Hz, Hz_SF, W, WphA.., W_SF, PF, PF_SF, TotWhExp, TotWhImp, TotWh_SF.</summary>
        public const int MeterPhaseCurrent = 1;
        public const int MeterCurrentSf = 4;
        public const int MeterPhaseVoltage = 6;
        public const int MeterVoltageSf = 13;
        public const int MeterFrequency = 14;
        public const int MeterFrequencySf = 15;
        public const int MeterPower = 16;
        public const int MeterPhasePower = 17;
        public const int MeterPowerSf = 20;
        public const int MeterPowerFactor = 31;
        public const int MeterPowerFactorSf = 35;
        public const int MeterExportEnergy = 36;
        public const int MeterImportEnergy = 44;
        public const int MeterEnergySf = 52;

        /// <summary>Models 211-214, the float variant of 201-204.</summary>
        public const int FloatMeterLength = 124;
        public const int FloatMeterPhaseCurrent = 2;
        public const int FloatMeterPhaseVoltage = 10;
        public const int FloatMeterFrequency = 24;
        public const int FloatMeterPower = 26;
        public const int FloatMeterPhasePower = 28;
        public const int FloatMeterPowerFactor = 50;
        public const int FloatMeterExportEnergy = 58;
        public const int FloatMeterImportEnergy = 66;

        /// <summary>True for the meter models, 201-204 (integer + scale factor) and 211-214 (float).</summary>
        public static bool IsMeter(int id)
        {
            return (id >= 201 && id <= 204) || (id >= 211 && id <= 214);
        }

        /// <summary>The longest chain: every model, twelve MPPT modules.</summary>
        public const int MaxChainLength = 2 + (2 + CommonLength) + (2 + InverterLength) + (2 + MpptFixedLength + (12 * MpptModuleLength))
            + (2 + StorageLength) + (2 + BatteryLength) + (2 + MeterLength) + 2;
    }
}
