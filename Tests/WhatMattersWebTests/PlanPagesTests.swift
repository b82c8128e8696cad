import Fluent
import Foundation
import Vapor
import XCTest
import WhatMattersCore
@testable import WhatMattersStore
@testable import WhatMattersWeb

/// The plan through the pages, as specifications: starting it from a conversation, every
/// part's form, errors that keep what was typed, a stale save refused with both versions
/// shown, versions kept, the printed plan in the person's language, access.
final class PlanPagesTests: WebTestCase {
    func signedIn() async throws -> Browser {
        let b = Browser(app)
        try await b.signIn("nia@example.org")
        return b
    }

    func conversation(_ p: Person) async throws -> Conversation {
        try await app.store.addConversation(personID: p.id, ConversationDetails(
            date: Day("2025-03-04")!, kind: .whatMatters, participants: [.person, .family], language: .cy,
            whatMatters: "Dw i eisiau mynd yn ôl i'r capel ar fore Sul.", whatHappenedNext: .planAgreed), by: .system("test"))
    }

    func testAPractitionerTurnsAConversationIntoAPlanWithOutcomesStrengthsPeopleActionsAndScores() async throws {
        let p = try await person()
        let c = try await conversation(p)
        let b = try await signedIn()
        let person = try await b.get("/people/\(p.id)")
        XCTAssertTrue(person.body.contains("/people/\(p.id)/plan"), "the person page links to the plan")
        let empty = try await b.get("/people/\(p.id)/plan")
        XCTAssertEqual(empty.status, .ok)
        XCTAssertTrue(empty.body.contains("Dechrau cynllun") || empty.body.contains("Start a plan"))
        try await b.get("/people/\(p.id)/conversations/\(c.id)")
        let started = try await b.post("/people/\(p.id)/plan/start", [("conversationID", c.id.uuidString)])
        XCTAssertEqual(started.status, .seeOther)
        var record = try await app.store.plan(personID: p.id)
        XCTAssertEqual(record?.plan.whatMatters, "Dw i eisiau mynd yn ôl i'r capel ar fore Sul.")
        XCTAssertEqual(record?.plan.language, .cy)
        XCTAssertEqual(record?.plan.documentConversations?.first?.kind, .whatMatters)

        try await b.get("/people/\(p.id)/plan/outcomes/new")
        var r = try await b.post("/people/\(p.id)/plan/outcomes/new", [
            ("version", "1"), ("statement", "Dw i eisiau mynd yn ôl i'r capel"), ("whose", "person"), ("importance", "important-to"),
            ("whyItMatters", "Mae fy ffrindiau yno"), ("nationalOutcomes", "relationships"),
            ("iStatements", "I belong"), ("outcomeStatus", "active")])
        XCTAssertEqual(r.status, .seeOther, r.body)
        try await b.get("/people/\(p.id)/plan/strengths/new")
        r = try await b.post("/people/\(p.id)/plan/strengths/new", [("version", "2"), ("strengthDescription", "Mae Siân yn galw bob dydd"),
                                                                   ("strengthSource", "family"), ("supportsOutcomes", "o1")])
        XCTAssertEqual(r.status, .seeOther, r.body)
        try await b.get("/people/\(p.id)/plan/people/new")
        r = try await b.post("/people/\(p.id)/plan/people/new", [("version", "3"), ("importantName", "Siân"), ("relationship", "merch"),
                                                                ("connection", "strong"), ("direction", "to-person"), ("gives", "practical"),
                                                                ("gives", "emotional")])
        XCTAssertEqual(r.status, .seeOther, r.body)
        try await b.get("/people/\(p.id)/plan/actions/new")
        r = try await b.post("/people/\(p.id)/plan/actions/new", [("version", "4"), ("actionWhat", "Ffrindiau o'r capel i'w chasglu"),
                                                                 ("actionBy", "network"), ("actionWho", "Mair"), ("servesOutcomes", "o1"),
                                                                 ("actionStatus", "planned"), ("isService", "no")])
        XCTAssertEqual(r.status, .seeOther, r.body)
        try await b.get("/people/\(p.id)/plan/scores/new")
        r = try await b.post("/people/\(p.id)/plan/scores/new", [("version", "5"), ("scoreOutcome", "o1"), ("scoreKind", "baseline"),
                                                                ("scoreValue", "2"), ("scoreDate", "2025-03-04"), ("scoredBy", "jointly")])
        XCTAssertEqual(r.status, .seeOther, r.body)
        try await b.get("/people/\(p.id)/plan/reviews/new")
        r = try await b.post("/people/\(p.id)/plan/reviews/new", [("version", "6"), ("reviewDate", "2025-05-01"), ("reviewParticipants", "person"),
                                                                 ("reviewScoredBy", "jointly"), ("change-o1", "Dw i wedi bod i'r capel ddwywaith"),
                                                                 ("reviewScore-o1", "6"), ("reviewStatus-o1", "partly-achieved")])
        XCTAssertEqual(r.status, .seeOther, r.body)
        try await b.get("/people/\(p.id)/plan/agreement")
        r = try await b.post("/people/\(p.id)/plan/agreement", [("version", "7"), ("agreedOn", "2025-05-01"), ("agreedBy", "person"),
                                                               ("agreedHow", "in-person")])
        XCTAssertEqual(r.status, .seeOther, r.body)

        record = try await app.store.plan(personID: p.id)
        let plan = try XCTUnwrap(record?.plan)
        XCTAssertEqual(record?.version, 8)
        XCTAssertEqual(plan.outcomes.first?.iStatements, ["I belong"])
        XCTAssertEqual(plan.outcomes.first?.status, .partlyAchieved)
        XCTAssertEqual(plan.strengths.first?.outcomeIDs, ["o1"])
        XCTAssertEqual(plan.importantPeople.first?.gives, [.practical, .emotional])
        XCTAssertEqual(DistanceTravelled.of(plan).first?.change, 4)
        XCTAssertNotNil(record?.verdicts, "the practice review ran on save")

        let page = try await b.get("/people/\(p.id)/plan")
        XCTAssertEqual(page.status, .ok)
        for expected in ["Dw i eisiau mynd yn ôl i'r capel", "role=\"img\"", "Eco-map", "Distance travelled", "Stop and think", "Siân"] {
            XCTAssertTrue(page.body.contains(expected), "plan page shows \(expected)")
        }
        XCTAssertFalse(page.body.contains("⟦"), "every string is translated")
        try await b.get("/language/cy?back=%2F")
        let welsh = try await b.get("/people/\(p.id)/plan")
        for expected in ["Eco-fap", "Pellter a deithiwyd", "Aros a meddwl", "Canlyniadau personol", "Llinell sylfaen"] {
            XCTAssertTrue(welsh.body.contains(expected), "Welsh plan page shows \(expected)")
        }
        XCTAssertFalse(welsh.body.contains("⟦"))
        let versions = try await b.get("/people/\(p.id)/plan/versions")
        XCTAssertTrue(versions.body.contains("/people/\(p.id)/plan/versions/1"))
        let v1 = try await b.get("/people/\(p.id)/plan/versions/1")
        XCTAssertEqual(v1.status, .ok)
        XCTAssertFalse(v1.body.contains("/plan/outcomes/new"), "an old version is read only")
    }

