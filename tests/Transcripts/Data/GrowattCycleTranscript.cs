// Shared with the nanoFramework test assemblies: C# 9, no generics, no nullable annotations.
#nullable disable
namespace EnergyLogger.Transcripts
{
    /// <summary>
    /// A Growatt SPH (tools/register-maps/growatt-sph.json) polled through the main loop and published to Kaa: two
    /// banks of input registers read with the map's 1 s gap between requests, so that the cycle budget leaves reads
    /// out and the next cycles make them first; grid and battery power computed from their unsigned halves; a read
    /// that a reply from another slave leaves stale.
    /// </summary>
    public static class GrowattCycleTranscript
    {
        public const string Text = @"# Growatt SPH on Kaa: input registers in two banks with 1 s between requests (the map's minGapMs). An 8 s cycle
# budget holds 7 of the 17 reads, so the reads it leaves out wait and go first in the next cycles; grid and
# battery power are computed from their unsigned halves; a reply from another slave leaves a read stale.
scenario loop
map growatt
set wifi.ssid Home Net
set wifi.key correct horse battery
set mqtt.host broker.example
set kaa.token tok-growatt-01
set kaa.app app-v1
option poll.fastMs 10000
option poll.normalMs 30000
option poll.slowMs 60000
option poll.budgetMs 8000
slave 1
fill 1 input 0 125 0
fill 1 input 1000 125 0
fill 1 holding 0 50 0
regs 1 input 0 1 0 40000 3456 61 0 21000 3321 57 0 19000
regs 1 input 35 0 38000 5001 2301 165
regs 1 input 59 0 52 0 0 0 31
regs 1 input 91 1 34464 412 398
regs 1 input 1000 1
regs 1 input 1011 0 8000 520 87
regs 1 input 1021 0 2000
regs 1 input 1029 0 15000
regs 1 input 1037 0 23000 0 215
regs 1 input 1044 0 32 0 11234 0 25 0 45678 0 31 0 33000 0 52 1 34464 0 210 1 56000
regs 1 input 1067 5000 2300 0
regs 1 input 1088 155
regs 1 input 1095 412 98
regs 1 holding 9 21057 12590 12320
regs 1 holding 23 18263 12594 13108 13622 14112
regs 1 holding 43 33 515
regs 1 holding 1088 0
boot
  clock 0
  flash> replace boot.rec 19 0F66626F
  log> lvl=info src=boot msg=starting mode=normal boot=1 reset=first-start detail="""" failed_boots=0 settings=current
  log> lvl=info src=outbox msg=opened prefix=ob restored=0
run 19000
  log> lvl=info src=clock msg=""wall clock synced"" mono=1000000 unsynced_samples=0
  bus> 01040000000BB1CD
  bus< 010416000100009C400D80003D000052080CF9003900004A38E9DC
  clock 1005
  bus> 010403F1003D606C
  bus< 01047A0000000000001F4002080057000000000000000000000000000007D000000000000000000000000000003A98000000000000000000000000000059D8000000D70000000000000000002000002BE2000000190000B26E0000001F000080E800000034000186A0000000D20001DAC0000000000000138808FC00004328
  clock 2010
  bus> 01040440000930E8
  bus< 010412009B000000000000000000000000019C00621C11
  clock 3015
  bus> 010400230005C1C3
  bus< 01040A00009470138908FD00A524B2
  clock 4020
  bus> 0104003B000601C5
  bus< 01040C00000034000000000000001FB2BE
  clock 5025
  bus> 0104005B001C8010
  bus< 010438000186A0019C018E0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000002864
  clock 6030
  bus> 010403E80001B1BA
  bus< 010402000178F0
  clock 6035
  log> lvl=info src=poll msg=""map taken over"" map=""Growatt SPH 3000-6000TL BL(-UP) (1-phase hybrid)"" points=51
  flash> replace boot.bak 19 0F66626F
  flash> append ob00000000.seg 761 E0848A47
  mqtt> connect broker.example:8883 tls id=energy-logger-246F28ABCDEF keepalive=60 clean
  mqtt< connack accepted
  mqtt> sub kp1/app-v1/+/tok-growatt-01/# q1
  mqtt> pub kp1/app-v1/epmx/tok-growatt-01/update/keys/1 q1 #1 {""fwVersion"":""1.0.0"",""fwBuild"":""transcript"",""mac"":""246F28ABCDEF"",""ip"":""192.168.1.77"",""rssi"":-63,""uptime_s"":6,""mode"":""normal"",""boots"":1,""reset_reason"":""first-start"",""failed_boots"":0,""free_mem"":123456,""rssi_dbm"":-63,""modbus_requests"":7,""modbus_timeouts"":0,""modbus_crc_errors"":0,""modbus_exceptions"":0,""modbus_other_errors"":0,""samples"":1,""samples_too_large"":0,""outbox_appended"":1,""outbox_restored"":0,""outbox_acknowledged"":0,""outbox_depth"":1,""outbox_dropped"":0,""outbox_merged"":0,""outbox_refused"":0,""outbox_bytes"":761,""cloud_connects"":1,""cloud_lost"":0,""cloud_timeouts"":0,""loop_longest_ms"":0,""loop_over_budget"":0,""cycles"":1,""samples_unsynced"":0,""clock_anchor_mono"":1000000,""clock_anchor_unix"":1735689600000}
  mqtt> pub kp1/app-v1/cmx/tok-growatt-01/config/json/2 q1 #2 {""observe"":true}
  mqtt> pub kp1/app-v1/cmx_ota/tok-growatt-01/applied/json q1 #3 {""configId"":""1.0.0""}
  mqtt> pub kp1/app-v1/cmx_ota/tok-growatt-01/config/json/3 q1 #4 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-growatt-01/command/reboot/4 q1 #5 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-growatt-01/command/get_version/5 q1 #6 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-growatt-01/command/regs_read/6 q1 #7 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-growatt-01/command/regs_write/7 q1 #8 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-growatt-01/command/get_diagnostics/8 q1 #9 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-growatt-01/command/ping/9 q1 #10 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-growatt-01/command/reconnect/10 q1 #11 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-growatt-01/command/set_log_level/11 q1 #12 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-growatt-01/command/wifi_scan/12 q1 #13 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-growatt-01/command/set_wifi/13 q1 #14 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-growatt-01/command/factory_reset/14 q1 #15 {""observe"":true}
  mqtt> pub kp1/app-v1/dcx/tok-growatt-01/json/15 q1 #16 [{""v"":1,""seq"":1000000001,""ts"":1735689606035,""mono"":1006035,""synced"":true,""pv"":{""power"":4000,""energy_today"":8.3,""energy_total"":10000,""mppt1"":{""voltage"":345.6,""current"":6.1,""power"":2100},""mppt2"":{""voltage"":332.1,""current"":5.7,""power"":1900}},""grid"":{""power"":1300,""frequency"":50.01,""import_energy_today"":3.2,""import_energy_total"":1123.4,""export_energy_today"":2.5,""export_energy_total"":4567.8,""l1"":{""voltage"":230.1}},""battery"":{""voltage"":52,""current"":15.5,""power"":800,""soc"":87,""soh"":98,""temperature"":21.5,""cycles"":412,""charge_energy_today"":5.2,""charge_energy_total"":10000,""discharge_energy_today"":3.1,""discharge_energy_total"":3300},""load"":{""power"":2300,""energy_today"":21,""energy_total"":12153.6},""device"":{""state"":1,""state_text"":""normal"",""work_mode"":0,""work_mode_text"":""load_first"",""fault_code"":0,""warning_code"":0,""temperature"":41.2,""heatsink_temperature"":39.8},""ext"":{""system_mode"":1,""system_mode_text"":""self_test"",""pv1_energy_today"":5.2,""pv2_energy_today"":3.1,""inverter_current"":16.5,""inverter_power"":3800,""grid_import_power"":200,""grid_export_power"":1500,""battery_discharge_power"":0,""battery_charge_power"":800,""eps_frequency"":50,""eps_voltage"":230,""eps_current"":0},""q"":{""ext.grid_first_enable"":""stale""}}]
  log> lvl=info src=leds msg=state wifi=connected mqtt=connected modbus=on ota=off reset=off
  mqtt< ack 1
  mqtt< msg kp1/app-v1/epmx/tok-growatt-01/update/keys/1/status
  mqtt< ack 2
  mqtt< msg kp1/app-v1/cmx/tok-growatt-01/config/json/2/status {}
  mqtt< ack 3
  mqtt< ack 4
  mqtt< msg kp1/app-v1/cmx_ota/tok-growatt-01/config/json/3/status {}
  mqtt< ack 5
  mqtt< msg kp1/app-v1/cex/tok-growatt-01/command/reboot/4/status []
  mqtt< ack 6
  mqtt< msg kp1/app-v1/cex/tok-growatt-01/command/get_version/5/status []
  mqtt< ack 7
  mqtt< msg kp1/app-v1/cex/tok-growatt-01/command/regs_read/6/status []
  mqtt< ack 8
  mqtt< msg kp1/app-v1/cex/tok-growatt-01/command/regs_write/7/status []
  mqtt< ack 9
  mqtt< msg kp1/app-v1/cex/tok-growatt-01/command/get_diagnostics/8/status []
  mqtt< ack 10
  mqtt< msg kp1/app-v1/cex/tok-growatt-01/command/ping/9/status []
  mqtt< ack 11
  mqtt< msg kp1/app-v1/cex/tok-growatt-01/command/reconnect/10/status []
  mqtt< ack 12
  mqtt< msg kp1/app-v1/cex/tok-growatt-01/command/set_log_level/11/status []
  mqtt< ack 13
  mqtt< msg kp1/app-v1/cex/tok-growatt-01/command/wifi_scan/12/status []
  mqtt< ack 14
  mqtt< msg kp1/app-v1/cex/tok-growatt-01/command/set_wifi/13/status []
  mqtt< ack 15
  mqtt< msg kp1/app-v1/cex/tok-growatt-01/command/factory_reset/14/status []
  mqtt< ack 16
  mqtt< msg kp1/app-v1/dcx/tok-growatt-01/json/15/status
  clock 10000
  bus> 01030440000184EE
  bus< 0103020000B844
  clock 11005
  bus> 010300090003D5C9
  bus< 0103065241312E30206BE5
  clock 12010
  bus> 01030017000535CD
  bus< 01030A47573132333435363720D0BD
  clock 13015
  bus> 0103002B0002B403
  bus< 01030400210203EB58
  clock 14020
  bus> 010400000003B00B
  bus< 010406000100009C4035A3
  clock 15025
  bus> 010403F10037E06B
  bus< 01046E0000000000001F4002080057000000000000000000000000000007D000000000000000000000000000003A98000000000000000000000000000059D8000000D70000000000000000002000002BE2000000190000B26E0000001F000080E800000034000186A0000000D20001DAC054E1
  clock 16030
  bus> 01040440000930E8
  bus< 010412009B000000000000000000000000019C00621C11
  clock 16035
  flash> append ob00000000.seg 36 247A2500
  mqtt> pub kp1/app-v1/dcx/tok-growatt-01/json/16 q1 #17 [{""v"":1,""seq"":1000000002,""ts"":1735689616035,""mono"":1016035,""synced"":true,""pv"":{""power"":4000,""energy_today"":8.3,""energy_total"":10000,""mppt1"":{""voltage"":345.6,""current"":6.1,""power"":2100},""mppt2"":{""voltage"":332.1,""current"":5.7,""power"":1900}},""grid"":{""power"":1300,""frequency"":50.01,""import_energy_today"":3.2,""import_energy_total"":1123.4,""export_energy_today"":2.5,""export_energy_total"":4567.8,""l1"":{""voltage"":230.1}},""battery"":{""voltage"":52,""current"":15.5,""power"":800,""soc"":87,""soh"":98,""temperature"":21.5,""cycles"":412,""charge_energy_today"":5.2,""charge_energy_total"":10000,""discharge_energy_today"":3.1,""discharge_energy_total"":3300},""load"":{""power"":2300,""energy_today"":21,""energy_total"":12153.6},""device"":{""state"":1,""state_text"":""normal"",""work_mode"":0,""work_mode_text"":""load_first"",""fault_code"":0,""warning_code"":0,""temperature"":41.2,""heatsink_temperature"":39.8},""ext"":{""system_mode"":1,""system_mode_text"":""self_test"",""grid_first_enable"":0,""pv1_energy_today"":5.2,""pv2_energy_today"":3.1,""inverter_current"":16.5,""inverter_power"":3800,""grid_import_power"":200,""grid_export_power"":1500,""battery_discharge_power"":0,""battery_charge_power"":800,""eps_frequency"":50,""eps_voltage"":230,""eps_current"":0},""q"":{""grid.import_energy_today"":""fresh"",""grid.export_energy_today"":""fresh"",""battery.voltage"":""fresh"",""battery.soc"":""fresh"",""battery.temperature"":""fresh"",""battery.charge_energy_today"":""fresh"",""battery.discharge_energy_today"":""fresh"",""load.energy_today"":""fresh""}}]
  mqtt< ack 17
  mqtt< msg kp1/app-v1/dcx/tok-growatt-01/json/16/status
fault wrong-slave 2 x3
run 6000
  clock 20000
  bus> 010400000003B00B
  bus< 020406000100009C402153
  clock 20009
  bus> 010400000003B00B
  bus< 020406000100009C402153
  clock 20018
  bus> 010400000003B00B
  bus< 020406000100009C402153
  clock 21023
  bus> 010403F1001E21B5
  bus< 01043C0000000000001F4002080057000000000000000000000000000007D000000000000000000000000000003A98000000000000000000000000000059D89003
  clock 22028
  bus> 010404400001312E
  bus< 010402009BF89B
  clock 22033
  flash> append ob00000000.seg 32 2321D5CF
  mqtt> pub kp1/app-v1/dcx/tok-growatt-01/json/17 q1 #18 [{""v"":1,""seq"":1000000003,""ts"":1735689622033,""mono"":1022033,""synced"":true,""pv"":{""energy_today"":8.3,""energy_total"":10000,""mppt1"":{""voltage"":345.6,""current"":6.1,""power"":2100},""mppt2"":{""voltage"":332.1,""current"":5.7,""power"":1900}},""grid"":{""power"":1300,""frequency"":50.01,""import_energy_today"":3.2,""import_energy_total"":1123.4,""export_energy_today"":2.5,""export_energy_total"":4567.8,""l1"":{""voltage"":230.1}},""battery"":{""voltage"":52,""current"":15.5,""power"":800,""soc"":87,""soh"":98,""temperature"":21.5,""cycles"":412,""charge_energy_today"":5.2,""charge_energy_total"":10000,""discharge_energy_today"":3.1,""discharge_energy_total"":3300},""load"":{""power"":2300,""energy_today"":21,""energy_total"":12153.6},""device"":{""work_mode"":0,""work_mode_text"":""load_first"",""fault_code"":0,""warning_code"":0,""temperature"":41.2,""heatsink_temperature"":39.8},""ext"":{""system_mode"":1,""system_mode_text"":""self_test"",""grid_first_enable"":0,""pv1_energy_today"":5.2,""pv2_energy_today"":3.1,""inverter_current"":16.5,""inverter_power"":3800,""grid_import_power"":200,""grid_export_power"":1500,""battery_discharge_power"":0,""battery_charge_power"":800,""eps_frequency"":50,""eps_voltage"":230,""eps_current"":0},""q"":{""pv.power"":""stale"",""battery.voltage"":""fresh"",""battery.soc"":""fresh"",""device.state"":""stale""}}]
  mqtt< ack 18
  mqtt< msg kp1/app-v1/dcx/tok-growatt-01/json/17/status
";
    }
}
