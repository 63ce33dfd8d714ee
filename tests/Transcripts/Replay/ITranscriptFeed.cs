// Shared with the nanoFramework test assemblies: C# 9, no generics, no nullable annotations.
#nullable disable
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Transcripts
{
    /// <summary>
    /// Where the inputs of a transcript come from. Replaying, every answer is the next recorded line
    /// (<see cref="ReplayFeed"/>); recording, live fakes give them (a scripted MODBUS slave, a Kaa-like broker, an
    /// update server) and the ports write them down. The ports ask only at moments that also write a line, so
    /// an answer read back from the transcript arrives exactly where the live fake gave it.
    /// Answers are the text of the recorded line after its prefix.
    /// </summary>
    public interface ITranscriptFeed
    {
        /// <summary>A script line about the world outside the logger (slave registers, faults, broker state); a replay ignores it.</summary>
        void World(string line);

        /// <summary>The slave's reply to a request: hex bytes, <c>silent</c>, or <c>stall</c> (the read never returns).</summary>
        string BusAnswer(byte[] request, int offset, int count);

        /// <summary><c>accepted</c>, or a refusal: the status name and the reason.</summary>
        string Connect(MqttConnectOptions options);

        void Subscribed(string filter);

        void Published(string topic, byte[] payload, int offset, int count, MqttQos qos, bool retain, int messageId);

        /// <summary>The next thing the broker delivers (<c>ack N</c>, <c>msg TOPIC PAYLOAD</c>, <c>lost REASON</c>), or null.</summary>
        string NextMqttEvent();

        void Disconnected();

        /// <summary>The broker pushes a message (a config, a command, an offer).</summary>
        void Push(string topic, byte[] payload);

        /// <summary>The connection breaks under the logger.</summary>
        void Drop(string reason);

        /// <summary>The update server binds a package to a URL.</summary>
        void Serve(string url, byte[] content);

        /// <summary><c>ok TOTAL</c> or <c>failed</c>.</summary>
        string HttpOpen(string url, int offset);

        /// <summary><c>data N</c> (the next N bytes of what is served), <c>end</c> or <c>failed</c>.</summary>
        string HttpRead(int count);

        void HttpClose();

        /// <summary>A signed update package built from a recipe (<c>version=1.4.0 min=1.0.0 target=esp32s3 image=512</c>), as hex.</summary>
        string Package(string recipe);
    }
}
