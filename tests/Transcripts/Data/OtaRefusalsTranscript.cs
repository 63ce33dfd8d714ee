// Shared with the nanoFramework test assemblies: C# 9, no generics, no nullable annotations.
#nullable disable
namespace EnergyLogger.Transcripts
{
    /// <summary>
    /// Update packages refused by the factory image on custom MQTT (docs/ota.md, RELIABILITY O1, O2): a key the
    /// device does not know, an image that does not match its signed hash (retried, then abandoned), and a truncated
    /// download (retried, then abandoned); each reported once, the running image untouched.
    /// </summary>
    public static class OtaRefusalsTranscript
    {
        public const string Text = @"# Update packages the factory image refuses, on custom MQTT: one signed with a key the device does not know (final,
# after the first chunk), one whose image does not match the hash its manifest signs (stored, verified, erased,
# tried again with a growing wait and abandoned after four attempts), and one the server cuts short (truncated, the
# same four attempts). Each failure is reported once on {prefix}/ota/status; the running image is never touched.
scenario loop
map {""format"":""energylogger-map/1"",""name"":""tiny"",""devices"":[{""id"":""inv"",""slave"":1}],""points"":[{""name"":""grid_power"",""address"":10,""type"":""int16"",""poll"":""fast"",""target"":""grid.power""}]}
set wifi.ssid Home Net
set mqtt.host 192.168.1.10
set mqtt.port 1883
set mqtt.tls off
set cloud.mode mqtt
set mqtt.prefix home/energy
option poll.fastMs 30000
option poll.normalMs 30000
option poll.slowMs 30000
option loop.tickMs 500
ota factory=1.0.0 target=esp32s3 trial-boots=3 health-ms=60000 retry-ms=1000
package p142 version=1.4.2 min=1.0.0 target=esp32s3 image=64 seed=3
  clock 0
  package 454C5550010100B3F84F35EC9549F9EF627690E6C581BD3CA606CDE36ABB6FA997018C1A9A1993A007733BD3E3A312E3C1F0C1C498643EC5823053680F3CC86C350321E339DE7D141549A56411FF5D737B22666F726D6174223A22656E657267796C6F676765722D7570646174652F31222C2276657273696F6E223A22312E342E32222C226D696E4669726D77617265223A22312E302E30222C22746172676574223A2265737033327333222C2273697A65223A36342C22736861323536223A2265396238356537653933613634353932393734393261626230643562313462316463336634663032653863366432653837356431303839393065393166643866227D9D5605A907DBE33A63A0322750A4A3BD8C6EC827CC1FDEEA75CF27DDF84AC5C74127F25BA8C3D267018BE0A0F0A9247266B97CF75452DF7D781B3338B3054218
package p143 version=1.4.3 min=1.0.0 target=esp32s3 image=64 seed=4
  package 454C5550010100B3F84F35EC9549F9EFD3350CA62ED2850C6BB371529003553F33A778C7CC8152BB208A44BFD41A2DBB7A3086F7478E4FB47CB0C16343F51FA75ABDA0081757B0714D44407169184B007B22666F726D6174223A22656E657267796C6F676765722D7570646174652F31222C2276657273696F6E223A22312E342E33222C226D696E4669726D77617265223A22312E302E30222C22746172676574223A2265737033327333222C2273697A65223A36342C22736861323536223A2262326535343465366334393436663530643933636436376231633366303135306365336238613733623738346264656566303636666166656335393437643330227DC81945BCEBFDE2064A08CC98C4273ABA01BFA420A881A68DF9F568278432205A93C98BFD4633F5DA5BCF4011E1E08C7FA1C4A6665986064673B8C3F594BB8118
package p144 version=1.4.4 min=1.0.0 target=esp32s3 image=64 seed=5
  package 454C5550010100B3F84F35EC9549F9EFB8AFC36A71640F92405777D1E23AD606BDFE8EF9F46AB9A5B748146AD1E7B944EB7D88D73690F381572F886109390A66AC03EA442D253BAD7A1A08E8CB791B2E7B22666F726D6174223A22656E657267796C6F676765722D7570646174652F31222C2276657273696F6E223A22312E342E34222C226D696E4669726D77617265223A22312E302E30222C22746172676574223A2265737033327333222C2273697A65223A36342C22736861323536223A2230363961366464393865626264393830393162343161383565613062303336613737373963396230386266303533643162666434623633633938643165343633227DF4DD85CFCE1EE2D13171650938ABD2B77610801A84E46E307C1AA970101A7CEDE66B239FE4A2174CB5149F82D117F58CDCCFD0D55EBA2E106E5453B37571C117
package otherkey from p142 flip 8
package badhash from p143 flip -1
serve https://updates.example.net/1.4.2.elup otherkey
serve https://updates.example.net/1.4.3.elup badhash
serve https://updates.example.net/1.4.4.elup p144
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
offer p142 https://updates.example.net/1.4.2.elup
run 1000
  clock 1000
  mqtt< msg home/energy/ota/offer {""url"":""https://updates.example.net/1.4.2.elup"",""version"":""1.4.2"",""size"":323,""sha256"":""e9b85e7e93a6459297492abb0d5b14b1dc3f4f02e8c6d2e875d108990e91fd8f""}
  log> lvl=info src=ota msg=offer version=1.4.2 status=ok
  log> lvl=info src=ota msg=""download started""
  http> open https://updates.example.net/1.4.2.elup from=0
  http< ok 323
  http< data 323
  log> lvl=warn src=ota msg=""update abandoned; the failure is reported""
  clock 1500
  mqtt> pub home/energy/ota/status q1 retain #4 {""configId"":""1.0.0"",""statusCode"":400,""reasonPhrase"":""1.4.2: package signed with an unknown key""}
offer p143 https://updates.example.net/1.4.3.elup
run 11000
  clock 2000
  mqtt< ack 4
  log> lvl=info src=ota msg=""outcome reported"" outcome=failed version=1.4.2 reason=""package signed with an unknown key""
  mqtt< msg home/energy/ota/offer {""url"":""https://updates.example.net/1.4.3.elup"",""version"":""1.4.3"",""size"":323,""sha256"":""b2e544e6c4946f50d93cd67b1c3f0150ce3b8a73b784bdeef066fafec5947d30""}
  log> lvl=info src=ota msg=offer version=1.4.3 status=ok
  log> lvl=info src=ota msg=""download started""
  http> open https://updates.example.net/1.4.3.elup from=0
  http< ok 323
  http< data 323
  flash> append ota-a.00 323 A874874B
  log> lvl=info src=ota msg=""downloaded; verifying the stored image"" bytes=323
  log> lvl=info src=leds msg=state wifi=connected mqtt=connected modbus=on ota=on reset=off
  clock 2500
  flash> delete ota-a.00
  log> lvl=warn src=ota msg=""download attempt failed; retrying later"" attempts=1
  log> lvl=info src=ota msg=""download started""
  clock 3500
  http> open https://updates.example.net/1.4.3.elup from=0
  http< ok 323
  http< data 323
  flash> append ota-a.00 323 A874874B
  log> lvl=info src=ota msg=""downloaded; verifying the stored image"" bytes=323
  clock 4000
  flash> delete ota-a.00
  log> lvl=warn src=ota msg=""download attempt failed; retrying later"" attempts=2
  log> lvl=info src=ota msg=""download started""
  clock 6000
  http> open https://updates.example.net/1.4.3.elup from=0
  http< ok 323
  http< data 323
  flash> append ota-a.00 323 A874874B
  log> lvl=info src=ota msg=""downloaded; verifying the stored image"" bytes=323
  clock 6500
  flash> delete ota-a.00
  log> lvl=warn src=ota msg=""download attempt failed; retrying later"" attempts=3
  log> lvl=info src=ota msg=""download started""
  clock 10500
  http> open https://updates.example.net/1.4.3.elup from=0
  http< ok 323
  http< data 323
  flash> append ota-a.00 323 A874874B
  log> lvl=info src=ota msg=""downloaded; verifying the stored image"" bytes=323
  clock 11000
  flash> delete ota-a.00
  log> lvl=warn src=ota msg=""update abandoned; the failure is reported""
  log> lvl=info src=leds msg=state wifi=connected mqtt=connected modbus=on ota=off reset=off
  clock 11500
  mqtt> pub home/energy/ota/status q1 retain #5 {""configId"":""1.0.0"",""statusCode"":400,""reasonPhrase"":""1.4.3: image hash mismatch""}
  clock 12000
  mqtt< ack 5
  log> lvl=info src=ota msg=""outcome reported"" outcome=failed version=1.4.3 reason=""image hash mismatch""
http truncate 200
offer p144 https://updates.example.net/1.4.4.elup
run 9000
  clock 13000
  mqtt< msg home/energy/ota/offer {""url"":""https://updates.example.net/1.4.4.elup"",""version"":""1.4.4"",""size"":323,""sha256"":""069a6dd98ebbd98091b41a85ea0b036a7779c9b08bf053d1bfd4b63c98d1e463""}
  log> lvl=info src=ota msg=offer version=1.4.4 status=ok
  log> lvl=info src=ota msg=""download started""
  http> open https://updates.example.net/1.4.4.elup from=0
  http< ok 200
  log> lvl=warn src=ota msg=""download attempt failed; retrying later"" attempts=1
  log> lvl=info src=leds msg=state wifi=connected mqtt=connected modbus=on ota=on reset=off
  clock 14000
  http> open https://updates.example.net/1.4.4.elup from=0
  http< ok 200
  log> lvl=warn src=ota msg=""download attempt failed; retrying later"" attempts=2
  clock 16000
  http> open https://updates.example.net/1.4.4.elup from=0
  http< ok 200
  log> lvl=warn src=ota msg=""download attempt failed; retrying later"" attempts=3
  clock 20000
  http> open https://updates.example.net/1.4.4.elup from=0
  http< ok 200
  log> lvl=warn src=ota msg=""update abandoned; the failure is reported""
  log> lvl=info src=leds msg=state wifi=connected mqtt=connected modbus=on ota=off reset=off
  clock 20500
  mqtt> pub home/energy/ota/status q1 retain #6 {""configId"":""1.0.0"",""statusCode"":400,""reasonPhrase"":""1.4.4: package truncated""}
  clock 21000
  mqtt< ack 6
  log> lvl=info src=ota msg=""outcome reported"" outcome=failed version=1.4.4 reason=""package truncated""
";
    }
}
