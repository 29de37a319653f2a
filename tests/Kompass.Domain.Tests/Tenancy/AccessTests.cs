using Kompass.Domain.Tenancy;

namespace Kompass.Domain.Tests.Tenancy;

public sealed class AccessTests
{
    private const string Draft = "NO-5027/eval/2026-1";
    private static readonly Principal Admin = new("admin", Role.PlatformAdmin);
    private static readonly Principal Eva = new("eva", Role.Evaluator);
    private static readonly Principal Leader = new("leader", Role.KommuneLeader, "NO-5027");
    private static readonly Principal Member = new("member", Role.KommuneMember, "NO-5027");
    private static readonly Principal OtherLeader = new("other", Role.KommuneLeader, "NO-5034");
    private static readonly Principal Analyst = new("analyst", Role.Analyst);

    [Fact]
    public void Token_role_names_parse_and_system_has_none()
    {
        Assert.True(Roles.TryParse("kommune-leader", out var role));
        Assert.Equal(Role.KommuneLeader, role);
        Assert.False(Roles.TryParse("system", out _));
        Assert.False(Roles.TryParse("Platform-Admin", out _));
        Assert.DoesNotContain("system", Roles.TokenNames);
        Assert.Equal("platform-admin", Roles.NameOf(Role.PlatformAdmin));
    }

    [Fact]
    public void A_draft_is_read_by_its_kommune_its_evaluators_and_the_platform_only()
    {
        Assert.True(Access.MayReadEvaluation(Leader, Draft, published: false, []));
        Assert.True(Access.MayReadEvaluation(Member, Draft, published: false, []));
        Assert.True(Access.MayReadEvaluation(Admin, Draft, published: false, []));
        Assert.True(Access.MayReadEvaluation(Eva, Draft, published: false, ["eva"]));
        Assert.False(Access.MayReadEvaluation(Eva, Draft, published: false, ["someone-else"]));
        Assert.False(Access.MayReadEvaluation(OtherLeader, Draft, published: false, []));
        Assert.False(Access.MayReadEvaluation(Analyst, Draft, published: false, []));
        Assert.True(Access.MayReadEvaluation(Analyst, Draft, published: true, []));
        Assert.True(Access.MayReadEvaluation(OtherLeader, Draft, published: true, []));
    }

    [Fact]
    public void Evaluators_work_on_what_they_are_assigned_by_data_or_by_their_token()
    {
        Assert.True(Access.MayWorkOn(Eva, Draft, ["eva"]));
        Assert.True(Access.MayWorkOn(Eva with { Evaluations = [Draft] }, Draft, []));
        Assert.False(Access.MayWorkOn(Eva, Draft, []));
        Assert.False(Access.MayWorkOn(Leader, Draft, ["leader"]));
        Assert.True(Access.MayWorkOn(Admin, Draft, []));
        Assert.True(Access.MayOpenEvaluation(Eva));
        Assert.False(Access.MayOpenEvaluation(Leader));
        Assert.False(Access.MayImportResults(Eva));
        Assert.False(Access.MayRegisterKommune(Analyst));
        Assert.True(Access.MayOffboard(Principal.System));
    }

    [Fact]
    public void Strategy_work_is_the_kommunes_own_unless_shared_and_members_update_their_own_actions()
    {
        Assert.True(Access.MayReadStrategy(Member, "NO-5027", shared: false));
        Assert.False(Access.MayReadStrategy(Analyst, "NO-5027", shared: false));
        Assert.False(Access.MayReadStrategy(Admin, "NO-5027", shared: false));
        Assert.True(Access.MayReadStrategy(Analyst, "NO-5027", shared: true));
        Assert.True(Access.MayChangeStrategy(Leader, "NO-5027"));
        Assert.False(Access.MayChangeStrategy(Member, "NO-5027"));
        Assert.False(Access.MayChangeStrategy(OtherLeader, "NO-5027"));
        Assert.True(Access.MayUpdateAction(Member, "NO-5027", "member"));
        Assert.False(Access.MayUpdateAction(Member, "NO-5027", "someone-else"));
        Assert.False(Access.MayUpdateAction(new Principal("member", Role.KommuneMember, "NO-5034"), "NO-5027", "member"));
    }

    [Fact]
    public void Audit_logs_are_read_by_the_kommunes_leaders_and_the_platform_and_the_platforms_by_the_platform()
    {
        Assert.True(Access.MayReadAudit(Leader, "NO-5027"));
        Assert.False(Access.MayReadAudit(Member, "NO-5027"));
        Assert.False(Access.MayReadAudit(OtherLeader, "NO-5027"));
        Assert.True(Access.MayReadAudit(Admin, "platform"));
        Assert.False(Access.MayReadAudit(Leader, "platform"));
        Assert.True(Access.MayExport(Leader, "NO-5027"));
        Assert.False(Access.MayExport(Analyst, "NO-5027"));
    }

    [Fact]
    public void A_refusal_is_forbidden_and_names_who_and_what()
    {
        var e = Assert.Throws<DomainException>(() => Access.Demand(false, Member, "publish evaluations"));
        Assert.Equal(ErrorKind.Forbidden, e.Code);
        Assert.Equal("member (kommune-member of NO-5027) may not publish evaluations.", e.Message);
    }
}
