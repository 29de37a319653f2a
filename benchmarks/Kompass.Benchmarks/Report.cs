namespace Kompass.Benchmarks;

/// <summary>Results as Markdown on standard output (and into <c>--out</c> when given); progress on standard error.</summary>
internal static class Report
{
    private static StreamWriter? _file;

    public static void WriteAlsoTo(string path)
    {
        _file = new StreamWriter(path, append: false) { AutoFlush = true };
    }

    public static void Heading(string text) => Write($"\n## {text}\n");

    public static void Line(string text) => Write(text + "\n");

    public static void Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var text = new System.Text.StringBuilder("\n");
        text.Append("| ").AppendJoin(" | ", header).Append(" |\n");
        text.Append('|').AppendJoin("|", header.Select(_ => "---")).Append("|\n");
        foreach (var row in rows)
            text.Append("| ").AppendJoin(" | ", row).Append(" |\n");
        Write(text.Append('\n').ToString());
    }

    public static void Progress(string text) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {text}");

    private static void Write(string text)
    {
        Console.Out.Write(text);
        Console.Out.Flush();
        _file?.Write(text);
    }
}
