// Shared with the nanoFramework test assemblies: C# 9, no generics, no nullable annotations.
#nullable disable
namespace EnergyLogger.Transcripts
{
    /// <summary>
    /// Poll classes and the cycle budget (RELIABILITY M4): a silent slave spends one cycle's budget, the reads it
    /// leaves out are stale in that sample and made first in the next cycle, before the fast class that is due again.
    /// </summary>
    public static class PollBudgetTranscript
    {
        public const string Text = @"# Poll classes and the cycle budget (docs/register-map.md, ""Poll classes and the poll cycle""; RELIABILITY M4): a fast,
# a normal and a slow class on one slave, a 2.5 s budget per cycle. In the first cycle the normal read meets a silent
# slave: its retries spend the budget, so no request starts that could not end in time and the rest of the normal
# class and the slow class are left for later, stale in this sample. The next cycle makes those waiting reads first,
# then the fast class that is due again.
scenario loop
map {""format"":""energylogger-map/1"",""name"":""classes"",""devices"":[{""id"":""inv"",""slave"":1}],""points"":[{""name"":""grid_power"",""address"":10,""type"":""int16"",""poll"":""fast"",""target"":""grid.power""},{""name"":""pv_voltage"",""address"":200,""scale"":0.1,""target"":""pv.mppt1.voltage""},{""name"":""soc"",""address"":400,""target"":""battery.soc""},{""name"":""pv_total"",""address"":600,""type"":""uint32"",""scale"":0.1,""poll"":""slow"",""target"":""pv.energy_total""}]}
set wifi.ssid Home Net
set mqtt.host 192.168.1.10
set mqtt.port 1883
set mqtt.tls off
set cloud.mode mqtt
set mqtt.prefix home/energy
option poll.fastMs 5000
option poll.normalMs 30000
option poll.slowMs 60000
option poll.budgetMs 2500
slave 1
regs 1 holding 10 -1500
regs 1 holding 200 3456
regs 1 holding 400 64
regs 1 holding 600 1 34464
boot
  clock 0
  flash> replace boot.rec 19 0F66626F
  log> lvl=info src=boot msg=starting mode=normal boot=1 reset=first-start detail="""" failed_boots=0 settings=current
  log> lvl=info src=outbox msg=opened prefix=ob restored=0
fault silent x2
run 9000
  log> lvl=info src=clock msg=""wall clock synced"" mono=1000000 unsynced_samples=0
  bus> 0103000A0001A408
  bus< silent
  clock 1013
  bus> 0103000A0001A408
  bus< silent
  clock 2022
  log> lvl=info src=poll msg=""map taken over"" map=classes points=4
  flash> replace boot.bak 19 0F66626F
  flash> append ob00000000.seg 67 DE8B502A
  mqtt> connect 192.168.1.10:1883 plain id=energy-logger-246F28ABCDEF will=home/energy/status,retain,offline keepalive=60 clean
  mqtt< connack accepted
  mqtt> sub home/energy/config/set q1
  mqtt> sub home/energy/command/+ q1
  mqtt> sub home/energy/ota/offer q1
  mqtt> pub home/energy/status q1 retain #1 online
  mqtt> pub home/energy/metadata q1 retain #2 {""fwVersion"":""1.0.0"",""fwBuild"":""transcript"",""mac"":""246F28ABCDEF"",""ip"":""192.168.1.77"",""rssi"":-63,""uptime_s"":2,""mode"":""normal"",""boots"":1,""reset_reason"":""first-start"",""failed_boots"":0,""free_mem"":123456,""rssi_dbm"":-63,""modbus_requests"":2,""modbus_timeouts"":2,""modbus_crc_errors"":0,""modbus_exceptions"":0,""modbus_other_errors"":0,""samples"":1,""samples_too_large"":0,""outbox_appended"":1,""outbox_restored"":0,""outbox_acknowledged"":0,""outbox_depth"":1,""outbox_dropped"":0,""outbox_merged"":0,""outbox_refused"":0,""outbox_bytes"":67,""cloud_connects"":1,""cloud_lost"":0,""cloud_timeouts"":0,""loop_longest_ms"":0,""loop_over_budget"":0,""cycles"":1,""samples_unsynced"":0,""clock_anchor_mono"":1000000,""clock_anchor_unix"":1735689600000}
  mqtt> pub home/energy/telemetry q1 #3 [{""v"":1,""seq"":1000000001,""ts"":1735689602022,""mono"":1002022,""synced"":true,""q"":{""pv.energy_total"":""stale"",""pv.mppt1.voltage"":""stale"",""grid.power"":""stale"",""battery.soc"":""stale""}}]
  log> lvl=info src=leds msg=state wifi=connected mqtt=connected modbus=off ota=off reset=off
  mqtt< ack 1
  mqtt< ack 2
  mqtt< ack 3
  clock 5000
  bus> 010300C8000105F4
  bus< 0103020D80BD74
  clock 5009
  bus> 01030190000185DB
  bus< 0103020040B9B4
  clock 5018
  bus> 0103025800024460
  bus< 010304000186A0C9EB
  clock 5027
  bus> 0103000A0001A408
  bus< 010302FA24FAFF
  clock 5032
  flash> append ob00000000.seg 36 AA658BE5
  mqtt> pub home/energy/state q0 retain {""v"":1,""seq"":1000000002,""ts"":1735689605032,""mono"":1005032,""synced"":true,""pv"":{""energy_total"":10000,""mppt1"":{""voltage"":345.6}},""grid"":{""power"":-1500},""battery"":{""soc"":64}}
  mqtt> pub home/energy/telemetry q1 #4 [{""v"":1,""seq"":1000000002,""ts"":1735689605032,""mono"":1005032,""synced"":true,""pv"":{""energy_total"":10000,""mppt1"":{""voltage"":345.6}},""grid"":{""power"":-1500},""battery"":{""soc"":64}}]
  log> lvl=info src=leds msg=state wifi=connected mqtt=connected modbus=on ota=off reset=off
  clock 5050
  mqtt< ack 4
";
    }
}
