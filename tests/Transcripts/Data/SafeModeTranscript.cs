// Shared with the nanoFramework test assemblies: C# 9, no generics, no nullable annotations.
#nullable disable
namespace EnergyLogger.Transcripts
{
    /// <summary>
    /// Safe mode after three failed boots (RELIABILITY W1): no polling while the cloud link and the commands run,
    /// kept across a power cut, and ended by the reboot command.
    /// </summary>
    public static class SafeModeTranscript
    {
        public const string Text = @"# Safe mode (RELIABILITY W1): three boots in a row stall, so the fourth runs in safe mode: no polling; the cloud
# link, metadata and commands run. It survives a power cut; a reboot command ends it and the next boot polls.
scenario loop
map {""format"":""energylogger-map/1"",""name"":""tiny"",""devices"":[{""id"":""inv"",""slave"":1}],""points"":[{""name"":""grid_power"",""address"":10,""type"":""int16"",""poll"":""fast"",""target"":""grid.power""}]}
set wifi.ssid Home Net
set mqtt.host mqtt.cloud.kaaiot.com
set kaa.token tok-safe-01
set kaa.app app-v1
option loop.tickMs 500
slave 1
regs 1 holding 10 100
fault stall x3
boot
  clock 0
  flash> replace boot.rec 19 0F66626F
  log> lvl=info src=boot msg=starting mode=normal boot=1 reset=first-start detail="""" failed_boots=0 settings=current
  log> lvl=info src=outbox msg=opened prefix=ob restored=0
run 1000
  log> lvl=info src=clock msg=""wall clock synced"" mono=1000000 unsynced_samples=0
  bus> 0103000A0001A408
  bus< stall
  clock 120000
  log> lvl=error src=supervisor msg=""main loop stalled; rebooting"" phase=poll silent_ms=120000
  flash> replace boot.rec 53 4B103FEB
  reboot
  halt stalled loop rebooted by the supervisor
boot
  clock 0
  flash> replace boot.rec 19 5D68ED5D
  log> lvl=info src=boot msg=starting mode=normal boot=2 reset=stall detail=""no heartbeat for 120000 ms in poll"" failed_boots=1 settings=current
  log> lvl=info src=outbox msg=opened prefix=ob restored=0
run 1000
  log> lvl=info src=clock msg=""wall clock synced"" mono=1000000 unsynced_samples=0
  bus> 0103000A0001A408
  bus< stall
  clock 120000
  log> lvl=error src=supervisor msg=""main loop stalled; rebooting"" phase=poll silent_ms=120000
  flash> replace boot.rec 53 64C4EFEA
  reboot
  halt stalled loop rebooted by the supervisor
boot
  clock 0
  flash> replace boot.rec 19 EA05751C
  log> lvl=info src=boot msg=starting mode=normal boot=3 reset=stall detail=""no heartbeat for 120000 ms in poll"" failed_boots=2 settings=current
  log> lvl=info src=outbox msg=opened prefix=ob restored=0
run 1000
  log> lvl=info src=clock msg=""wall clock synced"" mono=1000000 unsynced_samples=0
  bus> 0103000A0001A408
  bus< stall
  clock 120000
  log> lvl=error src=supervisor msg=""main loop stalled; rebooting"" phase=poll silent_ms=120000
  flash> replace boot.rec 53 C752CEE1
  reboot
  halt stalled loop rebooted by the supervisor
boot
  clock 0
  flash> replace boot.rec 19 2AB638A3
  log> lvl=info src=boot msg=starting mode=safe boot=4 reset=stall detail=""no heartbeat for 120000 ms in poll"" failed_boots=3 settings=current
  log> lvl=info src=outbox msg=opened prefix=ob restored=0
run 2000
  log> lvl=warn src=boot msg=""safe mode: no polling"" why=""3 failed boots, last: stall"" leave=""reboot command, settings on port 4242, update or factory reset""
  log> lvl=info src=clock msg=""wall clock synced"" mono=1000000 unsynced_samples=0
  mqtt> connect mqtt.cloud.kaaiot.com:8883 tls id=energy-logger-246F28ABCDEF keepalive=60 clean
  mqtt< connack accepted
  mqtt> sub kp1/app-v1/+/tok-safe-01/# q1
  mqtt> pub kp1/app-v1/epmx/tok-safe-01/update/keys/1 q1 #1 {""fwVersion"":""1.0.0"",""fwBuild"":""transcript"",""mac"":""246F28ABCDEF"",""ip"":""192.168.1.77"",""rssi"":-63,""uptime_s"":0,""mode"":""safe"",""boots"":4,""reset_reason"":""stall"",""reset_detail"":""no heartbeat for 120000 ms in poll"",""failed_boots"":3,""free_mem"":123456,""rssi_dbm"":-63,""modbus_requests"":0,""modbus_timeouts"":0,""modbus_crc_errors"":0,""modbus_exceptions"":0,""modbus_other_errors"":0,""samples"":0,""samples_too_large"":0,""outbox_appended"":0,""outbox_restored"":0,""outbox_acknowledged"":0,""outbox_depth"":0,""outbox_dropped"":0,""outbox_merged"":0,""outbox_refused"":0,""outbox_bytes"":0,""cloud_connects"":1,""cloud_lost"":0,""cloud_timeouts"":0,""loop_longest_ms"":0,""loop_over_budget"":0,""cycles"":0,""samples_unsynced"":0,""clock_anchor_mono"":1000000,""clock_anchor_unix"":1735689960000}
  mqtt> pub kp1/app-v1/cmx/tok-safe-01/config/json/2 q1 #2 {""observe"":true}
  mqtt> pub kp1/app-v1/cmx_ota/tok-safe-01/applied/json q1 #3 {""configId"":""1.0.0""}
  mqtt> pub kp1/app-v1/cmx_ota/tok-safe-01/config/json/3 q1 #4 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-safe-01/command/reboot/4 q1 #5 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-safe-01/command/get_version/5 q1 #6 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-safe-01/command/regs_read/6 q1 #7 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-safe-01/command/regs_write/7 q1 #8 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-safe-01/command/get_diagnostics/8 q1 #9 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-safe-01/command/ping/9 q1 #10 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-safe-01/command/reconnect/10 q1 #11 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-safe-01/command/set_log_level/11 q1 #12 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-safe-01/command/wifi_scan/12 q1 #13 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-safe-01/command/set_wifi/13 q1 #14 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-safe-01/command/factory_reset/14 q1 #15 {""observe"":true}
  log> lvl=info src=leds msg=state wifi=connected mqtt=connected modbus=off ota=off reset=off
  clock 500
  mqtt< ack 1
  mqtt< msg kp1/app-v1/epmx/tok-safe-01/update/keys/1/status
  mqtt< ack 2
  mqtt< msg kp1/app-v1/cmx/tok-safe-01/config/json/2/status {}
  mqtt< ack 3
  mqtt< ack 4
  mqtt< msg kp1/app-v1/cmx_ota/tok-safe-01/config/json/3/status {}
  mqtt< ack 5
  mqtt< msg kp1/app-v1/cex/tok-safe-01/command/reboot/4/status []
  mqtt< ack 6
  mqtt< msg kp1/app-v1/cex/tok-safe-01/command/get_version/5/status []
  mqtt< ack 7
  mqtt< msg kp1/app-v1/cex/tok-safe-01/command/regs_read/6/status []
  mqtt< ack 8
  mqtt< msg kp1/app-v1/cex/tok-safe-01/command/regs_write/7/status []
  mqtt< ack 9
  mqtt< msg kp1/app-v1/cex/tok-safe-01/command/get_diagnostics/8/status []
  mqtt< ack 10
  mqtt< msg kp1/app-v1/cex/tok-safe-01/command/ping/9/status []
  mqtt< ack 11
  mqtt< msg kp1/app-v1/cex/tok-safe-01/command/reconnect/10/status []
  mqtt< ack 12
  mqtt< msg kp1/app-v1/cex/tok-safe-01/command/set_log_level/11/status []
  mqtt< ack 13
  mqtt< msg kp1/app-v1/cex/tok-safe-01/command/wifi_scan/12/status []
  mqtt< ack 14
  mqtt< msg kp1/app-v1/cex/tok-safe-01/command/set_wifi/13/status []
  mqtt< ack 15
  mqtt< msg kp1/app-v1/cex/tok-safe-01/command/factory_reset/14/status []
push kp1/app-v1/cex/tok-safe-01/command/get_diagnostics/status [{""id"":1,""payload"":{}}]
run 1000
  clock 2000
  mqtt< msg kp1/app-v1/cex/tok-safe-01/command/get_diagnostics/status [{""id"":1,""payload"":{}}]
  mqtt> pub kp1/app-v1/cex/tok-safe-01/result/get_diagnostics/15 q1 #16 [{""id"":1,""statusCode"":200,""reasonPhrase"":""OK"",""payload"":{""uptime_s"":2,""mode"":""safe"",""boots"":4,""reset_reason"":""stall"",""reset_detail"":""no heartbeat for 120000 ms in poll"",""failed_boots"":3,""free_mem"":123456,""rssi_dbm"":-63,""modbus_requests"":0,""modbus_timeouts"":0,""modbus_crc_errors"":0,""modbus_exceptions"":0,""modbus_other_errors"":0,""samples"":0,""samples_too_large"":0,""outbox_appended"":0,""outbox_restored"":0,""outbox_acknowledged"":0,""outbox_depth"":0,""outbox_dropped"":0,""outbox_merged"":0,""outbox_refused"":0,""outbox_bytes"":0,""cloud_connects"":1,""cloud_lost"":0,""cloud_timeouts"":0,""loop_longest_ms"":0,""loop_over_budget"":0,""cycles"":0,""samples_unsynced"":0,""clock_anchor_mono"":1000000,""clock_anchor_unix"":1735689960000,""reset_history"":[""stall"",""stall"",""stall""],""mac"":""246F28ABCDEF"",""ip"":""192.168.1.77"",""ssid"":""Home Net"",""channel"":6,""free_mem_min"":123456,""flash_free"":1500000,""fw"":""1.0.0"",""build"":""transcript"",""config_id"":null,""cloud_attempts"":1,""cloud_failures"":0,""cloud_batches_acknowledged"":0,""cloud_batch_errors"":0,""cloud_request_errors"":0,""cloud_publish_failures"":0,""cloud_ignored"":0,""configs_applied"":0,""configs_rejected"":0,""commands_executed"":0,""commands_refused"":0,""commands_duplicate"":0,""commands_overflow"":0,""devices"":[]}}]
  clock 2500
  mqtt< ack 16
  mqtt< msg kp1/app-v1/cex/tok-safe-01/result/get_diagnostics/15/status
power-cut
boot
  clock 0
  flash> replace boot.rec 19 03D8AE32
  log> lvl=info src=boot msg=starting mode=safe boot=5 reset=unknown detail="""" failed_boots=4 settings=current
  log> lvl=info src=outbox msg=opened prefix=ob restored=0
run 1000
  log> lvl=warn src=boot msg=""safe mode: no polling"" why=""4 failed boots, last: unknown"" leave=""reboot command, settings on port 4242, update or factory reset""
  log> lvl=info src=clock msg=""wall clock synced"" mono=1000000 unsynced_samples=0
  mqtt> connect mqtt.cloud.kaaiot.com:8883 tls id=energy-logger-246F28ABCDEF keepalive=60 clean
  mqtt< connack accepted
  mqtt> sub kp1/app-v1/+/tok-safe-01/# q1
  mqtt> pub kp1/app-v1/epmx/tok-safe-01/update/keys/1 q1 #1 {""fwVersion"":""1.0.0"",""fwBuild"":""transcript"",""mac"":""246F28ABCDEF"",""ip"":""192.168.1.77"",""rssi"":-63,""uptime_s"":0,""mode"":""safe"",""boots"":5,""reset_reason"":""unknown"",""failed_boots"":4,""free_mem"":123456,""rssi_dbm"":-63,""modbus_requests"":0,""modbus_timeouts"":0,""modbus_crc_errors"":0,""modbus_exceptions"":0,""modbus_other_errors"":0,""samples"":0,""samples_too_large"":0,""outbox_appended"":0,""outbox_restored"":0,""outbox_acknowledged"":0,""outbox_depth"":0,""outbox_dropped"":0,""outbox_merged"":0,""outbox_refused"":0,""outbox_bytes"":0,""cloud_connects"":1,""cloud_lost"":0,""cloud_timeouts"":0,""loop_longest_ms"":0,""loop_over_budget"":0,""cycles"":0,""samples_unsynced"":0,""clock_anchor_mono"":1000000,""clock_anchor_unix"":1735689963000}
  mqtt> pub kp1/app-v1/cmx/tok-safe-01/config/json/2 q1 #2 {""observe"":true}
  mqtt> pub kp1/app-v1/cmx_ota/tok-safe-01/applied/json q1 #3 {""configId"":""1.0.0""}
  mqtt> pub kp1/app-v1/cmx_ota/tok-safe-01/config/json/3 q1 #4 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-safe-01/command/reboot/4 q1 #5 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-safe-01/command/get_version/5 q1 #6 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-safe-01/command/regs_read/6 q1 #7 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-safe-01/command/regs_write/7 q1 #8 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-safe-01/command/get_diagnostics/8 q1 #9 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-safe-01/command/ping/9 q1 #10 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-safe-01/command/reconnect/10 q1 #11 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-safe-01/command/set_log_level/11 q1 #12 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-safe-01/command/wifi_scan/12 q1 #13 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-safe-01/command/set_wifi/13 q1 #14 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-safe-01/command/factory_reset/14 q1 #15 {""observe"":true}
  log> lvl=info src=leds msg=state wifi=connected mqtt=connected modbus=off ota=off reset=off
  clock 500
  mqtt< ack 1
  mqtt< msg kp1/app-v1/epmx/tok-safe-01/update/keys/1/status
  mqtt< ack 2
  mqtt< msg kp1/app-v1/cmx/tok-safe-01/config/json/2/status {}
  mqtt< ack 3
  mqtt< ack 4
  mqtt< msg kp1/app-v1/cmx_ota/tok-safe-01/config/json/3/status {}
  mqtt< ack 5
  mqtt< msg kp1/app-v1/cex/tok-safe-01/command/reboot/4/status []
  mqtt< ack 6
  mqtt< msg kp1/app-v1/cex/tok-safe-01/command/get_version/5/status []
  mqtt< ack 7
  mqtt< msg kp1/app-v1/cex/tok-safe-01/command/regs_read/6/status []
  mqtt< ack 8
  mqtt< msg kp1/app-v1/cex/tok-safe-01/command/regs_write/7/status []
  mqtt< ack 9
  mqtt< msg kp1/app-v1/cex/tok-safe-01/command/get_diagnostics/8/status []
  mqtt< ack 10
  mqtt< msg kp1/app-v1/cex/tok-safe-01/command/ping/9/status []
  mqtt< ack 11
  mqtt< msg kp1/app-v1/cex/tok-safe-01/command/reconnect/10/status []
  mqtt< ack 12
  mqtt< msg kp1/app-v1/cex/tok-safe-01/command/set_log_level/11/status []
  mqtt< ack 13
  mqtt< msg kp1/app-v1/cex/tok-safe-01/command/wifi_scan/12/status []
  mqtt< ack 14
  mqtt< msg kp1/app-v1/cex/tok-safe-01/command/set_wifi/13/status []
  mqtt< ack 15
  mqtt< msg kp1/app-v1/cex/tok-safe-01/command/factory_reset/14/status []
push kp1/app-v1/cex/tok-safe-01/command/reboot/status [{""id"":2,""payload"":{}}]
run 1000
  clock 1000
  mqtt< msg kp1/app-v1/cex/tok-safe-01/command/reboot/status [{""id"":2,""payload"":{}}]
  mqtt> pub kp1/app-v1/cex/tok-safe-01/result/reboot/15 q1 #16 [{""id"":2,""statusCode"":200,""reasonPhrase"":""rebooting"",""payload"":{}}]
  clock 1500
  mqtt< ack 16
  mqtt< msg kp1/app-v1/cex/tok-safe-01/result/reboot/15/status
  log> lvl=info src=loop msg=restarting reason=command detail=""reboot command""
  mqtt> disconnect
  flash> replace boot.rec 33 B44D54DA
  reboot
boot
  clock 0
  flash> replace boot.rec 19 1B48607A
  log> lvl=info src=boot msg=starting mode=normal boot=6 reset=command detail=""reboot command"" failed_boots=0 settings=current
  log> lvl=info src=outbox msg=opened prefix=ob restored=0
run 1000
  log> lvl=info src=clock msg=""wall clock synced"" mono=1000000 unsynced_samples=0
  bus> 0103000A0001A408
  bus< 0103020064B9AF
  clock 5
  log> lvl=info src=poll msg=""map taken over"" map=tiny points=1
  flash> replace boot.bak 19 1B48607A
  flash> append ob00000000.seg 47 CE6403D3
  mqtt> connect mqtt.cloud.kaaiot.com:8883 tls id=energy-logger-246F28ABCDEF keepalive=60 clean
  mqtt< connack accepted
  mqtt> sub kp1/app-v1/+/tok-safe-01/# q1
  mqtt> pub kp1/app-v1/epmx/tok-safe-01/update/keys/1 q1 #1 {""fwVersion"":""1.0.0"",""fwBuild"":""transcript"",""mac"":""246F28ABCDEF"",""ip"":""192.168.1.77"",""rssi"":-63,""uptime_s"":0,""mode"":""normal"",""boots"":6,""reset_reason"":""command"",""reset_detail"":""reboot command"",""failed_boots"":0,""free_mem"":123456,""rssi_dbm"":-63,""modbus_requests"":1,""modbus_timeouts"":0,""modbus_crc_errors"":0,""modbus_exceptions"":0,""modbus_other_errors"":0,""samples"":1,""samples_too_large"":0,""outbox_appended"":1,""outbox_restored"":0,""outbox_acknowledged"":0,""outbox_depth"":1,""outbox_dropped"":0,""outbox_merged"":0,""outbox_refused"":0,""outbox_bytes"":47,""cloud_connects"":1,""cloud_lost"":0,""cloud_timeouts"":0,""loop_longest_ms"":0,""loop_over_budget"":0,""cycles"":1,""samples_unsynced"":0,""clock_anchor_mono"":1000000,""clock_anchor_unix"":1735689964500}
  mqtt> pub kp1/app-v1/cmx/tok-safe-01/config/json/2 q1 #2 {""observe"":true}
  mqtt> pub kp1/app-v1/cmx_ota/tok-safe-01/applied/json q1 #3 {""configId"":""1.0.0""}
  mqtt> pub kp1/app-v1/cmx_ota/tok-safe-01/config/json/3 q1 #4 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-safe-01/command/reboot/4 q1 #5 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-safe-01/command/get_version/5 q1 #6 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-safe-01/command/regs_read/6 q1 #7 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-safe-01/command/regs_write/7 q1 #8 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-safe-01/command/get_diagnostics/8 q1 #9 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-safe-01/command/ping/9 q1 #10 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-safe-01/command/reconnect/10 q1 #11 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-safe-01/command/set_log_level/11 q1 #12 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-safe-01/command/wifi_scan/12 q1 #13 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-safe-01/command/set_wifi/13 q1 #14 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-safe-01/command/factory_reset/14 q1 #15 {""observe"":true}
  mqtt> pub kp1/app-v1/dcx/tok-safe-01/json/15 q1 #16 [{""v"":1,""seq"":6000000001,""ts"":1735689964505,""mono"":1000005,""synced"":true,""grid"":{""power"":100}}]
  log> lvl=info src=leds msg=state wifi=connected mqtt=connected modbus=on ota=off reset=off
  clock 500
  mqtt< ack 1
  mqtt< msg kp1/app-v1/epmx/tok-safe-01/update/keys/1/status
  mqtt< ack 2
  mqtt< msg kp1/app-v1/cmx/tok-safe-01/config/json/2/status {}
  mqtt< ack 3
  mqtt< ack 4
  mqtt< msg kp1/app-v1/cmx_ota/tok-safe-01/config/json/3/status {}
  mqtt< ack 5
  mqtt< msg kp1/app-v1/cex/tok-safe-01/command/reboot/4/status []
  mqtt< ack 6
  mqtt< msg kp1/app-v1/cex/tok-safe-01/command/get_version/5/status []
  mqtt< ack 7
  mqtt< msg kp1/app-v1/cex/tok-safe-01/command/regs_read/6/status []
  mqtt< ack 8
  mqtt< msg kp1/app-v1/cex/tok-safe-01/command/regs_write/7/status []
  mqtt< ack 9
  mqtt< msg kp1/app-v1/cex/tok-safe-01/command/get_diagnostics/8/status []
  mqtt< ack 10
  mqtt< msg kp1/app-v1/cex/tok-safe-01/command/ping/9/status []
  mqtt< ack 11
  mqtt< msg kp1/app-v1/cex/tok-safe-01/command/reconnect/10/status []
  mqtt< ack 12
  mqtt< msg kp1/app-v1/cex/tok-safe-01/command/set_log_level/11/status []
  mqtt< ack 13
  mqtt< msg kp1/app-v1/cex/tok-safe-01/command/wifi_scan/12/status []
  mqtt< ack 14
  mqtt< msg kp1/app-v1/cex/tok-safe-01/command/set_wifi/13/status []
  mqtt< ack 15
  mqtt< msg kp1/app-v1/cex/tok-safe-01/command/factory_reset/14/status []
  mqtt< ack 16
  mqtt< msg kp1/app-v1/dcx/tok-safe-01/json/15/status
";
    }
}
