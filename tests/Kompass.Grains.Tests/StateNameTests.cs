using System.Reflection;
using Orleans.Runtime;

namespace Kompass.Grains.Tests;

/// <summary>
/// The ADO.NET provider keys state by grain key and state name only: two grain classes sharing a state
/// name would overwrite each other's state under the same key. Every Kompass grain class has its own.
/// </summary>
public sealed class StateNameTests
{
    [Fact]
    public void Every_grain_class_persists_under_a_state_name_of_its_own()
    {
        var states = typeof(EvaluationGrain).Assembly.GetTypes()
            .Where(t => typeof(Grain).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => t.GetConstructors().SelectMany(c => c.GetParameters())
                .Select(p => (Grain: t, Attribute: p.GetCustomAttribute<PersistentStateAttribute>())))
            .Where(s => s.Attribute is not null)
            .ToList();

        Assert.Equal(13, states.Count);
        Assert.All(states, s => Assert.Equal(StateNames.Storage, s.Attribute!.StorageName));
        // Grains do not reference Kompass.Storage; the two names must still be the one the silo registers.
        Assert.Equal(Kompass.Storage.KompassStorage.StorageName, StateNames.Storage);
        Assert.Equal(states.Count, states.Select(s => s.Attribute!.StateName).Distinct().Count());
    }
}
