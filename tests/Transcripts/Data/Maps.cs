// Shared with the nanoFramework test assemblies: C# 9, no generics, no nullable annotations.
#nullable disable
namespace EnergyLogger.Transcripts
{
    /// <summary>
    /// The ready maps of tools/register-maps as constants, for transcripts that poll them (<c>map deye</c>,
    /// <c>map growatt</c>). MapConstantTests keeps them equal to the files.
    /// </summary>
    public static class Maps
    {
        /// <summary>tools/register-maps/deye-sg04lp3.json</summary>
        public const string Deye = @"{
  ""format"": ""energylogger-map/1"",
  ""name"": ""Deye SUN-5/6/8/10/12K-SG04LP3-EU (Sunsynk 3-phase LV hybrid)"",
  ""source"": [
    ""[SJ] StephanJoubert/home_assistant_solarman @ d4296b16415dc9187a74fbaf249bfd71417c38aa : custom_components/solarman/inverter_definitions/deye_sg04lp3.yaml"",
    ""[DR] davidrapan/ha-solarman @ ac1d88b83268beeb0511b8a1b7fc8e17deddc044 : custom_components/solarman/inverter_definitions/deye_p3.yaml (cites Deye MODBUS RTU V105.1-20231006)"",
    ""[KZ] kellerza/sunsynk @ 58193d5de98e272dbcc70d5fc82a0cb5c8044abd : src/sunsynk/definitions/three_phase_common.py, three_phase_lv.py, helpers.py"",
    ""[KB] kbialek/deye-inverter-mqtt @ 08a6c68e0cc49e4248d93ceae58ccccc56780af6 : docs/metric_group_deye_sg04lp3.md; @ 556394dd35b3993f28bcecb3f1e07e30fd46cfb1 : docs/metric_group_deye_sg04lp3_battery.md"",
    ""[EV] evcc-io/evcc @ 0531d49511891a3563a16daf681188b7020024c5 : templates/definition/meter/deye-hybrid.yaml"",
    ""Rows refer to the register table of reference/registers/deye-sg04lp3.md. All registers are holding registers (FC03), 0-based PDU addresses; 32-bit values are low word first (CDAB) [KB] U_DWORD (LW,HW), [KZ] helpers.py. Power values read the S16 low word only (quirk 2). Signs: grid + = import, battery + = discharge, so the device declares both and the logger negates them (quirk 1).""
  ],
  ""devices"": [
    {
      ""id"": ""inverter"", ""slave"": 1, ""baud"": 9600, ""parity"": ""none"", ""timeoutMs"": 1000, ""maxRegisters"": 125, ""maxPowerW"": 15000,
      ""signs"": { ""grid"": ""import_positive"", ""battery"": ""discharge_positive"" },
      ""source"": ""9600 baud and slave 1 are the evcc defaults [EV]; 125 registers per read is the [DR] REGISTERS_MAX_SIZE; no source names a range that must not be read""
    }
  ],
  ""valueMaps"": [
    { ""name"": ""deye_state"", ""values"": { ""0"": ""standby"", ""1"": ""self_test"", ""2"": ""normal"", ""3"": ""alarm"", ""4"": ""fault"", ""5"": ""activating"" }, ""source"": ""row 7 [DR] [KZ] [KB]"" },
    { ""name"": ""deye_energy_pattern"", ""values"": { ""0"": ""battery_first"", ""1"": ""load_first"" }, ""source"": ""row 5 [DR]"" },
    { ""name"": ""deye_work_mode"", ""values"": { ""0"": ""export_first"", ""1"": ""zero_export_to_load"", ""2"": ""zero_export_to_ct"" }, ""source"": ""row 6 [DR]"" },
    { ""name"": ""deye_warnings"", ""bits"": { ""1"": ""fan failure"", ""2"": ""grid phase failure"", ""3"": ""meter communication failure"", ""30"": ""battery loss"", ""31"": ""parallel communication failure"" }, ""source"": ""row 11 [DR]"" },
    { ""name"": ""deye_faults"", ""bits"": { ""12"": ""F13 working mode change"", ""17"": ""F18 AC over-current"", ""19"": ""F20 DC over-current"", ""22"": ""F23 AC leakage current"", ""63"": ""F64 heat-sink over-temperature"" }, ""source"": ""row 12 [KZ] FaultSensor: fault F(n) is bit n-1"" },
    { ""name"": ""deye_gen_port"", ""values"": { ""0"": ""generator"", ""1"": ""smart_load"", ""2"": ""microinverter"" }, ""source"": ""row 53 [SJ] [DR] [KZ]"" }
  ],
  ""points"": [
    { ""name"": ""pv1_power"", ""address"": 672, ""poll"": ""fast"", ""target"": ""pv.mppt1.power"", ""source"": ""row 13 [KB] [SJ] [DR]"" },
    { ""name"": ""pv2_power"", ""address"": 673, ""poll"": ""fast"", ""target"": ""pv.mppt2.power"", ""source"": ""row 14"" },
    { ""name"": ""pv1_voltage"", ""address"": 676, ""scale"": 0.1, ""target"": ""pv.mppt1.voltage"", ""source"": ""row 16 [KB]"" },
    { ""name"": ""pv1_current"", ""address"": 677, ""scale"": 0.1, ""target"": ""pv.mppt1.current"", ""source"": ""row 17 [KB]"" },
    { ""name"": ""pv2_voltage"", ""address"": 678, ""scale"": 0.1, ""target"": ""pv.mppt2.voltage"", ""source"": ""row 18 [KB]"" },
    { ""name"": ""pv2_current"", ""address"": 679, ""scale"": 0.1, ""target"": ""pv.mppt2.current"", ""source"": ""row 19 [KB]"" },
    { ""name"": ""pv_energy_today"", ""address"": 529, ""scale"": 0.1, ""target"": ""pv.energy_today"", ""source"": ""row 21 [KB] [SJ]"" },
    { ""name"": ""pv_energy_total"", ""address"": 534, ""type"": ""uint32"", ""wordOrder"": ""CDAB"", ""scale"": 0.1, ""poll"": ""slow"", ""target"": ""pv.energy_total"", ""source"": ""row 22 [KB] [SJ]"" },

    { ""name"": ""grid_l1_voltage"", ""address"": 598, ""scale"": 0.1, ""target"": ""grid.l1.voltage"", ""source"": ""row 23 [KB]"" },
    { ""name"": ""grid_l2_voltage"", ""address"": 599, ""scale"": 0.1, ""target"": ""grid.l2.voltage"", ""source"": ""row 23 [KB]"" },
    { ""name"": ""grid_l3_voltage"", ""address"": 600, ""scale"": 0.1, ""target"": ""grid.l3.voltage"", ""source"": ""row 23 [KB]"" },
    { ""name"": ""grid_frequency"", ""address"": 609, ""scale"": 0.01, ""target"": ""grid.frequency"", ""source"": ""row 24 [DR] [KZ]"" },
    { ""name"": ""grid_l1_current"", ""address"": 613, ""type"": ""int16"", ""scale"": 0.01, ""target"": ""grid.l1.current"", ""source"": ""row 25 [EV] external CT"" },
    { ""name"": ""grid_l2_current"", ""address"": 614, ""type"": ""int16"", ""scale"": 0.01, ""target"": ""grid.l2.current"", ""source"": ""row 25 [EV]"" },
    { ""name"": ""grid_l3_current"", ""address"": 615, ""type"": ""int16"", ""scale"": 0.01, ""target"": ""grid.l3.current"", ""source"": ""row 25 [EV]"" },
    { ""name"": ""grid_power_factor"", ""address"": 621, ""scale"": 0.001, ""target"": ""grid.power_factor"", ""source"": ""row 29 [DR]: 0.1 % per count, 0-100 %, so 0.001 per count as a factor"" },
    { ""name"": ""grid_l1_power"", ""address"": 622, ""type"": ""int16"", ""poll"": ""fast"", ""target"": ""grid.l1.power"", ""source"": ""row 26 [DR] [KZ], + = import"" },
    { ""name"": ""grid_l2_power"", ""address"": 623, ""type"": ""int16"", ""poll"": ""fast"", ""target"": ""grid.l2.power"", ""source"": ""row 26"" },
    { ""name"": ""grid_l3_power"", ""address"": 624, ""type"": ""int16"", ""poll"": ""fast"", ""target"": ""grid.l3.power"", ""source"": ""row 26"" },
    { ""name"": ""grid_power"", ""address"": 625, ""type"": ""int16"", ""poll"": ""fast"", ""target"": ""grid.power"", ""source"": ""row 27 [KB] [EV] [DR] [KZ], + = import, low word only"" },
    { ""name"": ""grid_import_today"", ""address"": 520, ""scale"": 0.1, ""target"": ""grid.import_energy_today"", ""source"": ""row 30 [KB] [EV]"" },
    { ""name"": ""grid_export_today"", ""address"": 521, ""scale"": 0.1, ""target"": ""grid.export_energy_today"", ""source"": ""row 31 [KB]"" },
    { ""name"": ""grid_import_total"", ""address"": 522, ""type"": ""uint32"", ""wordOrder"": ""CDAB"", ""scale"": 0.1, ""poll"": ""slow"", ""target"": ""grid.import_energy_total"", ""source"": ""row 32 [KB] [DR]"" },
    { ""name"": ""grid_export_total"", ""address"": 524, ""type"": ""uint32"", ""wordOrder"": ""CDAB"", ""scale"": 0.1, ""poll"": ""slow"", ""target"": ""grid.export_energy_total"", ""source"": ""row 33 [KB] [DR]"" },

    { ""name"": ""battery_temperature"", ""address"": 586, ""scale"": 0.1, ""offset"": -100, ""target"": ""battery.temperature"", ""source"": ""row 34 [DR] [KZ]: (raw - 1000) x 0.1"" },
    { ""name"": ""battery_voltage"", ""address"": 587, ""scale"": 0.01, ""target"": ""battery.voltage"", ""source"": ""row 35 [KB] [DR] (LV models)"" },
    { ""name"": ""battery_soc"", ""address"": 588, ""target"": ""battery.soc"", ""source"": ""row 36 [KB] [EV]"" },
    { ""name"": ""battery_power"", ""address"": 590, ""type"": ""int16"", ""poll"": ""fast"", ""target"": ""battery.power"", ""source"": ""row 37 [KB] [EV] [DR], + = discharge"" },
    { ""name"": ""battery_current"", ""address"": 591, ""type"": ""int16"", ""scale"": 0.01, ""poll"": ""fast"", ""target"": ""battery.current"", ""source"": ""row 38 [KB] [DR] [KZ], + = discharge"" },
    { ""name"": ""battery_charge_today"", ""address"": 514, ""scale"": 0.1, ""target"": ""battery.charge_energy_today"", ""source"": ""row 39 [KB]"" },
    { ""name"": ""battery_discharge_today"", ""address"": 515, ""scale"": 0.1, ""target"": ""battery.discharge_energy_today"", ""source"": ""row 40 [KB]"" },
    { ""name"": ""battery_charge_total"", ""address"": 516, ""type"": ""uint32"", ""wordOrder"": ""CDAB"", ""scale"": 0.1, ""poll"": ""slow"", ""target"": ""battery.charge_energy_total"", ""source"": ""row 41 [KB]"" },
    { ""name"": ""battery_discharge_total"", ""address"": 518, ""type"": ""uint32"", ""wordOrder"": ""CDAB"", ""scale"": 0.1, ""poll"": ""slow"", ""target"": ""battery.discharge_energy_total"", ""source"": ""row 42 [KB]"" },
    { ""name"": ""battery_soh"", ""address"": 10048, ""scale"": 0.1, ""poll"": ""slow"", ""target"": ""battery.soh"", ""source"": ""row 44 [DR] pack 1; unverified on SG04LP3 firmware, an exception 02 marks it unsupported"" },
    { ""name"": ""battery_cycles"", ""address"": 10056, ""poll"": ""slow"", ""target"": ""battery.cycles"", ""source"": ""row 45 [DR] pack 1; same caveat as battery_soh"" },

    { ""name"": ""load_l1_voltage"", ""address"": 644, ""scale"": 0.1, ""target"": ""load.l1.voltage"", ""source"": ""row 46 [SJ] [KZ]"" },
    { ""name"": ""load_l2_voltage"", ""address"": 645, ""scale"": 0.1, ""target"": ""load.l2.voltage"", ""source"": ""row 46"" },
    { ""name"": ""load_l3_voltage"", ""address"": 646, ""scale"": 0.1, ""target"": ""load.l3.voltage"", ""source"": ""row 46"" },
    { ""name"": ""load_l1_power"", ""address"": 650, ""type"": ""int16"", ""target"": ""load.l1.power"", ""source"": ""row 47 [SJ] [KZ] [DR]"" },
    { ""name"": ""load_l2_power"", ""address"": 651, ""type"": ""int16"", ""target"": ""load.l2.power"", ""source"": ""row 47"" },
    { ""name"": ""load_l3_power"", ""address"": 652, ""type"": ""int16"", ""target"": ""load.l3.power"", ""source"": ""row 47"" },
    { ""name"": ""load_power"", ""address"": 653, ""type"": ""int16"", ""poll"": ""fast"", ""target"": ""load.power"", ""source"": ""row 48 [SJ] [KZ]"" },
    { ""name"": ""load_frequency"", ""address"": 655, ""scale"": 0.01, ""target"": ""load.frequency"", ""source"": ""row 50 [KZ] [DR]"" },
    { ""name"": ""load_energy_today"", ""address"": 526, ""scale"": 0.1, ""target"": ""load.energy_today"", ""source"": ""row 51 [SJ] [DR]"" },
    { ""name"": ""load_energy_total"", ""address"": 527, ""type"": ""uint32"", ""wordOrder"": ""CDAB"", ""scale"": 0.1, ""poll"": ""slow"", ""target"": ""load.energy_total"", ""source"": ""row 52 [SJ] [DR]"" },
    { ""name"": ""inverter_l1_current"", ""address"": 630, ""type"": ""int16"", ""scale"": 0.01, ""unit"": ""A"", ""source"": ""row 49: inverter output current, not a load current"" },
    { ""name"": ""inverter_l2_current"", ""address"": 631, ""type"": ""int16"", ""scale"": 0.01, ""unit"": ""A"", ""source"": ""row 49"" },
    { ""name"": ""inverter_l3_current"", ""address"": 632, ""type"": ""int16"", ""scale"": 0.01, ""unit"": ""A"", ""source"": ""row 49"" },

    { ""name"": ""generator_connected"", ""address"": 552, ""type"": ""bool"", ""bit"": 3, ""target"": ""generator.connected"", ""source"": ""rows 10 and 54 [KZ] [DR]: bit 3 of the relay status is the generator relay"" },
    { ""name"": ""generator_voltage"", ""address"": 661, ""scale"": 0.1, ""target"": ""generator.voltage"", ""source"": ""row 55 [SJ] [KZ], L1"" },
    { ""name"": ""generator_power"", ""address"": 667, ""type"": ""int16"", ""target"": ""generator.power"", ""source"": ""row 56 [DR] signed, low word only"" },

    { ""name"": ""device_state"", ""address"": 500, ""valueMap"": ""deye_state"", ""poll"": ""fast"", ""target"": ""device.state"", ""source"": ""row 7"" },
    { ""name"": ""energy_pattern"", ""address"": 141, ""valueMap"": ""deye_energy_pattern"", ""poll"": ""slow"", ""writable"": true, ""writeMin"": 0, ""writeMax"": 1, ""source"": ""row 5 [DR]: a setting, 0 or 1"" },
    { ""name"": ""work_mode"", ""address"": 142, ""valueMap"": ""deye_work_mode"", ""poll"": ""slow"", ""writable"": true, ""writeMin"": 0, ""writeMax"": 2, ""target"": ""device.work_mode"", ""source"": ""row 6 [DR]: a setting, 0 to 2"" },
    { ""name"": ""warning_code"", ""address"": 553, ""type"": ""uint32"", ""wordOrder"": ""CDAB"", ""valueMap"": ""deye_warnings"", ""target"": ""device.warning_code"", ""source"": ""row 11 [DR]"" },
    { ""name"": ""fault_code"", ""address"": 555, ""type"": ""uint64"", ""wordOrder"": ""CDAB"", ""valueMap"": ""deye_faults"", ""target"": ""device.fault_code"", ""source"": ""row 12 [KZ] [DR]"" },
    { ""name"": ""dc_temperature"", ""address"": 540, ""scale"": 0.1, ""offset"": -100, ""target"": ""device.temperature"", ""source"": ""row 8 [DR] [KZ] [SJ]"" },
    { ""name"": ""ac_temperature"", ""address"": 541, ""scale"": 0.1, ""offset"": -100, ""target"": ""device.heatsink_temperature"", ""source"": ""row 9 [DR] [KZ]"" }
  ],
  ""metadata"": [
    { ""name"": ""device_type"", ""address"": 0, ""source"": ""row 1 [DR]: 0x0005/0x0500 is the LV 3-phase hybrid"" },
    { ""name"": ""serial_number"", ""address"": 3, ""type"": ""string"", ""count"": 5, ""source"": ""row 2 [SJ] [DR] [KZ]"" },
    { ""name"": ""rated_power"", ""address"": 20, ""type"": ""uint32"", ""wordOrder"": ""CDAB"", ""scale"": 0.1, ""unit"": ""W"", ""source"": ""row 3 [DR] [KZ]"" },
    { ""name"": ""mppt_count"", ""address"": 22, ""mask"": ""0x0F00"", ""source"": ""row 4 [DR]"" },
    { ""name"": ""phase_count"", ""address"": 22, ""mask"": ""0x000F"", ""source"": ""row 4 [DR]"" },
    { ""name"": ""gen_port_mode"", ""address"": 133, ""valueMap"": ""deye_gen_port"", ""source"": ""row 53"" }
  ],
  ""computed"": [
    { ""name"": ""pv_power"", ""op"": ""add"", ""a"": ""pv1_power"", ""b"": ""pv2_power"", ""target"": ""pv.power"", ""source"": ""no total PV register; [EV] and [DR] add the MPPT powers"" }
  ]
}
";