    func testAFormWithErrorsKeepsEverythingTypedAndNamesEachField() async throws {
        let p = try await person()
        let b = try await signedIn()
        try await b.get("/people/\(p.id)/plan/actions/new")
        let typed = "Gofal cartref <bore> & nos"
        let r = try await b.post("/people/\(p.id)/plan/actions/new", [("version", "0"), ("actionWhat", typed), ("actionBy", "service"),
                                                                     ("actionStatus", "planned"), ("isService", "yes"), ("hoursPerWeek", "lots")])
        XCTAssertEqual(r.status, .unprocessableEntity)
        XCTAssertTrue(r.body.contains("Gofal cartref &lt;bore&gt; &amp; nos"), "what was typed is kept, escaped")
        XCTAssertTrue(r.body.contains("href=\"#serviceType\""))
        XCTAssertTrue(r.body.contains("href=\"#hoursPerWeek\""))
        XCTAssertTrue(r.body.contains("value=\"lots\""))
        let none = try await app.store.plan(personID: p.id)
        XCTAssertNil(none, "nothing is saved")
    }

    func testASecondSaveFromAStaleFormIsRefusedAndBothVersionsAreShown() async throws {
        let p = try await person()
        let b = try await signedIn()
        try await b.get("/people/\(p.id)/plan/about")
        var r = try await b.post("/people/\(p.id)/plan/about", [("version", "0"), ("whatMatters", "Y côr"), ("recordLanguage", "cy")])
        XCTAssertEqual(r.status, .seeOther)
        // Two people open the form at version 1; the first saves.
        try await b.get("/people/\(p.id)/plan/about")
        r = try await b.post("/people/\(p.id)/plan/about", [("version", "1"), ("whatMatters", "Y côr a Mot y ci"), ("recordLanguage", "cy")])
        XCTAssertEqual(r.status, .seeOther)
        r = try await b.post("/people/\(p.id)/plan/about", [("version", "1"), ("whatMatters", "Y côr, a'r dre ar y bws"), ("recordLanguage", "cy")])
        XCTAssertEqual(r.status, .conflict)
        XCTAssertTrue(r.body.contains("Y côr a Mot y ci"), "what is saved now is shown")
        XCTAssertTrue(r.body.contains("Y côr, a&#39;r dre ar y bws") || r.body.contains("Y côr, a'r dre ar y bws"), "what was typed is kept")
        XCTAssertTrue(r.body.contains("name=\"version\" value=\"2\""), "saving again merges onto the latest")
        let saved = try await app.store.plan(personID: p.id)
        XCTAssertEqual(saved?.plan.whatMatters, "Y côr a Mot y ci")
        XCTAssertEqual(saved?.version, 2)
    }

