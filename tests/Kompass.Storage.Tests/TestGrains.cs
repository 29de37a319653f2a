using Kompass.Storage;
using Orleans.Runtime;

namespace Kompass.Storage.Tests;

// ---- state classes: plain C#, no Orleans attributes (stored by KompassJsonGrainStorageSerializer) ----

public enum ProbeStatus
{
    Draft,
    Submitted,
    Approved,
}

public sealed class ProbeState
{
    public string Text { get; set; } = "";
    public int Number { get; set; }
    public ProbeStatus Status { get; set; }
    public List<string> Tags { get; set; } = [];
    public DateTimeOffset? UpdatedAt { get; set; }
    public ProbeDetail? Detail { get; set; }
}

/// <summary>A positional record: deserialized through its constructor.</summary>
public sealed record ProbeDetail(string Name, decimal Score);

public sealed class TextState
{
    public string? Text { get; set; }
}

public sealed class ReminderProbeState
{
    public int Ticks { get; set; }
    public string? LastTickSilo { get; set; }
}

// ---- wire types (grain calls use Orleans serialization) ----

[GenerateSerializer, Immutable, Alias("kompass.tests.ProbeSnapshot")]
public sealed record ProbeSnapshot(
    [property: Id(0)] string Text,
    [property: Id(1)] int Number,
    [property: Id(2)] ProbeStatus Status,
    [property: Id(3)] string[] Tags,
    [property: Id(4)] DateTimeOffset? UpdatedAt,
    [property: Id(5)] string? DetailName,
    [property: Id(6)] decimal? DetailScore,
    [property: Id(7)] bool RecordExists);

[GenerateSerializer, Immutable, Alias("kompass.tests.ReminderProbeSnapshot")]
public sealed record ReminderProbeSnapshot([property: Id(0)] int Ticks, [property: Id(1)] string? LastTickSilo);

// ---- interfaces ----

[Alias("kompass.tests.IProbeGrain")]
public interface IProbeGrain : IGrainWithStringKey
{
    /// <summary>Stores the snapshot; returns the silo (RuntimeIdentity) that holds the activation.</summary>
    [Alias("Save")]
    Task<string> Save(ProbeSnapshot snapshot);

    [Alias("Load")]
    Task<ProbeSnapshot> Load();

    [Alias("Where")]
    Task<string> Where();
}

[Alias("kompass.tests.ITextGrain")]
public interface ITextGrain : IGrainWithStringKey
{
    [Alias("Set")]
    Task Set(string text);

    [Alias("Get")]
    Task<string?> Get();
}

[Alias("kompass.tests.IAlphaGrain")]
public interface IAlphaGrain : ITextGrain;

[Alias("kompass.tests.IBetaGrain")]
public interface IBetaGrain : ITextGrain;

/// <summary>A second class that (wrongly) reuses AlphaGrain's state name.</summary>
[Alias("kompass.tests.IAlphaTwinGrain")]
public interface IAlphaTwinGrain : ITextGrain;

[Alias("kompass.tests.IReminderProbeGrain")]
public interface IReminderProbeGrain : IGrainWithStringKey
{
    [Alias("Start")]
    Task Start(TimeSpan dueTime, TimeSpan period);

    [Alias("Stop")]
    Task Stop();

    [Alias("Snapshot")]
    Task<ReminderProbeSnapshot> Snapshot();
}

// ---- grains ----

public sealed class ProbeGrain(
    [PersistentState("probe", KompassStorage.StorageName)] IPersistentState<ProbeState> state) : Grain, IProbeGrain
{
    public async Task<string> Save(ProbeSnapshot snapshot)
    {
        state.State.Text = snapshot.Text;
        state.State.Number = snapshot.Number;
        state.State.Status = snapshot.Status;
        state.State.Tags = [.. snapshot.Tags];
        state.State.UpdatedAt = snapshot.UpdatedAt;
        state.State.Detail = snapshot.DetailName is null ? null : new ProbeDetail(snapshot.DetailName, snapshot.DetailScore ?? 0);
        await state.WriteStateAsync();
        return RuntimeIdentity;
    }

    public Task<ProbeSnapshot> Load()
    {
        var s = state.State;
        return Task.FromResult(new ProbeSnapshot(s.Text, s.Number, s.Status, [.. s.Tags], s.UpdatedAt, s.Detail?.Name, s.Detail?.Score, state.RecordExists));
    }

    public Task<string> Where() => Task.FromResult(RuntimeIdentity);
}

public abstract class TextGrainBase(IPersistentState<TextState> state) : Grain
{
    public async Task Set(string text)
    {
        state.State.Text = text;
        await state.WriteStateAsync();
    }

    public Task<string?> Get() => Task.FromResult(state.State.Text);
}

public sealed class AlphaGrain([PersistentState("alpha", KompassStorage.StorageName)] IPersistentState<TextState> state)
    : TextGrainBase(state), IAlphaGrain;

public sealed class BetaGrain([PersistentState("beta", KompassStorage.StorageName)] IPersistentState<TextState> state)
    : TextGrainBase(state), IBetaGrain;

public sealed class AlphaTwinGrain([PersistentState("alpha", KompassStorage.StorageName)] IPersistentState<TextState> state)
    : TextGrainBase(state), IAlphaTwinGrain;

/// <summary>Counts reminder ticks in persistent state (default storage name: checks the alias).</summary>
public sealed class ReminderProbeGrain([PersistentState("reminder-probe")] IPersistentState<ReminderProbeState> state)
    : Grain, IReminderProbeGrain, IRemindable
{
    public const string ReminderName = "probe";

    public Task Start(TimeSpan dueTime, TimeSpan period) => this.RegisterOrUpdateReminder(ReminderName, dueTime, period);

    public async Task Stop()
    {
        var reminder = await this.GetReminder(ReminderName);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task<ReminderProbeSnapshot> Snapshot() =>
        Task.FromResult(new ReminderProbeSnapshot(state.State.Ticks, state.State.LastTickSilo));

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.Ticks++;
        state.State.LastTickSilo = RuntimeIdentity;
        await state.WriteStateAsync();
    }
}
