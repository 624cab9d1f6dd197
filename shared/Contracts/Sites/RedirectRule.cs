namespace Orchestrator.Contracts.Sites;

/// <summary>
/// One redirect or rewrite. <see cref="From"/> is a path pattern (<see cref="PathPattern"/>); <see cref="To"/> may
/// use the pattern's <c>:name</c> placeholders and <c>:splat</c>, or be an absolute http(s) URL.
/// </summary>
/// <param name="From">The request path pattern, starting with '/'.</param>
/// <param name="To">Where it goes.</param>
/// <param name="Status">301, 302, 303, 307 or 308 redirect; 200 rewrite (serve <see cref="To"/> under the asked path); 404 serve it as not found.</param>
/// <param name="Force">Whether the rule applies even when a file exists at the path (otherwise the file shadows it, as on Netlify).</param>
public sealed record RedirectRule(string From, string To, int Status, bool Force);
