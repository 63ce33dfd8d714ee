// Shared with the nanoFramework test assemblies: C# 9, no generics, no nullable annotations.
#nullable disable
namespace EnergyLogger.Transcripts
{
    /// <summary>
    /// The outbox across a power cut (RELIABILITY C1, S1): samples stored while the broker is unreachable, the
    /// oldest segment dropped at the cap, an append torn by the power cut, the segments read back at the next boot
    /// with the torn record skipped, and the backlog sent oldest first, in turns with live samples, once the broker
    /// is back; acknowledged segments are deleted.
    /// </summary>
    public static class OutboxPowerCutTranscript
    {
        public const string Text = @"# The outbox across a power cut, on custom MQTT with small segments (segments of 256 bytes, two records each, and at most 3 of them): while
# the broker is unreachable every sample is stored and the oldest segment is dropped at the cap; the power fails in
# the middle of an append; the next boot reads the segments back, skips the torn record and keeps the rest; once the
# broker is back the backlog goes out oldest first, taking turns with live samples, and acknowledged segments are deleted.
scenario loop
map {""format"":""energylogger-map/1"",""name"":""tiny"",""devices"":[{""id"":""inv"",""slave"":1}],""points"":[{""name"":""grid_power"",""address"":10,""type"":""int16"",""poll"":""fast"",""target"":""grid.power""}]}
set wifi.ssid Home Net
set mqtt.host 192.168.1.10
set mqtt.port 1883
set mqtt.tls off
set cloud.mode mqtt
set mqtt.prefix home/energy
option poll.fastMs 2000
option outbox.segmentBytes 256
option outbox.maxSegments 3
option outbox.maxBatchBytes 300
option loop.tickMs 500
slave 1
regs 1 holding 10 100
broker down
boot
  clock 0
  flash> replace boot.rec 19 0F66626F
  log> lvl=info src=boot msg=starting mode=normal boot=1 reset=first-start detail="""" failed_boots=0 settings=current
  log> lvl=info src=outbox msg=opened prefix=ob restored=0
run 19000
  log> lvl=info src=clock msg=""wall clock synced"" mono=1000000 unsynced_samples=0
  bus> 0103000A0001A408
  bus< 0103020064B9AF
  clock 5
  log> lvl=info src=poll msg=""map taken over"" map=tiny points=1
  flash> replace boot.bak 19 0F66626F
  flash> append ob00000000.seg 47 EF5D2872
  mqtt> connect 192.168.1.10:1883 plain id=energy-logger-246F28ABCDEF will=home/energy/status,retain,offline keepalive=60 clean
  mqtt< connack NetworkError broker unreachable
  log> lvl=warn src=cloud msg=""connect: broker unreachable""
  log> lvl=info src=leds msg=state wifi=connected mqtt=failed modbus=on ota=off reset=off
  clock 2000
  bus> 0103000A0001A408
  bus< 0103020064B9AF
  clock 2005
  flash> append ob00000000.seg 16 03A9D619
  mqtt> connect 192.168.1.10:1883 plain id=energy-logger-246F28ABCDEF will=home/energy/status,retain,offline keepalive=60 clean
  mqtt< connack NetworkError broker unreachable
  log> lvl=warn src=cloud msg=""connect: broker unreachable""
  clock 4000
  bus> 0103000A0001A408
  bus< 0103020064B9AF
  clock 4005
  flash> append ob00000000.seg 16 03A9D619
  clock 5000
  mqtt> connect 192.168.1.10:1883 plain id=energy-logger-246F28ABCDEF will=home/energy/status,retain,offline keepalive=60 clean
  mqtt< connack NetworkError broker unreachable
  log> lvl=warn src=cloud msg=""connect: broker unreachable""
  clock 6000
  bus> 0103000A0001A408
  bus< 0103020064B9AF
  clock 6005
  flash> append ob00000000.seg 16 03A9D619
  clock 8000
  bus> 0103000A0001A408
  bus< 0103020064B9AF
  clock 8005
  flash> append ob00000000.seg 16 03A9D619
  clock 9500
  mqtt> connect 192.168.1.10:1883 plain id=energy-logger-246F28ABCDEF will=home/energy/status,retain,offline keepalive=60 clean
  mqtt< connack NetworkError broker unreachable
  log> lvl=warn src=cloud msg=""connect: broker unreachable""
  clock 10000
  bus> 0103000A0001A408
  bus< 0103020064B9AF
  clock 10005
  flash> append ob00000000.seg 16 03A9D619
  clock 12000
  bus> 0103000A0001A408
  bus< 0103020064B9AF
  clock 12005
  flash> append ob00000000.seg 16 03A9D619
  clock 14000
  bus> 0103000A0001A408
  bus< 0103020064B9AF
  clock 14005
  flash> append ob00000000.seg 16 03A9D619
  clock 16000
  bus> 0103000A0001A408
  bus< 0103020064B9AF
  clock 16005
  flash> append ob00000000.seg 16 03A9D619
  clock 18000
  bus> 0103000A0001A408
  bus< 0103020064B9AF
  clock 18005
  flash> append ob00000000.seg 16 03A9D619
power-cut after-writes 1
regs 1 holding 10 200
run 4000
  clock 20000
  bus> 0103000A0001A408
  bus< 01030200C8B9D2
  clock 20005
  flash> append ob00000000.seg 19 7A01D5CF
  clock 21500
  mqtt> connect 192.168.1.10:1883 plain id=energy-logger-246F28ABCDEF will=home/energy/status,retain,offline keepalive=60 clean
  mqtt< connack NetworkError broker unreachable
  log> lvl=warn src=cloud msg=""connect: broker unreachable""
  clock 22000
  bus> 0103000A0001A408
  bus< 01030200C8B9D2
  clock 22005
  flash> append ob00000000.seg 16 03A9D619 torn 8
  halt power cut
boot
  clock 0
  flash> replace boot.rec 19 844F2608
  log> lvl=info src=boot msg=starting mode=normal boot=2 reset=unknown detail="""" failed_boots=1 settings=current
  log> lvl=info src=outbox msg=opened prefix=ob restored=11
run 3000
  log> lvl=info src=clock msg=""wall clock synced"" mono=1000000 unsynced_samples=0
  bus> 0103000A0001A408
  bus< 01030200C8B9D2
  clock 5
  log> lvl=info src=poll msg=""map taken over"" map=tiny points=1
  flash> replace boot.bak 19 844F2608
  flash> append ob00000001.seg 47 FFBBE997
  mqtt> connect 192.168.1.10:1883 plain id=energy-logger-246F28ABCDEF will=home/energy/status,retain,offline keepalive=60 clean
  mqtt< connack NetworkError broker unreachable
  log> lvl=warn src=cloud msg=""connect: broker unreachable""
  log> lvl=info src=leds msg=state wifi=connected mqtt=failed modbus=on ota=off reset=off
  clock 1500
  mqtt> connect 192.168.1.10:1883 plain id=energy-logger-246F28ABCDEF will=home/energy/status,retain,offline keepalive=60 clean
  mqtt< connack NetworkError broker unreachable
  log> lvl=warn src=cloud msg=""connect: broker unreachable""
  clock 2000
  bus> 0103000A0001A408
  bus< 01030200C8B9D2
  clock 2005
  flash> append ob00000001.seg 16 03A9D619
broker up
regs 1 holding 10 300
run 8000
  clock 4000
  bus> 0103000A0001A408
  bus< 010302012CB809
  clock 4005
  flash> append ob00000001.seg 19 7A01D5CF
  clock 4500
  mqtt> connect 192.168.1.10:1883 plain id=energy-logger-246F28ABCDEF will=home/energy/status,retain,offline keepalive=60 clean
  mqtt< connack accepted
  mqtt> sub home/energy/config/set q1
  mqtt> sub home/energy/command/+ q1
  mqtt> sub home/energy/ota/offer q1
  mqtt> pub home/energy/status q1 retain #1 online
  mqtt> pub home/energy/metadata q1 retain #2 {""fwVersion"":""1.0.0"",""fwBuild"":""transcript"",""mac"":""246F28ABCDEF"",""ip"":""192.168.1.77"",""rssi"":-63,""uptime_s"":4,""mode"":""normal"",""boots"":2,""reset_reason"":""unknown"",""failed_boots"":1,""free_mem"":123456,""rssi_dbm"":-63,""modbus_requests"":3,""modbus_timeouts"":0,""modbus_crc_errors"":0,""modbus_exceptions"":0,""modbus_other_errors"":0,""samples"":3,""samples_too_large"":0,""outbox_appended"":3,""outbox_restored"":11,""outbox_acknowledged"":0,""outbox_depth"":14,""outbox_dropped"":0,""outbox_merged"":0,""outbox_refused"":0,""outbox_bytes"":300,""cloud_connects"":1,""cloud_lost"":0,""cloud_timeouts"":0,""cloud_last_error"":""connect: broker unreachable"",""loop_longest_ms"":5,""loop_over_budget"":0,""cycles"":3,""samples_unsynced"":0,""clock_anchor_mono"":1000000,""clock_anchor_unix"":1735689622005}
  mqtt> pub home/energy/telemetry q1 #3 [{""v"":1,""seq"":2000000001,""ts"":1735689622010,""mono"":1000005,""synced"":true,""grid"":{""power"":200}},{""v"":1,""seq"":2000000002,""ts"":1735689624010,""mono"":1002005,""synced"":true,""grid"":{""power"":200}},{""v"":1,""seq"":2000000003,""ts"":1735689626010,""mono"":1004005,""synced"":true,""grid"":{""power"":300}}]
  mqtt> pub home/energy/telemetry q1 #4 [{""v"":1,""seq"":1000000001,""ts"":1735689600005,""mono"":1000005,""synced"":true,""grid"":{""power"":100}},{""v"":1,""seq"":1000000002,""ts"":1735689602005,""mono"":1002005,""synced"":true,""grid"":{""power"":100}},{""v"":1,""seq"":1000000003,""ts"":1735689604005,""mono"":1004005,""synced"":true,""grid"":{""power"":100}}]
  log> lvl=info src=leds msg=state wifi=connected mqtt=connected modbus=on ota=off reset=off
  clock 5000
  mqtt< ack 1
  mqtt< ack 2
  mqtt< ack 3
  mqtt< ack 4
  flash> append ob00000000.seg 12 52CC2527
  mqtt> pub home/energy/telemetry q1 #5 [{""v"":1,""seq"":1000000004,""ts"":1735689606005,""mono"":1006005,""synced"":true,""grid"":{""power"":100}},{""v"":1,""seq"":1000000005,""ts"":1735689608005,""mono"":1008005,""synced"":true,""grid"":{""power"":100}},{""v"":1,""seq"":1000000006,""ts"":1735689610005,""mono"":1010005,""synced"":true,""grid"":{""power"":100}}]
  mqtt> pub home/energy/telemetry q1 #6 [{""v"":1,""seq"":1000000007,""ts"":1735689612005,""mono"":1012005,""synced"":true,""grid"":{""power"":100}},{""v"":1,""seq"":1000000008,""ts"":1735689614005,""mono"":1014005,""synced"":true,""grid"":{""power"":100}},{""v"":1,""seq"":1000000009,""ts"":1735689616005,""mono"":1016005,""synced"":true,""grid"":{""power"":100}}]
  clock 5500
  mqtt< ack 5
  flash> append ob00000000.seg 12 92D6CDE7
  mqtt< ack 6
  flash> append ob00000000.seg 12 0988F2E6
  mqtt> pub home/energy/telemetry q1 #7 [{""v"":1,""seq"":1000000010,""ts"":1735689618005,""mono"":1018005,""synced"":true,""grid"":{""power"":100}},{""v"":1,""seq"":1000000011,""ts"":1735689620005,""mono"":1020005,""synced"":true,""grid"":{""power"":200}}]
  clock 6000
  bus> 0103000A0001A408
  bus< 010302012CB809
  clock 6005
  flash> append ob00000001.seg 16 03A9D619
  mqtt> pub home/energy/state q0 retain {""v"":1,""seq"":2000000004,""ts"":1735689628010,""mono"":1006005,""synced"":true,""grid"":{""power"":300}}
  mqtt< ack 7
  flash> delete ob00000000.seg
  mqtt> pub home/energy/telemetry q1 #8 [{""v"":1,""seq"":2000000004,""ts"":1735689628010,""mono"":1006005,""synced"":true,""grid"":{""power"":300}}]
  clock 6500
  mqtt< ack 8
  clock 8000
  bus> 0103000A0001A408
  bus< 010302012CB809
  clock 8005
  flash> append ob00000001.seg 16 03A9D619
  mqtt> pub home/energy/state q0 retain {""v"":1,""seq"":2000000005,""ts"":1735689630010,""mono"":1008005,""synced"":true,""grid"":{""power"":300}}
  mqtt> pub home/energy/telemetry q1 #9 [{""v"":1,""seq"":2000000005,""ts"":1735689630010,""mono"":1008005,""synced"":true,""grid"":{""power"":300}}]
  clock 8500
  mqtt< ack 9
  clock 10000
  bus> 0103000A0001A408
  bus< 010302012CB809
  clock 10005
  flash> append ob00000001.seg 16 03A9D619
  mqtt> pub home/energy/state q0 retain {""v"":1,""seq"":2000000006,""ts"":1735689632010,""mono"":1010005,""synced"":true,""grid"":{""power"":300}}
  mqtt> pub home/energy/telemetry q1 #10 [{""v"":1,""seq"":2000000006,""ts"":1735689632010,""mono"":1010005,""synced"":true,""grid"":{""power"":300}}]
  clock 10500
  mqtt< ack 10
";
    }
}
