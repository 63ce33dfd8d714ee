using System;
using System.Net.Sockets;
using System.Text;
using EnergyLogger.Core.Ports;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Exceptions;
using nanoFramework.M2Mqtt.Messages;

namespace EnergyLogger.Device.Adapters
{
    /// <summary>
    /// Runs M2Mqtt's CONNECT and turns its return code and exceptions into <see cref="MqttConnectResult"/>.
    /// M2Mqtt wraps a failed TCP connect and a failed TLS handshake alike in MqttConnectionException (both
    /// surface from nanoFramework as SocketException), so the socket error code tells them apart: the codes of
    /// the TCP phase mean the network, anything else on a TLS connection means the handshake.
    /// </summary>
    internal static class MqttConnectOutcome
    {
        public static MqttConnectResult Handshake(MqttClient client, MqttConnectOptions options)
        {
            bool will = options.WillTopic != null;
            if (will && (options.WillPayload == null || options.WillPayload.Length == 0))
            {
                // M2Mqtt refuses a will without a message (MqttMsgConnect.GetBytes: WillWrong); nothing is sent.
                return new MqttConnectResult(MqttConnectStatus.ProtocolError, "a will needs a payload on this device");
            }

            try
            {
                // M2Mqtt leaves out an empty user name or password itself, and refuses will flags without a will.
                MqttReasonCode code = client.Connect(
                    options.ClientId,
                    options.Username,
                    options.Password,
                    will && options.WillRetain,
                    options.WillQos == MqttQos.AtLeastOnce ? MqttQoSLevel.AtLeastOnce : MqttQoSLevel.AtMostOnce,
                    will,
                    options.WillTopic,
                    will ? WillText(options.WillPayload) : null,
                    options.CleanSession,
                    KeepAlive(options.KeepAliveSeconds));
                return FromConnAck((int)code);
            }
            catch (MqttConnectionException e)
            {
                return FromConnectFailure(e.InnerException, options.UseTls);
            }
            catch (MqttCommunicationException e)
            {
                return FromExchangeFailure(e.InnerException);
            }
            catch (Exception e)
            {
                return new MqttConnectResult(MqttConnectStatus.ProtocolError, "CONNECT failed: " + e.Message);
            }
        }

        /// <summary>MQTT 3.1.1, 3.2.2.3: 0 accepts, 1 to 5 are the refusals the port names alike.</summary>
        private static MqttConnectResult FromConnAck(int code)
        {
            if (code == 0)
            {
                return new MqttConnectResult(MqttConnectStatus.Accepted, "accepted");
            }

            if (code >= 1 && code <= 5)
            {
                return new MqttConnectResult((MqttConnectStatus)code, "refused by the server, CONNACK return code " + code.ToString());
            }

            return new MqttConnectResult(MqttConnectStatus.ProtocolError, "CONNACK with unknown return code " + code.ToString());
        }

        private static MqttConnectResult FromConnectFailure(Exception cause, bool tls)
        {
            var socket = cause as SocketException;
            string detail = socket != null ? "socket error " + socket.ErrorCode.ToString() : (cause != null ? cause.Message : "no detail");
            if ((socket != null && IsTcpPhase(socket.ErrorCode)) || !tls)
            {
                return new MqttConnectResult(MqttConnectStatus.NetworkError, "TCP connect failed: " + detail);
            }

            return new MqttConnectResult(MqttConnectStatus.TlsRejected, "TLS handshake failed (certificate not from the configured CA, wrong host name, expired, or clock not set): " + detail);
        }

        /// <summary>
        /// M2Mqtt waits 30 s (MqttSettings.DefaultTimeout, fixed) for CONNACK and throws without a cause when none
        /// came or the server closed the connection; a cause means the write failed or the reply was not MQTT.
        /// </summary>
        private static MqttConnectResult FromExchangeFailure(Exception cause)
        {
            if (cause == null)
            {
                return new MqttConnectResult(MqttConnectStatus.Timeout, "no CONNACK: the server closed the connection or did not answer within 30 s");
            }

            if (cause is MqttClientException)
            {
                return new MqttConnectResult(MqttConnectStatus.ProtocolError, "the server answered CONNECT with something that is not a CONNACK");
            }

            return new MqttConnectResult(MqttConnectStatus.NetworkError, "the connection failed during CONNECT: " + cause.Message);
        }

        private static bool IsTcpPhase(int errorCode)
        {
            return errorCode == (int)SocketError.ConnectionRefused
                || errorCode == (int)SocketError.TimedOut
                || errorCode == (int)SocketError.HostUnreachable
                || errorCode == (int)SocketError.HostDown
                || errorCode == (int)SocketError.NetworkUnreachable
                || errorCode == (int)SocketError.NetworkDown;
        }

        /// <summary>M2Mqtt takes the will as a string and sends its UTF-8 bytes; the logger's wills are UTF-8 JSON.</summary>
        private static string WillText(byte[] payload)
        {
            return Encoding.UTF8.GetString(payload, 0, payload.Length);
        }

        /// <summary>MQTT 3.1.1, 3.1.2.10: a 16-bit number of seconds.</summary>
        private static ushort KeepAlive(int seconds)
        {
            return seconds <= 0 ? (ushort)0 : seconds >= ushort.MaxValue ? ushort.MaxValue : (ushort)seconds;
        }
    }
}
