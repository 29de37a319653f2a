using System.Globalization;
using Kompass.Domain.Evaluations;
using Kompass.Domain.Kommuner;
using Kompass.Domain.Tenancy;
using Kompass.Gateway.Tenancy;

namespace Kompass.Host;

/// <summary>
/// <c>token --role kommune-leader --kommune NO-5027</c>: prints a bearer token signed with the configured key
/// (in Development the development key), for local use and scripts. Only the token goes to stdout.
/// </summary>
public static class TokenCommand
{
    public const string Name = "token";

    public const string Usage = """
        Usage: token --role <role> [--kommune NO-5027] [--evaluation <id>]... [--user <subject>] [--expires 8h|30m|7d|<ISO date-time>]
          roles: platform-admin, evaluator, kommune-leader, kommune-member, analyst
          kommune-leader and kommune-member need --kommune; --evaluation (evaluators) may be repeated.
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error, DateTimeOffset now)
    {
        try
        {
            var options = Parse(args);
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
            var settings = AuthSettings.From(builder.Configuration, builder.Environment);
            var role = Value(options, "role") ?? throw new ArgumentException("--role is required.");
            if (!Roles.TryParse(role, out var parsed))
                throw new ArgumentException($"Unknown role '{role}': one of {string.Join(", ", Roles.TokenNames)}.");
            var kommune = Value(options, "kommune");
            if (kommune is not null && !KommuneId.TryParse(kommune, out _))
                throw new ArgumentException($"--kommune '{kommune}' is not a kommune id such as NO-5027.");
            if (Roles.IsKommuneRole(parsed) && kommune is null)
                throw new ArgumentException($"A {role} token needs --kommune (e.g. --kommune NO-5027).");
            var evaluations = options.TryGetValue("evaluation", out var e) ? e : [];
            if (evaluations.FirstOrDefault(id => !EvaluationIds.IsWellFormed(id)) is { } bad)
                throw new ArgumentException($"--evaluation '{bad}' is not an evaluation id such as NO-5027/eval/2023-1.");
            var user = Value(options, "user") ?? (kommune is null ? $"dev-{role}" : $"dev-{role}@{kommune}");
            var expires = Expiry(Value(options, "expires"), now);
            output.WriteLine(TokenIssuer.Issue(settings, TokenClaims.Of(user, role, kommune, evaluations), now, expires - now));
            return 0;
        }
        catch (Exception x) when (x is ArgumentException or AuthConfigurationException)
        {
            error.WriteLine($"token: {x.Message}");
            error.WriteLine(Usage);
            return 2;
        }
    }

    private static Dictionary<string, List<string>> Parse(string[] args)
    {
        var known = new HashSet<string>(StringComparer.Ordinal) { "role", "kommune", "evaluation", "user", "expires" };
        var options = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : throw new ArgumentException($"Unexpected '{args[i]}'.");
            if (!known.Contains(name))
                throw new ArgumentException($"Unknown option --{name}.");
            if (i + 1 >= args.Length)
                throw new ArgumentException($"--{name} needs a value.");
            if (name != "evaluation" && options.ContainsKey(name))
                throw new ArgumentException($"--{name} is given twice.");
            (options.TryGetValue(name, out var list) ? list : options[name] = []).Add(args[++i]);
        }
        return options;
    }

    private static string? Value(Dictionary<string, List<string>> options, string name) => options.TryGetValue(name, out var v) ? v[0] : null;

    /// <summary>A lifetime (30m, 8h, 7d) from now, or an absolute time; in the future either way.</summary>
    internal static DateTimeOffset Expiry(string? text, DateTimeOffset now)
    {
        if (text is null)
            return now.AddHours(8);
        DateTimeOffset at;
        if (text.Length > 1 && int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
            at = text[^1] switch
            {
                'm' => now.AddMinutes(n),
                'h' => now.AddHours(n),
                'd' => now.AddDays(n),
                _ => throw new ArgumentException($"--expires '{text}': use 30m, 8h, 7d or a date-time."),
            };
        else if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at))
            throw new ArgumentException($"--expires '{text}': use 30m, 8h, 7d or a date-time.");
        return at > now ? at : throw new ArgumentException($"--expires '{text}' is not in the future.");
    }
}
