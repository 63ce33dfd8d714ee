// Shared with the nanoFramework test assemblies: C# 9, no generics, no nullable annotations.
#nullable disable
namespace EnergyLogger.Transcripts
{
    /// <summary>
    /// The supervisor and a stalled loop (RELIABILITY W1): a bus read that never returns, the watchdog fed while the
    /// heartbeat was fresh, the stall stored in the boot journal and the reboot; the next boot reports it.
    /// </summary>
    public static class SupervisorStallTranscript
    {
        public const string Text = @"# The supervisor catches a stalled loop (RELIABILITY W1, docs/runtime.md): a bus read that never returns (a stuck UART
# driver) parks the loop in its poll phase. The supervisor checks every second and feeds the external watchdog while
# the heartbeat is fresh; 120 s after the last beat it stores the reason in the boot journal and reboots. The next
# boot reports the stall in its boot record and in the metadata, and runs normally.
scenario loop
map {""format"":""energylogger-map/1"",""name"":""tiny"",""devices"":[{""id"":""inv"",""slave"":1}],""points"":[{""name"":""grid_power"",""address"":10,""type"":""int16"",""poll"":""fast"",""target"":""grid.power""}]}
set wifi.ssid Home Net
set mqtt.host 192.168.1.10
set mqtt.port 1883
set mqtt.tls off
set cloud.mode mqtt
set mqtt.prefix home/energy
set watchdog.gpio 21
slave 1
regs 1 holding 10 100
boot
  clock 0
  flash> replace boot.rec 19 0F66626F
  log> lvl=info src=boot msg=starting mode=normal boot=1 reset=first-start detail="""" failed_boots=0 settings=current
  log> lvl=info src=outbox msg=opened prefix=ob restored=0
run 3000
  log> lvl=info src=clock msg=""wall clock synced"" mono=1000000 unsynced_samples=0
  bus> 0103000A0001A408
  bus< 0103020064B9AF
  clock 5
  log> lvl=info src=poll msg=""map taken over"" map=tiny points=1
  flash> replace boot.bak 19 0F66626F
  flash> append ob00000000.seg 47 EF5D2872
  mqtt> connect 192.168.1.10:1883 plain id=energy-logger-246F28ABCDEF will=home/energy/status,retain,offline keepalive=60 clean
  mqtt< connack accepted
  mqtt> sub home/energy/config/set q1
  mqtt> sub home/energy/command/+ q1
  mqtt> sub home/energy/ota/offer q1
  mqtt> pub home/energy/status q1 retain #1 online
  mqtt> pub home/energy/metadata q1 retain #2 {""fwVersion"":""1.0.0"",""fwBuild"":""transcript"",""mac"":""246F28ABCDEF"",""ip"":""192.168.1.77"",""rssi"":-63,""uptime_s"":0,""mode"":""normal"",""boots"":1,""reset_reason"":""first-start"",""failed_boots"":0,""free_mem"":123456,""rssi_dbm"":-63,""modbus_requests"":1,""modbus_timeouts"":0,""modbus_crc_errors"":0,""modbus_exceptions"":0,""modbus_other_errors"":0,""samples"":1,""samples_too_large"":0,""outbox_appended"":1,""outbox_restored"":0,""outbox_acknowledged"":0,""outbox_depth"":1,""outbox_dropped"":0,""outbox_merged"":0,""outbox_refused"":0,""outbox_bytes"":47,""cloud_connects"":1,""cloud_lost"":0,""cloud_timeouts"":0,""loop_longest_ms"":0,""loop_over_budget"":0,""cycles"":1,""samples_unsynced"":0,""clock_anchor_mono"":1000000,""clock_anchor_unix"":1735689600000}
  mqtt> pub home/energy/telemetry q1 #3 [{""v"":1,""seq"":1000000001,""ts"":1735689600005,""mono"":1000005,""synced"":true,""grid"":{""power"":100}}]
  log> lvl=info src=leds msg=state wifi=connected mqtt=connected modbus=on ota=off reset=off
  clock 50
  mqtt< ack 1
  mqtt< ack 2
  mqtt< ack 3
fault stall
run 10000
  clock 5000
  bus> 0103000A0001A408
  bus< stall
  clock 125000
  log> lvl=error src=supervisor msg=""main loop stalled; rebooting"" phase=poll silent_ms=120000
  flash> replace boot.rec 53 4B103FEB
  reboot
  watchdog fed 119
  halt stalled loop rebooted by the supervisor
boot
  clock 0
  flash> replace boot.rec 19 5D68ED5D
  log> lvl=info src=boot msg=starting mode=normal boot=2 reset=stall detail=""no heartbeat for 120000 ms in poll"" failed_boots=1 settings=current
  log> lvl=info src=outbox msg=opened prefix=ob restored=1
run 1000
  log> lvl=info src=clock msg=""wall clock synced"" mono=1000000 unsynced_samples=0
  bus> 0103000A0001A408
  bus< 0103020064B9AF
  clock 5
  log> lvl=info src=poll msg=""map taken over"" map=tiny points=1
  flash> replace boot.bak 19 5D68ED5D
  flash> append ob00000001.seg 47 984BFE30
  mqtt> connect 192.168.1.10:1883 plain id=energy-logger-246F28ABCDEF will=home/energy/status,retain,offline keepalive=60 clean
  mqtt< connack accepted
  mqtt> sub home/energy/config/set q1
  mqtt> sub home/energy/command/+ q1
  mqtt> sub home/energy/ota/offer q1
  mqtt> pub home/energy/status q1 retain #1 online
  mqtt> pub home/energy/metadata q1 retain #2 {""fwVersion"":""1.0.0"",""fwBuild"":""transcript"",""mac"":""246F28ABCDEF"",""ip"":""192.168.1.77"",""rssi"":-63,""uptime_s"":0,""mode"":""normal"",""boots"":2,""reset_reason"":""stall"",""reset_detail"":""no heartbeat for 120000 ms in poll"",""failed_boots"":1,""free_mem"":123456,""rssi_dbm"":-63,""modbus_requests"":1,""modbus_timeouts"":0,""modbus_crc_errors"":0,""modbus_exceptions"":0,""modbus_other_errors"":0,""samples"":1,""samples_too_large"":0,""outbox_appended"":1,""outbox_restored"":1,""outbox_acknowledged"":0,""outbox_depth"":2,""outbox_dropped"":0,""outbox_merged"":0,""outbox_refused"":0,""outbox_bytes"":94,""cloud_connects"":1,""cloud_lost"":0,""cloud_timeouts"":0,""loop_longest_ms"":0,""loop_over_budget"":0,""cycles"":1,""samples_unsynced"":0,""clock_anchor_mono"":1000000,""clock_anchor_unix"":1735689725000}
  mqtt> pub home/energy/telemetry q1 #3 [{""v"":1,""seq"":2000000001,""ts"":1735689725005,""mono"":1000005,""synced"":true,""grid"":{""power"":100}}]
  mqtt> pub home/energy/telemetry q1 #4 [{""v"":1,""seq"":1000000001,""ts"":1735689600005,""mono"":1000005,""synced"":true,""grid"":{""power"":100}}]
  log> lvl=info src=leds msg=state wifi=connected mqtt=connected modbus=on ota=off reset=off
  clock 50
  mqtt< ack 1
  mqtt< ack 2
  mqtt< ack 3
  mqtt< ack 4
  flash> delete ob00000000.seg
";
    }
}
