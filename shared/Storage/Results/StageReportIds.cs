using System.Security.Cryptography;
using System.Text;

namespace Orchestrator.Storage.Results;

/// <summary>The id of a stage's report, derived from its request's id: every delivery of one request reports under one id.</summary>
public static class StageReportIds
{
    public static string For(string requestId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("stage-report\n" + requestId));
        return "rpt-" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
