import Fluent
import Foundation
import Vapor
import XCTest
import WhatMattersCore
@testable import WhatMattersStore
@testable import WhatMattersWeb

/// Removing an item of the plan added by mistake, from the item's own change page, as
/// specifications: a confirmation that quotes it and names what goes with it, a new version
/// (earlier versions keep it), an outcome's links removed with it, an outcome with scores or
/// reviews kept, a removed item's id never given to a new one, a stale confirmation refused
/// with both versions named, CSRF and write access required, and the confirmation in Welsh.
final class PlanRemovalTests: WebTestCase {
    func signedIn(_ email: String = "nia@example.org") async throws -> Browser {
        let b = Browser(app)
        try await b.signIn(email)
        return b
    }

    /// Two outcomes; strengths s1 (o1), s2 (o1, o2), s3 (none); actions a1 (o1), a2 (o2); a
    /// person, a worry and a differing view. Saved as version 1.
    func planned(language: Locale2 = .en, scoreO2: Bool = false) async throws -> Person {
        let p = try await person()
        var plan = CarePlan.new(documentID: p.id.uuidString.lowercased(), service: .adults, language: language)
        plan.whatMatters = "Getting back to chapel on Sunday mornings."
        plan.outcomes = [
            PersonalOutcomeItem(id: "o1", statement: "I want to get back to chapel", whose: .person, importance: .importantTo),
            PersonalOutcomeItem(id: "o2", statement: "I want to stay in my own home", whose: .person, importance: .importantTo),
        ]
        plan.strengths = [
            StrengthItem(id: "s1", description: "Mair drives to chapel every week", source: .network, outcomeIDs: ["o1"]),
            StrengthItem(id: "s2", description: "Sian calls in every day", source: .family, outcomeIDs: ["o1", "o2"]),
            StrengthItem(id: "s3", description: "Sings with the choir", source: .person, outcomeIDs: []),
        ]
        plan.importantPeople = [ImportantPersonItem(id: "p1", name: "Mair", relationship: "friend from chapel", connection: .strong,
                                                    direction: .toPerson, gives: [.practical])]
        plan.analysis.worries = [Worry(id: "w1", description: "Falls on the stairs at night", raisedBy: .practitioner)]
        plan.analysis.differingViews = [DifferingView(id: "d1", about: "Whether to move downstairs", whose: .person,
                                                      theirView: "Not yet", practitionerView: "Soon")]
        plan.actions = [
            ActionItem(id: "a1", description: "Friends from chapel collect her on Sundays", by: .network, who: "Mair", outcomeIDs: ["o1"],
                       status: .planned, isService: false),
            ActionItem(id: "a2", description: "A rail fitted on the stairs", by: .partnerAgency, who: "Care and Repair", outcomeIDs: ["o2"],
                       status: .planned, isService: false),
        ]
        if scoreO2 {
            plan.scores = [ScoreEntry(id: "sc1", outcomeID: "o2", date: Day("2025-03-04"), kind: .baseline, value: 3, scoredBy: .jointly)]
        }
        _ = try await app.store.savePlan(personID: p.id, plan, expectedVersion: 0, verdicts: nil, by: .system("test"))
        return p
    }

    func plan(_ p: Person) async throws -> PlanRecord {
        let record = try await app.store.plan(personID: p.id)
        return try XCTUnwrap(record)
    }

    /// Text as the page shows it (apostrophes may be escaped).
    func shows(_ body: String, _ text: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(body.contains(text) || body.contains(text.replacingOccurrences(of: "'", with: "&#39;")), "shows \(text)", file: file, line: line)
    }

    func path(_ p: Person, _ route: PlanRoute) -> String { SiteRoute.plan(p.id, route).path }

    // MARK: Strengths and actions

