using System.Text;

namespace Kompass.Storage.Tests;

public sealed class SerializerTests
{
    private readonly KompassJsonGrainStorageSerializer _serializer = new();

    [Fact]
    public void State_is_camel_case_json_with_enum_names()
    {
        var json = Encoding.UTF8.GetString(_serializer.Serialize(new ProbeState
        {
            Text = "Æøå",
            Status = ProbeStatus.Submitted,
            Tags = ["a"],
            Detail = new ProbeDetail("Økonomi", 3.25m),
        }).ToArray());

        Assert.Contains("\"status\":\"Submitted\"", json, StringComparison.Ordinal);
        Assert.Contains("\"text\":\"", json, StringComparison.Ordinal);
        Assert.Contains("\"detail\":{\"name\":", json, StringComparison.Ordinal);
        Assert.Contains("\"score\":3.25", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_tolerates_unknown_and_missing_properties_case_and_numbers()
    {
        const string stored = """
            {"Text":"old","status":"approved","removedLater":{"x":1},"detail":{"name":"n","score":"2.5"},"number":"42"}
            """;
        var state = _serializer.Deserialize<ProbeState>(new BinaryData(Encoding.UTF8.GetBytes(stored)));

        Assert.Equal("old", state.Text);
        Assert.Equal(ProbeStatus.Approved, state.Status);
        Assert.Equal(42, state.Number);
        Assert.Equal(new ProbeDetail("n", 2.5m), state.Detail);
        Assert.Empty(state.Tags); // missing: keeps the initializer's value
    }

    [Fact]
    public void Enum_numbers_from_older_payloads_still_read()
    {
        var state = _serializer.Deserialize<ProbeState>(new BinaryData(Encoding.UTF8.GetBytes("""{"status":2}""")));
        Assert.Equal(ProbeStatus.Approved, state.Status);
    }
}