        /// <summary>tools/register-maps/growatt-sph.json</summary>
        public const string Growatt = @"{
  ""format"": ""energylogger-map/1"",
  ""name"": ""Growatt SPH 3000-6000TL BL(-UP) (1-phase hybrid)"",
  ""source"": [
    ""[P124] 0xAHA/Growatt_ModbusTCP @ d370a22800b16b9d19b092e7c78842ac57a7b6c1 : Protocols/Growatt-Inverter-Modbus-RTU-Protocol-II-V1-24-English-new.xlsx (Growatt Inverter Modbus RTU Protocol II V1.24, storage section SPH type)"",
    ""[AHA] 0xAHA/Growatt_ModbusTCP @ 64434f922d5f9b474bc3cb0fcb2c950db87e309e : custom_components/growatt_modbus/profiles/sph.py"",
    ""[OIG] OpenInverterGateway/OpenInverterGateway @ ad247df05f608876fa58e0734cd141e4d47ba807 : SRC/ShineWiFi-ModBus/Growatt124.cpp, Growatt.cpp"",
    ""Rows refer to the register table of reference/registers/growatt.md. Live data are input registers (FC04); 32-bit values are high word first (ABCD) [P124] 'xxx H' at n, [OIG] Growatt.cpp. Grid and battery power exist only as unsigned import/export and charge/discharge pairs, so signed values are computed in the schema's own convention.""
  ],
  ""devices"": [
    {
      ""id"": ""inverter"", ""slave"": 1, ""baud"": 9600, ""parity"": ""none"", ""timeoutMs"": 1000, ""maxRegisters"": 64, ""minGapMs"": 1000, ""maxPowerW"": 8000,
      ""neverRead"": [
        { ""function"": ""input"", ""from"": 125, ""to"": 999 },
        { ""function"": ""holding"", ""from"": 125, ""to"": 999 }
      ],
      ""source"": ""[P124]: SPH input ranges 0-124, 1000-1124, 1125-1249, holding 0-124, 1000-1124; minimum command period 850 ms, 1 s suggested; 9600 8N1 default. [OIG]: some SPH firmware reads only 64 registers at once""
    }
  ],
  ""valueMaps"": [
    { ""name"": ""growatt_state"", ""values"": { ""0"": ""waiting"", ""1"": ""normal"", ""3"": ""fault"" }, ""source"": ""row 5 [P124] [OIG] [AHA]"" },
    { ""name"": ""growatt_priority"", ""values"": { ""0"": ""load_first"", ""1"": ""battery_first"", ""2"": ""grid_first"" }, ""source"": ""row 7 [P124] [AHA]"" },
    { ""name"": ""growatt_system_mode"", ""values"": { ""0"": ""waiting"", ""1"": ""self_test"", ""3"": ""system_fault"", ""4"": ""flash"", ""5"": ""pv_bat_online"", ""6"": ""bat_online"", ""7"": ""pv_offline"", ""8"": ""bat_offline"" }, ""source"": ""row 6 [P124]"" }
  ],
  ""points"": [
    { ""name"": ""device_state"", ""function"": ""input"", ""address"": 0, ""valueMap"": ""growatt_state"", ""poll"": ""fast"", ""target"": ""device.state"", ""source"": ""row 5"" },
    { ""name"": ""system_mode"", ""function"": ""input"", ""address"": 1000, ""valueMap"": ""growatt_system_mode"", ""source"": ""row 6: the detailed hybrid state (online vs offline/EPS)"" },
    { ""name"": ""work_mode"", ""function"": ""input"", ""address"": 118, ""valueMap"": ""growatt_priority"", ""poll"": ""slow"", ""target"": ""device.work_mode"", ""source"": ""row 7"" },
    { ""name"": ""grid_first_enable"", ""address"": 1088, ""poll"": ""slow"", ""writable"": true, ""writeMin"": 0, ""writeMax"": 1, ""source"": ""quirk 2: holding 1088 is a grid-first time-slot enable [AHA]; [P124]: FC 06 and 10 write"" },
    { ""name"": ""fault_code"", ""function"": ""input"", ""address"": 105, ""target"": ""device.fault_code"", ""source"": ""row 8 fault main code"" },
    { ""name"": ""warning_code"", ""function"": ""input"", ""address"": 112, ""target"": ""device.warning_code"", ""source"": ""row 9 warning main code"" },
    { ""name"": ""inverter_temperature"", ""function"": ""input"", ""address"": 93, ""type"": ""int16"", ""scale"": 0.1, ""target"": ""device.temperature"", ""source"": ""row 11 [AHA] signed"" },
    { ""name"": ""ipm_temperature"", ""function"": ""input"", ""address"": 94, ""type"": ""int16"", ""scale"": 0.1, ""target"": ""device.heatsink_temperature"", ""source"": ""row 11: IPM (power module) temperature"" },

    { ""name"": ""pv_power"", ""function"": ""input"", ""address"": 1, ""type"": ""uint32"", ""scale"": 0.1, ""poll"": ""fast"", ""target"": ""pv.power"", ""source"": ""row 12 [P124] [OIG]"" },
    { ""name"": ""pv1_voltage"", ""function"": ""input"", ""address"": 3, ""scale"": 0.1, ""target"": ""pv.mppt1.voltage"", ""source"": ""row 13"" },
    { ""name"": ""pv1_current"", ""function"": ""input"", ""address"": 4, ""scale"": 0.1, ""target"": ""pv.mppt1.current"", ""source"": ""row 14"" },
    { ""name"": ""pv1_power"", ""function"": ""input"", ""address"": 5, ""type"": ""uint32"", ""scale"": 0.1, ""target"": ""pv.mppt1.power"", ""source"": ""row 15"" },
    { ""name"": ""pv2_voltage"", ""function"": ""input"", ""address"": 7, ""scale"": 0.1, ""target"": ""pv.mppt2.voltage"", ""source"": ""row 16"" },
    { ""name"": ""pv2_current"", ""function"": ""input"", ""address"": 8, ""scale"": 0.1, ""target"": ""pv.mppt2.current"", ""source"": ""row 17"" },
    { ""name"": ""pv2_power"", ""function"": ""input"", ""address"": 9, ""type"": ""uint32"", ""scale"": 0.1, ""target"": ""pv.mppt2.power"", ""source"": ""row 18"" },
    { ""name"": ""pv1_energy_today"", ""function"": ""input"", ""address"": 59, ""type"": ""uint32"", ""scale"": 0.1, ""unit"": ""kWh"", ""source"": ""row 19 [P124] [AHA]"" },
    { ""name"": ""pv2_energy_today"", ""function"": ""input"", ""address"": 63, ""type"": ""uint32"", ""scale"": 0.1, ""unit"": ""kWh"", ""source"": ""row 19"" },
    { ""name"": ""pv_energy_total"", ""function"": ""input"", ""address"": 91, ""type"": ""uint32"", ""scale"": 0.1, ""poll"": ""slow"", ""target"": ""pv.energy_total"", ""source"": ""row 21 Epv_total [AHA] #243"" },

    { ""name"": ""grid_frequency"", ""function"": ""input"", ""address"": 37, ""scale"": 0.01, ""target"": ""grid.frequency"", ""source"": ""row 23 [P124] [OIG]"" },
    { ""name"": ""grid_voltage"", ""function"": ""input"", ""address"": 38, ""scale"": 0.1, ""target"": ""grid.l1.voltage"", ""source"": ""row 24"" },
    { ""name"": ""inverter_current"", ""function"": ""input"", ""address"": 39, ""scale"": 0.1, ""unit"": ""A"", ""source"": ""row 25: inverter output current, not the grid meter's"" },
    { ""name"": ""inverter_power"", ""function"": ""input"", ""address"": 35, ""type"": ""int32"", ""scale"": 0.1, ""unit"": ""W"", ""source"": ""row 27 [OIG] SIZE_32BIT_S"" },
    { ""name"": ""grid_import_power"", ""function"": ""input"", ""address"": 1021, ""type"": ""uint32"", ""scale"": 0.1, ""poll"": ""fast"", ""unit"": ""W"", ""source"": ""row 28 PactouserTotal [AHA] #369"" },
    { ""name"": ""grid_export_power"", ""function"": ""input"", ""address"": 1029, ""type"": ""uint32"", ""scale"": 0.1, ""poll"": ""fast"", ""unit"": ""W"", ""source"": ""row 29 Pactogrid total"" },
    { ""name"": ""grid_import_today"", ""function"": ""input"", ""address"": 1044, ""type"": ""uint32"", ""scale"": 0.1, ""target"": ""grid.import_energy_today"", ""source"": ""row 32 Etouser_today"" },
    { ""name"": ""grid_import_total"", ""function"": ""input"", ""address"": 1046, ""type"": ""uint32"", ""scale"": 0.1, ""poll"": ""slow"", ""target"": ""grid.import_energy_total"", ""source"": ""row 33 Etouser_total"" },
    { ""name"": ""grid_export_today"", ""function"": ""input"", ""address"": 1048, ""type"": ""uint32"", ""scale"": 0.1, ""target"": ""grid.export_energy_today"", ""source"": ""row 34 Etogrid_today"" },
    { ""name"": ""grid_export_total"", ""function"": ""input"", ""address"": 1050, ""type"": ""uint32"", ""scale"": 0.1, ""poll"": ""slow"", ""target"": ""grid.export_energy_total"", ""source"": ""row 35; [AHA] #377 reports a portal mismatch on one unit"" },

    { ""name"": ""battery_discharge_power"", ""function"": ""input"", ""address"": 1009, ""type"": ""uint32"", ""scale"": 0.1, ""poll"": ""fast"", ""unit"": ""W"", ""source"": ""row 36 [P124] [OIG] [AHA]"" },
    { ""name"": ""battery_charge_power"", ""function"": ""input"", ""address"": 1011, ""type"": ""uint32"", ""scale"": 0.1, ""poll"": ""fast"", ""unit"": ""W"", ""source"": ""row 37"" },
    { ""name"": ""battery_voltage"", ""function"": ""input"", ""address"": 1013, ""scale"": 0.1, ""target"": ""battery.voltage"", ""source"": ""row 38"" },
    { ""name"": ""battery_soc"", ""function"": ""input"", ""address"": 1014, ""target"": ""battery.soc"", ""source"": ""row 39 [OIG] [AHA] 1 % per count"" },
    { ""name"": ""battery_temperature"", ""function"": ""input"", ""address"": 1040, ""type"": ""int16"", ""scale"": 0.1, ""target"": ""battery.temperature"", ""source"": ""row 40; [OIG] notes some units use 1 degC per count"" },
    { ""name"": ""battery_discharge_today"", ""function"": ""input"", ""address"": 1052, ""type"": ""uint32"", ""scale"": 0.1, ""target"": ""battery.discharge_energy_today"", ""source"": ""row 42 [AHA] #377"" },
    { ""name"": ""battery_discharge_total"", ""function"": ""input"", ""address"": 1054, ""type"": ""uint32"", ""scale"": 0.1, ""poll"": ""slow"", ""target"": ""battery.discharge_energy_total"", ""source"": ""row 42"" },
    { ""name"": ""battery_charge_today"", ""function"": ""input"", ""address"": 1056, ""type"": ""uint32"", ""scale"": 0.1, ""target"": ""battery.charge_energy_today"", ""source"": ""row 43"" },
    { ""name"": ""battery_charge_total"", ""function"": ""input"", ""address"": 1058, ""type"": ""uint32"", ""scale"": 0.1, ""poll"": ""slow"", ""target"": ""battery.charge_energy_total"", ""source"": ""row 43"" },
    { ""name"": ""battery_current"", ""function"": ""input"", ""address"": 1088, ""type"": ""int16"", ""scale"": 0.1, ""poll"": ""fast"", ""target"": ""battery.current"", ""source"": ""row 46 BMS current, + = charging [AHA] #397; scale 0.1 per the SPH-HU profile"" },
    { ""name"": ""battery_cycles"", ""function"": ""input"", ""address"": 1095, ""poll"": ""slow"", ""target"": ""battery.cycles"", ""source"": ""row 48"" },
    { ""name"": ""battery_soh"", ""function"": ""input"", ""address"": 1096, ""poll"": ""slow"", ""target"": ""battery.soh"", ""source"": ""row 49"" },

    { ""name"": ""load_power"", ""function"": ""input"", ""address"": 1037, ""type"": ""uint32"", ""scale"": 0.1, ""poll"": ""fast"", ""target"": ""load.power"", ""source"": ""row 50 PLocalLoad total [AHA] #369"" },
    { ""name"": ""load_energy_today"", ""function"": ""input"", ""address"": 1060, ""type"": ""uint32"", ""scale"": 0.1, ""target"": ""load.energy_today"", ""source"": ""row 51"" },
    { ""name"": ""load_energy_total"", ""function"": ""input"", ""address"": 1062, ""type"": ""uint32"", ""scale"": 0.1, ""poll"": ""slow"", ""target"": ""load.energy_total"", ""source"": ""row 51"" },
    { ""name"": ""eps_frequency"", ""function"": ""input"", ""address"": 1067, ""scale"": 0.01, ""unit"": ""Hz"", ""source"": ""row 52: valid in off-grid (EPS) mode only"" },
    { ""name"": ""eps_voltage"", ""function"": ""input"", ""address"": 1068, ""scale"": 0.1, ""unit"": ""V"", ""source"": ""row 53"" },
    { ""name"": ""eps_current"", ""function"": ""input"", ""address"": 1069, ""scale"": 0.1, ""unit"": ""A"", ""source"": ""row 54"" }
  ],
  ""metadata"": [
    { ""name"": ""firmware_version"", ""address"": 9, ""type"": ""string"", ""count"": 3, ""source"": ""row 2 holding 9-11"" },
    { ""name"": ""serial_number"", ""address"": 23, ""type"": ""string"", ""count"": 5, ""source"": ""row 1 holding 23-27"" },
    { ""name"": ""device_type_code"", ""address"": 43, ""source"": ""row 3"" },
    { ""name"": ""mppt_count"", ""address"": 44, ""mask"": ""0xFF00"", ""source"": ""row 4: 0x0203 = 2 MPPT, 3-phase output"" },
    { ""name"": ""phase_count"", ""address"": 44, ""mask"": ""0x00FF"", ""source"": ""row 4"" }
  ],
  ""computed"": [
    { ""name"": ""grid_power"", ""op"": ""subtract"", ""a"": ""grid_export_power"", ""b"": ""grid_import_power"", ""target"": ""grid.power"", ""source"": ""computed-fields table: export - import, export positive"" },
    { ""name"": ""battery_power"", ""op"": ""subtract"", ""a"": ""battery_charge_power"", ""b"": ""battery_discharge_power"", ""target"": ""battery.power"", ""source"": ""computed-fields table: charge - discharge, charging positive"" },
    { ""name"": ""pv_energy_today"", ""op"": ""add"", ""a"": ""pv1_energy_today"", ""b"": ""pv2_energy_today"", ""target"": ""pv.energy_today"", ""source"": ""computed-fields table: no SPH PV-today total in 0-124/1000-1124"" }
  ]
}
";

        /// <summary>The names a transcript's <c>map</c> line may use, each followed by its JSON.</summary>
        public static readonly string[] Named = { "deye", Deye, "growatt", Growatt };
    }
}
