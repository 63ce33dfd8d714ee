// Shared with the nanoFramework test assemblies: C# 9, no generics, no nullable annotations.
#nullable disable
namespace EnergyLogger.Transcripts
{
    /// <summary>
    /// A small map on custom MQTT: exception 02 teaches the read planner where the slave's holes are and the plan
    /// converges within the cycle; a point of its own that the slave lacks becomes unsupported; and the quality flags
    /// a map can ask for: invalid (NaN), sentinel (a listed raw value, a SunSpec scale factor of 0x8000), out_of_range
    /// (validMin..validMax) and torn (a 32-bit value whose registers came from different reads).
    /// </summary>
    public static class PollLearningTranscript
    {
        public const string Text = @"# A small map on custom MQTT that shows how the logger learns from exception 02 and flags values it cannot trust:
# the first read of the normal class bridges registers the slave does not have, so the planner splits it and reads
# the points again in the same cycle; a register of its own that the slave lacks is unsupported; a NaN float is
# invalid; a raw value listed as ""not available"" and a SunSpec scale factor of 0x8000 are sentinels; a temperature
# outside validMin..validMax is out_of_range; and a 32-bit counter whose low word a fast read refreshes alone is torn.
scenario loop
map {""format"":""energylogger-map/1"",""name"":""learning"",""devices"":[{""id"":""inv"",""slave"":1}],""points"":[{""name"":""grid_power"",""address"":200,""type"":""int16"",""poll"":""fast"",""target"":""grid.power""},{""name"":""energy_low"",""address"":41,""poll"":""fast""},{""name"":""soc"",""address"":12,""target"":""battery.soc""},{""name"":""pv_power"",""address"":20,""type"":""float32"",""target"":""pv.power""},{""name"":""load_power"",""address"":22,""sentinels"":[""0xFFFF""],""target"":""load.power""},{""name"":""pv_voltage"",""address"":24,""type"":""int16"",""scaleFactor"":""v_sf"",""target"":""pv.mppt1.voltage""},{""name"":""v_sf"",""address"":25,""type"":""int16""},{""name"":""temp"",""address"":26,""type"":""int16"",""scale"":0.1,""validMin"":-40,""validMax"":100,""target"":""device.temperature""},{""name"":""freq"",""address"":27,""scale"":0.01,""target"":""grid.frequency""},{""name"":""energy"",""address"":40,""type"":""uint32"",""scale"":0.1,""target"":""pv.energy_total""},{""name"":""gone"",""address"":60}]}
set wifi.ssid Home Net
set wifi.key correct horse battery
set mqtt.host 192.168.1.10
set mqtt.port 1883
set mqtt.tls off
set cloud.mode mqtt
set mqtt.prefix site/logger1
option poll.fastMs 5000
option poll.normalMs 10000
option poll.slowMs 60000
slave 1
regs 1 holding 200 -1500
regs 1 holding 12 87
regs 1 holding 20 32704 0 65535 0 2301 -32768 1500 5001
regs 1 holding 40 1 34464
boot
  clock 0
  flash> replace boot.rec 19 0F66626F
  log> lvl=info src=boot msg=starting mode=normal boot=1 reset=first-start detail="""" failed_boots=0 settings=current
  log> lvl=info src=outbox msg=opened prefix=ob restored=0
run 4000
  log> lvl=info src=clock msg=""wall clock synced"" mono=1000000 unsynced_samples=0
  bus> 0103002800024403
  bus< 010304000186A0C9EB
  clock 9
  bus> 010300C8000105F4
  bus< 010302FA24FAFF
  clock 18
  bus> 0103000C00108405
  bus< 018302C0F1
  clock 27
  bus> 0103000C00014409
  bus< 0103020057F9BA
  clock 36
  bus> 01030014000345CF
  bus< 0103067FC00000FFFF2B1B
  clock 45
  bus> 010300180004C40E
  bus< 01030808FD800005DC1389AADE
  clock 54
  bus> 0103003C00014406
  bus< 018302C0F1
  clock 59
  log> lvl=info src=poll msg=""map taken over"" map=learning points=11
  log> lvl=warn src=poll msg=""point no longer read"" point=gone reason=illegal-address
  flash> replace boot.bak 19 0F66626F
  flash> append ob00000000.seg 123 3B03B656
  mqtt> connect 192.168.1.10:1883 plain id=energy-logger-246F28ABCDEF will=site/logger1/status,retain,offline keepalive=60 clean
  mqtt< connack accepted
  mqtt> sub site/logger1/config/set q1
  mqtt> sub site/logger1/command/+ q1
  mqtt> sub site/logger1/ota/offer q1
  mqtt> pub site/logger1/status q1 retain #1 online
  mqtt> pub site/logger1/metadata q1 retain #2 {""fwVersion"":""1.0.0"",""fwBuild"":""transcript"",""mac"":""246F28ABCDEF"",""ip"":""192.168.1.77"",""rssi"":-63,""uptime_s"":0,""mode"":""normal"",""boots"":1,""reset_reason"":""first-start"",""failed_boots"":0,""free_mem"":123456,""rssi_dbm"":-63,""modbus_requests"":7,""modbus_timeouts"":0,""modbus_crc_errors"":0,""modbus_exceptions"":2,""modbus_other_errors"":0,""samples"":1,""samples_too_large"":0,""outbox_appended"":1,""outbox_restored"":0,""outbox_acknowledged"":0,""outbox_depth"":1,""outbox_dropped"":0,""outbox_merged"":0,""outbox_refused"":0,""outbox_bytes"":123,""cloud_connects"":1,""cloud_lost"":0,""cloud_timeouts"":0,""loop_longest_ms"":0,""loop_over_budget"":0,""cycles"":1,""samples_unsynced"":0,""clock_anchor_mono"":1000000,""clock_anchor_unix"":1735689600000}
  mqtt> pub site/logger1/telemetry q1 #3 [{""v"":1,""seq"":1000000001,""ts"":1735689600059,""mono"":1000059,""synced"":true,""pv"":{""energy_total"":10000},""grid"":{""power"":-1500,""frequency"":50.01},""battery"":{""soc"":87},""ext"":{""energy_low"":34464},""q"":{""pv.power"":""invalid"",""pv.mppt1.voltage"":""sentinel"",""load.power"":""sentinel"",""device.temperature"":""out_of_range"",""ext.gone"":""unsupported""}}]
  log> lvl=info src=leds msg=state wifi=connected mqtt=connected modbus=on ota=off reset=off
  mqtt< ack 1
  mqtt< ack 2
  mqtt< ack 3
regs 1 holding 41 34470
run 5000
  clock 5000
  bus> 01030029000155C2
  bus< 01030286A65A5E
  clock 5009
  bus> 010300C8000105F4
  bus< 010302FA24FAFF
  clock 5014
  flash> append ob00000000.seg 21 A8690F75
  mqtt> pub site/logger1/state q0 retain {""v"":1,""seq"":1000000002,""ts"":1735689605014,""mono"":1005014,""synced"":true,""grid"":{""power"":-1500,""frequency"":50.01},""battery"":{""soc"":87},""ext"":{""energy_low"":34470},""q"":{""pv.power"":""invalid"",""pv.energy_total"":""torn"",""pv.mppt1.voltage"":""sentinel"",""load.power"":""sentinel"",""device.temperature"":""out_of_range"",""ext.gone"":""unsupported""}}
  mqtt> pub site/logger1/telemetry q1 #4 [{""v"":1,""seq"":1000000002,""ts"":1735689605014,""mono"":1005014,""synced"":true,""grid"":{""power"":-1500,""frequency"":50.01},""battery"":{""soc"":87},""ext"":{""energy_low"":34470},""q"":{""pv.power"":""invalid"",""pv.energy_total"":""torn"",""pv.mppt1.voltage"":""sentinel"",""load.power"":""sentinel"",""device.temperature"":""out_of_range"",""ext.gone"":""unsupported""}}]
  clock 5050
  mqtt< ack 4
regs 1 holding 25 -1
run 4000
  clock 10000
  bus> 0103002800024403
  bus< 010304000186A649E9
  clock 10009
  bus> 010300C8000105F4
  bus< 010302FA24FAFF
  clock 10018
  bus> 0103000C00014409
  bus< 0103020057F9BA
  clock 10027
  bus> 01030014000345CF
  bus< 0103067FC00000FFFF2B1B
  clock 10036
  bus> 010300180004C40E
  bus< 01030808FDFFFF05DC1389B505
  clock 10041
  flash> append ob00000000.seg 29 D83D73C1
  mqtt> pub site/logger1/state q0 retain {""v"":1,""seq"":1000000003,""ts"":1735689610041,""mono"":1010041,""synced"":true,""pv"":{""energy_total"":10000.6,""mppt1"":{""voltage"":230.1}},""grid"":{""power"":-1500,""frequency"":50.01},""battery"":{""soc"":87},""ext"":{""energy_low"":34470},""q"":{""pv.power"":""invalid"",""load.power"":""sentinel"",""device.temperature"":""out_of_range"",""ext.gone"":""unsupported""}}
  mqtt> pub site/logger1/telemetry q1 #5 [{""v"":1,""seq"":1000000003,""ts"":1735689610041,""mono"":1010041,""synced"":true,""pv"":{""energy_total"":10000.6,""mppt1"":{""voltage"":230.1}},""grid"":{""power"":-1500,""frequency"":50.01},""battery"":{""soc"":87},""ext"":{""energy_low"":34470},""q"":{""pv.power"":""invalid"",""load.power"":""sentinel"",""device.temperature"":""out_of_range"",""ext.gone"":""unsupported""}}]
  clock 10050
  mqtt< ack 5
";
    }
}