    func testThePrintedPlanIsInThePersonsLanguageWithTheirWordsVerbatim() async throws {
        let p = try await person(language: .cy)
        var plan = CarePlan.new(documentID: "x", service: .adults, language: .cy)
        plan.whatMatters = "Y côr yw 'mywyd i."
        plan.outcomes = [PersonalOutcomeItem(id: "o1", statement: "Dw i eisiau canu gyda'r côr", whose: .person, importance: .importantTo)]
        _ = try await app.store.savePlan(personID: p.id, plan, expectedVersion: 0, verdicts: nil, by: .system("test"))
        let b = try await signedIn()  // an English-speaking reader
        let print = try await b.get("/people/\(p.id)/plan/print")
        XCTAssertEqual(print.status, .ok)
        XCTAssertTrue(print.body.contains("<html lang=\"cy\">"))
        XCTAssertTrue(print.body.contains("Beth sy&#39;n bwysig i mi") || print.body.contains("Beth sy'n bwysig i mi"))
        XCTAssertTrue(print.body.contains("Dw i eisiau canu gyda'r côr") || print.body.contains("Dw i eisiau canu gyda&#39;r côr"))
    }

    func testStaffOutsideThePersonsTeamsCannotSeeOrChangeThePlan() async throws {
        let p = try await person()
        let b = Browser(app)
        try await b.signIn("tom@example.org")
        try await b.get("/caseload")
        for path in ["/people/\(p.id)/plan", "/people/\(p.id)/plan/print", "/people/\(p.id)/plan/outcomes/new", "/people/\(p.id)/plan/about"] {
            let res = try await b.get(path)
            // Not their team: no record (only, for reading, the offer of break-glass).
            XCTAssertTrue([.forbidden, .notFound].contains(res.status), "\(path): \(res.status)")
            XCTAssertFalse(res.body.contains("Gwenllïan"), path)
        }
        let r = try await b.post("/people/\(p.id)/plan/start", [])
        XCTAssertTrue([.forbidden, .notFound].contains(r.status))
        let none = try await app.store.plan(personID: p.id)
        XCTAssertNil(none)
    }

    func testAnOutcomeTypedWhenTheSessionHasEndedIsOfferedBackAfterSignIn() async throws {
        let p = try await person()
        let b = try await signedIn()
        try await b.get("/people/\(p.id)/plan/outcomes/new")
        try await SessionRecord.query(on: app.db).delete()  // the session times out while she types
        let kept = try await b.post("/people/\(p.id)/plan/outcomes/new", [("version", "0"), ("statement", "Dw i eisiau canu yn y côr eto"),
                                                                         ("whose", "person"), ("nationalOutcomes", "relationships")])
        let signInPath = try XCTUnwrap(kept.location)
        XCTAssertTrue(signInPath.hasPrefix("/sign-in?kept=1&next=/drafts/"))
        try await b.get(signInPath)
        let signedIn = try await b.post("/sign-in", [("email", "nia@example.org"), ("password", Self.password),
                                                     ("next", String(signInPath.split(separator: "=").last!))])
        let draftPath = try XCTUnwrap(signedIn.location)
        let restored = try await b.get(draftPath)
        XCTAssertEqual(restored.status, .ok, restored.body)
        XCTAssertTrue(restored.body.contains(">\nDw i eisiau canu yn y côr eto</textarea>"))
        XCTAssertTrue(restored.body.contains("value=\"relationships\" checked"))
    }
}
