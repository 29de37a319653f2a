namespace Kompass.Domain.Tests;

public sealed class RequestKeysTests
{
    [Fact]
    public void A_remembered_key_is_seen_and_no_key_never_is()
    {
        var keys = new List<string>();

        RequestKeys.Remember(keys, "a");
        RequestKeys.Remember(keys, null);

        Assert.True(RequestKeys.Seen(keys, "a"));
        Assert.False(RequestKeys.Seen(keys, "b"));
        Assert.False(RequestKeys.Seen(keys, null));
        Assert.Equal(["a"], keys);
    }

    [Fact]
    public void Only_the_newest_keys_are_kept_and_a_repeat_is_kept_once()
    {
        var keys = new List<string>();
        for (var i = 0; i <= RequestKeys.Remembered; i++)
            RequestKeys.Remember(keys, $"k{i}");
        RequestKeys.Remember(keys, $"k{RequestKeys.Remembered}");

        Assert.Equal(RequestKeys.Remembered, keys.Count);
        Assert.False(RequestKeys.Seen(keys, "k0"));
        Assert.True(RequestKeys.Seen(keys, "k1"));
        Assert.True(RequestKeys.Seen(keys, $"k{RequestKeys.Remembered}"));
    }
}