    func testRemovingAStrengthAndAnActionSavesNewVersionsAndEarlierVersionsKeepThem() async throws {
        let p = try await planned()
        let b = try await signedIn()
        let form = try await b.get(path(p, .item(.strengths, "s3")))
        XCTAssertEqual(form.status, .ok)
        XCTAssertTrue(form.body.contains("href=\"\(path(p, .removeItem(.strengths, "s3")))\""), "the change page links to removing it")
        XCTAssertTrue(form.body.contains("Remove this strength or resource"))
        let newForm = try await b.get(path(p, .newItem(.strengths)))
        XCTAssertFalse(newForm.body.contains("/remove\""), "nothing to remove on a new item's form")

        let confirm = try await b.get(path(p, .removeItem(.strengths, "s3")))
        XCTAssertEqual(confirm.status, .ok)
        for expected in ["Are you sure you want to remove this strength or resource?", "Sings with the choir",
                         "Earlier versions of the plan keep it", "name=\"version\" value=\"1\"", "govuk-button--warning",
                         "action=\"\(path(p, .removeItem(.strengths, "s3")))\"", "href=\"\(path(p, .versions))\""] {
            XCTAssertTrue(confirm.body.contains(expected), "confirmation shows \(expected)")
        }
        XCTAssertFalse(confirm.body.contains("Linked to this outcome"))
        XCTAssertFalse(confirm.body.contains("⟦"))

        var r = try await b.post(path(p, .removeItem(.strengths, "s3")), [("version", "1")])
        XCTAssertEqual(r.status, .seeOther, r.body)
        XCTAssertEqual(r.location, path(p, .page) + "?saved=removed-strengths#plan-strengths")
        var record = try await plan(p)
        XCTAssertEqual(record.version, 2)
        XCTAssertEqual(record.plan.strengths.map(\.id), ["s1", "s2"])
        XCTAssertNotNil(record.verdicts, "the practice review ran on the save")
        let page = try await b.get(try XCTUnwrap(r.location))
        XCTAssertTrue(page.body.contains("Strength or resource removed"))
        XCTAssertFalse(page.body.contains("Sings with the choir"))

        try await b.get(path(p, .item(.actions, "a2")))
        try await b.get(path(p, .removeItem(.actions, "a2")))
        r = try await b.post(path(p, .removeItem(.actions, "a2")), [("version", "2")])
        XCTAssertEqual(r.status, .seeOther, r.body)
        XCTAssertEqual(r.location, path(p, .page) + "?saved=removed-actions#plan-actions")
        record = try await plan(p)
        XCTAssertEqual(record.version, 3)
        XCTAssertEqual(record.plan.actions.map(\.id), ["a1"])
        XCTAssertEqual(record.plan.strengths.map(\.id), ["s1", "s2"], "nothing else changed")
        XCTAssertEqual(record.plan.outcomes.map(\.id), ["o1", "o2"])
        let now = try await b.get(try XCTUnwrap(r.location))
        XCTAssertTrue(now.body.contains("Action removed"))
        XCTAssertFalse(now.body.contains("A rail fitted on the stairs"))

        let v1 = try await b.get(path(p, .version(1)))
        XCTAssertEqual(v1.status, .ok)
        XCTAssertTrue(v1.body.contains("Sings with the choir") && v1.body.contains("A rail fitted on the stairs"), "version 1 keeps both")
        let v2 = try await b.get(path(p, .version(2)))
        XCTAssertFalse(v2.body.contains("Sings with the choir"))
        XCTAssertTrue(v2.body.contains("A rail fitted on the stairs"))

        let saves = try await app.store.auditTrail(personID: p.id).filter { $0.action == "plan.save" }.map(\.detail)
        XCTAssertEqual(Set(saves), ["from version 0", "from version 1", "from version 2"], "each removal is audited as a save")
    }

