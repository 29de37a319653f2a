namespace Kompass.Gateway.Tests.ReadPath;

/// <summary>
/// The evaluation grain keeps its view between reads: a read after a change must show the change, on the
/// activation that built the view and on a new one after a restart, on real storage (SQLite).
/// </summary>
public sealed class ReadAfterChangeTests : IDisposable
{
    private const string Id = "NO-4617/eval/2026-1";
    private const string Read = "query($id: ID!) { evaluation(id: $id) { version interviews { role } total missingScoringPoints } }";
    private readonly string _folder = Directory.CreateTempSubdirectory("kompass-readpath-").FullName;

    [Fact]
    public async Task A_read_after_a_change_returns_the_change_also_after_a_restart()
    {
        var settings = new[] { "Kompass:Storage:Provider=Sqlite", "Kompass:Demo:Seed=false", $"Kompass:Storage:Sqlite:Path={Path.Combine(_folder, "kompass.db")}" };
        await using (var host = await KompassTestHost.StartAsync(settings))
        {
            await host.RegisterAsync("NO-4617");
            await host.OpenAsync("NO-4617");
            var first = (await host.OkAsync(Read, new { id = Id }))["evaluation"]!;
            Assert.Equal(1, first["version"].Int());
            Assert.Empty(first["interviews"]!.AsArray());

            await host.OkAsync("""mutation { recordInterview(input: {evaluationId: "NO-4617/eval/2026-1", role: "Rådmann", date: "2026-10-20", people: 1}) { version } }""");
            var second = (await host.OkAsync(Read, new { id = Id }))["evaluation"]!;
            Assert.Equal(2, second["version"].Int());
            Assert.Equal("Rådmann", second["interviews"]![0]!["role"].Str());
        }

        await using (var host = await KompassTestHost.StartAsync(settings))
        {
            var afterRestart = (await host.OkAsync(Read, new { id = Id }))["evaluation"]!;
            Assert.Equal(2, afterRestart["version"].Int());
            Assert.Equal("Rådmann", afterRestart["interviews"]![0]!["role"].Str());

            await host.RateAllAsync(Id, 3, 3, 2);
            var rated = (await host.OkAsync(Read, new { id = Id }))["evaluation"]!;
            Assert.Equal(3, rated["version"].Int());
            Assert.Empty(rated["missingScoringPoints"]!.AsArray());
            Assert.Equal(8 * 67, rated["total"].Int());
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
