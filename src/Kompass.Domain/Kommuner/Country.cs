namespace Kompass.Domain.Kommuner;

/// <summary>Norway (Kommunekompasset, KS) or Sweden (Kommunkompassen, SKR).</summary>
public enum Country
{
    NO,
    SE,
}
