namespace Orchestrator.Functions.Build;

/// <summary>The stable codes Build fails with (they land in the job document's stage error).</summary>
public static class BuildErrorCodes
{
    public const string NodeMissing = "NodeMissing";
    public const string NodeVersionUnavailable = "NodeVersionUnavailable";
    public const string NodeVersionInvalid = "NodeVersionInvalid";
    public const string PackageManagerMissing = "PackageManagerMissing";
    public const string PackageManagerInvalid = "PackageManagerInvalid";
    public const string PackageManagerFetchFailed = "PackageManagerFetchFailed";
    public const string InputMissing = "BuildInputMissing";
    public const string InstallFailed = "InstallFailed";
    public const string BuildScriptFailed = "BuildScriptFailed";
    public const string BuildTimedOut = "BuildTimedOut";
    public const string OutputMissing = "OutputMissing";
    public const string WorkspaceInvalid = "WorkspaceInvalid";
    public const string LocalIoError = "LocalIoError";
    public const string ToolFailed = "ToolFailed";
    public const string IsolationUnavailable = "IsolationUnavailable";
    public const string IdentitiesExhausted = "BuildIdentitiesExhausted";
    public const string ProcessesSurvived = "BuildProcessesSurvived";
    public const string DiskLimitExceeded = "DiskLimitExceeded";
}
