// Shared with the nanoFramework test assemblies: C# 9, no generics, no nullable annotations.
#nullable disable
namespace EnergyLogger.Transcripts
{
    /// <summary>
    /// A Kaa 1/KP session through the main loop: the connect sequence, DCX telemetry, a config push applied (stored,
    /// reported 200, taken over at the next cycle) and one rejected (400 with the reason), a DCX batch answered with
    /// /error and sent again, and every command, a regs_write outside the map's allowlist refused without a byte on
    /// the bus, and the reboot command restarting once its result was acknowledged.
    /// </summary>
    public static class KaaSessionTranscript
    {
        public const string Text = @"# A Kaa 1/KP session through the main loop: the connect sequence (subscribe, EPMX metadata, CMX config pull, CMX_OTA
# version and observe, one CEX observe per command), telemetry on DCX, a config push that is applied and one that is
# rejected, a DCX batch answered with /error and sent again, and every command: get_version, regs_read, a regs_write
# with read-back, a regs_write the map does not allow, and reboot, which restarts once its result is acknowledged.
scenario loop
map {""format"":""energylogger-map/1"",""name"":""site"",""devices"":[{""id"":""inv"",""slave"":1}],""points"":[{""name"":""grid_power"",""address"":10,""type"":""int16"",""poll"":""fast"",""target"":""grid.power""},{""name"":""soc"",""address"":11,""target"":""battery.soc""},{""name"":""export_limit"",""address"":142,""poll"":""slow"",""writable"":true,""writeMin"":0,""writeMax"":8000}],""metadata"":[{""name"":""serial_number"",""address"":100,""type"":""string"",""count"":2}]}
set wifi.ssid Home Net
set wifi.key correct horse battery
set mqtt.host mqtt.cloud.kaaiot.com
set mqtt.username logger-7@tenant-a
set mqtt.password s3cret-pass
set kaa.token tok-kaa-01
set kaa.app app-v1
slave 1
regs 1 holding 10 -1200 64
regs 1 holding 100 21326 13362
regs 1 holding 142 3000
boot
  clock 0
  flash> replace boot.rec 19 0F66626F
  log> lvl=info src=boot msg=starting mode=normal boot=1 reset=first-start detail="""" failed_boots=0 settings=current
  log> lvl=info src=outbox msg=opened prefix=ob restored=0
run 3000
  log> lvl=info src=clock msg=""wall clock synced"" mono=1000000 unsynced_samples=0
  bus> 0103000A0002E409
  bus< 010304FB500040CAF6
  clock 9
  bus> 0103008E0001E421
  bus< 0103020BB8BF06
  clock 18
  bus> 01030064000285D4
  bus< 010304534E34321C75
  clock 23
  log> lvl=info src=poll msg=""map taken over"" map=site points=4
  flash> replace boot.bak 19 0F66626F
  flash> append ob00000000.seg 70 003C81A0
  mqtt> connect mqtt.cloud.kaaiot.com:8883 tls id=energy-logger-246F28ABCDEF user=logger-7@tenant-a password=s3cret-pass keepalive=60 clean
  mqtt< connack accepted
  mqtt> sub kp1/app-v1/+/tok-kaa-01/# q1
  mqtt> pub kp1/app-v1/epmx/tok-kaa-01/update/keys/1 q1 #1 {""fwVersion"":""1.0.0"",""fwBuild"":""transcript"",""mac"":""246F28ABCDEF"",""ip"":""192.168.1.77"",""rssi"":-63,""uptime_s"":0,""mode"":""normal"",""boots"":1,""reset_reason"":""first-start"",""failed_boots"":0,""free_mem"":123456,""rssi_dbm"":-63,""modbus_requests"":3,""modbus_timeouts"":0,""modbus_crc_errors"":0,""modbus_exceptions"":0,""modbus_other_errors"":0,""samples"":1,""samples_too_large"":0,""outbox_appended"":1,""outbox_restored"":0,""outbox_acknowledged"":0,""outbox_depth"":1,""outbox_dropped"":0,""outbox_merged"":0,""outbox_refused"":0,""outbox_bytes"":70,""cloud_connects"":1,""cloud_lost"":0,""cloud_timeouts"":0,""loop_longest_ms"":0,""loop_over_budget"":0,""cycles"":1,""samples_unsynced"":0,""clock_anchor_mono"":1000000,""clock_anchor_unix"":1735689600000,""serial_number"":""SN42""}
  mqtt> pub kp1/app-v1/cmx/tok-kaa-01/config/json/2 q1 #2 {""observe"":true}
  mqtt> pub kp1/app-v1/cmx_ota/tok-kaa-01/applied/json q1 #3 {""configId"":""1.0.0""}
  mqtt> pub kp1/app-v1/cmx_ota/tok-kaa-01/config/json/3 q1 #4 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-kaa-01/command/reboot/4 q1 #5 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-kaa-01/command/get_version/5 q1 #6 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-kaa-01/command/regs_read/6 q1 #7 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-kaa-01/command/regs_write/7 q1 #8 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-kaa-01/command/get_diagnostics/8 q1 #9 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-kaa-01/command/ping/9 q1 #10 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-kaa-01/command/reconnect/10 q1 #11 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-kaa-01/command/set_log_level/11 q1 #12 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-kaa-01/command/wifi_scan/12 q1 #13 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-kaa-01/command/set_wifi/13 q1 #14 {""observe"":true}
  mqtt> pub kp1/app-v1/cex/tok-kaa-01/command/factory_reset/14 q1 #15 {""observe"":true}
  mqtt> pub kp1/app-v1/dcx/tok-kaa-01/json/15 q1 #16 [{""v"":1,""seq"":1000000001,""ts"":1735689600023,""mono"":1000023,""synced"":true,""grid"":{""power"":-1200},""battery"":{""soc"":64},""ext"":{""export_limit"":3000}}]
  log> lvl=info src=leds msg=state wifi=connected mqtt=connected modbus=on ota=off reset=off
  clock 50
  mqtt< ack 1
  mqtt< msg kp1/app-v1/epmx/tok-kaa-01/update/keys/1/status
  mqtt< ack 2
  mqtt< msg kp1/app-v1/cmx/tok-kaa-01/config/json/2/status {}
  mqtt< ack 3
  mqtt< ack 4
  mqtt< msg kp1/app-v1/cmx_ota/tok-kaa-01/config/json/3/status {}
  mqtt< ack 5
  mqtt< msg kp1/app-v1/cex/tok-kaa-01/command/reboot/4/status []
  mqtt< ack 6
  mqtt< msg kp1/app-v1/cex/tok-kaa-01/command/get_version/5/status []
  mqtt< ack 7
  mqtt< msg kp1/app-v1/cex/tok-kaa-01/command/regs_read/6/status []
  mqtt< ack 8
  mqtt< msg kp1/app-v1/cex/tok-kaa-01/command/regs_write/7/status []
  mqtt< ack 9
  mqtt< msg kp1/app-v1/cex/tok-kaa-01/command/get_diagnostics/8/status []
  mqtt< ack 10
  mqtt< msg kp1/app-v1/cex/tok-kaa-01/command/ping/9/status []
  mqtt< ack 11
  mqtt< msg kp1/app-v1/cex/tok-kaa-01/command/reconnect/10/status []
  mqtt< ack 12
  mqtt< msg kp1/app-v1/cex/tok-kaa-01/command/set_log_level/11/status []
  mqtt< ack 13
  mqtt< msg kp1/app-v1/cex/tok-kaa-01/command/wifi_scan/12/status []
  mqtt< ack 14
  mqtt< msg kp1/app-v1/cex/tok-kaa-01/command/set_wifi/13/status []
  mqtt< ack 15
  mqtt< msg kp1/app-v1/cex/tok-kaa-01/command/factory_reset/14/status []
  mqtt< ack 16
  mqtt< msg kp1/app-v1/dcx/tok-kaa-01/json/15/status
push kp1/app-v1/cmx/tok-kaa-01/config/json/status {""configId"":""cfg-2"",""config"":{""map"":{""format"":""energylogger-map/1"",""name"":""site-v2"",""devices"":[{""id"":""inv"",""slave"":1}],""points"":[{""name"":""grid_power"",""address"":10,""type"":""int16"",""poll"":""fast"",""target"":""grid.power""},{""name"":""soc"",""address"":11,""poll"":""fast"",""target"":""battery.soc""},{""name"":""export_limit"",""address"":142,""poll"":""slow"",""writable"":true,""writeMin"":0,""writeMax"":8000}]},""poll"":{""fastMs"":10000,""normalMs"":30000,""slowMs"":60000}}}
run 2000
  clock 3000
  mqtt< msg kp1/app-v1/cmx/tok-kaa-01/config/json/status {""configId"":""cfg-2"",""config"":{""map"":{""format"":""energylogger-map/1"",""name"":""site-v2"",""devices"":[{""id"":""inv"",""slave"":1}],""points"":[{""name"":""grid_power"",""address"":10,""type"":""int16"",""poll"":""fast"",""target"":""grid.power""},{""name"":""soc"",""address"":11,""poll"":""fast"",""target"":""battery.soc""},{""name"":""export_limit"",""address"":142,""poll"":""slow"",""writable"":true,""writeMin"":0,""writeMax"":8000}]},""poll"":{""fastMs"":10000,""normalMs"":30000,""slowMs"":60000}}}
  flash> replace cloudcfg.json 436 58B70E78
  log> lvl=info src=config msg=""applied; takes over at the next cycle"" id=cfg-2 map=site-v2 fast_ms=10000 normal_ms=30000 slow_ms=60000
  mqtt> pub kp1/app-v1/cmx/tok-kaa-01/applied/json/16 q1 #17 {""configId"":""cfg-2"",""statusCode"":200}
  mqtt< ack 17
  mqtt< msg kp1/app-v1/cmx/tok-kaa-01/applied/json/16/status
  bus> 0103000A0002E409
  bus< 010304FB500040CAF6
  clock 3009
  bus> 0103008E0001E421
  bus< 0103020BB8BF06
  clock 3014
  log> lvl=info src=poll msg=""map taken over"" map=site-v2 points=3
  flash> append ob00000000.seg 16 E420AA18
  mqtt> pub kp1/app-v1/dcx/tok-kaa-01/json/17 q1 #18 [{""v"":1,""seq"":1000000002,""ts"":1735689603014,""mono"":1003014,""synced"":true,""grid"":{""power"":-1200},""battery"":{""soc"":64},""ext"":{""export_limit"":3000}}]
  clock 3050
  mqtt< ack 18
  mqtt< msg kp1/app-v1/dcx/tok-kaa-01/json/17/status
push kp1/app-v1/cmx/tok-kaa-01/config/json/status {""configId"":""cfg-3"",""config"":{""map"":{""format"":""energylogger-map/1"",""name"":""bad"",""devices"":[{""id"":""inv"",""slave"":1}],""points"":[{""name"":""x"",""address"":70000}]}}}
run 1000
  clock 5000
  mqtt< msg kp1/app-v1/cmx/tok-kaa-01/config/json/status {""configId"":""cfg-3"",""config"":{""map"":{""format"":""energylogger-map/1"",""name"":""bad"",""devices"":[{""id"":""inv"",""slave"":1}],""points"":[{""name"":""x"",""address"":70000}]}}}
  mqtt> pub kp1/app-v1/cmx/tok-kaa-01/applied/json/18 q1 #19 {""configId"":""cfg-3"",""statusCode"":400,""reasonPhrase"":""config.map.points[0].address: must be between 0 and 65535""}
  mqtt< ack 19
  mqtt< msg kp1/app-v1/cmx/tok-kaa-01/applied/json/18/status
  log> lvl=warn src=cloud msg=""config rejected: config.map.points[0].address: must be between 0 and 65535""
kaa dcx-error 1
run 10000
  clock 13000
  bus> 0103000A0002E409
  bus< 010304FB500040CAF6
  clock 13005
  flash> append ob00000000.seg 18 7B89DBDA
  mqtt> pub kp1/app-v1/dcx/tok-kaa-01/json/19 q1 #20 [{""v"":1,""seq"":1000000003,""ts"":1735689613005,""mono"":1013005,""synced"":true,""grid"":{""power"":-1200},""battery"":{""soc"":64},""ext"":{""export_limit"":3000}}]
  clock 13050
  mqtt< ack 20
  mqtt< msg kp1/app-v1/dcx/tok-kaa-01/json/19/error {""statusCode"":400,""reasonPhrase"":""Invalid payload""}
  log> lvl=warn src=cloud msg=""dcx 19: 400 Invalid payload""
  clock 14600
  mqtt> pub kp1/app-v1/dcx/tok-kaa-01/json/20 q1 #21 [{""v"":1,""seq"":1000000003,""ts"":1735689613005,""mono"":1013005,""synced"":true,""grid"":{""power"":-1200},""battery"":{""soc"":64},""ext"":{""export_limit"":3000}}]
  clock 14650
  mqtt< ack 21
  mqtt< msg kp1/app-v1/dcx/tok-kaa-01/json/20/status
run 10000
  clock 23000
  bus> 0103000A0002E409
  bus< 010304FB500040CAF6
  clock 23005
  flash> append ob00000000.seg 18 1850B41A
  mqtt> pub kp1/app-v1/dcx/tok-kaa-01/json/21 q1 #22 [{""v"":1,""seq"":1000000004,""ts"":1735689623005,""mono"":1023005,""synced"":true,""grid"":{""power"":-1200},""battery"":{""soc"":64},""ext"":{""export_limit"":3000}}]
  clock 23050
  mqtt< ack 22
  mqtt< msg kp1/app-v1/dcx/tok-kaa-01/json/21/status
push kp1/app-v1/cex/tok-kaa-01/command/get_version/status [{""id"":1,""payload"":{}}]
push kp1/app-v1/cex/tok-kaa-01/command/regs_read/status [{""id"":2,""payload"":{""unit"":1,""fc"":3,""addr"":10,""count"":2}}]
push kp1/app-v1/cex/tok-kaa-01/command/regs_write/status [{""id"":3,""payload"":{""unit"":1,""addr"":142,""values"":[5000],""fc"":6,""verify"":true}}]
push kp1/app-v1/cex/tok-kaa-01/command/regs_write/status [{""id"":4,""payload"":{""unit"":1,""addr"":11,""values"":[50],""fc"":6}}]
run 1000
  clock 26000
  mqtt< msg kp1/app-v1/cex/tok-kaa-01/command/get_version/status [{""id"":1,""payload"":{}}]
  mqtt< msg kp1/app-v1/cex/tok-kaa-01/command/regs_read/status [{""id"":2,""payload"":{""unit"":1,""fc"":3,""addr"":10,""count"":2}}]
  mqtt< msg kp1/app-v1/cex/tok-kaa-01/command/regs_write/status [{""id"":3,""payload"":{""unit"":1,""addr"":142,""values"":[5000],""fc"":6,""verify"":true}}]
  mqtt< msg kp1/app-v1/cex/tok-kaa-01/command/regs_write/status [{""id"":4,""payload"":{""unit"":1,""addr"":11,""values"":[50],""fc"":6}}]
  mqtt> pub kp1/app-v1/cex/tok-kaa-01/result/get_version/22 q1 #23 [{""id"":1,""statusCode"":200,""reasonPhrase"":""OK"",""payload"":{""fw"":""1.0.0"",""build"":""transcript"",""configId"":""cfg-2""}}]
  clock 26050
  mqtt< ack 23
  mqtt< msg kp1/app-v1/cex/tok-kaa-01/result/get_version/22/status
  bus> 0103000A0002E409
  bus< 010304FB500040CAF6
  clock 26055
  mqtt> pub kp1/app-v1/cex/tok-kaa-01/result/regs_read/23 q1 #24 [{""id"":2,""statusCode"":200,""reasonPhrase"":""OK"",""payload"":{""unit"":1,""fc"":3,""addr"":10,""values"":[64336,64]}}]
  clock 26100
  mqtt< ack 24
  mqtt< msg kp1/app-v1/cex/tok-kaa-01/result/regs_read/23/status
  bus> 0103008E0001E421
  bus< 0103020BB8BF06
  clock 26109
  bus> 0106008E1388E4B7
  bus< 0106008E1388E4B7
  clock 26118
  bus> 0103008E0001E421
  bus< 0103021388B512
  clock 26123
  mqtt> pub kp1/app-v1/cex/tok-kaa-01/result/regs_write/24 q1 #25 [{""id"":3,""statusCode"":200,""reasonPhrase"":""OK"",""payload"":{""unit"":1,""addr"":142,""values"":[5000],""previous"":[3000]}}]
  clock 26150
  mqtt< ack 25
  mqtt< msg kp1/app-v1/cex/tok-kaa-01/result/regs_write/24/status
  mqtt> pub kp1/app-v1/cex/tok-kaa-01/result/regs_write/25 q1 #26 [{""id"":4,""statusCode"":403,""reasonPhrase"":""registers 11..11 of unit 1 are not a writable point of the map"",""payload"":{}}]
  clock 26200
  mqtt< ack 26
  mqtt< msg kp1/app-v1/cex/tok-kaa-01/result/regs_write/25/status
push kp1/app-v1/cex/tok-kaa-01/command/reboot/status [{""id"":5,""payload"":{}}]
run 1000
  clock 27000
  mqtt< msg kp1/app-v1/cex/tok-kaa-01/command/reboot/status [{""id"":5,""payload"":{}}]
  mqtt> pub kp1/app-v1/cex/tok-kaa-01/result/reboot/26 q1 #27 [{""id"":5,""statusCode"":200,""reasonPhrase"":""rebooting"",""payload"":{}}]
  clock 27050
  mqtt< ack 27
  mqtt< msg kp1/app-v1/cex/tok-kaa-01/result/reboot/26/status
  log> lvl=info src=loop msg=restarting reason=command detail=""reboot command""
  mqtt> disconnect
  flash> replace boot.rec 33 95B733B1
  reboot
";
    }
}
