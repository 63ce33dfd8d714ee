// Shared with the nanoFramework test assemblies: C# 9, no generics, no nullable annotations.
#nullable disable
namespace EnergyLogger.Transcripts
{
    /// <summary>
    /// An image that fails its health check through the main loop on Kaa (docs/ota.md, RELIABILITY O5): offered on
    /// CMX_OTA, staged, started on trial, unable to reach the broker, rolled back by itself when the check runs out, and
    /// reported by the factory image on CMX_OTA applied.
    /// </summary>
    public static class OtaHealthCheckTranscript
    {
        public const string Text = @"# A new image that fails its health check, on Kaa (docs/ota.md, RELIABILITY O5): 1.5.0 is offered on CMX_OTA,
# downloaded, verified and staged; the board restarts into it on trial, but the image cannot reach the broker, so
# when the health check runs out it rolls itself back and restarts; the factory image reports the failed health
# check on CMX_OTA applied (numbered, so that Kaa answers it) and forgets it once Kaa has answered.
scenario loop
map {""format"":""energylogger-map/1"",""name"":""tiny"",""devices"":[{""id"":""inv"",""slave"":1}],""points"":[{""name"":""grid_power"",""address"":10,""type"":""int16"",""poll"":""fast"",""target"":""grid.power""}]}
set wifi.ssid Home Net
set mqtt.host mqtt.cloud.kaaiot.com
set kaa.token tok-ota-01
set kaa.app app-v1
option poll.fastMs 20000
option poll.normalMs 20000
option poll.slowMs 20000
option loop.tickMs 500
ota factory=1.0.0 target=esp32s3 trial-boots=3 health-ms=30000 retry-ms=1000
package p150 version=1.5.0 min=1.0.0 target=esp32s3 image=64 seed=6
  clock 0
  package 454C5550010100B3F84F35EC9549F9EF42660BD290B8D2F843A5E3591DF441301D4E15C91FD171844FC10569FCF6D4883DFDC6F40F660B9FDA2722469E3DF582021B66C3AFA09AA7E1E7512BB673B6657B22666F726D6174223A22656E657267796C6F676765722D7570646174652F31222C2276657273696F6E223A22312E352E30222C226D696E4669726D77617265223A22312E302E30222C22746172676574223A2265737033327333222C2273697A65223A36342C22736861323536223A2234633633636665316237653634373939633535613530353037616437636334393864333234313136633632346135306131336532643161626166383630373239227D1FA0C4E2B140E19D18D9FF7AAB2E6AB3EC605C13604637D4FF40EABA9D01D781380DBB42821239BF0F58FFF3C24E5D9917DBFB4562EE55D969F0E37156270016
serve https://updates.example.net/1.5.0.elup p150
slave 1
regs 1 holding 10 100
boot
  clock 0
  flash> replace boot.rec 19 0F66626F
  log> lvl=info src=boot msg=starting mode=normal boot=1 reset=first-start detail="""" failed_boots=0 settings=current
  log> lvl=info src=outbox msg=opened prefix=ob restored=0
run 1000
  log> lvl=info src=clock msg=""wall clock synced"" mono=1000000 unsynced_samples=0
  bus> 0103000A0001A408
  bus< 0103020064B9AF
  clock 5
  log> lvl=info src=poll msg=""map taken over"" map=tiny points=1
  flash> replace boot.bak 19 0F66626F
  flash> append ob00000000.seg 47 EF5D2872
  mqtt> connect mqtt.cloud.kaaiot.com:8883 tls id=energy-logger-246F28ABCDEF keepalive=60 clean
  mqtt< connack accepted
  mqtt> sub kp1/app-v1/+/tok-ota-01/# q1
  mqtt> pub kp1/app-v1/epmx/tok-ota-01/update/keys/1 q1 #1 {""fwVersion"":""1.0.0"",""fwBuild"":""transcript"",""mac"":""246F28ABCDEF"",""ip"":""192.168.1.77"",""rssi"":-63,""uptime_s"":0,""mode"":""normal"",""boots"":1,""reset_reason"":""first-start"",""failed_boots"":0,""free_mem"":123456,""rssi_dbm"":-63,""modbus_requests"":1,""modbus_timeouts"":0,""modbus_crc_errors"":0,""modbus_exceptions"":0,""modbus_other_errors"":0,""samples"":1,""samples_too_large"":0,""outbox_appended"":1,""outbox_restored"":0,""outbox_acknowledged"":0,""outbox_depth"":1,""outbox_dropped"":0,""outbox_merged"":0,""outbox_refused"":0,""outbox_bytes"":47,""cloud_connects"":1,""cloud_lost"":0,""cloud_timeouts"":0,""loop_longest_ms"":0,""loop_over_budget"":0,""cycles"":1,""samples_unsynced"":0,""clock_anchor_mono"":1000000,""clock_anchor_unix"":1735689600000}
  mqtt> pub kp1/app-v1/cmx/tok-ota-01/config/json/2 q1 #2 {""observe"":true}
  mqtt> pub kp1/app-v1/cmx_ota/tok-ota-01/applied/json q1 #3 {""configId"":""1.0.0""}
  mqtt> pub kp1/app-v1/cmx_ota/tok-ota-01/config/json/3 q1 #4 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-ota-01/command/reboot/4 q1 #5 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-ota-01/command/get_version/5 q1 #6 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-ota-01/command/regs_read/6 q1 #7 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-ota-01/command/regs_write/7 q1 #8 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-ota-01/command/get_diagnostics/8 q1 #9 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-ota-01/command/ping/9 q1 #10 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-ota-01/command/reconnect/10 q1 #11 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-ota-01/command/set_log_level/11 q1 #12 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-ota-01/command/wifi_scan/12 q1 #13 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-ota-01/command/set_wifi/13 q1 #14 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-ota-01/command/factory_reset/14 q1 #15 {""observe"":true}
  mqtt> pub kp1/app-v1/dcx/tok-ota-01/json/15 q1 #16 [{""v"":1,""seq"":1000000001,""ts"":1735689600005,""mono"":1000005,""synced"":true,""grid"":{""power"":100}}]
  log> lvl=info src=leds msg=state wifi=connected mqtt=connected modbus=on ota=off reset=off
  clock 500
  mqtt< ack 1
  mqtt< msg kp1/app-v1/epmx/tok-ota-01/update/keys/1/status
  mqtt< ack 2
  mqtt< msg kp1/app-v1/cmx/tok-ota-01/config/json/2/status {}
  mqtt< ack 3
  mqtt< ack 4
  mqtt< msg kp1/app-v1/cmx_ota/tok-ota-01/config/json/3/status {}
  mqtt< ack 5
  mqtt< msg kp1/app-v1/cex/tok-ota-01/command/reboot/4/status []
  mqtt< ack 6
  mqtt< msg kp1/app-v1/cex/tok-ota-01/command/get_version/5/status []
  mqtt< ack 7
  mqtt< msg kp1/app-v1/cex/tok-ota-01/command/regs_read/6/status []
  mqtt< ack 8
  mqtt< msg kp1/app-v1/cex/tok-ota-01/command/regs_write/7/status []
  mqtt< ack 9
  mqtt< msg kp1/app-v1/cex/tok-ota-01/command/get_diagnostics/8/status []
  mqtt< ack 10
  mqtt< msg kp1/app-v1/cex/tok-ota-01/command/ping/9/status []
  mqtt< ack 11
  mqtt< msg kp1/app-v1/cex/tok-ota-01/command/reconnect/10/status []
  mqtt< ack 12
  mqtt< msg kp1/app-v1/cex/tok-ota-01/command/set_log_level/11/status []
  mqtt< ack 13
  mqtt< msg kp1/app-v1/cex/tok-ota-01/command/wifi_scan/12/status []
  mqtt< ack 14
  mqtt< msg kp1/app-v1/cex/tok-ota-01/command/set_wifi/13/status []
  mqtt< ack 15
  mqtt< msg kp1/app-v1/cex/tok-ota-01/command/factory_reset/14/status []
  mqtt< ack 16
  mqtt< msg kp1/app-v1/dcx/tok-ota-01/json/15/status
offer p150 https://updates.example.net/1.5.0.elup
run 2000
  clock 1000
  mqtt< msg kp1/app-v1/cmx_ota/tok-ota-01/config/json/status {""configId"":""1.5.0"",""config"":{""link"":""https://updates.example.net/1.5.0.elup"",""size"":323,""sha256"":""4c63cfe1b7e64799c55a50507ad7cc498d324116c624a50a13e2d1abaf860729""}}
  log> lvl=info src=ota msg=offer version=1.5.0 status=ok
  log> lvl=info src=ota msg=""download started""
  http> open https://updates.example.net/1.5.0.elup from=0
  http< ok 323
  http< data 323
  flash> append ota-a.00 323 1ABF8118
  log> lvl=info src=ota msg=""downloaded; verifying the stored image"" bytes=323
  log> lvl=info src=leds msg=state wifi=connected mqtt=connected modbus=on ota=on reset=off
  clock 1500
  flash> replace ota-boot.1 160 505B9DD0
  log> lvl=info src=ota msg=""staged; rebooting into it""
  log> lvl=info src=leds msg=state wifi=connected mqtt=connected modbus=on ota=off reset=off
  clock 2000
  log> lvl=info src=loop msg=restarting reason=update detail=""update staged or rolled back""
  mqtt> disconnect
  flash> replace boot.rec 47 26C8F74A
  reboot
broker down
boot
  clock 0
  flash> replace ota-boot.0 160 E271FCC0
  flash> replace boot.rec 19 D6705C75
  log> lvl=info src=boot msg=starting mode=normal boot=2 reset=update detail=""update staged or rolled back"" failed_boots=0 settings=current
  log> lvl=info src=ota msg=""new image on trial; health check running"" version=1.5.0
  log> lvl=info src=outbox msg=opened prefix=ob restored=1
run 32000
  log> lvl=info src=clock msg=""wall clock synced"" mono=1000000 unsynced_samples=0
  bus> 0103000A0001A408
  bus< 0103020064B9AF
  clock 5
  log> lvl=info src=poll msg=""map taken over"" map=tiny points=1
  flash> replace boot.bak 19 D6705C75
  flash> append ob00000001.seg 47 2A04BA76
  mqtt> connect mqtt.cloud.kaaiot.com:8883 tls id=energy-logger-246F28ABCDEF keepalive=60 clean
  mqtt< connack NetworkError broker unreachable
  log> lvl=warn src=cloud msg=""connect: broker unreachable""
  log> lvl=info src=leds msg=state wifi=connected mqtt=failed modbus=on ota=off reset=off
  clock 1500
  mqtt> connect mqtt.cloud.kaaiot.com:8883 tls id=energy-logger-246F28ABCDEF keepalive=60 clean
  mqtt< connack NetworkError broker unreachable
  log> lvl=warn src=cloud msg=""connect: broker unreachable""
  clock 4500
  mqtt> connect mqtt.cloud.kaaiot.com:8883 tls id=energy-logger-246F28ABCDEF keepalive=60 clean
  mqtt< connack NetworkError broker unreachable
  log> lvl=warn src=cloud msg=""connect: broker unreachable""
  clock 11000
  mqtt> connect mqtt.cloud.kaaiot.com:8883 tls id=energy-logger-246F28ABCDEF keepalive=60 clean
  mqtt< connack NetworkError broker unreachable
  log> lvl=warn src=cloud msg=""connect: broker unreachable""
  clock 20000
  bus> 0103000A0001A408
  bus< 0103020064B9AF
  clock 20005
  flash> append ob00000001.seg 18 C748F9DE
  clock 21500
  mqtt> connect mqtt.cloud.kaaiot.com:8883 tls id=energy-logger-246F28ABCDEF keepalive=60 clean
  mqtt< connack NetworkError broker unreachable
  log> lvl=warn src=cloud msg=""connect: broker unreachable""
  clock 30000
  flash> replace ota-boot.1 160 2DA08C2E
  log> lvl=info src=ota msg=""health check failed; rolled back, rebooting""
  clock 30500
  log> lvl=info src=loop msg=restarting reason=update detail=""update staged or rolled back""
  flash> replace boot.rec 47 3505E0A1
  reboot
broker up
boot
  clock 0
  flash> replace boot.rec 19 62215784
  log> lvl=info src=boot msg=starting mode=normal boot=3 reset=update detail=""update staged or rolled back"" failed_boots=0 settings=current
  log> lvl=info src=ota msg=""outcome to report"" outcome=rolled-back version=1.5.0 reason=""new image failed its health check and was rolled back""
  log> lvl=info src=outbox msg=opened prefix=ob restored=3
run 2000
  log> lvl=info src=clock msg=""wall clock synced"" mono=1000000 unsynced_samples=0
  bus> 0103000A0001A408
  bus< 0103020064B9AF
  clock 5
  log> lvl=info src=poll msg=""map taken over"" map=tiny points=1
  flash> replace boot.bak 19 62215784
  flash> append ob00000002.seg 47 A2ABD086
  mqtt> connect mqtt.cloud.kaaiot.com:8883 tls id=energy-logger-246F28ABCDEF keepalive=60 clean
  mqtt< connack accepted
  mqtt> sub kp1/app-v1/+/tok-ota-01/# q1
  mqtt> pub kp1/app-v1/epmx/tok-ota-01/update/keys/1 q1 #1 {""fwVersion"":""1.0.0"",""fwBuild"":""transcript"",""mac"":""246F28ABCDEF"",""ip"":""192.168.1.77"",""rssi"":-63,""uptime_s"":0,""mode"":""normal"",""boots"":3,""reset_reason"":""update"",""reset_detail"":""update staged or rolled back"",""failed_boots"":0,""free_mem"":123456,""rssi_dbm"":-63,""modbus_requests"":1,""modbus_timeouts"":0,""modbus_crc_errors"":0,""modbus_exceptions"":0,""modbus_other_errors"":0,""samples"":1,""samples_too_large"":0,""outbox_appended"":1,""outbox_restored"":3,""outbox_acknowledged"":0,""outbox_depth"":4,""outbox_dropped"":0,""outbox_merged"":0,""outbox_refused"":0,""outbox_bytes"":159,""cloud_connects"":1,""cloud_lost"":0,""cloud_timeouts"":0,""loop_longest_ms"":0,""loop_over_budget"":0,""cycles"":1,""samples_unsynced"":0,""clock_anchor_mono"":1000000,""clock_anchor_unix"":1735689632500}
  mqtt> pub kp1/app-v1/cmx/tok-ota-01/config/json/2 q1 #2 {""observe"":true}
  mqtt> pub kp1/app-v1/cmx_ota/tok-ota-01/applied/json q1 #3 {""configId"":""1.0.0""}
  mqtt> pub kp1/app-v1/cmx_ota/tok-ota-01/config/json/3 q1 #4 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-ota-01/command/reboot/4 q1 #5 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-ota-01/command/get_version/5 q1 #6 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-ota-01/command/regs_read/6 q1 #7 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-ota-01/command/regs_write/7 q1 #8 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-ota-01/command/get_diagnostics/8 q1 #9 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-ota-01/command/ping/9 q1 #10 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-ota-01/command/reconnect/10 q1 #11 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-ota-01/command/set_log_level/11 q1 #12 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-ota-01/command/wifi_scan/12 q1 #13 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-ota-01/command/set_wifi/13 q1 #14 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-ota-01/command/factory_reset/14 q1 #15 {""observe"":true}
  mqtt> pub kp1/app-v1/cmx_ota/tok-ota-01/applied/json/15 q1 #16 {""configId"":""1.0.0"",""statusCode"":500,""reasonPhrase"":""1.5.0: new image failed its health check and was rolled back""}
  mqtt> pub kp1/app-v1/dcx/tok-ota-01/json/16 q1 #17 [{""v"":1,""seq"":3000000001,""ts"":1735689632505,""mono"":1000005,""synced"":true,""grid"":{""power"":100}}]
  mqtt> pub kp1/app-v1/dcx/tok-ota-01/json/17 q1 #18 [{""v"":1,""seq"":1000000001,""ts"":1735689600005,""mono"":1000005,""synced"":true,""grid"":{""power"":100}}]
  log> lvl=info src=leds msg=state wifi=connected mqtt=connected modbus=on ota=off reset=off
  clock 500
  mqtt< ack 1
  mqtt< msg kp1/app-v1/epmx/tok-ota-01/update/keys/1/status
  mqtt< ack 2
  mqtt< msg kp1/app-v1/cmx/tok-ota-01/config/json/2/status {}
  mqtt< ack 3
  mqtt< ack 4
  mqtt< msg kp1/app-v1/cmx_ota/tok-ota-01/config/json/3/status {}
  mqtt< ack 5
  mqtt< msg kp1/app-v1/cex/tok-ota-01/command/reboot/4/status []
  mqtt< ack 6
  mqtt< msg kp1/app-v1/cex/tok-ota-01/command/get_version/5/status []
  mqtt< ack 7
  mqtt< msg kp1/app-v1/cex/tok-ota-01/command/regs_read/6/status []
  mqtt< ack 8
  mqtt< msg kp1/app-v1/cex/tok-ota-01/command/regs_write/7/status []
  mqtt< ack 9
  mqtt< msg kp1/app-v1/cex/tok-ota-01/command/get_diagnostics/8/status []
  mqtt< ack 10
  mqtt< msg kp1/app-v1/cex/tok-ota-01/command/ping/9/status []
  mqtt< ack 11
  mqtt< msg kp1/app-v1/cex/tok-ota-01/command/reconnect/10/status []
  mqtt< ack 12
  mqtt< msg kp1/app-v1/cex/tok-ota-01/command/set_log_level/11/status []
  mqtt< ack 13
  mqtt< msg kp1/app-v1/cex/tok-ota-01/command/wifi_scan/12/status []
  mqtt< ack 14
  mqtt< msg kp1/app-v1/cex/tok-ota-01/command/set_wifi/13/status []
  mqtt< ack 15
  mqtt< msg kp1/app-v1/cex/tok-ota-01/command/factory_reset/14/status []
  mqtt< ack 16
  mqtt< msg kp1/app-v1/cmx_ota/tok-ota-01/applied/json/15/status
  flash> replace ota-boot.0 160 0A632559
  log> lvl=info src=ota msg=""outcome reported"" outcome=rolled-back version=1.5.0 reason=""new image failed its health check and was rolled back""
  mqtt< ack 17
  mqtt< msg kp1/app-v1/dcx/tok-ota-01/json/16/status
  mqtt< ack 18
  mqtt< msg kp1/app-v1/dcx/tok-ota-01/json/17/status
  flash> delete ob00000000.seg
  mqtt> pub kp1/app-v1/dcx/tok-ota-01/json/18 q1 #19 [{""v"":1,""seq"":2000000001,""ts"":1735689602005,""mono"":1000005,""synced"":true,""grid"":{""power"":100}},{""v"":1,""seq"":2000000002,""ts"":1735689622005,""mono"":1020005,""synced"":true,""grid"":{""power"":100}}]
  clock 1000
  mqtt< ack 19
  mqtt< msg kp1/app-v1/dcx/tok-ota-01/json/18/status
  flash> delete ob00000001.seg
";
    }
}
