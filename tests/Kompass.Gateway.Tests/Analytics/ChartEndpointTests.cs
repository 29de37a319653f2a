using System.Net;
using System.Net.Http.Headers;
using System.Xml.Linq;

namespace Kompass.Gateway.Tests.Analytics;

/// <summary>The charts over HTTP, reached through the URL fields of GraphQL: SVG with its labels and values as text.</summary>
public sealed class ChartEndpointTests(AnalyticsHostFixture fixture) : IClassFixture<AnalyticsHostFixture>
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private KompassTestHost Host => fixture.Host;

    private async Task<HttpResponseMessage> GetAsync(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Host.AnonymousHttp.SendAsync(request);
    }

    /// <summary>The chart as XML, and all its text as a person reads it.</summary>
    private async Task<(XDocument Svg, string Text)> ChartAsync(string url)
    {
        using var response = await GetAsync(url, fixture.Analyst);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode} {body}");
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        var svg = XDocument.Parse(body);
        Assert.Equal(Svg + "svg", svg.Root!.Name);
        Assert.NotNull(svg.Root.Attribute("viewBox"));
        Assert.False(string.IsNullOrWhiteSpace(svg.Root.Element(Svg + "title")?.Value));
        return (svg, string.Join(" | ", svg.Descendants(Svg + "text").Select(t => t.Value)));
    }

    [Fact]
    public async Task The_url_fields_lead_to_the_four_charts_with_their_labels_and_values()
    {
        var data = await Host.OkAsync("""
            query($id: ID!) {
              evaluation(id: $id) { radarChartUrl }
              kommune(id: "NO-5027") { areasChartUrl(frameworkVersion: "2020") }
              benchmark(frameworkVersion: "2020", country: NO) { histogramChartUrl rankingChartUrl(highlight: "NO-5027") }
              ranking(frameworkVersion: "2020", country: SE, first: 1) { chartUrl }
            }
            """, new { id = fixture.Ids["NO-5027/2023"] }, token: fixture.Analyst);

        var radarUrl = data["evaluation"]!["radarChartUrl"].Str();
        Assert.Equal($"/charts/radar.svg?evaluationId={Uri.EscapeDataString(fixture.Ids["NO-5027/2023"])}", radarUrl);
        var radar = await ChartAsync(radarUrl);
        Assert.Contains("Midtre Gauldal", radar.Text);
        Assert.Contains("Offentlighet og demokrati", radar.Svg.Root!.Element(Svg + "desc")!.Value); // on the chart, wrapped over two lines
        Assert.Contains("60 / 100", radar.Text);
        Assert.Equal("nb", radar.Svg.Root!.Attribute(XNamespace.Xml + "lang")?.Value);

        // 2012 (version 2010) and 2023 (version 2020) in 2020's areas: the caveat is on the chart.
        var areas = await ChartAsync(data["kommune"]!["areasChartUrl"].Str());
        Assert.Contains("Midtre Gauldal", areas.Text);
        Assert.Contains("2010", areas.Text);

        var histogram = await ChartAsync(data["benchmark"]!["histogramChartUrl"].Str());
        Assert.StartsWith("Fordeling av totalpoeng", histogram.Svg.Root!.Element(Svg + "title")!.Value, StringComparison.Ordinal);

        var ranking = await ChartAsync(data["benchmark"]!["rankingChartUrl"].Str());
        foreach (var label in new[] { "Trondheim", "Midtre Gauldal", "Eigersund", "600", "480", "440" })
            Assert.Contains(label, ranking.Text);
        Assert.True(ranking.Text.IndexOf("Trondheim", StringComparison.Ordinal) < ranking.Text.IndexOf("Eigersund", StringComparison.Ordinal), ranking.Text);

        var swedish = await ChartAsync(data["ranking"]!["chartUrl"].Str());
        Assert.Equal("sv", swedish.Svg.Root!.Attribute(XNamespace.Xml + "lang")?.Value);
        Assert.Contains("Upplands Väsby", swedish.Text);
    }

    [Fact]
    public async Task A_chart_needs_a_token_and_good_arguments()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/charts/histogram.svg?frameworkVersion=2020", null)).StatusCode);

        foreach (var (url, field, status) in new[]
        {
            ("/charts/histogram.svg", "frameworkVersion", HttpStatusCode.BadRequest),
            ("/charts/histogram.svg?frameworkVersion=1999", "frameworkVersion", HttpStatusCode.BadRequest),
            ("/charts/ranking.svg?frameworkVersion=2020&country=DK", "country", HttpStatusCode.BadRequest),
            ("/charts/ranking.svg?frameworkVersion=2020&area=99", "area", HttpStatusCode.BadRequest),
            ("/charts/ranking.svg?frameworkVersion=2020&highlight=nonsense", "highlight", HttpStatusCode.BadRequest),
            ("/charts/radar.svg", "evaluationId", HttpStatusCode.BadRequest),
            ("/charts/radar.svg?evaluationId=NO-5027/eval/1999-9", "evaluationId", HttpStatusCode.NotFound),
            ("/charts/areas.svg?kommuneId=garbage", "kommuneId", HttpStatusCode.BadRequest),
        })
        {
            using var response = await GetAsync(url, fixture.Analyst);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(status == response.StatusCode, $"{url}: {response.StatusCode} {body}");
            Assert.Contains($"\"field\":\"{field}\"", body);
        }
    }
}
