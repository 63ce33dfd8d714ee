using System.Text;

namespace EnergyLogger.Host.Mqtt;

/// <summary>The size of MQTT 3.1.1 packets on the wire, for the cost reports (MQTTnet encodes the real ones).</summary>
internal static class MqttWire
{
    /// <summary>PUBACK: fixed header, remaining length 2, packet id (3.4).</summary>
    public const int PubAckBytes = 4;

    /// <summary>
    /// A PUBLISH: the fixed header byte, the Remaining Length in one to four bytes (2.2.3), the topic with its
    /// two-byte length, a packet id at QoS 1 (3.3.2), then the payload.
    /// </summary>
    public static int PublishBytes(string topic, int payloadBytes, bool qos1)
    {
        int remaining = 2 + Encoding.UTF8.GetByteCount(topic) + (qos1 ? 2 : 0) + payloadBytes;
        int lengthBytes = remaining < 128 ? 1 : remaining < 16_384 ? 2 : remaining < 2_097_152 ? 3 : 4;
        return 1 + lengthBytes + remaining;
    }
}
