using ScottPlot;

namespace Kompass.Charts;

/// <summary>The charts' colours: distinguishable in print and for the common colour-vision deficiencies (Okabe-Ito).</summary>
internal static class Palette
{
    public static readonly Color Evaluation = Color.FromHex("#0072B2");
    public static readonly Color HeldMean = Color.FromHex("#E69F00");
    public static readonly Color PublishedMean = Color.FromHex("#009E73");
    public static readonly Color Highlight = Color.FromHex("#D55E00");
    public static readonly Color Others = Color.FromHex("#8DA0B3");
    public static readonly Color Grid = Color.FromHex("#C8CDD2");
    public static readonly Color Note = Color.FromHex("#5A3D00");
    public static readonly Color NoteBackground = Color.FromHex("#FFF4D6");

    /// <summary>One colour per evaluation in a trend, oldest first.</summary>
    public static readonly Color[] Series =
    [
        Color.FromHex("#56B4E9"), Color.FromHex("#0072B2"), Color.FromHex("#E69F00"), Color.FromHex("#009E73"),
        Color.FromHex("#CC79A7"), Color.FromHex("#D55E00"), Color.FromHex("#F0E442"), Color.FromHex("#000000"),
    ];
}
