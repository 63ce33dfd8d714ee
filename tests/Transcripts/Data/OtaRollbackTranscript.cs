// Shared with the nanoFramework test assemblies: C# 9, no generics, no nullable annotations.
#nullable disable
namespace EnergyLogger.Transcripts
{
    /// <summary>
    /// An image that never confirms through the main loop on custom MQTT (docs/ota.md, RELIABILITY O5, W1): its
    /// three trial boots die, the loader rolls it back at the fourth (in safe mode after three failed boots), the old
    /// image reports it on {prefix}/ota/status and refuses the same version when it is offered again.
    /// </summary>
    public static class OtaRollbackTranscript
    {
        public const string Text = @"# An image that never confirms, on custom MQTT (docs/ota.md, RELIABILITY O5): 1.5.1 is staged and started on trial,
# but each of its three trial boots dies before the health check could pass (power cuts), so the loader rolls it
# back at the fourth boot, which also runs in safe mode after three failed boots in a row (no polling; the cloud
# link and the updater still run). The old image reports that 1.5.1 never confirmed, and refuses it when it is
# offered again: it was rolled back on this device before.
scenario loop
map {""format"":""energylogger-map/1"",""name"":""tiny"",""devices"":[{""id"":""inv"",""slave"":1}],""points"":[{""name"":""grid_power"",""address"":10,""type"":""int16"",""poll"":""fast"",""target"":""grid.power""}]}
set wifi.ssid Home Net
set mqtt.host 192.168.1.10
set mqtt.port 1883
set mqtt.tls off
set cloud.mode mqtt
set mqtt.prefix home/energy
option poll.fastMs 20000
option poll.normalMs 20000
option poll.slowMs 20000
option loop.tickMs 500
ota factory=1.0.0 target=esp32s3 trial-boots=3 health-ms=60000 retry-ms=1000
package p151 version=1.5.1 min=1.0.0 target=esp32s3 image=64 seed=7
  clock 0
  package 454C5550010100B3F84F35EC9549F9EF7D11C0953991BC42B2760A83EF6D08B9B1E5F9182C9E0E924D32714473E42BDB0FF6021687BBD757CE308F330C7808B43F8AADC50DD8C132814D5A90CC1162FC7B22666F726D6174223A22656E657267796C6F676765722D7570646174652F31222C2276657273696F6E223A22312E352E31222C226D696E4669726D77617265223A22312E302E30222C22746172676574223A2265737033327333222C2273697A65223A36342C22736861323536223A2261306531393338393336326338386337313530613039663235383564343764303764616265346230373766666139316435383239316363396366623765306464227D4B6304F69562E168FF4199EA1FB201B061B1380D3CA8FF7782662A0429E932148BAF54E41F825B31689C5F65B284C5A652E625B467227CA2648D732F37DD3F16
serve https://updates.example.net/1.5.1.elup p151
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
  mqtt> connect 192.168.1.10:1883 plain id=energy-logger-246F28ABCDEF will=home/energy/status,retain,offline keepalive=60 clean
  mqtt< connack accepted
  mqtt> sub home/energy/config/set q1
  mqtt> sub home/energy/command/+ q1
  mqtt> sub home/energy/ota/offer q1
  mqtt> pub home/energy/status q1 retain #1 online
  mqtt> pub home/energy/metadata q1 retain #2 {""fwVersion"":""1.0.0"",""fwBuild"":""transcript"",""mac"":""246F28ABCDEF"",""ip"":""192.168.1.77"",""rssi"":-63,""uptime_s"":0,""mode"":""normal"",""boots"":1,""reset_reason"":""first-start"",""failed_boots"":0,""free_mem"":123456,""rssi_dbm"":-63,""modbus_requests"":1,""modbus_timeouts"":0,""modbus_crc_errors"":0,""modbus_exceptions"":0,""modbus_other_errors"":0,""samples"":1,""samples_too_large"":0,""outbox_appended"":1,""outbox_restored"":0,""outbox_acknowledged"":0,""outbox_depth"":1,""outbox_dropped"":0,""outbox_merged"":0,""outbox_refused"":0,""outbox_bytes"":47,""cloud_connects"":1,""cloud_lost"":0,""cloud_timeouts"":0,""loop_longest_ms"":0,""loop_over_budget"":0,""cycles"":1,""samples_unsynced"":0,""clock_anchor_mono"":1000000,""clock_anchor_unix"":1735689600000}
  mqtt> pub home/energy/telemetry q1 #3 [{""v"":1,""seq"":1000000001,""ts"":1735689600005,""mono"":1000005,""synced"":true,""grid"":{""power"":100}}]
  log> lvl=info src=leds msg=state wifi=connected mqtt=connected modbus=on ota=off reset=off
  clock 500
  mqtt< ack 1
  mqtt< ack 2
  mqtt< ack 3
offer p151 https://updates.example.net/1.5.1.elup
run 2000
  clock 1000
  mqtt< msg home/energy/ota/offer {""url"":""https://updates.example.net/1.5.1.elup"",""version"":""1.5.1"",""size"":323,""sha256"":""a0e19389362c88c7150a09f2585d47d07dabe4b077ffa91d58291cc9cfb7e0dd""}
  log> lvl=info src=ota msg=offer version=1.5.1 status=ok
  log> lvl=info src=ota msg=""download started""
  http> open https://updates.example.net/1.5.1.elup from=0
  http< ok 323
  http< data 323
  flash> append ota-a.00 323 F57089D9
  log> lvl=info src=ota msg=""downloaded; verifying the stored image"" bytes=323
  log> lvl=info src=leds msg=state wifi=connected mqtt=connected modbus=on ota=on reset=off
  clock 1500
  flash> replace ota-boot.1 160 4D26492F
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
  flash> replace ota-boot.0 160 21126A84
  flash> replace boot.rec 19 D6705C75
  log> lvl=info src=boot msg=starting mode=normal boot=2 reset=update detail=""update staged or rolled back"" failed_boots=0 settings=current
  log> lvl=info src=ota msg=""new image on trial; health check running"" version=1.5.1
  log> lvl=info src=outbox msg=opened prefix=ob restored=1
run 3000
  log> lvl=info src=clock msg=""wall clock synced"" mono=1000000 unsynced_samples=0
  bus> 0103000A0001A408
  bus< 0103020064B9AF
  clock 5
  log> lvl=info src=poll msg=""map taken over"" map=tiny points=1
  flash> replace boot.bak 19 D6705C75
  flash> append ob00000001.seg 47 2A04BA76
  mqtt> connect 192.168.1.10:1883 plain id=energy-logger-246F28ABCDEF will=home/energy/status,retain,offline keepalive=60 clean
  mqtt< connack NetworkError broker unreachable
  log> lvl=warn src=cloud msg=""connect: broker unreachable""
  log> lvl=info src=leds msg=state wifi=connected mqtt=failed modbus=on ota=off reset=off
  clock 1500
  mqtt> connect 192.168.1.10:1883 plain id=energy-logger-246F28ABCDEF will=home/energy/status,retain,offline keepalive=60 clean
  mqtt< connack NetworkError broker unreachable
  log> lvl=warn src=cloud msg=""connect: broker unreachable""
power-cut
boot
  clock 0
  flash> replace ota-boot.1 160 0A356349
  flash> replace boot.rec 19 301E2DF9
  log> lvl=info src=boot msg=starting mode=normal boot=3 reset=unknown detail="""" failed_boots=1 settings=current
  log> lvl=info src=ota msg=""new image on trial; health check running"" version=1.5.1
  log> lvl=info src=outbox msg=opened prefix=ob restored=2
run 3000
  log> lvl=info src=clock msg=""wall clock synced"" mono=1000000 unsynced_samples=0
  bus> 0103000A0001A408
  bus< 0103020064B9AF
  clock 5
  log> lvl=info src=poll msg=""map taken over"" map=tiny points=1
  flash> replace boot.bak 19 301E2DF9
  flash> append ob00000002.seg 47 F558C401
  mqtt> connect 192.168.1.10:1883 plain id=energy-logger-246F28ABCDEF will=home/energy/status,retain,offline keepalive=60 clean
  mqtt< connack NetworkError broker unreachable
  log> lvl=warn src=cloud msg=""connect: broker unreachable""
  log> lvl=info src=leds msg=state wifi=connected mqtt=failed modbus=on ota=off reset=off
  clock 1500
  mqtt> connect 192.168.1.10:1883 plain id=energy-logger-246F28ABCDEF will=home/energy/status,retain,offline keepalive=60 clean
  mqtt< connack NetworkError broker unreachable
  log> lvl=warn src=cloud msg=""connect: broker unreachable""
power-cut
boot
  clock 0
  flash> replace ota-boot.0 160 F26D28B4
  flash> replace boot.rec 19 C64EE7E8
  log> lvl=info src=boot msg=starting mode=normal boot=4 reset=unknown detail="""" failed_boots=2 settings=current
  log> lvl=info src=ota msg=""new image on trial; health check running"" version=1.5.1
  log> lvl=info src=outbox msg=opened prefix=ob restored=3
run 3000
  log> lvl=info src=clock msg=""wall clock synced"" mono=1000000 unsynced_samples=0
  bus> 0103000A0001A408
  bus< 0103020064B9AF
  clock 5
  log> lvl=info src=poll msg=""map taken over"" map=tiny points=1
  flash> replace boot.bak 19 C64EE7E8
  flash> append ob00000003.seg 47 64298960
  mqtt> connect 192.168.1.10:1883 plain id=energy-logger-246F28ABCDEF will=home/energy/status,retain,offline keepalive=60 clean
  mqtt< connack NetworkError broker unreachable
  log> lvl=warn src=cloud msg=""connect: broker unreachable""
  log> lvl=info src=leds msg=state wifi=connected mqtt=failed modbus=on ota=off reset=off
  clock 1500
  mqtt> connect 192.168.1.10:1883 plain id=energy-logger-246F28ABCDEF will=home/energy/status,retain,offline keepalive=60 clean
  mqtt< connack NetworkError broker unreachable
  log> lvl=warn src=cloud msg=""connect: broker unreachable""
power-cut
broker up
boot
  clock 0
  flash> replace ota-boot.1 160 009FBB96
  flash> replace boot.rec 19 F197E1D9
  log> lvl=info src=boot msg=starting mode=safe boot=5 reset=unknown detail="""" failed_boots=3 settings=current
  log> lvl=info src=ota msg=""outcome to report"" outcome=rolled-back version=1.5.1 reason=""new image did not confirm itself and was rolled back""
  log> lvl=info src=outbox msg=opened prefix=ob restored=4
run 2000
  log> lvl=warn src=boot msg=""safe mode: no polling"" why=""3 failed boots, last: unknown"" leave=""reboot command, settings on port 4242, update or factory reset""
  log> lvl=info src=clock msg=""wall clock synced"" mono=1000000 unsynced_samples=0
  mqtt> connect 192.168.1.10:1883 plain id=energy-logger-246F28ABCDEF will=home/energy/status,retain,offline keepalive=60 clean
  mqtt< connack accepted
  mqtt> sub home/energy/config/set q1
  mqtt> sub home/energy/command/+ q1
  mqtt> sub home/energy/ota/offer q1
  mqtt> pub home/energy/status q1 retain #1 online
  mqtt> pub home/energy/metadata q1 retain #2 {""fwVersion"":""1.0.0"",""fwBuild"":""transcript"",""mac"":""246F28ABCDEF"",""ip"":""192.168.1.77"",""rssi"":-63,""uptime_s"":0,""mode"":""safe"",""boots"":5,""reset_reason"":""unknown"",""failed_boots"":3,""free_mem"":123456,""rssi_dbm"":-63,""modbus_requests"":0,""modbus_timeouts"":0,""modbus_crc_errors"":0,""modbus_exceptions"":0,""modbus_other_errors"":0,""samples"":0,""samples_too_large"":0,""outbox_appended"":0,""outbox_restored"":4,""outbox_acknowledged"":0,""outbox_depth"":4,""outbox_dropped"":0,""outbox_merged"":0,""outbox_refused"":0,""outbox_bytes"":188,""cloud_connects"":1,""cloud_lost"":0,""cloud_timeouts"":0,""loop_longest_ms"":0,""loop_over_budget"":0,""cycles"":0,""samples_unsynced"":0,""clock_anchor_mono"":1000000,""clock_anchor_unix"":1735689611000}
  mqtt> pub home/energy/ota/status q1 retain #3 {""configId"":""1.0.0"",""statusCode"":500,""reasonPhrase"":""1.5.1: new image did not confirm itself and was rolled back""}
  mqtt> pub home/energy/telemetry q1 #4 [{""v"":1,""seq"":1000000001,""ts"":1735689600005,""mono"":1000005,""synced"":true,""grid"":{""power"":100}}]
  mqtt> pub home/energy/telemetry q1 #5 [{""v"":1,""seq"":2000000001,""ts"":1735689602005,""mono"":1000005,""synced"":true,""grid"":{""power"":100}}]
  log> lvl=info src=leds msg=state wifi=connected mqtt=connected modbus=off ota=off reset=off
  clock 500
  mqtt< ack 1
  mqtt< ack 2
  mqtt< ack 3
  flash> replace ota-boot.0 160 69D686EA
  log> lvl=info src=ota msg=""outcome reported"" outcome=rolled-back version=1.5.1 reason=""new image did not confirm itself and was rolled back""
  mqtt< ack 4
  flash> delete ob00000000.seg
  mqtt< ack 5
  flash> delete ob00000001.seg
  mqtt> pub home/energy/telemetry q1 #6 [{""v"":1,""seq"":3000000001,""ts"":1735689605005,""mono"":1000005,""synced"":true,""grid"":{""power"":100}}]
  mqtt> pub home/energy/telemetry q1 #7 [{""v"":1,""seq"":4000000001,""ts"":1735689608005,""mono"":1000005,""synced"":true,""grid"":{""power"":100}}]
  clock 1000
  mqtt< ack 6
  flash> delete ob00000002.seg
  mqtt< ack 7
  flash> delete ob00000003.seg
offer p151 https://updates.example.net/1.5.1.elup
run 1000
  clock 2000
  mqtt< msg home/energy/ota/offer {""url"":""https://updates.example.net/1.5.1.elup"",""version"":""1.5.1"",""size"":323,""sha256"":""a0e19389362c88c7150a09f2585d47d07dabe4b077ffa91d58291cc9cfb7e0dd""}
  log> lvl=warn src=ota msg=""offer refused"" version=1.5.1 reason=""this version was rolled back on this device before""
  mqtt> pub home/energy/ota/status q1 retain #8 {""configId"":""1.0.0"",""statusCode"":400,""reasonPhrase"":""1.5.1: this version was rolled back on this device before""}
  clock 2500
  mqtt< ack 8
  log> lvl=info src=ota msg=""outcome reported"" outcome=failed version=1.5.1 reason=""this version was rolled back on this device before""
";
    }
}
