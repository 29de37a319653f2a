namespace Kompass.Domain.Strategies;

/// <summary>
/// DEMO DATA: Meråker kommune's development strategy as its follow-up note after the 2022 evaluation
/// describes it (seed 004): three focus areas (3 Styring og kontroll, 6 Kvalitetsutvikling,
/// 8 Lederskap og medarbeiderskap), sub-goals and actions taken from the note's bullet points, and its
/// årshjul (4 enhetsledermøter i året, 1 koordineringsmøte hvert halvår, korte møter med
/// enhetslederne 1 gang i måneden). The note gives no dates, owners, case number or targets: those
/// are illustrations, marked as demo data, not an official record. Built through the strategy's own
/// rules, so it passes every one of them.
/// </summary>
public static class MerakerDemoStrategy
{
    public const string KommuneId = "NO-5034";
    public const string Label = "[DEMO DATA] ";
    public const string By = "demo-seed";
    public static readonly DateOnly PeriodStart = new(2023, 9, 1);
    public static readonly DateOnly PeriodEnd = new(2026, 8, 31);
    public static readonly DateOnly AdoptedOn = new(2023, 6, 15);

    /// <summary>The adoption the demo records: the note names no case, so the case number says it is demo data.</summary>
    public static readonly Adoption Adoption = new("Kommunestyret", AdoptedOn, "DEMO-sak 00/23", "Utviklingsstrategien vedtas (demodata).");