    func testAPersonAWorryAndADifferingViewCanBeRemovedToo() async throws {
        let p = try await planned()
        let b = try await signedIn()
        var version = 1
        for (section, id, words) in [(PlanSection.people, "p1", "friend from chapel"), (.worries, "w1", "Falls on the stairs at night"),
                                     (.differences, "d1", "Whether to move downstairs")] {
            let form = try await b.get(path(p, .item(section, id)))
            XCTAssertTrue(form.body.contains(path(p, .removeItem(section, id))), "\(section): link from its change page")
            let confirm = try await b.get(path(p, .removeItem(section, id)))
            XCTAssertEqual(confirm.status, .ok)
            XCTAssertTrue(confirm.body.contains(words), "\(section): quotes it")
            let r = try await b.post(path(p, .removeItem(section, id)), [("version", String(version))])
            XCTAssertEqual(r.status, .seeOther, "\(section): \(r.body)")
            version += 1
        }
        let record = try await plan(p)
        XCTAssertEqual(record.version, 4)
        XCTAssertTrue(record.plan.importantPeople.isEmpty && record.plan.analysis.worries.isEmpty && record.plan.analysis.differingViews.isEmpty)
        XCTAssertEqual(record.plan.strengths.count, 3)
    }

    // MARK: Outcomes

    func testRemovingAnOutcomeRemovesItsLinksAndKeepsTheLinkedItems() async throws {
        let p = try await planned()
        let b = try await signedIn()
        try await b.get(path(p, .item(.outcomes, "o1")))
        let confirm = try await b.get(path(p, .removeItem(.outcomes, "o1")))
        XCTAssertEqual(confirm.status, .ok)
        for expected in ["Are you sure you want to remove this personal outcome?", "I want to get back to chapel", "Linked to this outcome:",
                         "2 strengths or resources", "1 action", "Mair drives to chapel every week", "Sian calls in every day",
                         "Friends from chapel collect her on Sundays", "will serve no outcome", "Those links will be removed",
                         "Remove this personal outcome"] {
            XCTAssertTrue(confirm.body.contains(expected), "confirmation shows \(expected)")
        }
        XCTAssertFalse(confirm.body.contains("Sings with the choir"), "an unlinked strength is not listed")
        XCTAssertFalse(confirm.body.contains("A rail fitted on the stairs"), "an action for another outcome is not listed")

        let r = try await b.post(path(p, .removeItem(.outcomes, "o1")), [("version", "1")])
        XCTAssertEqual(r.status, .seeOther, r.body)
        XCTAssertEqual(r.location, path(p, .page) + "?saved=removed-outcomes#plan-outcomes")
        let record = try await plan(p)
        XCTAssertEqual(record.version, 2)
        XCTAssertEqual(record.plan.outcomes.map(\.id), ["o2"])
        XCTAssertEqual(record.plan.strengths.map(\.outcomeIDs), [[], ["o2"], []], "links to o1 are gone; the strengths stay")
        XCTAssertEqual(record.plan.actions.map(\.outcomeIDs), [[], ["o2"]], "links to o1 are gone; the actions stay")
        let page = try await b.get(try XCTUnwrap(r.location))
        XCTAssertTrue(page.body.contains("Personal outcome removed"))
        XCTAssertFalse(page.body.contains("I want to get back to chapel"))
        let v1 = try await app.store.plan(personID: p.id, version: 1)
        XCTAssertEqual(v1?.plan.outcomes.map(\.id), ["o1", "o2"], "version 1 keeps it")
    }

