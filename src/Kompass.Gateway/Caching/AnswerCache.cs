using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using GraphQLParser.AST;
using Kompass.Contracts.Caching;
using Kompass.Domain.Tenancy;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Kompass.Gateway.Caching;

/// <summary>
/// Whole answers, kept per caller and request, for the reads that can be proven current without asking a grain:
/// a query whose only root fields are <c>evaluation</c> (and <c>__typename</c>), that read nothing but published
/// evaluations' views (<see cref="AnswerReads"/> sees every grain call the request makes) and answered without an
/// error. Such an answer is served again for at most <see cref="AnswerLeases.Duration"/> from before it was read,
/// and never after a revocation of an evaluation it read: an evaluation revokes itself in every silo before it
/// changes a published view (<see cref="AnswerLeases"/>). The key is the caller's whole identity (the one the
/// ETag uses), the method, the media type and the request's bytes as sent, compared in full: an answer is never
/// served to another caller or for another request, and a hit costs no parsing of the request. Bounded by <see cref="CachingSettings.AnswerCacheBytes"/>.
/// </summary>
public sealed class AnswerCache : IAnswerRevocations, IDisposable
{
    /// <summary>Set to <c>hit</c> on an answer served from here (for clients and operators; the answer is the same).</summary>
    public const string Header = "X-Cache";

    private static readonly AsyncLocal<AnswerReads?> Current = new();

    private readonly MemoryCache? _answers;
    // The revocation sequence of each grain revoked lately; an answer filled before it may not be served.
    private readonly ConcurrentDictionary<string, (long Sequence, long At)> _revoked = new(StringComparer.Ordinal);
    private long _sequence;

    public AnswerCache(IOptions<CachingSettings> settings)
    {
        if (settings.Value.AnswerCacheBytes > 0)
            _answers = new MemoryCache(new MemoryCacheOptions { SizeLimit = settings.Value.AnswerCacheBytes });
    }

    /// <summary>An answer kept: its bytes, its ETag, the grains it read and the revocation sequence it was read after.</summary>
    public sealed record Answer(byte[] Body, string ETag, string[] Reads, long Sequence, long ValidUntil);

    /// <summary>The reads of the request now running on this flow (null outside a request that may be cached).</summary>
    internal static AnswerReads? Reads => Current.Value;

    /// <summary>
    /// The key of a request: the caller, the method, the media type and the request's own bytes (the POST body, or
    /// the GET query string), which hold the query or its hash, the operation, the variables and the extensions;
    /// null without a caller. The parts before the request are each written after their length, so no text in one
    /// can pass for a boundary: one caller's key is never another's.
    /// </summary>
    public string? KeyOf(Principal? caller, string method, string responseType, string request)
    {
        if (_answers is null || caller is null || request.Length == 0)
            return null;
        var identity = IdentityOf(caller);
        return $"{identity.Length}:{identity}{method.Length}:{method}{responseType.Length}:{responseType}{request}";
    }

    /// <summary>A POST body as key text: a char per byte (Latin-1), so that bytes that are not UTF-8 stay distinct.</summary>
    public static string BodyText(ReadOnlySpan<byte> body) => Encoding.Latin1.GetString(body);

    /// <summary>Everything about a caller an answer may depend on (access rules read no more than this).</summary>
    public static string IdentityOf(Principal? caller) => caller is null ? "anonymous" : string.Join('\n', caller.Subject, caller.Role, caller.KommuneId ?? "",
        string.Join(',', caller.Evaluations.Order(StringComparer.Ordinal)));

    public bool TryGet(string key, out Answer answer)
    {
        answer = null!;
        if (_answers?.Get(key) is not Answer a || Stopwatch.GetTimestamp() >= a.ValidUntil || RevokedSince(a.Reads, a.Sequence))
            return false;
        answer = a;
        return true;
    }

    /// <summary>Starts following the grain calls of the request on this flow (the caller's async flow: it ends with the request).</summary>
    public AnswerReads? Begin()
    {
        if (_answers is null)
            return null;
        var reads = new AnswerReads(Interlocked.Read(ref _sequence), Stopwatch.GetTimestamp());
        Current.Value = reads;
        return reads;
    }

    /// <summary>
    /// The evaluations a request read, when its answer may be kept: a query of the roots that read through grains
    /// only, that read nothing but published evaluations; null otherwise (asked before the answer is buffered).
    /// </summary>
    public string[]? KeepableReads(AnswerReads reads, GraphQLOperationDefinition? operation) =>
        _answers is not null && reads.Cacheable(out var grains) && OnlyCacheableRoots(operation) ? grains : null;

    /// <summary>Keeps an answer of <see cref="KeepableReads"/> unless something it read has been revoked since the request began.</summary>
    public void Keep(string key, AnswerReads reads, string[] grains, byte[] body, string etag)
    {
        if (_answers is null || RevokedSince(grains, reads.Sequence))
            return;
        var validUntil = reads.StartedAt + (long)(AnswerLeases.Duration.TotalSeconds * Stopwatch.Frequency);
        var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), validUntil);
        if (left <= TimeSpan.Zero)
            return;
        using var entry = _answers.CreateEntry(key);
        entry.Value = new Answer(body, etag, grains, reads.Sequence, validUntil);
        entry.Size = body.Length + key.Length * 2L;
        entry.AbsoluteExpirationRelativeToNow = left;
    }

    public void Revoke(string grainKey)
    {
        var sequence = Interlocked.Increment(ref _sequence);
        var now = Stopwatch.GetTimestamp();
        _revoked[grainKey] = (sequence, now);
        // A revocation older than a lease cannot matter: every answer read before it has run out.
        if (_revoked.Count > 10_000)
            foreach (var (key, at) in _revoked)
                if (Stopwatch.GetElapsedTime(at.At, now) > 2 * AnswerLeases.Duration)
                    _revoked.TryRemove(key, out _);
    }

    private bool RevokedSince(string[] grains, long sequence)
    {
        foreach (var grain in grains)
            if (_revoked.TryGetValue(grain, out var r) && r.Sequence > sequence)
                return true;
        return false;
    }

    // Root fields whose resolvers read grains only (each call seen by AnswerReads); other roots read storage directly.
    private static bool OnlyCacheableRoots(GraphQLOperationDefinition? operation) =>
        operation is { Operation: OperationType.Query } && operation.SelectionSet.Selections.All(s =>
            s is GraphQLField f && f.Name.Value.Span is "evaluation" or "__typename");

    public void Dispose() => _answers?.Dispose();
}

/// <summary>
/// What one request read from the grains, as <see cref="AnswerDependencies"/> sees the calls: the published
/// evaluations, or that it read anything else (it then cannot be cached). Fields resolve in parallel: locked.
/// </summary>
public sealed class AnswerReads(long sequence, long startedAt)
{
    private readonly List<string> _grains = [];
    private bool _other;

    internal long Sequence => sequence;

    internal long StartedAt => startedAt;

    internal void Read(string grainKey)
    {
        lock (_grains)
            _grains.Add(grainKey);
    }

    internal void ReadOther()
    {
        lock (_grains)
            _other = true;
    }

    internal bool Cacheable(out string[] grains)
    {
        lock (_grains)
        {
            grains = [.. _grains.Distinct(StringComparer.Ordinal)];
            return !_other && grains.Length > 0;
        }
    }
}
