// Shared with the nanoFramework test assemblies: C# 9, no generics, no nullable annotations.
#nullable disable
using System;

namespace EnergyLogger.Transcripts
{
    /// <summary>The CPU stops where it is (a power cut, or the supervisor's reboot of a stalled loop); the player ends the run.</summary>
    public sealed class TranscriptHalt : Exception
    {
        public TranscriptHalt(string why)
            : base(why)
        {
        }
    }
}