    func testAnOutcomeWithScoresOrReviewsCannotBeRemoved() async throws {
        let p = try await planned(scoreO2: true)
        let b = try await signedIn()
        let confirm = try await b.get(path(p, .removeItem(.outcomes, "o2")))
        XCTAssertEqual(confirm.status, .ok)
        for expected in ["This personal outcome cannot be removed", "I want to stay in my own home", "Scores or reviews have been recorded",
                         "Scores: 1. Reviews: 0.", "change where it stands instead", "No longer wanted",
                         "href=\"\(path(p, .item(.outcomes, "o2")))\""] {
            XCTAssertTrue(confirm.body.contains(expected), "the page says why: \(expected)")
        }
        XCTAssertFalse(confirm.body.contains("action=\"\(path(p, .removeItem(.outcomes, "o2")))\""), "no button to remove it")
        XCTAssertFalse(confirm.body.contains("govuk-button--warning"))

        // A forged post is refused and nothing changes.
        let forged = try await b.post(path(p, .removeItem(.outcomes, "o2")), [("version", "1")])
        XCTAssertEqual(forged.status, .unprocessableEntity)
        XCTAssertTrue(forged.body.contains("cannot be removed. Nothing has been changed."), forged.body)
        XCTAssertTrue(forged.body.contains("govuk-error-summary"))
        let record = try await plan(p)
        XCTAssertEqual(record.version, 1, "nothing saved")
        XCTAssertEqual(record.plan.outcomes.map(\.id), ["o1", "o2"])
        XCTAssertEqual(record.plan.strengths[1].outcomeIDs, ["o1", "o2"])

        // A review recorded against an outcome keeps it too.
        var reviewed = record.plan
        reviewed.reviews = [PlanReview(id: "r1", date: Day("2025-05-01")!, outcomes: [OutcomeReview(outcomeID: "o1", change: "Went twice")])]
        guard case .failure(.outcomeHasScoresOrReviews) = reviewed.removing(.outcome, id: "o1") else { return XCTFail("a reviewed outcome stays") }

        // Scores and reviews themselves have no removal at all.
        for route in [PlanRoute.removeItem(.scores, "sc1"), .removeItem(.reviews, "r1"), .removeItem(.about, "x")] {
            let get = try await b.get(path(p, route))
            XCTAssertEqual(get.status, .notFound, "\(route)")
            try await b.get(path(p, .item(.outcomes, "o1")))
            let post = try await b.post(path(p, route), [("version", "1")])
            XCTAssertEqual(post.status, .notFound, "\(route)")
        }
        let after = try await plan(p)
        XCTAssertEqual(after.version, 1)
        XCTAssertEqual(after.plan.scores.count, 1)
    }

    func testAnItemAddedAfterTheLastOneWasRemovedNeverTakesTheRemovedOnesId() async throws {
        let p = try await planned()
        let b = try await signedIn()
        try await b.get(path(p, .removeItem(.outcomes, "o2")))
        var r = try await b.post(path(p, .removeItem(.outcomes, "o2")), [("version", "1")])
        XCTAssertEqual(r.status, .seeOther, r.body)
        try await b.get(path(p, .newItem(.outcomes)))
        r = try await b.post(path(p, .newItem(.outcomes)), [("version", "2"), ("statement", "I want to see my grandchildren in Cardiff"),
                                                            ("whose", "person"), ("importance", "important-to"), ("outcomeStatus", "active")])
        XCTAssertEqual(r.status, .seeOther, r.body)
        try await b.get(path(p, .removeItem(.actions, "a2")))
        r = try await b.post(path(p, .removeItem(.actions, "a2")), [("version", "3")])
        XCTAssertEqual(r.status, .seeOther, r.body)
        try await b.get(path(p, .newItem(.actions)))
        r = try await b.post(path(p, .newItem(.actions)), [("version", "4"), ("actionWhat", "Her son drives her to Cardiff once a month"),
                                                           ("actionBy", "family"), ("actionWho", "Rhys"), ("servesOutcomes", "o3"),
                                                           ("actionStatus", "planned"), ("isService", "no")])
        XCTAssertEqual(r.status, .seeOther, r.body)

        let record = try await plan(p)
        XCTAssertEqual(record.version, 5)
        XCTAssertEqual(record.plan.outcomes.map(\.id), ["o1", "o3"], "o2 named another outcome in versions 1 and 2")
        XCTAssertEqual(record.plan.outcome("o3")?.statement, "I want to see my grandchildren in Cardiff")
        XCTAssertEqual(record.plan.actions.map(\.id), ["a1", "a3"], "a2 named another action in versions 1 to 3")
        XCTAssertEqual(record.plan.actions.last?.outcomeIDs, ["o3"])
        let v1 = try await app.store.plan(personID: p.id, version: 1)
        XCTAssertEqual(v1?.plan.outcome("o2")?.statement, "I want to stay in my own home", "version 1 keeps o2 as it was")
        XCTAssertEqual(v1?.plan.actions.first { $0.id == "a2" }?.description, "A rail fitted on the stairs")
    }