    /// <summary>
    /// Builds the strategy on <paramref name="basis"/> (a published 2020 evaluation of Meråker, dated on
    /// or before <see cref="PeriodStart"/>); adopts it when <paramref name="adopt"/> (then
    /// <paramref name="now"/> must be on or after <see cref="AdoptedOn"/>, and the caller claims the
    /// kommune's ADOPTED place first, see <see cref="KommuneStrategies.ClaimAdoption"/>).
    /// </summary>
    public static Strategy Build(StrategyState state, string id, StrategyBasis basis, DateTimeOffset now, bool adopt = true)
    {
        var s = Strategy.Create(state, id, basis, Label + "Utviklingsstrategi 2023-2026 for Meråker kommune",
            "Demodata, ikke et offisielt dokument. Bygger på innspillene fra ledergruppa og enhetsledergruppa etter Kommunekompasset 2022: " +
            "tre fokusområder med delmål, fulgt opp i virksomhetsplanene til sektorer og enheter.",
            PeriodStart, PeriodEnd, By, now);

        // Område 3 - Styring og kontroll
        s.ChooseFocusArea("3", null);
        var samspill = s.AddGoal("3", "Bedre samspill mellom politikk og administrasjon",
            "Bedre samarbeidsklima og økt tillit til hverandre, forventningsavklaringer og arbeidspress.", null);
        var delegasjon = s.AddSubGoal(samspill.Id, "Revidert delegasjonsreglement (jf. ny politisk struktur)", null, null);
        Action(s, delegasjon, "Revidere delegasjonsreglementet", "Kommunedirektør", "Stab", new(2023, 9, 1), new(2024, 6, 30), now);
        var roller = s.AddSubGoal(samspill.Id, "Tydelige rolleavklaringer og oppfølging av folkevalgtopplæringen", null, null);
        Action(s, roller, "Temamøter for folkevalgte og administrasjon", "Ordfører og kommunedirektør", null, new(2023, 10, 1), new(2025, 12, 31), now);
        Action(s, roller, "Oppfølging av folkevalgtopplæringen", "Kommunedirektør", "Stab", new(2023, 9, 1), new(2024, 12, 31), now);
        var styring = s.AddGoal("3", "Helhetlig plan- og styringssystem", "Mer tydelige, forpliktende og langsiktige planer.", null);
        var planer = s.AddSubGoal(styring.Id, "Mer tydelige, forpliktende og langsiktige planer", null, null);
        Action(s, planer, "Etablere et helhetlig plan- og styringssystem", "Kommunedirektør", "Stab", new(2024, 1, 1), new(2025, 6, 30), now);
        s.AddIndicator(planer.Id, new IndicatorInput(IndicatorKind.AreaScore), null);

        // Område 6 - Kvalitetsutvikling
        s.ChooseFocusArea("6", null);
        var kvalitet = s.AddGoal("6", "Helhetlig kvalitetsstyring",
            "Strukturere og implementere systemet vi allerede har: et grunnlag for kvaliteten vi skal levere.", null);
        var compilo = s.AddSubGoal(kvalitet.Id, "Compilo brukes og følges opp i hele organisasjonen",
            "Kvalitetssystem, avvikssystem og årshjul: gode maler og god forståelse i alle ledd.", null);
        Action(s, compilo, "Gode maler og felles forståelse av Compilo i alle ledd", "Kvalitetsteamet", null, new(2023, 9, 1), new(2024, 8, 31), now);
        Action(s, compilo, "Jevnlig rapportering fra kvalitetsteamet til lederteamet", "Kvalitetsteamet", null, new(2023, 9, 1), new(2026, 8, 31), now);
        Action(s, compilo, "Tilbakemeldinger fra HMS-team og kvalitetsteam refereres i tertialrapportene", "Kommunedirektør", null,
            new(2023, 9, 1), new(2024, 4, 30), now);
        var skjema = s.AddSubGoal(kvalitet.Id, "Interne digitale skjema er i drift", null, null);
        Action(s, skjema, "Sette av tid til å få interne digitale skjema opp å gå", "Enhetsledere", null, new(2023, 9, 1), new(2024, 3, 31), now);
        var likt = s.AddSubGoal(kvalitet.Id, "Vi gjør ting likt i organisasjonen, ikke avhengig av sektor", null, null);
        Action(s, likt, "Bruk av sjekklister: beskrive og ansvarliggjøre", "Sektorledere", null, new(2024, 1, 1), new(2024, 12, 31), now);
        Action(s, likt, "Revidere ROS-kartleggingen og behovet for forebyggende tiltak", "HMS-teamet", null, new(2024, 1, 1), new(2025, 3, 31), now);
        s.AddIndicator(compilo.Id, new IndicatorInput(IndicatorKind.AreaScore), null);

        // Område 8 - Lederskap og medarbeiderskap
        s.ChooseFocusArea("8", null);
        var kultur = s.AddGoal("8", "Felles kultur, praksis og kompetanseoverføring blant lederne",
            "Forventningsavklaringer, spille på samme lag, alle er like viktige, relasjonsbygging.", null);
        var lederavtaler = s.AddSubGoal(kultur.Id, "Lederavtalene følges opp", null, null);
        Action(s, lederavtaler, "Oppfølging av lederavtaler", "Kommunedirektør", null, new(2023, 9, 1), new(2024, 6, 30), now);
        s.AddIndicator(lederavtaler.Id, new IndicatorInput(IndicatorKind.Measure, "Enhetsledere med fulgt opp lederavtale (illustrasjon)", "%",
            0m, 100m, new DateOnly(2024, 12, 31)), null);
        var verdier = s.AddSubGoal(kultur.Id, "Verdiene (ÆRER) er implementert i organisasjonen", null, null);
        Action(s, verdier, "Implementere verdiene ÆRER i alle enheter", "Enhetsledere", null, new(2023, 9, 1), new(2025, 8, 31), now);
        var tydelig = s.AddSubGoal(kultur.Id, "Ledelsen er tydelig på mål og struktur i utviklingsarbeidet", null, null);
        Action(s, tydelig, "Konkretisere kommunedirektørens internkontroll i årlige handlingsplaner", "Kommunedirektør", null,
            new(2023, 9, 1), new(2023, 12, 31), now);
        s.AddIndicator(tydelig.Id, new IndicatorInput(IndicatorKind.AreaScore), null);

        // Årshjulet
        s.AddRecurringActivity(new ActivityInput("Enhetsledermøte", "Kommunedirektør", new Recurrence(RecurrenceKind.Quarterly),
            new DateOnly(2023, 9, 14)), null);
        s.AddRecurringActivity(new ActivityInput("Koordineringsmøte: utvalgsledere, sektorledere, ordfører og kommunedirektør",
            "Kommunedirektør", new Recurrence(RecurrenceKind.HalfYearly), new DateOnly(2023, 10, 5)), null);
        s.AddRecurringActivity(new ActivityInput("Korte møter med enhetslederne: felles kultur, praksis og lik informasjon",
            "Kommunedirektør", new Recurrence(RecurrenceKind.Cron, "0 9 * * MON#1")), null);

        if (adopt)
            s.Adopt(Adoption, now, null);
        return s;
    }

    private static void Action(Strategy s, SubGoalState subGoal, string title, string owner, string? unit, DateOnly start, DateOnly due,
        DateTimeOffset now) =>
        s.AddAction(subGoal.Id, new ActionInput(title, null, owner, unit, start, due), By, now, null);
}
