// Shared with the nanoFramework test assemblies: C# 9, no generics, no nullable annotations.
#nullable disable
namespace EnergyLogger.Transcripts
{
    /// <summary>
    /// The logger on a plain MQTT broker (cloud.mode mqtt) with Home Assistant discovery on: will and retained
    /// status, metadata, discovery configs, the retained state and the telemetry batches delivered by PUBACK, a
    /// command, configs rejected on {prefix}/config/set, and a reconnect after the connection dropped.
    /// </summary>
    public static class CustomMqttTranscript
    {
        public const string Text = @"# Custom MQTT on a home broker with Home Assistant discovery: the will and the retained status, metadata, one retained
# discovery config per schema metric the map feeds, the latest sample retained on {prefix}/state and the batches on
# {prefix}/telemetry (the PUBACK takes them out of the outbox), a command, configs rejected on {prefix}/config/set,
# and a dropped connection: reconnect after the backoff, the same sequence again.
scenario loop
map {""format"":""energylogger-map/1"",""name"":""home"",""devices"":[{""id"":""inv"",""slave"":1}],""points"":[{""name"":""grid_power"",""address"":10,""type"":""int16"",""poll"":""fast"",""target"":""grid.power""},{""name"":""soc"",""address"":11,""target"":""battery.soc""},{""name"":""pv_total"",""address"":12,""type"":""uint32"",""scale"":0.1,""poll"":""slow"",""target"":""pv.energy_total""},{""name"":""temp"",""address"":14,""type"":""int16"",""scale"":0.1,""target"":""device.temperature""}]}
set wifi.ssid Home Net
set wifi.key correct horse battery
set mqtt.host 192.168.1.10
set mqtt.port 1883
set mqtt.tls off
set mqtt.username logger
set mqtt.password s3cret-pass
set cloud.mode mqtt
set mqtt.prefix home/energy
set mqtt.discovery on
slave 1
regs 1 holding 10 850 71 1 34464 412
boot
  clock 0
  flash> replace boot.rec 19 0F66626F
  log> lvl=info src=boot msg=starting mode=normal boot=1 reset=first-start detail="""" failed_boots=0 settings=current
  log> lvl=info src=outbox msg=opened prefix=ob restored=0
run 3000
  log> lvl=info src=clock msg=""wall clock synced"" mono=1000000 unsynced_samples=0
  bus> 0103000A0005A5CB
  bus< 01030A03520047000186A0019C138D
  clock 5
  log> lvl=info src=poll msg=""map taken over"" map=home points=4
  flash> replace boot.bak 19 0F66626F
  flash> append ob00000000.seg 71 7C884FC3
  mqtt> connect 192.168.1.10:1883 plain id=energy-logger-246F28ABCDEF user=logger password=s3cret-pass will=home/energy/status,retain,offline keepalive=60 clean
  mqtt< connack accepted
  mqtt> sub home/energy/config/set q1
  mqtt> sub home/energy/command/+ q1
  mqtt> sub home/energy/ota/offer q1
  mqtt> pub home/energy/status q1 retain #1 online
  mqtt> pub home/energy/metadata q1 retain #2 {""fwVersion"":""1.0.0"",""fwBuild"":""transcript"",""mac"":""246F28ABCDEF"",""ip"":""192.168.1.77"",""rssi"":-63,""uptime_s"":0,""mode"":""normal"",""boots"":1,""reset_reason"":""first-start"",""failed_boots"":0,""free_mem"":123456,""rssi_dbm"":-63,""modbus_requests"":1,""modbus_timeouts"":0,""modbus_crc_errors"":0,""modbus_exceptions"":0,""modbus_other_errors"":0,""samples"":1,""samples_too_large"":0,""outbox_appended"":1,""outbox_restored"":0,""outbox_acknowledged"":0,""outbox_depth"":1,""outbox_dropped"":0,""outbox_merged"":0,""outbox_refused"":0,""outbox_bytes"":71,""cloud_connects"":1,""cloud_lost"":0,""cloud_timeouts"":0,""loop_longest_ms"":0,""loop_over_budget"":0,""cycles"":1,""samples_unsynced"":0,""clock_anchor_mono"":1000000,""clock_anchor_unix"":1735689600000}
  mqtt> pub homeassistant/sensor/energy-logger-246F28ABCDEF/pv_energy_total/config q1 retain #3 {""name"":""pv.energy_total"",""unique_id"":""energy-logger-246F28ABCDEF_pv_energy_total"",""object_id"":""energy-logger-246F28ABCDEF_pv_energy_total"",""state_topic"":""home/energy/state"",""value_template"":""{{ value_json.pv.energy_total }}"",""availability_topic"":""home/energy/status"",""unit_of_measurement"":""kWh"",""device_class"":""energy"",""state_class"":""total_increasing"",""device"":{""identifiers"":[""energy-logger-246F28ABCDEF""],""name"":""energy-logger-246F28ABCDEF"",""manufacturer"":""EnergyLogger"",""sw_version"":""1.0.0""}}
  mqtt> pub homeassistant/sensor/energy-logger-246F28ABCDEF/grid_power/config q1 retain #4 {""name"":""grid.power"",""unique_id"":""energy-logger-246F28ABCDEF_grid_power"",""object_id"":""energy-logger-246F28ABCDEF_grid_power"",""state_topic"":""home/energy/state"",""value_template"":""{{ value_json.grid.power }}"",""availability_topic"":""home/energy/status"",""unit_of_measurement"":""W"",""device_class"":""power"",""state_class"":""measurement"",""device"":{""identifiers"":[""energy-logger-246F28ABCDEF""],""name"":""energy-logger-246F28ABCDEF"",""manufacturer"":""EnergyLogger"",""sw_version"":""1.0.0""}}
  mqtt> pub homeassistant/sensor/energy-logger-246F28ABCDEF/battery_soc/config q1 retain #5 {""name"":""battery.soc"",""unique_id"":""energy-logger-246F28ABCDEF_battery_soc"",""object_id"":""energy-logger-246F28ABCDEF_battery_soc"",""state_topic"":""home/energy/state"",""value_template"":""{{ value_json.battery.soc }}"",""availability_topic"":""home/energy/status"",""unit_of_measurement"":""%"",""device_class"":""battery"",""state_class"":""measurement"",""device"":{""identifiers"":[""energy-logger-246F28ABCDEF""],""name"":""energy-logger-246F28ABCDEF"",""manufacturer"":""EnergyLogger"",""sw_version"":""1.0.0""}}
  mqtt> pub homeassistant/sensor/energy-logger-246F28ABCDEF/device_temperature/config q1 retain #6 {""name"":""device.temperature"",""unique_id"":""energy-logger-246F28ABCDEF_device_temperature"",""object_id"":""energy-logger-246F28ABCDEF_device_temperature"",""state_topic"":""home/energy/state"",""value_template"":""{{ value_json.device.temperature }}"",""availability_topic"":""home/energy/status"",""unit_of_measurement"":""\xC2\xB0C"",""device_class"":""temperature"",""state_class"":""measurement"",""device"":{""identifiers"":[""energy-logger-246F28ABCDEF""],""name"":""energy-logger-246F28ABCDEF"",""manufacturer"":""EnergyLogger"",""sw_version"":""1.0.0""}}
  mqtt> pub home/energy/telemetry q1 #7 [{""v"":1,""seq"":1000000001,""ts"":1735689600005,""mono"":1000005,""synced"":true,""pv"":{""energy_total"":10000},""grid"":{""power"":850},""battery"":{""soc"":71},""device"":{""temperature"":41.2}}]
  log> lvl=info src=leds msg=state wifi=connected mqtt=connected modbus=on ota=off reset=off
  clock 50
  mqtt< ack 1
  mqtt< ack 2
  mqtt< ack 3
  mqtt< ack 4
  mqtt< ack 5
  mqtt< ack 6
  mqtt< ack 7
push home/energy/command/get_version [{""id"":7,""payload"":{}}]
push home/energy/config/set {""configId"":""c-9"",""config"":{""map"":{""format"":""energylogger-map/1"",""name"":""x""},""poll"":{""fastMs"":10}}}
push home/energy/config/set {""configId"":""c-10"",""config"":{
run 3000
  clock 3000
  mqtt< msg home/energy/command/get_version [{""id"":7,""payload"":{}}]
  mqtt< msg home/energy/config/set {""configId"":""c-9"",""config"":{""map"":{""format"":""energylogger-map/1"",""name"":""x""},""poll"":{""fastMs"":10}}}
  mqtt> pub home/energy/config/status q1 retain #8 {""configId"":""c-9"",""statusCode"":400,""reasonPhrase"":""config.poll.fastMs: an integer from 1000 to 86400000""}
  mqtt< msg home/energy/config/set {""configId"":""c-10"",""config"":{
  mqtt> pub home/energy/config/status q1 retain #9 {""configId"":""c-10"",""statusCode"":400,""reasonPhrase"":""config message: unexpected end of document""}
  mqtt< ack 8
  mqtt< ack 9
  mqtt> pub home/energy/result/get_version q1 #10 [{""id"":7,""statusCode"":200,""reasonPhrase"":""OK"",""payload"":{""fw"":""1.0.0"",""build"":""transcript"",""configId"":null}}]
  log> lvl=warn src=cloud msg=""config rejected: config message: unexpected end of document""
  clock 3050
  mqtt< ack 10
  clock 5000
  bus> 0103000A0001A408
  bus< 01030203523949
  clock 5005
  flash> append ob00000000.seg 16 E7DB2232
  mqtt> pub home/energy/state q0 retain {""v"":1,""seq"":1000000002,""ts"":1735689605005,""mono"":1005005,""synced"":true,""pv"":{""energy_total"":10000},""grid"":{""power"":850},""battery"":{""soc"":71},""device"":{""temperature"":41.2}}
  mqtt> pub home/energy/telemetry q1 #11 [{""v"":1,""seq"":1000000002,""ts"":1735689605005,""mono"":1005005,""synced"":true,""pv"":{""energy_total"":10000},""grid"":{""power"":850},""battery"":{""soc"":71},""device"":{""temperature"":41.2}}]
  clock 5050
  mqtt< ack 11
drop connection reset by peer
run 6000
  clock 6000
  mqtt< lost connection reset by peer
  log> lvl=warn src=cloud msg=""connection lost: connection reset by peer""
  log> lvl=info src=leds msg=state wifi=connected mqtt=failed modbus=on ota=off reset=off
  clock 7550
  mqtt> connect 192.168.1.10:1883 plain id=energy-logger-246F28ABCDEF user=logger password=s3cret-pass will=home/energy/status,retain,offline keepalive=60 clean
  mqtt< connack accepted
  mqtt> sub home/energy/config/set q1
  mqtt> sub home/energy/command/+ q1
  mqtt> sub home/energy/ota/offer q1
  mqtt> pub home/energy/status q1 retain #12 online
  mqtt> pub home/energy/metadata q1 retain #13 {""fwVersion"":""1.0.0"",""fwBuild"":""transcript"",""mac"":""246F28ABCDEF"",""ip"":""192.168.1.77"",""rssi"":-63,""uptime_s"":7,""mode"":""normal"",""boots"":1,""reset_reason"":""first-start"",""failed_boots"":0,""free_mem"":123456,""rssi_dbm"":-63,""modbus_requests"":2,""modbus_timeouts"":0,""modbus_crc_errors"":0,""modbus_exceptions"":0,""modbus_other_errors"":0,""samples"":2,""samples_too_large"":0,""outbox_appended"":2,""outbox_restored"":0,""outbox_acknowledged"":2,""outbox_depth"":0,""outbox_dropped"":0,""outbox_merged"":0,""outbox_refused"":0,""outbox_bytes"":87,""cloud_connects"":2,""cloud_lost"":1,""cloud_timeouts"":0,""cloud_last_error"":""connection lost: connection reset by peer"",""loop_longest_ms"":5,""loop_over_budget"":0,""cycles"":2,""samples_unsynced"":0,""clock_anchor_mono"":1000000,""clock_anchor_unix"":1735689600000}
  mqtt> pub homeassistant/sensor/energy-logger-246F28ABCDEF/pv_energy_total/config q1 retain #14 {""name"":""pv.energy_total"",""unique_id"":""energy-logger-246F28ABCDEF_pv_energy_total"",""object_id"":""energy-logger-246F28ABCDEF_pv_energy_total"",""state_topic"":""home/energy/state"",""value_template"":""{{ value_json.pv.energy_total }}"",""availability_topic"":""home/energy/status"",""unit_of_measurement"":""kWh"",""device_class"":""energy"",""state_class"":""total_increasing"",""device"":{""identifiers"":[""energy-logger-246F28ABCDEF""],""name"":""energy-logger-246F28ABCDEF"",""manufacturer"":""EnergyLogger"",""sw_version"":""1.0.0""}}
  mqtt> pub homeassistant/sensor/energy-logger-246F28ABCDEF/grid_power/config q1 retain #15 {""name"":""grid.power"",""unique_id"":""energy-logger-246F28ABCDEF_grid_power"",""object_id"":""energy-logger-246F28ABCDEF_grid_power"",""state_topic"":""home/energy/state"",""value_template"":""{{ value_json.grid.power }}"",""availability_topic"":""home/energy/status"",""unit_of_measurement"":""W"",""device_class"":""power"",""state_class"":""measurement"",""device"":{""identifiers"":[""energy-logger-246F28ABCDEF""],""name"":""energy-logger-246F28ABCDEF"",""manufacturer"":""EnergyLogger"",""sw_version"":""1.0.0""}}
  mqtt> pub homeassistant/sensor/energy-logger-246F28ABCDEF/battery_soc/config q1 retain #16 {""name"":""battery.soc"",""unique_id"":""energy-logger-246F28ABCDEF_battery_soc"",""object_id"":""energy-logger-246F28ABCDEF_battery_soc"",""state_topic"":""home/energy/state"",""value_template"":""{{ value_json.battery.soc }}"",""availability_topic"":""home/energy/status"",""unit_of_measurement"":""%"",""device_class"":""battery"",""state_class"":""measurement"",""device"":{""identifiers"":[""energy-logger-246F28ABCDEF""],""name"":""energy-logger-246F28ABCDEF"",""manufacturer"":""EnergyLogger"",""sw_version"":""1.0.0""}}
  mqtt> pub homeassistant/sensor/energy-logger-246F28ABCDEF/device_temperature/config q1 retain #17 {""name"":""device.temperature"",""unique_id"":""energy-logger-246F28ABCDEF_device_temperature"",""object_id"":""energy-logger-246F28ABCDEF_device_temperature"",""state_topic"":""home/energy/state"",""value_template"":""{{ value_json.device.temperature }}"",""availability_topic"":""home/energy/status"",""unit_of_measurement"":""\xC2\xB0C"",""device_class"":""temperature"",""state_class"":""measurement"",""device"":{""identifiers"":[""energy-logger-246F28ABCDEF""],""name"":""energy-logger-246F28ABCDEF"",""manufacturer"":""EnergyLogger"",""sw_version"":""1.0.0""}}
  log> lvl=info src=leds msg=state wifi=connected mqtt=connected modbus=on ota=off reset=off
  clock 7600
  mqtt< ack 12
  mqtt< ack 13
  mqtt< ack 14
  mqtt< ack 15
  mqtt< ack 16
  mqtt< ack 17
  clock 10000
  bus> 0103000A0001A408
  bus< 01030203523949
  clock 10005
  flash> append ob00000000.seg 16 E7DB2232
  mqtt> pub home/energy/state q0 retain {""v"":1,""seq"":1000000003,""ts"":1735689610005,""mono"":1010005,""synced"":true,""pv"":{""energy_total"":10000},""grid"":{""power"":850},""battery"":{""soc"":71},""device"":{""temperature"":41.2}}
  mqtt> pub home/energy/telemetry q1 #18 [{""v"":1,""seq"":1000000003,""ts"":1735689610005,""mono"":1010005,""synced"":true,""pv"":{""energy_total"":10000},""grid"":{""power"":850},""battery"":{""soc"":71},""device"":{""temperature"":41.2}}]
  clock 10050
  mqtt< ack 18
";
    }
}