    // MARK: Refusals

    func testAStaleConfirmationIsRefusedWithBothVersionsNamed() async throws {
        let p = try await planned()
        let b = try await signedIn()
        let confirm = try await b.get(path(p, .removeItem(.strengths, "s1")))
        XCTAssertTrue(confirm.body.contains("name=\"version\" value=\"1\""))
        // Someone else saves meanwhile.
        var changed = try await plan(p).plan
        changed.whatMatters = "Chapel, and the choir."
        _ = try await app.store.savePlan(personID: p.id, changed, expectedVersion: 1, verdicts: nil, by: .system("test"))

        let r = try await b.post(path(p, .removeItem(.strengths, "s1")), [("version", "1")])
        XCTAssertEqual(r.status, .conflict)
        for expected in ["Someone else saved this while you were working", "version 1", "version 2", "Nothing has been removed",
                         "Mair drives to chapel every week", "name=\"version\" value=\"2\""] {
            XCTAssertTrue(r.body.contains(expected), "409 shows \(expected)")
        }
        var record = try await plan(p)
        XCTAssertEqual(record.version, 2)
        XCTAssertEqual(record.plan.strengths.count, 3, "nothing removed")

        // Confirming again, against the plan as it is now, removes it.
        let again = try await b.post(path(p, .removeItem(.strengths, "s1")), [("version", "2")])
        XCTAssertEqual(again.status, .seeOther)
        record = try await plan(p)
        XCTAssertEqual(record.version, 3)
        XCTAssertEqual(record.plan.strengths.map(\.id), ["s2", "s3"])
        XCTAssertEqual(record.plan.whatMatters, "Chapel, and the choir.", "the other save is kept")

        // A second tab confirming the same removal finds it already gone.
        let late = try await b.post(path(p, .removeItem(.strengths, "s1")), [("version", "2")])
        XCTAssertEqual(late.status, .conflict)
        XCTAssertTrue(late.body.contains("no longer in the plan"))
        XCTAssertFalse(late.body.contains("govuk-button--warning"))
        let confirmGone = try await b.get(path(p, .removeItem(.strengths, "s1")))
        XCTAssertEqual(confirmGone.status, .notFound)
        let latest = try await plan(p)
        XCTAssertEqual(latest.version, 3)
    }

    func testARemovalWithoutTheFormsTokenOrVersionIsRefused() async throws {
        let p = try await planned()
        let b = try await signedIn()
        try await b.get(path(p, .removeItem(.actions, "a1")))
        let wrong = try await b.post(path(p, .removeItem(.actions, "a1")), [("version", "1"), ("_csrf", "not-the-token")])
        XCTAssertEqual(wrong.status, .forbidden)
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        let none = try await b.send(.POST, path(p, .removeItem(.actions, "a1")), headers: headers, body: "version=1")
        XCTAssertEqual(none.status, .forbidden)
        try await b.get(path(p, .removeItem(.actions, "a1")))
        let noVersion = try await b.post(path(p, .removeItem(.actions, "a1")), [])
        XCTAssertEqual(noVersion.status, .badRequest)
        let record = try await plan(p)
        XCTAssertEqual(record.version, 1)
        XCTAssertEqual(record.plan.actions.count, 2)
    }

    func testStaffWhoMayReadButNotChangeThePlanCannotRemoveFromIt() async throws {
        let p = try await planned()
        _ = try await Accounts.addUser(app, email: "senior@example.org", name: "Iolo Senior", role: .seniorLeader,
                                       teamNames: [adults.name], password: Self.password)
        let senior = try await signedIn("senior@example.org")
        let reads = try await senior.get(path(p, .page))
        XCTAssertEqual(reads.status, .ok, "a senior leader reads the plan")
        XCTAssertFalse(reads.body.contains("/remove"))
        let tom = try await signedIn("tom@example.org")
        for b in [senior, tom] {
            let confirm = try await b.get(path(p, .removeItem(.strengths, "s1")))
            XCTAssertTrue([.forbidden, .notFound].contains(confirm.status), "\(confirm.status)")
            XCTAssertFalse(confirm.body.contains("Mair drives to chapel"))
            try await b.get("/caseload")  // a valid form token, so that only access can refuse the post
            XCTAssertNotNil(b.csrfToken)
            let r = try await b.post(path(p, .removeItem(.strengths, "s1")), [("version", "1")])
            XCTAssertTrue([.forbidden, .notFound].contains(r.status), "\(r.status)")
        }
        let record = try await plan(p)
        XCTAssertEqual(record.version, 1)
        XCTAssertEqual(record.plan.strengths.count, 3)
    }

