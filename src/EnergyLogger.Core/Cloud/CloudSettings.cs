using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>How the logger reaches its cloud: the broker connection and the timing of the link.</summary>
    public sealed class CloudSettings
    {
        public MqttConnectOptions Connection = new MqttConnectOptions();

        /// <summary>First reconnect wait; it doubles per failure up to <see cref="BackoffMaxMs"/>.</summary>
        public int BackoffBaseMs = 2000;

        /// <summary>Five minutes: after a long outage a device still comes back within minutes of the broker.</summary>
        public int BackoffMaxMs = 300000;

        /// <summary>Batches out at once, waiting for their acknowledgement.</summary>
        public int Window = 2;

        /// <summary>A request with no answer within this time counts as failed; its data stays in the outbox (A.4.3).</summary>
        public int ReplyTimeoutMs = 30000;

        /// <summary>The client id of the datasheet: <c>energy-logger-{MAC}</c>, MAC as 12 upper-case hex digits.</summary>
        public static string ClientIdFor(byte[] mac)
        {
            return "energy-logger-" + MacText(mac);
        }

        /// <summary>12 upper-case hex digits, as the client id and the datasheet write the MAC.</summary>
        public static string MacText(byte[] mac)
        {
            const string hex = "0123456789ABCDEF";
            var chars = new char[mac.Length * 2];
            for (int i = 0; i < mac.Length; i++)
            {
                chars[2 * i] = hex[mac[i] >> 4];
                chars[(2 * i) + 1] = hex[mac[i] & 0xF];
            }

            return new string(chars);
        }
    }
}
