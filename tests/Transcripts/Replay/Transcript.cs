// Shared with the nanoFramework test assemblies: C# 9, no generics, no nullable annotations.
#nullable disable
using System;
using System.Collections;

namespace EnergyLogger.Transcripts
{
    /// <summary>
    /// Replays a transcript on the real Core objects and compares what they produce with what was recorded. The
    /// format and the verbs are described in tests/Transcripts/README.md.
    /// </summary>
    public static class Transcript
    {
        /// <summary>Recorded when the player stops on an exception; a transcript that holds one is not saved.</summary>
        public const string ErrorPrefix = TranscriptWriter.Indent + "error ";

        /// <summary>Plays the script of <paramref name="text"/> with its own recorded inputs; returns the transcript produced.</summary>
        public static string Replay(string text)
        {
            return Replay(text, new string[0]);
        }

        /// <summary>As <see cref="Replay(string)"/>, for a transcript that names maps (name, JSON, name, JSON...).</summary>
        public static string Replay(string text, string[] namedMaps)
        {
            string[] lines = Lines(text);
            var writer = new TranscriptWriter();
            return Play(lines, namedMaps, writer, new ReplayFeed(lines, writer));
        }

        /// <summary>Plays the script lines of <paramref name="lines"/> with inputs from <paramref name="feed"/>.</summary>
        public static string Play(string[] lines, string[] namedMaps, TranscriptWriter writer, ITranscriptFeed feed)
        {
            try
            {
                new LoopPlayer(writer, feed, namedMaps).Play(lines);
            }
            catch (Exception e)
            {
                writer.Muted = false;
                writer.Record("error " + e.GetType().Name + ": " + e.Message);
            }

            return writer.Text;
        }

        /// <summary>The lines of a text (LF or CR LF), without a last empty one.</summary>
        public static string[] Lines(string text)
        {
            var lines = new ArrayList();
            int start = 0;
            while (start < text.Length)
            {
                int end = text.IndexOf('\n', start);
                if (end < 0)
                {
                    end = text.Length;
                }

                int stop = end > start && text[end - 1] == '\r' ? end - 1 : end;
                lines.Add(text.Substring(start, stop - start));
                start = end + 1;
            }

            var result = new string[lines.Count];
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = (string)lines[i];
            }

            return result;
        }

        /// <summary>Null when both texts have the same lines; otherwise the first line that differs, numbered from 1.</summary>
        public static string FirstDifference(string expected, string actual)
        {
            string[] want = Lines(expected);
            string[] got = Lines(actual);
            int n = want.Length > got.Length ? want.Length : got.Length;
            for (int i = 0; i < n; i++)
            {
                string w = i < want.Length ? want[i] : "(end of transcript)";
                string g = i < got.Length ? got[i] : "(end of transcript)";
                if (w != g)
                {
                    return "line " + (i + 1).ToString() + "\n  expected: " + w + "\n  actual:   " + g;
                }
            }

            return null;
        }
    }
}
