import Fluent
import Foundation
import Plot
import Vapor
import XCTest
import WhatMattersCore
@testable import WhatMattersStore
@testable import WhatMattersWeb

/// The quality audit (issue 4, item 4), in process on a real database: who sees which plans,
/// the filters, paging, the trend by month, moderation and agreement, the CSV export, and
/// snapshots of the pages.
final class QualityAuditTests: WebTestCase {
    var qualityLead: Staff!
    var manager: Staff!
    var senior: Staff!
    var sealer: Staff!
    /// People with plans, by a short name: anwen, bryn, cerys, dai (sealed), evil, ffion (old).
    var people: [String: Person] = [:]

    static let injected = #"=HYPERLINK("https://evil.example","x"), Jones"#

    static func all(_ v: ReviewVerdict) -> PlanVerdicts {
        PlanVerdicts(whatMattersAndStrengths: v, outcomesConsistency: v, balancedAnalysis: v, interventionsMeetOutcomes: v, scoringComplete: v)
    }

    /// The same day `months` calendar months before now (UK time).
    static func monthsAgo(_ months: Int) -> Date {
        Calendar.ukForTests.date(byAdding: .month, value: -months, to: Date())!
    }

    override func setUp() async throws {
        try await super.setUp()
        qualityLead = try await Accounts.addUser(app, email: "quality@example.org", name: "Gwyneth Quality", role: .qualityLead,
                                                 teamNames: [adults.name], password: Self.password).0
        manager = try await Accounts.addUser(app, email: "manager@example.org", name: "Huw Manager", role: .teamManager,
                                             teamNames: [adults.name], password: Self.password).0
        senior = try await Accounts.addUser(app, email: "senior@example.org", name: "Iolo Senior", role: .seniorLeader,
                                            teamNames: [adults.name], password: Self.password).0
        sealer = try await Accounts.addUser(app, email: "sealer@example.org", name: "Jac Sealer", role: .teamManager,
                                            teamNames: [adults.name], password: Self.password).0
        let bryn = PlanVerdicts(whatMattersAndStrengths: .met, outcomesConsistency: .partly, balancedAnalysis: .notMet,
                                interventionsMeetOutcomes: .met, scoringComplete: .notMet)
        let fixtures: [(String, String, Team, Service, UUID?, PlanVerdicts, Date)] = [
            ("anwen", "Anwen Adults", adults, .adults, practitioner.id, Self.all(.met), Date()),
            ("bryn", "Bryn Adults", adults, .adults, nil, bryn, Self.monthsAgo(2)),
            ("cerys", "Cerys Children", children, .children, otherPractitioner.id, Self.all(.notMet), Self.monthsAgo(1)),
            ("dai", "Dai Sealed", adults, .adults, practitioner.id, Self.all(.met), Date()),
            ("evil", Self.injected, adults, .adults, practitioner.id, Self.all(.partly), Date()),
            ("ffion", "Ffion Old", adults, .adults, nil, Self.all(.partly), Self.monthsAgo(14)),
        ]
        for (key, name, team, service, worker, verdicts, at) in fixtures {
            let p = try await app.store.createPerson(PersonDetails(name: name, service: service, teamID: team.id, allocatedWorkerID: worker,
                                                                   preferredLanguage: .en), by: .system("test"))
            let plan = CarePlan.new(documentID: p.id.uuidString.lowercased(), service: service, language: .en)
            _ = try await app.store.savePlan(personID: p.id, plan, expectedVersion: 0, verdicts: verdicts, at: at, by: .system("test"))
            people[key] = p
        }
        try await app.store.setRestriction(personID: people["dai"]!.id, restricted: true, named: [sealer.id], by: .system("test"))
    }

    func signedIn(_ staff: Staff) async throws -> Browser {
        let b = Browser(app)
        let r = try await b.signIn(staff.email)
        XCTAssertEqual(r.status, .seeOther, "sign-in of \(staff.email)")
        return b
    }

    /// The list of plans on the audit page (its first table), without the examples of good practice.
    func listed(_ body: String) -> String {
        guard let start = body.range(of: "<table"), let end = body.range(of: "</table>", range: start.upperBound..<body.endIndex) else { return "" }
        return String(body[start.lowerBound..<end.upperBound])
    }

    func names(_ page: WhatMattersCore.Page<QualityPlanRow>) -> Set<String> { Set(page.items.map(\.personName)) }

    func list(_ staff: Staff, _ filter: QualityFilter = QualityFilter()) async throws -> WhatMattersCore.Page<QualityPlanRow> {
        try await app.store.qualityPlans(visibleTo: Viewer(staff), filter: filter, page: 1, per: 50)
    }

    // MARK: Who sees what

