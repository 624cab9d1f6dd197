using Orchestrator.Tools.DevCloud.Config;
using Orchestrator.Tools.DevCloud.Oss;
using Orchestrator.Tools.DevCloud.Timers;

namespace Orchestrator.EndToEnd.Tests.DevCloud;

public class TriggerRulesTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 21, 12, 0, 30, TimeSpan.Zero);

    [Theory]
    [InlineData("@every 1m", "2026-11-21T12:01:30Z")]
    [InlineData("@every 1h30m", "2026-11-21T13:30:30Z")]
    [InlineData("0 */5 * * * *", "2026-11-21T12:05:00Z")]
    [InlineData("0 0 8 * * *", "2026-11-22T08:00:00Z")]
    [InlineData("15,45 * * * * *", "2026-11-21T12:00:45Z")]
    public void Next_Expression_FiresWhenFcWould(string expression, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), TimerSchedule.Parse(expression).Next(Noon));
    }

    [Theory]
    [InlineData("@every")]
    [InlineData("@every 0s")]
    [InlineData("* * * *")]
    [InlineData("0 61 * * * *")]
    public void Parse_BadExpression_FailsWithInvalidCron(string expression)
    {
        Assert.Equal("InvalidCron", Assert.Throws<ServerlessConfigException>(() => TimerSchedule.Parse(expression)).Code);
    }

    [Theory]
    [InlineData("ObjectCreated:PutObject", "src/a/app.zip", true)]
    [InlineData("ObjectCreated:CompleteMultipartUpload", "src/a/app.zip", true)]
    [InlineData("ObjectRemoved:DeleteObject", "src/a/app.zip", false)]
    [InlineData("ObjectCreated:PutObject", "src/a/app.tgz", false)]
    [InlineData("ObjectCreated:PutObject", "sites/a/app.zip", false)]
    public void Matches_OssEvent_FollowsEventsPrefixAndSuffix(string eventName, string key, bool expected)
    {
        var trigger = new OssTriggerSpec("source-zip", ["oss:ObjectCreated:*"], "src/", ".zip");

        Assert.Equal(expected, OssTriggerRouter.Matches(trigger, eventName, key));
    }
}
