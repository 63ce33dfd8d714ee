// Shared with the nanoFramework test assemblies: C# 9, no generics, no nullable annotations.
#nullable disable
namespace EnergyLogger.Transcripts
{
    /// <summary>
    /// An update through the main loop on custom MQTT (docs/ota.md, RELIABILITY O1, O2): downloaded, verified, staged,
    /// booted on trial, confirmed by the health check and reported applied; then the offers the new image refuses (a
    /// bad signature, an older version, a package larger than a slot), each reported on {prefix}/ota/status.
    /// </summary>
    public static class OtaApplyTranscript
    {
        public const string Text = @"# Over-the-air updates on custom MQTT (docs/ota.md): an offer of 1.4.0 is downloaded, verified and staged, the board
# restarts into it on trial, the health check passes (a slave answered, the broker took the session) and the image
# confirms itself and reports ""applied"". Then the offers the running 1.4.0 refuses: a package whose signature does
# not verify (final, after the first chunk), an older version, and a package larger than a slot (both at the offer).
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
package p140 version=1.4.0 min=1.0.0 target=esp32s3 image=64 seed=1
  clock 0
  package 454C5550010100B3F84F35EC9549F9EF8A893B52EE7D051552AE15FF0D4030E4E1BF98C5272224E145022B5F3F238330DE933BAD8F3D993B53913D75F37DD55A5E4B17ACD8FC227BD01D47A2234FFB1E7B22666F726D6174223A22656E657267796C6F676765722D7570646174652F31222C2276657273696F6E223A22312E342E30222C226D696E4669726D77617265223A22312E302E30222C22746172676574223A2265737033327333222C2273697A65223A36342C22736861323536223A2262373938386130613239613139643535656530616633623463323639636361663335323338323566646562653236613166646432396330666530353961326239227D46D086824097E4A395CFFF46699C73C4A1CD1034135B4EA36F84A54ADF7A0EA09CE3C1176CE48E824E0221BE0F3B5358F0A328184BE991EB81E312BCF19AC41A
package p141 version=1.4.1 min=1.0.0 target=esp32s3 image=64 seed=2
  package 454C5550010100B3F84F35EC9549F9EFEE472B86F11DC7CFF4F740ACEE053D3B973451D13688E9B7CE4C583BFDE4297270A3843E735AD0DB2B1E0A3B8BFD84A19F883DF1112C8301F39F3932B6B9959F7B22666F726D6174223A22656E657267796C6F676765722D7570646174652F31222C2276657273696F6E223A22312E342E31222C226D696E4669726D77617265223A22312E302E30222C22746172676574223A2265737033327333222C2273697A65223A36342C22736861323536223A2232346462343063646231313039616530646538386434333038636463623532313165333333366233653430613031373030333062343434376166653462363763227D7193C69524B9E36F7C3898B7DD200BC1161EEC2EF0BD1646F2A9E6936C626933EF855AB90A53B0F5A847812FFF72BC652BAE5287501DB8B47D7FA37AD24F0319
package badsig from p141 flip 40
serve https://updates.example.net/1.4.0.elup p140
serve https://updates.example.net/1.4.1.elup badsig
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
offer p140 https://updates.example.net/1.4.0.elup
run 2000
  clock 1000
  mqtt< msg home/energy/ota/offer {""url"":""https://updates.example.net/1.4.0.elup"",""version"":""1.4.0"",""size"":323,""sha256"":""b7988a0a29a19d55ee0af3b4c269ccaf3523825fdebe26a1fdd29c0fe059a2b9""}
  log> lvl=info src=ota msg=offer version=1.4.0 status=ok
  log> lvl=info src=ota msg=""download started""
  http> open https://updates.example.net/1.4.0.elup from=0
  http< ok 323
  http< data 323
  flash> append ota-a.00 323 12BDA0E8
  log> lvl=info src=ota msg=""downloaded; verifying the stored image"" bytes=323
  log> lvl=info src=leds msg=state wifi=connected mqtt=connected modbus=on ota=on reset=off
  clock 1500
  flash> replace ota-boot.1 160 1CBDD131
  log> lvl=info src=ota msg=""staged; rebooting into it""
  log> lvl=info src=leds msg=state wifi=connected mqtt=connected modbus=on ota=off reset=off
  clock 2000
  log> lvl=info src=loop msg=restarting reason=update detail=""update staged or rolled back""
  mqtt> disconnect
  flash> replace boot.rec 47 26C8F74A
  reboot
boot
  clock 0
  flash> replace ota-boot.0 160 C011FCDC
  flash> replace boot.rec 19 D6705C75
  log> lvl=info src=boot msg=starting mode=normal boot=2 reset=update detail=""update staged or rolled back"" failed_boots=0 settings=current
  log> lvl=info src=ota msg=""new image on trial; health check running"" version=1.4.0
  log> lvl=info src=outbox msg=opened prefix=ob restored=1
run 21000
  log> lvl=info src=clock msg=""wall clock synced"" mono=1000000 unsynced_samples=0
  bus> 0103000A0001A408
  bus< 0103020064B9AF
  clock 5
  log> lvl=info src=poll msg=""map taken over"" map=tiny points=1
  flash> replace boot.bak 19 D6705C75
  flash> append ob00000001.seg 47 2A04BA76
  mqtt> connect 192.168.1.10:1883 plain id=energy-logger-246F28ABCDEF will=home/energy/status,retain,offline keepalive=60 clean
  mqtt< connack accepted
  mqtt> sub home/energy/config/set q1
  mqtt> sub home/energy/command/+ q1
  mqtt> sub home/energy/ota/offer q1
  mqtt> pub home/energy/status q1 retain #1 online
  mqtt> pub home/energy/metadata q1 retain #2 {""fwVersion"":""1.4.0"",""fwBuild"":""transcript"",""mac"":""246F28ABCDEF"",""ip"":""192.168.1.77"",""rssi"":-63,""uptime_s"":0,""mode"":""normal"",""boots"":2,""reset_reason"":""update"",""reset_detail"":""update staged or rolled back"",""failed_boots"":0,""free_mem"":123456,""rssi_dbm"":-63,""modbus_requests"":1,""modbus_timeouts"":0,""modbus_crc_errors"":0,""modbus_exceptions"":0,""modbus_other_errors"":0,""samples"":1,""samples_too_large"":0,""outbox_appended"":1,""outbox_restored"":1,""outbox_acknowledged"":0,""outbox_depth"":2,""outbox_dropped"":0,""outbox_merged"":0,""outbox_refused"":0,""outbox_bytes"":94,""cloud_connects"":1,""cloud_lost"":0,""cloud_timeouts"":0,""loop_longest_ms"":0,""loop_over_budget"":0,""cycles"":1,""samples_unsynced"":0,""clock_anchor_mono"":1000000,""clock_anchor_unix"":1735689602000}
  mqtt> pub home/energy/telemetry q1 #3 [{""v"":1,""seq"":2000000001,""ts"":1735689602005,""mono"":1000005,""synced"":true,""grid"":{""power"":100}}]
  mqtt> pub home/energy/telemetry q1 #4 [{""v"":1,""seq"":1000000001,""ts"":1735689600005,""mono"":1000005,""synced"":true,""grid"":{""power"":100}}]
  log> lvl=info src=leds msg=state wifi=connected mqtt=connected modbus=on ota=off reset=off
  clock 500
  mqtt< ack 1
  mqtt< ack 2
  mqtt< ack 3
  mqtt< ack 4
  flash> delete ob00000000.seg
  clock 20000
  bus> 0103000A0001A408
  bus< 0103020064B9AF
  clock 20005
  flash> append ob00000001.seg 18 C748F9DE
  mqtt> pub home/energy/state q0 retain {""v"":1,""seq"":2000000002,""ts"":1735689622005,""mono"":1020005,""synced"":true,""grid"":{""power"":100}}
  mqtt> pub home/energy/telemetry q1 #5 [{""v"":1,""seq"":2000000002,""ts"":1735689622005,""mono"":1020005,""synced"":true,""grid"":{""power"":100}}]
  flash> replace ota-boot.1 160 050A75AE
  log> lvl=info src=ota msg=""health check passed; image confirmed"" version=1.4.0
  clock 20500
  mqtt< ack 5
  mqtt> pub home/energy/ota/status q1 retain #6 {""configId"":""1.4.0""}
offer p141 https://updates.example.net/1.4.1.elup
run 1000
  clock 21000
  mqtt< ack 6
  flash> replace ota-boot.0 160 7D0BFBE9
  log> lvl=info src=ota msg=""outcome reported"" outcome=applied version=1.4.0 reason=ok
  mqtt< msg home/energy/ota/offer {""url"":""https://updates.example.net/1.4.1.elup"",""version"":""1.4.1"",""size"":323,""sha256"":""24db40cdb1109ae0de88d4308cdcb5211e3336b3e40a0170030b4447afe4b67c""}
  log> lvl=info src=ota msg=offer version=1.4.1 status=ok
  log> lvl=info src=ota msg=""download started""
  http> open https://updates.example.net/1.4.1.elup from=0
  http< ok 323
  http< data 323
  log> lvl=warn src=ota msg=""update abandoned; the failure is reported""
  clock 21500
  mqtt> pub home/energy/ota/status q1 retain #7 {""configId"":""1.4.0"",""statusCode"":400,""reasonPhrase"":""1.4.1: bad manifest signature""}
push home/energy/ota/offer {""url"":""https://updates.example.net/0.9.0.elup"",""version"":""0.9.0"",""size"":600,""sha256"":""0000000000000000000000000000000000000000000000000000000000000000""}
run 1000
  clock 22000
  mqtt< ack 7
  log> lvl=info src=ota msg=""outcome reported"" outcome=failed version=1.4.1 reason=""bad manifest signature""
  mqtt< msg home/energy/ota/offer {""url"":""https://updates.example.net/0.9.0.elup"",""version"":""0.9.0"",""size"":600,""sha256"":""0000000000000000000000000000000000000000000000000000000000000000""}
  log> lvl=warn src=ota msg=""offer refused"" version=0.9.0 reason=""older than the running version and downgrade not allowed""
  mqtt> pub home/energy/ota/status q1 retain #8 {""configId"":""1.4.0"",""statusCode"":400,""reasonPhrase"":""0.9.0: older than the running version and downgrade not allowed""}
  clock 22500
  mqtt< ack 8
  log> lvl=info src=ota msg=""outcome reported"" outcome=failed version=0.9.0 reason=""older than the running version and downgrade not allowed""
push home/energy/ota/offer {""url"":""https://updates.example.net/2.0.0.elup"",""version"":""2.0.0"",""size"":2000000,""sha256"":""0000000000000000000000000000000000000000000000000000000000000000""}
run 1000
  clock 23000
  mqtt< msg home/energy/ota/offer {""url"":""https://updates.example.net/2.0.0.elup"",""version"":""2.0.0"",""size"":2000000,""sha256"":""0000000000000000000000000000000000000000000000000000000000000000""}
  log> lvl=warn src=ota msg=""offer refused"" version=2.0.0 reason=""image larger than 1.5 MB or package larger than the slot""
  mqtt> pub home/energy/ota/status q1 retain #9 {""configId"":""1.4.0"",""statusCode"":400,""reasonPhrase"":""2.0.0: image larger than 1.5 MB or package larger than the slot""}
  clock 23500
  mqtt< ack 9
  log> lvl=info src=ota msg=""outcome reported"" outcome=failed version=2.0.0 reason=""image larger than 1.5 MB or package larger than the slot""
";
    }
}
