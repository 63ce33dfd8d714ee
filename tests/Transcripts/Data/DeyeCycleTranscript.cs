// Shared with the nanoFramework test assemblies: C# 9, no generics, no nullable annotations.
#nullable disable
namespace EnergyLogger.Transcripts
{
    /// <summary>
    /// A Deye SG04LP3 (tools/register-maps/deye-sg04lp3.json) polled through the main loop and published to Kaa:
    /// the read plans of every poll class, the decoded sample with normalised signs, and the quality flags a
    /// real inverter gives (unsupported registers, a reply that fails its CRC, a value out of the schema's range,
    /// an energy counter that went backwards).
    /// </summary>
    public static class DeyeCycleTranscript
    {
        public const string Text = @"# Deye SG04LP3 on Kaa: the first cycle reads every poll class, the next fast cycle meets CRC errors,
# and a lifetime counter that went back is flagged. Registers as in tests/.../Telemetry/ReadyMapTests.cs.
scenario loop
map deye
set wifi.ssid Home Net
set wifi.key correct horse battery
set mqtt.host broker.example
set kaa.token tok-deye-01
set kaa.app app-v1
option poll.fastMs 5000
option poll.normalMs 10000
option poll.slowMs 10000
slave 1
fill 1 holding 0 30 0
fill 1 holding 130 15 0
fill 1 holding 500 200 0
regs 1 holding 0 5
regs 1 holding 3 17474 22837 12851 13108 13622
regs 1 holding 20 50000 0 515
regs 1 holding 133 1
regs 1 holding 142 1
regs 1 holding 500 2
regs 1 holding 514 52 31 34464 1 33000 0 320 250 11234 0 45678 0 210 56000 1 198 0 0 0 0 34464 1 0 0 0 0 1430 1410
regs 1 holding 552 8 4 0 4096 0 0 0
regs 1 holding 586 1250 5200 120 0 -800 -1550
regs 1 holding 598 2301 2298 2310
regs 1 holding 609 5002 0 0 0 -218 -220 -215 0 0 0 0 0 1020 -500 -510 -490 -1500
regs 1 holding 644 2301 2299 2305
regs 1 holding 650 800 700 800 2300 0 5001
regs 1 holding 672 2100 1900 0 0 3456 61 3321 57
boot
  clock 0
  flash> replace boot.rec 19 0F66626F
  log> lvl=info src=boot msg=starting mode=normal boot=1 reset=first-start detail="""" failed_boots=0 settings=current
  log> lvl=info src=outbox msg=opened prefix=ob restored=0
run 4000
  log> lvl=info src=clock msg=""wall clock synced"" mono=1000000 unsynced_samples=0
  bus> 010301F40001C404
  bus< 01030200023985
  clock 9
  bus> 0103024A002F2478
  bus< 01035E04E2145000780000FCE0F9F200000000000000000000000008FD08FA090600000000000000000000000000000000138A000000000000FF26FF24FF290000000000000000000003FCFE0CFE02FE16FA2400000000000000000000000000001467
  clock 18
  bus> 0103028400240440
  bus< 01034808FD08FB0901000000000000032002BC032008FC0000138900000000000000000000000000000000000000000000000000000000000000000834076C000000000D80003D0CF9003916D2
  clock 27
  bus> 01030202002D25AF
  bus< 01035A0034001F86A0000180E80000014000FA2BE20000B26E000000D2DAC0000100C6000000000000000086A000010000000000000000059605820000000000000000000000000000000000000000000800040000100000000000000062A2
  clock 36
  bus> 01030085000AD424
  bus< 01031400010000000000000000000000000000000000015F5B
  clock 45
  bus> 0103274000098EAC
  bus< 018302C0F1
  clock 54
  bus> 0103274000018F6A
  bus< 018302C0F1
  clock 63
  bus> 0103274800010EA8
  bus< 018302C0F1
  clock 72
  bus> 010300000008440C
  bus< 010310000500000000444259353233333435363377
  clock 81
  bus> 01030014000345CF
  bus< 010306C35000000203B12B
  clock 86
  log> lvl=info src=poll msg=""map taken over"" map=""Deye SUN-5/6/8/10/12K-SG04LP3-EU (Sunsynk 3-phase LV hybrid)"" points=64
  log> lvl=warn src=poll msg=""point no longer read"" point=battery_soh reason=illegal-address
  log> lvl=warn src=poll msg=""point no longer read"" point=battery_cycles reason=illegal-address
  flash> replace boot.bak 19 0F66626F
  flash> append ob00000000.seg 917 F3871B11
  mqtt> connect broker.example:8883 tls id=energy-logger-246F28ABCDEF keepalive=60 clean
  mqtt< connack accepted
  mqtt> sub kp1/app-v1/+/tok-deye-01/# q1
  mqtt> pub kp1/app-v1/epmx/tok-deye-01/update/keys/1 q1 #1 {""fwVersion"":""1.0.0"",""fwBuild"":""transcript"",""mac"":""246F28ABCDEF"",""ip"":""192.168.1.77"",""rssi"":-63,""uptime_s"":0,""mode"":""normal"",""boots"":1,""reset_reason"":""first-start"",""failed_boots"":0,""free_mem"":123456,""rssi_dbm"":-63,""modbus_requests"":10,""modbus_timeouts"":0,""modbus_crc_errors"":0,""modbus_exceptions"":3,""modbus_other_errors"":0,""samples"":1,""samples_too_large"":0,""outbox_appended"":1,""outbox_restored"":0,""outbox_acknowledged"":0,""outbox_depth"":1,""outbox_dropped"":0,""outbox_merged"":0,""outbox_refused"":0,""outbox_bytes"":917,""cloud_connects"":1,""cloud_lost"":0,""cloud_timeouts"":0,""loop_longest_ms"":0,""loop_over_budget"":0,""cycles"":1,""samples_unsynced"":0,""clock_anchor_mono"":1000000,""clock_anchor_unix"":1735689600000,""device_type"":5,""serial_number"":""DBY5233456"",""rated_power"":5000,""mppt_count"":2,""phase_count"":3,""gen_port_mode"":1,""gen_port_mode_text"":""smart_load""}
  mqtt> pub kp1/app-v1/cmx/tok-deye-01/config/json/2 q1 #2 {""observe"":true}
  mqtt> pub kp1/app-v1/cmx_ota/tok-deye-01/applied/json q1 #3 {""configId"":""1.0.0""}
  mqtt> pub kp1/app-v1/cmx_ota/tok-deye-01/config/json/3 q1 #4 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-deye-01/command/reboot/4 q1 #5 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-deye-01/command/get_version/5 q1 #6 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-deye-01/command/regs_read/6 q1 #7 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-deye-01/command/regs_write/7 q1 #8 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-deye-01/command/get_diagnostics/8 q1 #9 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-deye-01/command/ping/9 q1 #10 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-deye-01/command/reconnect/10 q1 #11 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-deye-01/command/set_log_level/11 q1 #12 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-deye-01/command/wifi_scan/12 q1 #13 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-deye-01/command/set_wifi/13 q1 #14 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-deye-01/command/factory_reset/14 q1 #15 {""observe"":true}
  mqtt> pub kp1/app-v1/dcx/tok-deye-01/json/15 q1 #16 [{""v"":1,""seq"":1000000001,""ts"":1735689600086,""mono"":1000086,""synced"":true,""pv"":{""power"":4000,""energy_today"":19.8,""energy_total"":10000,""mppt1"":{""voltage"":345.6,""current"":6.1,""power"":2100},""mppt2"":{""voltage"":332.1,""current"":5.7,""power"":1900}},""grid"":{""power"":1500,""frequency"":50.02,""import_energy_today"":32,""import_energy_total"":1123.4,""export_energy_today"":25,""export_energy_total"":4567.8,""l1"":{""voltage"":230.1,""current"":-2.18,""power"":500},""l2"":{""voltage"":229.8,""current"":-2.2,""power"":510},""l3"":{""voltage"":231,""current"":-2.15,""power"":490}},""battery"":{""voltage"":52,""current"":15.5,""power"":800,""temperature"":25,""charge_energy_today"":5.2,""charge_energy_total"":10000,""discharge_energy_today"":3.1,""discharge_energy_total"":3300},""load"":{""power"":2300,""frequency"":50.01,""energy_today"":21,""energy_total"":12153.6,""l1"":{""voltage"":230.1,""power"":800},""l2"":{""voltage"":229.9,""power"":700},""l3"":{""voltage"":230.5,""power"":800}},""generator"":{""connected"":true,""power"":0,""voltage"":0},""device"":{""state"":2,""state_text"":""normal"",""work_mode"":1,""work_mode_text"":""zero_export_to_load"",""fault_code"":4096,""fault_code_text"":[""F13 working mode change""],""warning_code"":4,""warning_code_text"":[""grid phase failure""],""temperature"":43,""heatsink_temperature"":41},""ext"":{""inverter_l1_current"":0,""inverter_l2_current"":0,""inverter_l3_current"":0,""energy_pattern"":0,""energy_pattern_text"":""battery_first""},""q"":{""grid.power_factor"":""out_of_range"",""battery.soc"":""out_of_range"",""battery.soh"":""unsupported"",""battery.cycles"":""unsupported""}}]
  log> lvl=info src=leds msg=state wifi=connected mqtt=connected modbus=on ota=off reset=off
  mqtt< ack 1
  mqtt< msg kp1/app-v1/epmx/tok-deye-01/update/keys/1/status
  mqtt< ack 2
  mqtt< msg kp1/app-v1/cmx/tok-deye-01/config/json/2/status {}
  mqtt< ack 3
  mqtt< ack 4
  mqtt< msg kp1/app-v1/cmx_ota/tok-deye-01/config/json/3/status {}
  mqtt< ack 5
  mqtt< msg kp1/app-v1/cex/tok-deye-01/command/reboot/4/status []
  mqtt< ack 6
  mqtt< msg kp1/app-v1/cex/tok-deye-01/command/get_version/5/status []
  mqtt< ack 7
  mqtt< msg kp1/app-v1/cex/tok-deye-01/command/regs_read/6/status []
  mqtt< ack 8
  mqtt< msg kp1/app-v1/cex/tok-deye-01/command/regs_write/7/status []
  mqtt< ack 9
  mqtt< msg kp1/app-v1/cex/tok-deye-01/command/get_diagnostics/8/status []
  mqtt< ack 10
  mqtt< msg kp1/app-v1/cex/tok-deye-01/command/ping/9/status []
  mqtt< ack 11
  mqtt< msg kp1/app-v1/cex/tok-deye-01/command/reconnect/10/status []
  mqtt< ack 12
  mqtt< msg kp1/app-v1/cex/tok-deye-01/command/set_log_level/11/status []
  mqtt< ack 13
  mqtt< msg kp1/app-v1/cex/tok-deye-01/command/wifi_scan/12/status []
  mqtt< ack 14
  mqtt< msg kp1/app-v1/cex/tok-deye-01/command/set_wifi/13/status []
  mqtt< ack 15
  mqtt< msg kp1/app-v1/cex/tok-deye-01/command/factory_reset/14/status []
  mqtt< ack 16
  mqtt< msg kp1/app-v1/dcx/tok-deye-01/json/15/status
fault crc x3
run 5000
  clock 5000
  bus> 010301F40001C404
  bus< 01030200023984
  clock 5029
  bus> 010301F40001C404
  bus< 01030200023984
  clock 5058
  bus> 010301F40001C404
  bus< 01030200023984
  clock 5087
  bus> 0103024E0002A5A4
  bus< 010304FCE0F9F20840
  clock 5096
  bus> 0103026E0004246C
  bus< 010308FE0CFE02FE16FA242996
  clock 5105
  bus> 0103028D00011599
  bus< 01030208FCBFC5
  clock 5114
  bus> 010302A00002C591
  bus< 0103040834076CBB80
  clock 5119
  flash> append ob00000000.seg 18 2DC321BC
  mqtt> pub kp1/app-v1/dcx/tok-deye-01/json/16 q1 #17 [{""v"":1,""seq"":1000000002,""ts"":1735689605119,""mono"":1005119,""synced"":true,""pv"":{""power"":4000,""energy_today"":19.8,""energy_total"":10000,""mppt1"":{""voltage"":345.6,""current"":6.1,""power"":2100},""mppt2"":{""voltage"":332.1,""current"":5.7,""power"":1900}},""grid"":{""power"":1500,""frequency"":50.02,""import_energy_today"":32,""import_energy_total"":1123.4,""export_energy_today"":25,""export_energy_total"":4567.8,""l1"":{""voltage"":230.1,""current"":-2.18,""power"":500},""l2"":{""voltage"":229.8,""current"":-2.2,""power"":510},""l3"":{""voltage"":231,""current"":-2.15,""power"":490}},""battery"":{""voltage"":52,""current"":15.5,""power"":800,""temperature"":25,""charge_energy_today"":5.2,""charge_energy_total"":10000,""discharge_energy_today"":3.1,""discharge_energy_total"":3300},""load"":{""power"":2300,""frequency"":50.01,""energy_today"":21,""energy_total"":12153.6,""l1"":{""voltage"":230.1,""power"":800},""l2"":{""voltage"":229.9,""power"":700},""l3"":{""voltage"":230.5,""power"":800}},""generator"":{""connected"":true,""power"":0,""voltage"":0},""device"":{""work_mode"":1,""work_mode_text"":""zero_export_to_load"",""fault_code"":4096,""fault_code_text"":[""F13 working mode change""],""warning_code"":4,""warning_code_text"":[""grid phase failure""],""temperature"":43,""heatsink_temperature"":41},""ext"":{""inverter_l1_current"":0,""inverter_l2_current"":0,""inverter_l3_current"":0,""energy_pattern"":0,""energy_pattern_text"":""battery_first""},""q"":{""grid.power_factor"":""out_of_range"",""battery.soc"":""out_of_range"",""battery.soh"":""unsupported"",""battery.cycles"":""unsupported"",""device.state"":""stale""}}]
  mqtt< ack 17
  mqtt< msg kp1/app-v1/dcx/tok-deye-01/json/16/status
regs 1 holding 534 33000 1
run 4000
  clock 10000
  bus> 010301F40001C404
  bus< 01030200023985
  clock 10009
  bus> 0103024A002F2478
  bus< 01035E04E2145000780000FCE0F9F200000000000000000000000008FD08FA090600000000000000000000000000000000138A000000000000FF26FF24FF290000000000000000000003FCFE0CFE02FE16FA2400000000000000000000000000001467
  clock 10018
  bus> 0103028400240440
  bus< 01034808FD08FB0901000000000000032002BC032008FC0000138900000000000000000000000000000000000000000000000000000000000000000834076C000000000D80003D0CF9003916D2
  clock 10027
  bus> 01030202002D25AF
  bus< 01035A0034001F86A0000180E80000014000FA2BE20000B26E000000D2DAC0000100C6000000000000000080E80001000000000000000005960582000000000000000000000000000000000000000000080004000010000000000000003CCC
  clock 10036
  bus> 0103008D00025420
  bus< 010304000000013BF3
  clock 10041
  flash> append ob00000000.seg 20 35B20EFC
  mqtt> pub kp1/app-v1/dcx/tok-deye-01/json/17 q1 #18 [{""v"":1,""seq"":1000000003,""ts"":1735689610041,""mono"":1010041,""synced"":true,""pv"":{""power"":4000,""energy_today"":19.8,""mppt1"":{""voltage"":345.6,""current"":6.1,""power"":2100},""mppt2"":{""voltage"":332.1,""current"":5.7,""power"":1900}},""grid"":{""power"":1500,""frequency"":50.02,""import_energy_today"":32,""import_energy_total"":1123.4,""export_energy_today"":25,""export_energy_total"":4567.8,""l1"":{""voltage"":230.1,""current"":-2.18,""power"":500},""l2"":{""voltage"":229.8,""current"":-2.2,""power"":510},""l3"":{""voltage"":231,""current"":-2.15,""power"":490}},""battery"":{""voltage"":52,""current"":15.5,""power"":800,""temperature"":25,""charge_energy_today"":5.2,""charge_energy_total"":10000,""discharge_energy_today"":3.1,""discharge_energy_total"":3300},""load"":{""power"":2300,""frequency"":50.01,""energy_today"":21,""energy_total"":12153.6,""l1"":{""voltage"":230.1,""power"":800},""l2"":{""voltage"":229.9,""power"":700},""l3"":{""voltage"":230.5,""power"":800}},""generator"":{""connected"":true,""power"":0,""voltage"":0},""device"":{""state"":2,""state_text"":""normal"",""work_mode"":1,""work_mode_text"":""zero_export_to_load"",""fault_code"":4096,""fault_code_text"":[""F13 working mode change""],""warning_code"":4,""warning_code_text"":[""grid phase failure""],""temperature"":43,""heatsink_temperature"":41},""ext"":{""inverter_l1_current"":0,""inverter_l2_current"":0,""inverter_l3_current"":0,""energy_pattern"":0,""energy_pattern_text"":""battery_first""},""q"":{""pv.energy_total"":""implausible"",""grid.power_factor"":""out_of_range"",""battery.soc"":""out_of_range"",""battery.soh"":""unsupported"",""battery.cycles"":""unsupported""}}]
  clock 10050
  mqtt< ack 18
  mqtt< msg kp1/app-v1/dcx/tok-deye-01/json/17/status
";
    }
}
