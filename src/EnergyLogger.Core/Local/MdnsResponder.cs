namespace EnergyLogger.Core.Local
{
    /// <summary>
    /// The logger's mDNS responder as a pure codec (RFC 6762, DNS-SD RFC 6763; docs/local-access.md): it announces the
    /// host <c>energy-logger-xxxx.local</c> (the last four hex digits of the MAC, as the access point is named), the
    /// service <c>_energylogger._tcp</c> with the firmware version and the MAC in its TXT record, and <c>_modbus._tcp</c>
    /// while the local MODBUS TCP server runs; and it answers a query that names any of them with all of its records,
    /// so one answer gives a browser the instance, its port, its TXT and the address. Names are written uncompressed;
    /// a query's names may be compressed. The adapter owns the UDP socket on port 5353 and calls it from one thread.
    /// </summary>
    public sealed class MdnsResponder
    {
        public const int Port = 5353;
        public const int MaxMessage = 1024;
        public const string LoggerService = "_energylogger._tcp.local";
        public const string ModbusService = "_modbus._tcp.local";
        private const string Services = "_services._dns-sd._udp.local";

        private const int TypeA = 1;
        private const int TypePtr = 12;
        private const int TypeTxt = 16;
        private const int TypeSrv = 33;
        private const int ClassIn = 1;

        // Unique records (SRV, TXT, A) carry the cache-flush bit (RFC 6762, 10.2); shared ones (PTR) do not.
        private const int ClassFlush = 0x8001;
        private const int HostTtl = 120;
        private const int ServiceTtl = 4500;
        private const int MaxJumps = 16;

        private readonly string _instance;
        private readonly string _host;
        private readonly string[] _loggerText;
        private int _loggerPort;
        private readonly byte[] _address = new byte[4];
        private readonly char[] _name = new char[256];
        private bool _modbus;
        private int _modbusPort;
        private string[] _modbusText;

        /// <param name="loggerPort">The port announced with <see cref="LoggerService"/>: the status page's, 0 without one.</param>
        public MdnsResponder(byte[] mac, string firmwareVersion, string macText, int loggerPort)
        {
            const string hex = "0123456789abcdef";
            int n = mac.Length;
            var last = new char[] { hex[mac[n - 2] >> 4], hex[mac[n - 2] & 0xF], hex[mac[n - 1] >> 4], hex[mac[n - 1] & 0xF] };
            _instance = "energy-logger-" + new string(last);
            _host = _instance + ".local";
            _loggerText = new[] { "version=" + firmwareVersion, "mac=" + macText };
            _loggerPort = loggerPort;
        }

        /// <summary><c>energy-logger-xxxx.local</c>.</summary>
        public string HostName => _host;

        /// <summary>The IPv4 address the host name stands for.</summary>
        public void SetAddress(byte[] ipv4)
        {
            System.Array.Copy(ipv4, 0, _address, 0, 4);
        }

        /// <summary>The port announced with <see cref="LoggerService"/>: the status page's while it is served, else 0.</summary>
        public void SetLoggerPort(int port)
        {
            _loggerPort = port;
        }

        /// <summary>Whether <see cref="ModbusService"/> is announced, on which port, with which unit id in its TXT.</summary>
        public void SetModbus(bool on, int port, int unit)
        {
            _modbus = on;
            _modbusPort = port;
            _modbusText = new[] { "unit=" + unit.ToString() };
        }

        /// <summary>An unsolicited response with every record (RFC 6762, 8.3); its length.</summary>
        public int Announce(byte[] buffer)
        {
            return Records(buffer);
        }

        /// <summary>The response to a query that names one of the logger's names, or 0 (a response, or a query about others).</summary>
        public int Answer(byte[] message, int length, byte[] buffer)
        {
            if (length < 12 || (message[2] & 0x80) != 0)
            {
                return 0;
            }

            int questions = (message[4] << 8) | message[5];
            int pos = 12;
            for (int q = 0; q < questions; q++)
            {
                int nameLength;
                pos = ReadName(message, length, pos, out nameLength);
                if (pos < 0 || pos + 4 > length)
                {
                    return 0;
                }

                pos += 4;
                if (Ours(nameLength))
                {
                    return Records(buffer);
                }
            }

            return 0;
        }

        private bool Ours(int length)
        {
            string name = new string(_name, 0, length);
            return Same(name, Services) || Same(name, LoggerService) || Same(name, _instance + "." + LoggerService) || Same(name, _host)
                || (_modbus && (Same(name, ModbusService) || Same(name, _instance + "." + ModbusService)));
        }

        private static bool Same(string a, string b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (Lower(a[i]) != Lower(b[i]))
                {
                    return false;
                }
            }

            return true;
        }

        private static char Lower(char c)
        {
            return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
        }

        /// <summary>
        /// Reads a possibly compressed name into <see cref="_name"/> as dotted text; returns the position after it in the
        /// message, or -1 for a malformed one (a pointer loop, a label past the end, a name over 255 characters).
        /// </summary>
        private int ReadName(byte[] message, int length, int pos, out int nameLength)
        {
            nameLength = 0;
            int after = -1;
            for (int jumps = 0; jumps < MaxJumps;)
            {
                if (pos >= length)
                {
                    return -1;
                }

                int label = message[pos];
                if (label == 0)
                {
                    return after < 0 ? pos + 1 : after;
                }

                if ((label & 0xC0) == 0xC0)
                {
                    if (pos + 1 >= length)
                    {
                        return -1;
                    }

                    after = after < 0 ? pos + 2 : after;
                    pos = ((label & 0x3F) << 8) | message[pos + 1];
                    jumps++;
                    continue;
                }

                if (pos + 1 + label > length || nameLength + label + 1 > _name.Length)
                {
                    return -1;
                }

                if (nameLength > 0)
                {
                    _name[nameLength++] = '.';
                }

                for (int i = 0; i < label; i++)
                {
                    _name[nameLength++] = (char)message[pos + 1 + i];
                }

                pos += 1 + label;
            }

            return -1;
        }

        private int Records(byte[] buffer)
        {
            int pos = 12;
            int count = 0;
            pos = Service(buffer, pos, LoggerService, _loggerPort, _loggerText, ref count);
            if (_modbus)
            {
                pos = Service(buffer, pos, ModbusService, _modbusPort, _modbusText, ref count);
            }

            int rdata;
            pos = Header(buffer, pos, _host, TypeA, ClassFlush, HostTtl, out rdata);
            System.Array.Copy(_address, 0, buffer, pos, 4);
            pos = Close(buffer, rdata, pos + 4);
            count++;

            // The header: id 0, a response, authoritative (RFC 6762, 18); every record an answer.
            for (int i = 0; i < 12; i++)
            {
                buffer[i] = 0;
            }

            buffer[2] = 0x84;
            buffer[6] = (byte)(count >> 8);
            buffer[7] = (byte)count;
            return pos;
        }

        /// <summary>The DNS-SD records of one service: its enumeration PTR, the instance PTR, SRV and TXT.</summary>
        private int Service(byte[] buffer, int pos, string service, int port, string[] text, ref int count)
        {
            string instance = _instance + "." + service;
            int rdata;
            pos = Header(buffer, pos, Services, TypePtr, ClassIn, ServiceTtl, out rdata);
            pos = Close(buffer, rdata, Name(buffer, pos, service));
            pos = Header(buffer, pos, service, TypePtr, ClassIn, ServiceTtl, out rdata);
            pos = Close(buffer, rdata, Name(buffer, pos, instance));
            pos = Header(buffer, pos, instance, TypeSrv, ClassFlush, HostTtl, out rdata);
            buffer[pos] = 0;
            buffer[pos + 1] = 0;
            buffer[pos + 2] = 0;
            buffer[pos + 3] = 0;
            buffer[pos + 4] = (byte)(port >> 8);
            buffer[pos + 5] = (byte)port;
            pos = Close(buffer, rdata, Name(buffer, pos + 6, _host));
            pos = Header(buffer, pos, instance, TypeTxt, ClassFlush, ServiceTtl, out rdata);
            for (int i = 0; i < text.Length; i++)
            {
                buffer[pos++] = (byte)text[i].Length;
                for (int c = 0; c < text[i].Length; c++)
                {
                    buffer[pos++] = (byte)text[i][c];
                }
            }

            pos = Close(buffer, rdata, pos);
            count += 4;
            return pos;
        }

        /// <summary>Name, type, class, TTL and room for the data length; <paramref name="rdata"/> is where that length goes.</summary>
        private static int Header(byte[] buffer, int pos, string name, int type, int cls, int ttl, out int rdata)
        {
            pos = Name(buffer, pos, name);
            buffer[pos] = (byte)(type >> 8);
            buffer[pos + 1] = (byte)type;
            buffer[pos + 2] = (byte)(cls >> 8);
            buffer[pos + 3] = (byte)cls;
            buffer[pos + 4] = (byte)(ttl >> 24);
            buffer[pos + 5] = (byte)(ttl >> 16);
            buffer[pos + 6] = (byte)(ttl >> 8);
            buffer[pos + 7] = (byte)ttl;
            rdata = pos + 8;
            return pos + 10;
        }

        private static int Close(byte[] buffer, int rdata, int end)
        {
            int length = end - rdata - 2;
            buffer[rdata] = (byte)(length >> 8);
            buffer[rdata + 1] = (byte)length;
            return end;
        }

        /// <summary>A dotted name as labels, uncompressed, ASCII.</summary>
        private static int Name(byte[] buffer, int pos, string name)
        {
            int start = 0;
            while (start <= name.Length)
            {
                int dot = name.IndexOf('.', start);
                int end = dot < 0 ? name.Length : dot;
                buffer[pos++] = (byte)(end - start);
                for (int i = start; i < end; i++)
                {
                    buffer[pos++] = (byte)name[i];
                }

                start = end + 1;
                if (dot < 0)
                {
                    break;
                }
            }

            buffer[pos++] = 0;
            return pos;
        }
    }
}