    func testAQualityLeadSeesEveryPlanOfTheAuthorityButNoSealedRecord() async throws {
        let v1 = try await names(list(qualityLead))
        XCTAssertEqual(v1, ["Anwen Adults", "Bryn Adults", "Cerys Children", Self.injected, "Ffion Old"])
        let b = try await signedIn(qualityLead)
        let r = try await b.get("/quality")
        XCTAssertEqual(r.status, .ok)
        let table = listed(r.body)
        for name in ["Anwen Adults", "Bryn Adults", "Cerys Children", "Ffion Old", "=HYPERLINK(\"https://evil.example\""] {
            XCTAssertTrue(table.contains(name), "\(name) listed")
        }
        XCTAssertTrue(table.contains("Cerys Children"))
        XCTAssertFalse(r.body.contains("Dai Sealed"), "a sealed record the quality lead is not named on is left out")
        XCTAssertTrue(r.body.contains("5 plans"))
        XCTAssertTrue(r.body.contains(#"href="/quality" aria-current="page""#), "the menu offers the audit")
        XCTAssertTrue(r.body.contains("/quality/export.csv"), "quality leads may export")
        // Every list is a read of many records: it is in the audit trail.
        let events = try await AuditEventModel.query(on: app.db).filter(\.$action == "quality.list").all()
        XCTAssertEqual(events.map(\.actorID), [qualityLead.id])

        // Named on the sealed record, a member of staff sees it too.
        try await app.store.setRestriction(personID: people["dai"]!.id, restricted: true, named: [sealer.id, qualityLead.id], by: .system("test"))
        let v2 = try await names(list(qualityLead)).contains("Dai Sealed")
        XCTAssertTrue(v2)
    }

    func testASeniorLeaderSeesTheAuthorityButMayNotExport() async throws {
        let v3 = try await list(senior).total
        XCTAssertEqual(v3, 5)
        let b = try await signedIn(senior)
        let r = try await b.get("/quality")
        XCTAssertEqual(r.status, .ok)
        XCTAssertTrue(listed(r.body).contains("Cerys Children"))
        XCTAssertFalse(r.body.contains("/quality/export.csv"))
        let v4 = try await b.get("/quality/export.csv").status
        XCTAssertEqual(v4, .forbidden)
        let v5 = try await AuditEventModel.query(on: app.db).filter(\.$action == "quality.export").count()
        XCTAssertEqual(v5, 0)
        // Senior leaders see the review and its moderation, but do not moderate.
        let page = try await b.get("/quality/plans/\(people["bryn"]!.id)")
        XCTAssertEqual(page.status, .ok)
        XCTAssertFalse(page.body.contains("<form method=\"post\" action=\"/quality/plans/"))
    }

    func testATeamManagerSeesOnlyTheirTeamsPlans() async throws {
        let v6 = try await names(list(manager))
        XCTAssertEqual(v6, ["Anwen Adults", "Bryn Adults", Self.injected, "Ffion Old"])
        let b = try await signedIn(manager)
        let r = try await b.get("/quality")
        XCTAssertEqual(r.status, .ok)
        XCTAssertTrue(r.body.contains("4 plans"))
        XCTAssertFalse(r.body.contains("Cerys Children"))
        XCTAssertFalse(r.body.contains("Dai Sealed"))
        XCTAssertFalse(r.body.contains(children.name), "another team is not offered as a filter")
        // Asking for another team's plans gives nothing of theirs: the filter is not applied.
        let other = try await b.get("/quality?team=\(children.id.uuidString)")
        XCTAssertEqual(other.status, .ok)
        XCTAssertFalse(other.body.contains("Cerys Children"))
        XCTAssertTrue(other.body.contains("4 plans"))
        // Another team's plan review is not theirs to see.
        let v7 = try await b.get("/quality/plans/\(people["cerys"]!.id)").status
        XCTAssertNotEqual(v7, .ok)
        let v8 = try await b.get("/quality/plans/\(people["anwen"]!.id)").status
        XCTAssertEqual(v8, .ok)
        let v9 = try await b.get("/quality/plans/\(people["dai"]!.id)").status
        XCTAssertNotEqual(v9, .ok, "a sealed record stays sealed")
        // The export holds their teams only.
        let csv = try await b.get("/quality/export.csv")
        XCTAssertEqual(csv.status, .ok)
        XCTAssertTrue(csv.body.contains("Anwen Adults"))
        XCTAssertFalse(csv.body.contains("Cerys Children"))
        XCTAssertFalse(csv.body.contains("Dai Sealed"))
    }

    func testEveryoneElseIsRefused() async throws {
        let anonymous = Browser(app)
        let r = try await anonymous.get("/quality")
        XCTAssertEqual(r.status, .seeOther)
        XCTAssertTrue(r.location?.hasPrefix("/sign-in") == true)
        let v10 = try await anonymous.get("/quality/export.csv").status
        XCTAssertNotEqual(v10, .ok)

        // Administrators need a second factor to sign in at all; the role check refuses them like these.
        for role in [Role.practitioner, .mentor, .panelMember, .evaluator] {
            var staff: Staff = practitioner
            if role != .practitioner {
                staff = try await Accounts.addUser(app, email: "\(role.rawValue)@example.org", name: "Staff \(role.rawValue)", role: role,
                                                   teamNames: [adults.name], password: Self.password).0
            }
            let b = try await signedIn(staff)
            let page = try await b.get("/quality")
            XCTAssertEqual(page.status, .forbidden, "\(role) is refused the audit")
            XCTAssertFalse(page.body.contains("Anwen Adults"))
            let v11 = try await b.get("/quality/export.csv").status
            XCTAssertEqual(v11, .forbidden, "\(role) is refused the export")
            let v12 = try await b.get("/quality/plans/\(people["anwen"]!.id)").status
            XCTAssertEqual(v12, .forbidden, "\(role) is refused a plan's review")
            let home = try await b.get("/caseload")
            XCTAssertFalse(home.body.contains(#"href="/quality""#), "\(role) is not offered the audit")
        }
        let v13 = try await AuditEventModel.query(on: app.db).filter(\.$action == "quality.export").count()
        XCTAssertEqual(v13, 0)
    }

    // MARK: Filters and paging

    func testTheFiltersNarrowTheListAndTravelInTheQueryString() async throws {
        let ql = qualityLead!
        let v14 = try await names(list(ql, QualityFilter(criterion: .balancedAnalysis, verdict: .notMet)))
        XCTAssertEqual(v14, ["Bryn Adults", "Cerys Children"])
        let v15 = try await names(list(ql, QualityFilter(verdict: .met)))
        XCTAssertEqual(v15, ["Anwen Adults", "Bryn Adults"])
        let v16 = try await names(list(ql, QualityFilter(verdict: .partly)))
        XCTAssertEqual(v16, ["Bryn Adults", Self.injected, "Ffion Old"])
        let v17 = try await names(list(ql, QualityFilter(criterion: .outcomesConsistency, verdict: .partly)))
        XCTAssertEqual(v17, ["Bryn Adults", Self.injected, "Ffion Old"])
        let v18 = try await names(list(ql, QualityFilter(criterion: .scoringComplete))).count
        XCTAssertEqual(v18, 5)
        let v19 = try await names(list(ql, QualityFilter(teamID: children.id)))
        XCTAssertEqual(v19, ["Cerys Children"])
        let v20 = try await names(list(ql, QualityFilter(service: .children)))
        XCTAssertEqual(v20, ["Cerys Children"])
        let v21 = try await names(list(ql, QualityFilter(workerID: practitioner.id)))
        XCTAssertEqual(v21, ["Anwen Adults", Self.injected])
        let v22 = try await names(list(ql, QualityFilter(verdict: .met, teamID: adults.id, workerID: practitioner.id)))
        XCTAssertEqual(v22, ["Anwen Adults"])

        let b = try await signedIn(ql)
        let r = try await b.get("/quality?criterion=balanced-analysis&verdict=not-met")
        XCTAssertEqual(r.status, .ok)
        let table = listed(r.body)
        XCTAssertTrue(table.contains("Bryn Adults"))
        XCTAssertTrue(table.contains("Cerys Children"))
        XCTAssertFalse(table.contains("Anwen Adults"))
        XCTAssertTrue(r.body.contains("2 plans"))
        XCTAssertTrue(r.body.contains(#"<option value="balanced-analysis" selected>"#), "the form shows the filter applied")
        XCTAssertTrue(r.body.contains("/quality/export.csv?criterion=balanced-analysis&amp;verdict=not-met"), "the export keeps the filter")
        XCTAssertTrue(r.body.contains("Clear filters"))

        let byWorker = try await b.get("/quality?worker=\(practitioner.id.uuidString)&service=adults")
        XCTAssertEqual(Set(["Anwen Adults", "Bryn Adults", "Ffion Old"].filter { listed(byWorker.body).contains($0) }), ["Anwen Adults"])

        // What is not one of the choices is not applied, and the page says nothing odd.
        let odd = try await b.get("/quality?verdict=excellent&team=not-a-team&criterion=%27%3Cscript%3E")
        XCTAssertEqual(odd.status, .ok)
        XCTAssertTrue(odd.body.contains("5 plans"))
        XCTAssertFalse(odd.body.contains("<script>"))
    }

    func testPagingIsStableAndKeepsTheFilter() async throws {
        let first = try await app.store.qualityPlans(visibleTo: Viewer(qualityLead), filter: QualityFilter(), page: 1, per: 2)
        let second = try await app.store.qualityPlans(visibleTo: Viewer(qualityLead), filter: QualityFilter(), page: 2, per: 2)
        let third = try await app.store.qualityPlans(visibleTo: Viewer(qualityLead), filter: QualityFilter(), page: 3, per: 2)
        XCTAssertEqual(first.total, 5)
        XCTAssertEqual(first.pageCount, 3)
        XCTAssertEqual([first.items.count, second.items.count, third.items.count], [2, 2, 1])
        XCTAssertEqual(Set((first.items + second.items + third.items).map(\.personID)).count, 5, "no plan twice, none missed")
        // Most recently saved first; the oldest last.
        XCTAssertEqual(third.items.first?.personName, "Ffion Old")
        XCTAssertEqual(QualityAuditModel.query(QualityFilter(verdict: .notMet, service: .carers), page: 3), "?verdict=not-met&service=carers&page=3")
        XCTAssertEqual(QualityAuditModel.query(QualityFilter(), page: 1), "")
    }

    // MARK: Trend and good practice

    func testTheTrendIsTheShareMeetingEachCriterionByMonthOfLastSave() async throws {
        let trend = try await app.store.qualityTrend(visibleTo: Viewer(qualityLead), filter: QualityFilter())
        XCTAssertEqual(trend.count, 12)
        let now = Calendar.ukForTests.dateComponents([.year, .month], from: Date())
        XCTAssertEqual([trend.last!.year, trend.last!.month], [now.year!, now.month!], "the last month is this one")
        // This month: Anwen (all met) and the injected name (all partly); Dai is sealed.
        XCTAssertEqual(trend[11].plans, 2)
        XCTAssertEqual(trend[11].share(.whatMattersAndStrengths), 0.5)
        // Last month: Cerys, all not met.
        XCTAssertEqual(trend[10].plans, 1)
        XCTAssertEqual(trend[10].share(.scoringComplete), 0)
        // Two months ago: Bryn.
        XCTAssertEqual(trend[9].plans, 1)
        XCTAssertEqual(trend[9].share(.whatMattersAndStrengths), 1)
        XCTAssertEqual(trend[9].share(.outcomesConsistency), 0)
        XCTAssertEqual(trend[9].share(.interventionsMeetOutcomes), 1)
        // Earlier months have no plans (Ffion's last save is over a year ago).
        XCTAssertEqual(trend.prefix(9).map(\.plans), Array(repeating: 0, count: 9))
        XCTAssertNil(trend[0].share(.balancedAnalysis))
        XCTAssertEqual(trend.map(\.plans).reduce(0, +), 4)

        // A manager's trend counts their teams only; a verdict filter does not distort it.
        let managers = try await app.store.qualityTrend(visibleTo: Viewer(manager), filter: QualityFilter(criterion: .whatMattersAndStrengths, verdict: .met))
        XCTAssertEqual(managers[10].plans, 0, "Cerys is in another team")
        XCTAssertEqual(managers[11].share(.whatMattersAndStrengths), 0.5)

        let b = try await signedIn(qualityLead)
        let r = try await b.get("/quality")
        XCTAssertTrue(r.body.contains("Trend by month"))
        XCTAssertTrue(r.body.contains("50%"))
        XCTAssertTrue(r.body.contains("100%"))
        XCTAssertTrue(r.body.contains("none reviewed"))
    }

    func testPlansMeetingAllFiveCriteriaAreOfferedAsGoodPractice() async throws {
        // A worked example the review finds meets every criterion, saved as the app saves plans.
        let data = try Data(contentsOf: PlanAPITests.examples.appendingPathComponent("e01.json"))
        let plan = CarePlan(document: try PlanDocument.decode(data).get())
        let gwen = try await person("Gwen Example", team: adults, language: .en)
        _ = try await app.store.savePlan(personID: gwen.id, plan, expectedVersion: 0, verdicts: PlanControllers.verdicts(plan), by: .system("test"))
        let stored = try await app.store.plan(personID: gwen.id)
        XCTAssertEqual(stored?.verdicts, Self.all(.met), "the review's verdicts are stored with the plan")

        let good = try await app.store.goodPracticePlans(visibleTo: Viewer(qualityLead), filter: QualityFilter(verdict: .notMet))
        XCTAssertEqual(Set(good.map(\.personName)), ["Anwen Adults", "Gwen Example"], "all met, sealed left out; the verdict filter does not apply")
        let v23 = try await app.store.goodPracticePlans(visibleTo: Viewer(qualityLead), filter: QualityFilter(service: .children)).isEmpty
        XCTAssertTrue(v23)

        let b = try await signedIn(qualityLead)
        let r = try await b.get("/quality")
        let section = r.body.components(separatedBy: "quality-good-practice").dropFirst().joined()
        XCTAssertTrue(section.contains(#"href="/people/\#(gwen.id.uuidString)/plan""#), "each example links to the plan")
        XCTAssertTrue(section.contains("Anwen Adults"))
        XCTAssertFalse(section.contains("Bryn Adults"))
    }

    // MARK: Moderation

    func moderate(_ b: Browser, _ person: Person, _ fields: [(String, String)]) async throws -> Browser.Result {
        let form = try await b.get("/quality/plans/\(person.id)")
        XCTAssertEqual(form.status, .ok)
        return try await b.post("/quality/plans/\(person.id)", fields + [("_once", b.onceToken ?? "")])
    }

    func testAQualityLeadsModerationIsKeptAndAgreementIsComputed() async throws {
        let bryn = people["bryn"]!, cerys = people["cerys"]!
        let b = try await signedIn(qualityLead)
        let page = try await b.get("/quality/plans/\(bryn.id)")
        XCTAssertTrue(page.body.contains("Your verdict on Analysis with both voices"))
        XCTAssertTrue(page.body.contains("Nobody has moderated this plan yet."))

        // Agrees on what matters (met), disagrees on the analysis (the review: not met).
        var r = try await moderate(b, bryn, [("version", "1"), ("verdict-what-matters-and-strengths", "met"),
                                             ("verdict-balanced-analysis", "partly"),
                                             ("comment-balanced-analysis", "Siân's view is weighed in the second paragraph.")])
        XCTAssertEqual(r.status, .seeOther)
        XCTAssertEqual(r.location, "/quality/plans/\(bryn.id)?saved=1")
        r = try await b.get(r.location!)
        XCTAssertTrue(r.body.contains("Your moderation has been recorded."))
        XCTAssertTrue(r.body.contains("Siân&#39;s view is weighed") || r.body.contains("Siân's view is weighed"))
        var agreement = try await app.store.moderationAgreement(visibleTo: Viewer(qualityLead), filter: QualityFilter())
        XCTAssertEqual(agreement.moderatedPlans, 1)
        XCTAssertEqual(agreement.byCriterion[.whatMattersAndStrengths], AgreementTally(agreed: 1, total: 1))
        XCTAssertEqual(agreement.byCriterion[.balancedAnalysis], AgreementTally(agreed: 0, total: 1))
        XCTAssertEqual(agreement.overall, AgreementTally(agreed: 1, total: 2))

        // A second look: the new judgement is added, the first kept, the latest counts.
        r = try await moderate(b, bryn, [("version", "1"), ("verdict-balanced-analysis", "not-met"), ("comment-balanced-analysis", "")])
        XCTAssertEqual(r.status, .seeOther)
        // Cerys: the quality lead finds the scoring partly complete; the review said not met.
        r = try await moderate(b, cerys, [("version", "1"), ("verdict-scoring-complete", "partly")])
        XCTAssertEqual(r.status, .seeOther)
        let history = try await app.store.moderations(personID: bryn.id)
        XCTAssertEqual(history.count, 3, "nothing is overwritten")
        XCTAssertEqual(history.first?.verdict, .notMet)
        XCTAssertEqual(history.first?.engineVerdict, .notMet)
        XCTAssertEqual(history.first?.moderatorName, "Gwyneth Quality")
        agreement = try await app.store.moderationAgreement(visibleTo: Viewer(qualityLead), filter: QualityFilter())
        XCTAssertEqual(agreement.moderatedPlans, 2)
        XCTAssertEqual(agreement.byCriterion[.balancedAnalysis], AgreementTally(agreed: 1, total: 1))
        XCTAssertEqual(agreement.byCriterion[.scoringComplete], AgreementTally(agreed: 0, total: 1))
        XCTAssertEqual(agreement.overall, AgreementTally(agreed: 2, total: 3))
        // A manager sees agreement over their teams' plans only.
        let managers = try await app.store.moderationAgreement(visibleTo: Viewer(manager), filter: QualityFilter())
        XCTAssertEqual(managers.overall, AgreementTally(agreed: 2, total: 2))

        let audit = try await b.get("/quality")
        XCTAssertTrue(audit.body.contains("67%"), "overall agreement, 2 of 3")
        XCTAssertTrue(audit.body.contains("How often the review and quality leads agree"))
        XCTAssertTrue(listed(audit.body).contains("3 judgements"))
        let events = try await AuditEventModel.query(on: app.db).filter(\.$action == "plan.moderate").all()
        XCTAssertEqual(events.count, 3)
        XCTAssertEqual(events.first?.personID, bryn.id)

        // In Welsh.
        _ = try await b.get("/language/cy?back=/quality")
        let welsh = try await b.get("/quality/plans/\(bryn.id)")
        XCTAssertTrue(welsh.body.contains("Hanes cymedroli"))
        XCTAssertTrue(welsh.body.contains("Eich dyfarniad: Dadansoddiad gyda'r ddau lais"))
        let cyAudit = try await b.get("/quality")
        XCTAssertTrue(cyAudit.body.contains("Pa mor aml mae&#39;r adolygiad") || cyAudit.body.contains("Pa mor aml mae'r adolygiad"))
    }

    func testModerationProblemsAreNamedAndNothingIsRecorded() async throws {
        let bryn = people["bryn"]!
        let b = try await signedIn(qualityLead)
        var r = try await moderate(b, bryn, [("version", "1")])
        XCTAssertEqual(r.status, .unprocessableEntity)
        XCTAssertTrue(r.body.contains("Choose your verdict on at least one criterion"))
        r = try await moderate(b, bryn, [("version", "1"), ("comment-scoring-complete", "No baseline for o2")])
        XCTAssertEqual(r.status, .unprocessableEntity)
        XCTAssertTrue(r.body.contains("Choose your verdict on Scoring complete to record your comment on it"))
        XCTAssertTrue(r.body.contains("No baseline for o2"), "what was typed is kept")
        r = try await moderate(b, bryn, [("version", "1"), ("verdict-scoring-complete", "brilliant")])
        XCTAssertEqual(r.status, .unprocessableEntity)
        r = try await moderate(b, bryn, [("version", "1"), ("verdict-scoring-complete", "met"), ("comment-scoring-complete", "a\u{0}b")])
        XCTAssertEqual(r.status, .unprocessableEntity)
        r = try await moderate(b, bryn, [("version", "1"), ("verdict-scoring-complete", "met"),
                                         ("comment-scoring-complete", String(repeating: "x", count: 2_001))])
        XCTAssertEqual(r.status, .unprocessableEntity)
        XCTAssertTrue(r.body.contains("2000 characters or fewer"))

        // Saved again since the form was opened: the judgement would be about another version.
        let form = try await b.get("/quality/plans/\(bryn.id)")
        XCTAssertEqual(form.status, .ok)
        let once = b.onceToken ?? ""
        let current = try await app.store.plan(personID: bryn.id)!
        _ = try await app.store.savePlan(personID: bryn.id, current.plan, expectedVersion: 1, verdicts: current.verdicts, by: .system("test"))
        r = try await b.post("/quality/plans/\(bryn.id)", [("version", "1"), ("verdict-scoring-complete", "met"), ("_once", once)])
        XCTAssertEqual(r.status, .conflict)
        XCTAssertTrue(r.body.contains("it is now version 2"))
        XCTAssertTrue(r.body.contains(#"name="version" value="2""#), "the form now carries the new version")
        let v24 = try await app.store.moderations(personID: bryn.id).count
        XCTAssertEqual(v24, 0)

        // Managers see the review but do not moderate.
        let m = try await signedIn(manager)
        let page = try await m.get("/quality/plans/\(bryn.id)")
        XCTAssertEqual(page.status, .ok)
        XCTAssertFalse(page.body.contains("Your verdict on"))
        let refused = try await m.post("/quality/plans/\(bryn.id)", [("version", "2"), ("verdict-scoring-complete", "met")])
        XCTAssertEqual(refused.status, .forbidden)
        let v25 = try await app.store.moderations(personID: bryn.id).count
        XCTAssertEqual(v25, 0)
    }

    // MARK: CSV

    func testTheCSVExportHoldsTheFilteredListEscapedWithFormulasNeutralisedAndIsAudited() async throws {
        let b = try await signedIn(qualityLead)
        let r = try await b.get("/quality/export.csv?service=adults")
        XCTAssertEqual(r.status, .ok)
        XCTAssertEqual(r.headers.first(name: .contentType), "text/csv; charset=utf-8")
        XCTAssertTrue(r.headers.first(name: .contentDisposition)?.hasPrefix("attachment; filename=\"quality-audit-") == true)
        XCTAssertTrue(r.body.hasPrefix("\u{FEFF}"), "a byte-order mark, so that spreadsheets read Welsh letters rightly")
        let lines = r.body.dropFirst().components(separatedBy: "\r\n")
        XCTAssertEqual(lines.last, "", "every line ends in CRLF")
        XCTAssertEqual(lines[0], "Person,Record ID,Team,Service,Allocated worker,Plan version,Last saved,What matters and strengths,"
                       + "Personal and national outcomes,Analysis with both voices,Actions serve outcomes,Scoring complete")
        XCTAssertEqual(lines.count - 2, 4, "Anwen, Bryn, the injected name and Ffion: adults only, nothing sealed")
        XCTAssertFalse(r.body.contains("Cerys Children"))
        XCTAssertFalse(r.body.contains("Dai Sealed"))
        let evil = try XCTUnwrap(lines.first { $0.contains("HYPERLINK") })
        XCTAssertTrue(evil.hasPrefix(#""'=HYPERLINK(""https://evil.example"",""x""), Jones",\#(people["evil"]!.id.uuidString.lowercased()),"#),
                      "quoted, quotes doubled, and prefixed so that it is not a formula: \(evil)")
        XCTAssertTrue(evil.contains(",Partly met,Partly met,Partly met,Partly met,Partly met"))
        let anwen = try XCTUnwrap(lines.first { $0.hasPrefix("Anwen Adults,") })
        XCTAssertTrue(anwen.contains(",\(adults.name),Adults,Nia Practitioner,1,"))
        XCTAssertTrue(anwen.hasSuffix(",Met,Met,Met,Met,Met"))

        let events = try await AuditEventModel.query(on: app.db).filter(\.$action == "quality.export").all()
        XCTAssertEqual(events.count, 1)
        XCTAssertEqual(events.first?.actorID, qualityLead.id)
        XCTAssertEqual(events.first?.detail, "4 plans; service=adults")

        // The same filters as the list; headers and verdicts in Welsh for a Welsh reader.
        _ = try await b.get("/language/cy?back=/quality")
        let cy = try await b.get("/quality/export.csv?criterion=balanced-analysis&verdict=not-met")
        let cyLines = cy.body.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }
        XCTAssertTrue(cyLines[0].hasPrefix("Person,Rhif adnabod y cofnod,Tîm,Gwasanaeth,Gweithiwr dyranedig,"))
        XCTAssertEqual(cyLines.count, 3, "Bryn and Cerys")
        XCTAssertTrue(cy.body.contains("Heb ei fodloni"))
        let v26 = try await AuditEventModel.query(on: app.db).filter(\.$action == "quality.export").count()
        XCTAssertEqual(v26, 2, "every export is audited")
    }

    func testCSVCellsAreEscapedAndNeverFormulas() {
        XCTAssertEqual(CSV.cell("plain"), "plain")
        XCTAssertEqual(CSV.cell("Gwenllïan Ŵyn"), "Gwenllïan Ŵyn")
        XCTAssertEqual(CSV.cell("a,b"), #""a,b""#)
        XCTAssertEqual(CSV.cell(#"say "hi""#), #""say ""hi""""#)
        XCTAssertEqual(CSV.cell("two\nlines"), "\"two\nlines\"")
        XCTAssertEqual(CSV.cell("crlf\r\nline"), "\"crlf\r\nline\"")
        XCTAssertEqual(CSV.cell("=1+2"), "'=1+2")
        XCTAssertEqual(CSV.cell("+44 1234"), "'+44 1234")
        XCTAssertEqual(CSV.cell("-2"), "'-2")
        XCTAssertEqual(CSV.cell("@SUM(A1)"), "'@SUM(A1)")
        XCTAssertEqual(CSV.cell("\t=cmd"), "'\t=cmd")
        XCTAssertEqual(CSV.cell("=cmd|' /C calc'!A0,x"), #""'=cmd|' /C calc'!A0,x""#)
        XCTAssertEqual(CSV.cell(""), "")
        XCTAssertEqual(CSV.cell("a=b"), "a=b")
    }

    // MARK: Snapshots

    func testTheAuditPageSnapshotInEnglishAndWelsh() throws {
        let teamID = UUID(uuidString: "11111111-1111-1111-1111-111111111111")!
        let workerID = UUID(uuidString: "33333333-3333-3333-3333-333333333333")!
        let at = Date(timeIntervalSince1970: 1_746_100_000)  // 1 May 2025
        func row(_ n: Int, _ name: String, _ v: PlanVerdicts, moderations: Int = 0) -> QualityPlanRow {
            QualityPlanRow(planID: UUID(uuidString: "44444444-4444-4444-4444-44444444444\(n)")!,
                           personID: UUID(uuidString: "22222222-2222-2222-2222-22222222222\(n)")!,
                           personName: name, teamID: teamID, service: .adults, workerID: workerID, version: n,
                           savedAt: at.addingTimeInterval(Double(-n) * 86_400), verdicts: v, moderations: moderations)
        }
        let rows = [
            row(1, "Gwen Morgan", Self.all(.met), moderations: 5),
            row(2, "Terry <Evans> & Sons", PlanVerdicts(whatMattersAndStrengths: .met, outcomesConsistency: .notMet, balancedAnalysis: .met,
                                                      interventionsMeetOutcomes: .notMet, scoringComplete: .notMet)),
            row(3, "Owain Ŵyn", PlanVerdicts(whatMattersAndStrengths: .met, outcomesConsistency: .met, balancedAnalysis: .partly)),
        ]
        let trend = [
            QualityTrendMonth(year: 2025, month: 3),
            QualityTrendMonth(year: 2025, month: 4, plans: 3, reviewed: Dictionary(uniqueKeysWithValues: ReviewCriterion.allCases.map { ($0, 3) }),
                              met: [.whatMattersAndStrengths: 3, .outcomesConsistency: 2, .balancedAnalysis: 1, .interventionsMeetOutcomes: 1]),
            QualityTrendMonth(year: 2025, month: 5, plans: 1, reviewed: [.whatMattersAndStrengths: 1], met: [.whatMattersAndStrengths: 1]),
        ]
        let agreement = ModerationAgreement(byCriterion: [.whatMattersAndStrengths: AgreementTally(agreed: 2, total: 2),
                                                          .balancedAnalysis: AgreementTally(agreed: 1, total: 3)],
                                            overall: AgreementTally(agreed: 3, total: 5), moderatedPlans: 3)
        let model = QualityAuditModel(
            filter: QualityFilter(criterion: .balancedAnalysis, teamID: teamID),
            plans: .init(items: rows, page: 2, per: 3, total: 120), authorityWide: true,
            teams: [Team(id: teamID, name: "Tîm Oedolion Gogledd", service: .adults)],
            workers: [QualityWorker(id: workerID, name: "Nia Jones")],
            trend: trend, goodPractice: [rows[0]], agreement: agreement, canExport: true)
        let staff = Staff(id: UUID(uuidString: "55555555-5555-5555-5555-555555555555")!, email: "quality@example.org",
                          name: "Gwyneth Quality", role: .qualityLead, teamIDs: [teamID])
        for locale in Locale2.allCases {
            let ctx = PageContext(t: Localizer(locale), staff: staff, csrf: "CSRF-TOKEN", path: "/quality", teamNames: [teamID: "Tîm Oedolion Gogledd"])
            assertSnapshot(model.render(ctx).render(indentedBy: .spaces(2)) + "\n", named: "quality-audit.\(locale.rawValue).html")
        }
    }

    func testTheModerationPageSnapshotWithProblems() throws {
        let teamID = UUID(uuidString: "11111111-1111-1111-1111-111111111111")!
        let personID = UUID(uuidString: "22222222-2222-2222-2222-222222222222")!
        let staffID = UUID(uuidString: "55555555-5555-5555-5555-555555555555")!
        let at = Date(timeIntervalSince1970: 1_746_100_000)
        let person = Person(id: personID, details: PersonDetails(name: "Gwen Morgan", service: .adults, teamID: teamID, preferredLanguage: .cy),
                            version: 1, createdAt: at, updatedAt: at)
        let review = PracticeReview(plan: "e01", criteria: ReviewCriterion.allCases.map {
            PracticeReview.CriterionResult(criterion: $0, verdict: $0 == .scoringComplete ? .notMet : .met,
                                           reasons: $0 == .scoringComplete ? ["o2 has no baseline score."] : [])
        }, signals: try JSONDecoder().decode(PracticeReview.Signals.self, from: Data(#"""
            {"ownWordsOutcomes":0,"taskLikeOutcomes":0,"deficitOnlySentences":0,
             "strengthsBySource":{"person":0,"family":0,"network":0,"community":0,"unspecified":0},
             "actionsBy":{"person":0,"family":0,"network":0,"community":0,"practitioner":0,"service":0,"partner-agency":0,"unspecified":0},
             "serviceActionShare":null,"childVoiceRecorded":null,
             "readability":{"measure":"flesch-reading-ease","score":null,"words":0,"sentences":0,"wordsPerSentence":null}}
            """#.utf8)), prompts: [])
        let record = PlanRecord(planID: UUID(uuidString: "44444444-4444-4444-4444-444444444444")!, personID: personID, version: 3,
                                plan: CarePlan.new(documentID: "e01", service: .adults, language: .cy), savedBy: staffID, savedAt: at,
                                verdicts: Self.all(.met))
        let history = [ModerationRecord(id: UUID(uuidString: "66666666-6666-6666-6666-666666666666")!, personID: personID, planVersion: 2,
                                        criterion: .scoringComplete, verdict: .partly, engineVerdict: .notMet,
                                        comment: "o1 and o3 have a baseline <b>now</b>.", moderatedBy: staffID, moderatorName: "Gwyneth Quality",
                                        moderatedAt: at.addingTimeInterval(-3_600))]
        let field = QualityPlanModel.commentField(.balancedAnalysis)
        let staff = Staff(id: staffID, email: "quality@example.org", name: "Gwyneth Quality", role: .qualityLead, teamIDs: [teamID])
        for locale in Locale2.allCases {
            let t = Localizer(locale)
            let model = QualityPlanModel(person: person, record: record, review: review, teamName: "Tîm Oedolion Gogledd", history: history,
                                         canModerate: true, values: [field: "A comment & no verdict"],
                                         problems: [FormProblem(field: QualityPlanModel.verdictField(.balancedAnalysis),
                                                                message: t("quality.error.commentWithoutVerdict", ["criterion": t.label(ReviewCriterion.balancedAnalysis)]))])
            let ctx = PageContext(t: t, staff: staff, csrf: "CSRF-TOKEN", path: "/quality/plans/\(personID)", teamNames: [teamID: "Tîm Oedolion Gogledd"])
            assertSnapshot(model.render(ctx).render(indentedBy: .spaces(2)) + "\n", named: "quality-moderation.\(locale.rawValue).errors.html")
        }
    }
}

extension Calendar {
    static let ukForTests: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "Europe/London")!
        return c
    }()
}
