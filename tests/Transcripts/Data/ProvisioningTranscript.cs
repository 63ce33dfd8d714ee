// Shared with the nanoFramework test assemblies: C# 9, no generics, no nullable annotations.
#nullable disable
namespace EnergyLogger.Transcripts
{
    /// <summary>
    /// Provisioning on port 4242 (docs/provisioning.md) with the main loop in provisioning mode: every verb, one
    /// error of each kind (line, verb, field, value, certificate, check, apply, storage, line cap, idle), the apply
    /// that stores the settings and restarts the board in station mode, and a factory reset by the button.
    /// </summary>
    public static class ProvisioningTranscript
    {
        public const string Text = @"# A new logger provisioned on port 4242 as an installer would: with no settings stored it boots into provisioning
# mode; the session goes through every verb and is refused once for each kind of error (line, verb, field, a value,
# the certificate block, check and apply, the store); apply stores the settings and the board restarts in station
# mode and connects. Two connections before it end at the line cap and at the idle timeout. Then a long press of
# the reset button wipes the credentials and the logger is back in provisioning mode.
scenario loop
map {""format"":""energylogger-map/1"",""name"":""tiny"",""devices"":[{""id"":""inv"",""slave"":1}],""points"":[{""name"":""grid_power"",""address"":10,""type"":""int16"",""poll"":""fast"",""target"":""grid.power""}]}
option loop.tickMs 1000
slave 1
regs 1 holding 10 100
boot
  clock 0
  flash> replace boot.rec 19 0F66626F
  log> lvl=info src=boot msg=starting mode=provisioning boot=1 reset=first-start detail="""" failed_boots=0 settings=none
run 1000
  log> lvl=info src=clock msg=""wall clock synced"" mono=1000000 unsynced_samples=0
  log> lvl=info src=leds msg=state wifi=access-point mqtt=off modbus=off ota=off reset=off
tcp open
  clock 1000
  tcp> ok energy-logger provisioning, protocol 1; help lists the verbs
tcp repeat 4100 a
  tcp> error line: longer than 4096 bytes; closing
  tcp closed
tcp open
  tcp> ok energy-logger provisioning, protocol 1; help lists the verbs
run 61000
  clock 61000
  tcp> error idle: no command for 60 s; closing
  tcp closed
tcp open
  clock 62000
  tcp> ok energy-logger provisioning, protocol 1; help lists the verbs
tcp< help
  tcp> ok verbs: help status get set clear ca check apply discard quit; fields: wifi.ssid wifi.key mqtt.host mqtt.port mqtt.tls mqtt.username mqtt.password mqtt.ca cloud.mode kaa.token kaa.app mqtt.prefix serial.baud serial.parity serial.stop serial.slave watchdog.gpio mqtt.discovery local.modbus local.modbus.port local.modbus.unit local.http local.http.port local.gateway influx.url influx.db influx.user influx.password influx.org influx.bucket influx.token; see docs/provisioning.md
tcp< status
  tcp> ok stored=none changed=no wifi.ssid=(not set) wifi.key=(not set) mqtt.host=""mqtt.cloud.kaaiot.com"" mqtt.port=8883 mqtt.tls=on mqtt.username=(not set) mqtt.password=(not set) mqtt.ca=(not set) cloud.mode=kaa kaa.token=(not set) kaa.app=(not set) mqtt.prefix=(not set) serial.baud=9600 serial.parity=none serial.stop=1 serial.slave=1 watchdog.gpio=none mqtt.discovery=off local.modbus=off local.modbus.port=502 local.modbus.unit=1 local.http=off local.http.port=80 local.gateway=off influx.url=(not set) influx.db=(not set) influx.user=(not set) influx.password=(not set) influx.org=(not set) influx.bucket=(not set) influx.token=(not set)
tcp< set wifi.ssid Home Net
  tcp> ok wifi.ssid set
tcp< set wifi.key short
  tcp> error wifi.key: must be 8 to 63 printable ASCII characters, 64 hex digits, or cleared for an open network
tcp< set wifi.key correct horse battery
  tcp> ok wifi.key set
tcp< get wifi.key
  tcp> ok wifi.key (set)
tcp< get wifi.ssid
  tcp> ok wifi.ssid ""Home Net""
tcp< set mqtt.port 99999
  tcp> error mqtt.port: must be a whole number from 1 to 65535
tcp< set mqtt.port 01883
  tcp> ok mqtt.port set
tcp< clear mqtt.port
  tcp> ok mqtt.port back to 8883
tcp< set colour blue
  tcp> error field: unknown name; help lists the fields
tcp< frobnicate
  tcp> error verb: unknown; help lists the verbs
tcp< check now
  tcp> error check: takes nothing after it
tcp< set wifi.ssid \xC3\x28
  tcp> error line: not valid UTF-8
tcp< set wifi.ssid Home\x09Net
  tcp> error line: control characters are not allowed
tcp< # a comment gets no reply
tcp< 
tcp< ca begin
  tcp> ok ca: send the PEM lines, then ca end
tcp< -----BEGIN PRIVATE KEY-----
  tcp> ok ca: 28 bytes
tcp< MAMCAQA=
  tcp> ok ca: 37 bytes
tcp< -----END PRIVATE KEY-----
  tcp> ok ca: 63 bytes
tcp< ca end
  tcp> error mqtt.ca: only CERTIFICATE blocks are accepted
tcp< ca begin
  tcp> ok ca: send the PEM lines, then ca end
tcp< -----BEGIN CERTIFICATE-----
  tcp> ok ca: 28 bytes
tcp< ca abort
  tcp> ok ca: block dropped, mqtt.ca unchanged
tcp< check
  tcp> error mqtt.ca: last value refused: only CERTIFICATE blocks are accepted; kaa.token: required when cloud.mode is kaa; kaa.app: required when cloud.mode is kaa
tcp< apply
  tcp> error mqtt.ca: last value refused: only CERTIFICATE blocks are accepted; kaa.token: required when cloud.mode is kaa; kaa.app: required when cloud.mode is kaa
tcp< discard
  tcp> ok pending changes discarded
tcp< set wifi.ssid Home Net
  tcp> ok wifi.ssid set
tcp< set wifi.key correct horse battery
  tcp> ok wifi.key set
tcp< set mqtt.host 192.168.1.10
  tcp> ok mqtt.host set
tcp< set mqtt.tls off
  tcp> ok mqtt.tls set
tcp< set mqtt.port 1883
  tcp> ok mqtt.port set
tcp< set cloud.mode mqtt
  tcp> ok cloud.mode set
tcp< set mqtt.prefix home/energy
  tcp> ok mqtt.prefix set
tcp< ca begin
  tcp> ok ca: send the PEM lines, then ca end
tcp< -----BEGIN CERTIFICATE-----
  tcp> ok ca: 28 bytes
tcp< MAMCAQA=
  tcp> ok ca: 37 bytes
tcp< -----END CERTIFICATE-----
  tcp> ok ca: 63 bytes
tcp< ca end
  tcp> ok mqtt.ca set, 1 certificate
tcp< status
  tcp> ok stored=none changed=yes wifi.ssid=""Home Net"" wifi.key=(set) mqtt.host=""192.168.1.10"" mqtt.port=1883 mqtt.tls=off mqtt.username=(not set) mqtt.password=(not set) mqtt.ca=(1 certificate) cloud.mode=mqtt kaa.token=(not set) kaa.app=(not set) mqtt.prefix=""home/energy"" serial.baud=9600 serial.parity=none serial.stop=1 serial.slave=1 watchdog.gpio=none mqtt.discovery=off local.modbus=off local.modbus.port=502 local.modbus.unit=1 local.http=off local.http.port=80 local.gateway=off influx.url=(not set) influx.db=(not set) influx.user=(not set) influx.password=(not set) influx.org=(not set) influx.bucket=(not set) influx.token=(not set)
tcp< check
  tcp> ok ready to apply
flash refuse
tcp< apply
  flash> replace settings.rec 266 AF3D262F refused
  tcp> error storage: the settings could not be stored; nothing was applied
flash accept
tcp< apply
  flash> replace settings.rec 266 AF3D262F
  tcp> ok applied as record 1; rebooting into station mode
  tcp closed
tcp open
  tcp> ok energy-logger provisioning, protocol 1; help lists the verbs
tcp< quit
  tcp> ok bye
  tcp closed
run 1000
  log> lvl=info src=loop msg=restarting reason=provisioned detail=""settings applied on port 4242""
  flash> replace boot.rec 48 AEE54180
  reboot
boot
  clock 0
  flash> replace boot.rec 19 C01B9E08
  log> lvl=info src=boot msg=starting mode=normal boot=2 reset=provisioned detail=""settings applied on port 4242"" failed_boots=0 settings=current
  log> lvl=info src=outbox msg=opened prefix=ob restored=0
run 2000
  log> lvl=info src=clock msg=""wall clock synced"" mono=1000000 unsynced_samples=0
  bus> 0103000A0001A408
  bus< 0103020064B9AF
  clock 5
  log> lvl=info src=poll msg=""map taken over"" map=tiny points=1
  flash> replace boot.bak 19 C01B9E08
  flash> append ob00000000.seg 47 C0E0B23C
  mqtt> connect 192.168.1.10:1883 plain id=energy-logger-246F28ABCDEF ca=63 will=home/energy/status,retain,offline keepalive=60 clean
  mqtt< connack accepted
  mqtt> sub home/energy/config/set q1
  mqtt> sub home/energy/command/+ q1
  mqtt> sub home/energy/ota/offer q1
  mqtt> pub home/energy/status q1 retain #1 online
  mqtt> pub home/energy/metadata q1 retain #2 {""fwVersion"":""1.0.0"",""fwBuild"":""transcript"",""mac"":""246F28ABCDEF"",""ip"":""192.168.1.77"",""rssi"":-63,""uptime_s"":0,""mode"":""normal"",""boots"":2,""reset_reason"":""provisioned"",""reset_detail"":""settings applied on port 4242"",""failed_boots"":0,""free_mem"":123456,""rssi_dbm"":-63,""modbus_requests"":1,""modbus_timeouts"":0,""modbus_crc_errors"":0,""modbus_exceptions"":0,""modbus_other_errors"":0,""samples"":1,""samples_too_large"":0,""outbox_appended"":1,""outbox_restored"":0,""outbox_acknowledged"":0,""outbox_depth"":1,""outbox_dropped"":0,""outbox_merged"":0,""outbox_refused"":0,""outbox_bytes"":47,""cloud_connects"":1,""cloud_lost"":0,""cloud_timeouts"":0,""loop_longest_ms"":0,""loop_over_budget"":0,""cycles"":1,""samples_unsynced"":0,""clock_anchor_mono"":1000000,""clock_anchor_unix"":1735689662000}
  mqtt> pub home/energy/telemetry q1 #3 [{""v"":1,""seq"":2000000001,""ts"":1735689662005,""mono"":1000005,""synced"":true,""grid"":{""power"":100}}]
  log> lvl=info src=leds msg=state wifi=connected mqtt=connected modbus=on ota=off reset=off
  clock 1000
  mqtt< ack 1
  mqtt< ack 2
  mqtt< ack 3
button down
run 6000
  clock 5000
  bus> 0103000A0001A408
  bus< 0103020064B9AF
  clock 5005
  flash> append ob00000000.seg 16 E7DB2232
  mqtt> pub home/energy/state q0 retain {""v"":1,""seq"":2000000002,""ts"":1735689667005,""mono"":1005005,""synced"":true,""grid"":{""power"":100}}
  mqtt> pub home/energy/telemetry q1 #4 [{""v"":1,""seq"":2000000002,""ts"":1735689667005,""mono"":1005005,""synced"":true,""grid"":{""power"":100}}]
  clock 6000
  mqtt< ack 4
  clock 7000
  log> lvl=info src=leds msg=state wifi=connected mqtt=connected modbus=on ota=off reset=armed
button up
run 2000
  clock 9000
  flash> replace settings.rec 237 C812778A
  log> lvl=info src=leds msg=state wifi=connected mqtt=connected modbus=on ota=off reset=off
  log> lvl=info src=loop msg=restarting reason=factory-reset detail=""credentials wiped by a long press""
  mqtt> disconnect
  flash> replace boot.rec 52 F271F544
  reboot
boot
  clock 0
  flash> replace boot.rec 19 81251F73
  log> lvl=info src=boot msg=starting mode=provisioning boot=3 reset=factory-reset detail=""credentials wiped by a long press"" failed_boots=0 settings=current
run 1000
  log> lvl=info src=clock msg=""wall clock synced"" mono=1000000 unsynced_samples=0
  log> lvl=info src=leds msg=state wifi=access-point mqtt=off modbus=off ota=off reset=off
";
    }
}
