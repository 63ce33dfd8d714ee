using System.Text;
using System.Text.RegularExpressions;

namespace EnergyLogger.Core.Tests.Cloud;

/// <summary>
/// Answers publishes the way a Kaa server does (reference A.3): an empty /status for DCX batches and metadata,
/// <c>{}</c> (unchanged) for config pulls, <c>[]</c> (nothing pending) for command observes. Tests switch answers
/// to /error or silence per extension.
/// </summary>
public sealed class KaaResponder
{
    private static readonly Regex Request = new(@"^kp1/[^/]+/(?<ext>[a-z_]+)/[^/]+/(?<path>.+)/(?<rid>\d+)$", RegexOptions.Compiled);

    public bool DcxErrors { get; set; }

    public bool Silent { get; set; }

    public List<string> Errors { get; } = new();

    public IEnumerable<(string, byte[])> Answer(Sent sent)
    {
        Match m = Request.Match(sent.Topic);
        if (Silent || !m.Success)
        {
            yield break;
        }

        string ext = m.Groups["ext"].Value;
        string path = m.Groups["path"].Value;
        if (ext == "dcx" && DcxErrors)
        {
            yield return (sent.Topic + "/error", Encoding.UTF8.GetBytes("{\"statusCode\":400,\"reasonPhrase\":\"Invalid payload\"}"));
            yield break;
        }

        byte[] body = (ext, path) switch
        {
            ("cmx" or "cmx_ota", "config/json") => "{}"u8.ToArray(),
            ("cex", _) when path.StartsWith("command/", StringComparison.Ordinal) => "[]"u8.ToArray(),
            _ => [],
        };
        yield return (sent.Topic + "/status", body);
    }
}