    func testAConfirmationSentAfterTheSessionEndedIsAskedAgain() async throws {
        let p = try await planned()
        let b = try await signedIn()
        try await b.get(path(p, .removeItem(.worries, "w1")))
        try await SessionRecord.query(on: app.db).delete()
        let kept = try await b.post(path(p, .removeItem(.worries, "w1")), [("version", "1")])
        let signInPath = try XCTUnwrap(kept.location)
        XCTAssertTrue(signInPath.hasPrefix("/sign-in?kept=1&next=/drafts/"), signInPath)
        try await b.get(signInPath)
        let back = try await b.post("/sign-in", [("email", "nia@example.org"), ("password", Self.password),
                                                 ("next", String(signInPath.split(separator: "=").last!))])
        let draft = try XCTUnwrap(back.location)
        let restored = try await b.get(draft)
        XCTAssertEqual(restored.status, .seeOther)
        XCTAssertEqual(restored.location, path(p, .removeItem(.worries, "w1")), "asked again, against the plan as it is now")
        let record = try await plan(p)
        XCTAssertEqual(record.version, 1, "nothing removed without confirming")
    }

    // MARK: Welsh

    func testTheConfirmationInWelsh() async throws {
        let p = try await planned(language: .cy)
        let b = try await signedIn()
        try await b.get("/language/cy?back=%2F")
        let form = try await b.get(path(p, .item(.outcomes, "o1")))
        shows(form.body, "Dileu'r canlyniad personol hwn")
        let confirm = try await b.get(path(p, .removeItem(.outcomes, "o1")))
        XCTAssertEqual(confirm.status, .ok)
        XCTAssertTrue(confirm.body.contains("<html lang=\"cy\">"))
        for expected in ["Ydych chi'n siŵr eich bod am ddileu'r canlyniad personol hwn?", "Bydd hyn yn cael ei ddileu o'r cynllun:",
                         "Bydd fersiynau cynharach o'r cynllun yn dal i'w gynnwys", "Yn gysylltiedig â'r canlyniad hwn:",
                         "2 o gryfderau neu adnoddau", "1 cam gweithredu", "ni fydd yn gwasanaethu unrhyw ganlyniad",
                         "Bydd y cysylltiadau hynny'n cael eu dileu", "Dileu'r canlyniad personol hwn", "Canslo"] {
            shows(confirm.body, expected)
        }
        XCTAssertTrue(confirm.body.contains("I want to get back to chapel"), "the words, as recorded")
        XCTAssertFalse(confirm.body.contains("⟦"), "every string is translated")
        let r = try await b.post(path(p, .removeItem(.outcomes, "o1")), [("version", "1")])
        XCTAssertEqual(r.status, .seeOther)
        let page = try await b.get(try XCTUnwrap(r.location))
        shows(page.body, "Mae'r canlyniad personol wedi'i ddileu.")

        let scored = try await planned(language: .cy, scoreO2: true)
        let blocked = try await b.get(path(scored, .removeItem(.outcomes, "o2")))
        for expected in ["Does dim modd dileu'r canlyniad personol hwn", "Sgoriau: 1. Adolygiadau: 0.", "Dim eisiau mwyach", "Newid y canlyniad hwn"] {
            shows(blocked.body, expected)
        }
        XCTAssertFalse(blocked.body.contains("⟦"))
    }
}
