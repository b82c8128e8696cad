import Fluent
import SQLKit
import Foundation
import Vapor
import XCTest
import WhatMattersCore
@testable import WhatMattersStore
@testable import WhatMattersWeb

/// What a practitioner can do through the pages, as specifications.
final class PagesTests: WebTestCase {
    func testSigningInShowsTheCaseloadAndSigningOutEndsTheSession() async throws {
        let b = Browser(app)
        let actual1 = try await b.get("/caseload").location
        XCTAssertEqual(actual1, "/sign-in?next=%2Fcaseload")
        let before = b.cookies["wm_session"]
        let signedIn = try await b.signIn("NIA@example.org")
        XCTAssertEqual(signedIn.status, .seeOther)
        XCTAssertEqual(signedIn.location, "/caseload")
        XCTAssertNotEqual(b.cookies["wm_session"], before, "the session id changes at sign-in")
        let page = try await b.get("/caseload")
        XCTAssertEqual(page.status, .ok)
        XCTAssertTrue(page.body.contains("Nia Practitioner"))
        XCTAssertEqual(page.headers.first(name: .cacheControl), "no-store")
        XCTAssertTrue(page.headers.first(name: .setCookie)?.contains("HttpOnly") ?? true)
        try await b.post("/sign-out", [])
        let actual2 = try await b.get("/caseload").status
        XCTAssertEqual(actual2, .seeOther)
    }

    func testAWrongPasswordIsExplainedInTheUsersLanguage() async throws {
        let b = Browser(app)
        let en = try await b.signIn("nia@example.org", password: "wrong password")
        XCTAssertEqual(en.status, .unprocessableEntity)
        XCTAssertTrue(en.body.contains("The email address or password is not right"))
        XCTAssertTrue(en.body.contains("value=\"nia@example.org\""), "the email typed is kept")
        try await b.get("/language/cy?back=%2Fsign-in")
        let cy = try await b.post("/sign-in", [("email", "nia@example.org"), ("password", "")])
        XCTAssertTrue(cy.body.contains("Rhowch eich cyfrinair"), cy.body)
        XCTAssertTrue(cy.body.contains("<html lang=\"cy\">"))
    }

    func testAFormWithoutTheSessionsCSRFTokenIsRefused() async throws {
        let b = Browser(app)
        try await b.signIn("nia@example.org")
        let res = try await b.post("/people/new", [("name", "Ann"), ("_csrf", "forged")])
        XCTAssertEqual(res.status, .forbidden)
        XCTAssertTrue(res.body.contains("This form has expired"))
        let actual3 = try await app.store.people(inTeams: [adults.id], page: 1, per: 10).total
        XCTAssertEqual(actual3, 0)
    }

    /// A page asked for with a method it does not take: 405, an error page in the reader's
    /// language, and the methods it takes in the Allow header.
    func testAPageAskedForWithTheWrongMethodIs405() async throws {
        let b = Browser(app)
        try await b.signIn("nia@example.org")
        let r = try await b.send(.PUT, "/caseload", headers: [:], body: nil)
        XCTAssertEqual(r.status, .methodNotAllowed)
        XCTAssertEqual(r.headers.first(name: .allow), "GET, HEAD")
        XCTAssertTrue(r.body.contains(Localizer(.en)("problem.methodNotAllowed")), r.body)
        let post = try await b.send(.GET, "/sign-out", headers: [:], body: nil)
        XCTAssertEqual(post.status, .methodNotAllowed)
        XCTAssertEqual(post.headers.first(name: .allow), "POST")
    }

    func testStaffSeeOnlyPeopleInTheirOwnTeams() async throws {
        let p = try await person()
        let b = Browser(app)
        try await b.signIn("tom@example.org")
        let denied = try await b.get("/people/\(p.id)")
        XCTAssertEqual(denied.status, .forbidden, "not their team: no record, only the offer of break-glass")
        XCTAssertFalse(denied.body.contains("Gwenllïan"))
        let actual5 = try await b.get("/people/\(p.id)/conversations/new").status
        XCTAssertEqual(actual5, .notFound)
        let actual6 = try await b.get("/teams/\(adults.id)").status
        XCTAssertEqual(actual6, .forbidden)
        let list = try await b.get("/people")
        XCTAssertFalse(list.body.contains("Gwenllïan"))
        try await b.get("/people")
        let search = try await b.post("/people/search", [("query", "gwenllian")])
        XCTAssertFalse(search.body.contains("Gwenllïan"))
        let ownTeam = Browser(app)
        try await ownTeam.signIn("nia@example.org")
        let actual7 = try await ownTeam.get("/people/\(p.id)").status
        XCTAssertEqual(actual7, .ok)
    }

    func testBadInputIsExplainedPerFieldInBothLanguagesAndNothingTypedIsLost() async throws {
        let b = Browser(app)
        try await b.signIn("nia@example.org")
        try await b.get("/people/new")
        let longNeeds = String(repeating: "ŵ", count: Limits.communicationNeeds + 1)
        let res = try await b.post("/people/new", [("name", ""), ("dateOfBirth", "2099-01-01"), ("service", "adults"),
                                                   ("teamID", adults.id.uuidString), ("preferredLanguage", "cy"),
                                                   ("activeOfferMadeBy", "Siân <b>Jones</b>"), ("communicationNeeds", longNeeds)])
        XCTAssertEqual(res.status, .unprocessableEntity)
        XCTAssertTrue(res.body.contains("There is a problem"))
        XCTAssertTrue(res.body.contains("<a href=\"#name\">Enter full name</a>"), res.body)
        XCTAssertTrue(res.body.contains("Date of birth must be today or in the past"))
        XCTAssertTrue(res.body.contains("Communication needs must be 2000 characters or fewer"))
        XCTAssertTrue(res.body.contains(longNeeds), "the long text comes back as typed")
        XCTAssertTrue(res.body.contains("value=\"Siân &lt;b&gt;Jones&lt;/b&gt;\""), "typed text is kept, escaped")
        XCTAssertTrue(res.body.contains("<title>Error: Add a person – WhatMatters</title>"))

        try await b.get("/language/cy?back=%2Fpeople%2Fnew")
        try await b.get("/people/new")
        let cy = try await b.post("/people/new", [("name", "Ann"), ("service", "adults"), ("teamID", adults.id.uuidString),
                                                  ("preferredLanguage", "cy"), ("dateOfBirth", "31/02/1950")])
        XCTAssertTrue(cy.body.contains("Mae problem"))
        XCTAssertTrue(cy.body.contains("Rhaid i Dyddiad geni fod yn ddyddiad go iawn"), cy.body)
        XCTAssertTrue(cy.body.contains("value=\"31/02/1950\""))
    }

    /// The newcomer's journey: a new person, a What Matters conversation in Welsh, counted on the team page.
    func testAConversationInWelshIsRecordedAndCountedOnTheTeamPage() async throws {
        let b = Browser(app)
        try await b.signIn("nia@example.org")
        try await b.get("/people/new")
        let created = try await b.post("/people/new", [("name", "Dafydd ap Llŷr"), ("dateOfBirth", "1948-11-02"), ("service", "adults"),
                                                       ("teamID", adults.id.uuidString), ("allocatedWorkerID", practitioner.id.uuidString),
                                                       ("preferredLanguage", "cy"), ("activeOfferMadeOn", "2025-03-01"),
                                                       ("activeOfferMadeBy", "Nia"), ("communicationNeeds", "")])
        XCTAssertEqual(created.status, .seeOther)
        let personPath = try XCTUnwrap(created.location?.components(separatedBy: "?").first)
        try await b.get(personPath + "/conversations/new")
        XCTAssertTrue(b.lastBody.contains("value=\"cy\" checked"), "the form starts in the person's language")
        let words = "Dw i eisiau mynd yn ôl i'r côr ar nos Fercher. Mae'r ci yn bwysig i mi 🐕"
        let saved = try await b.post(personPath + "/conversations/new", [
            ("date", "2025-03-04"), ("kind", "what-matters"), ("participants", "person"), ("participants", "family"),
            ("othersPresent", "Siân (merch)"), ("language", "cy"), ("whatMatters", words), ("whoseWords", "person"),
            ("narrative", "Cwrddais â Dafydd gartref."), ("whatHappenedNext", "community-resources"),
        ])
        XCTAssertEqual(saved.status, .seeOther)
        let page = try await b.get(personPath)
        XCTAssertTrue(page.body.contains("<blockquote class=\"wm-quote\" lang=\"cy\">"))
        XCTAssertTrue(page.body.contains("Dw i eisiau mynd yn ôl i&#39;r côr") || page.body.contains("Dw i eisiau mynd yn ôl i'r côr"))
        let team = try await b.get("/teams/\(adults.id)")
        XCTAssertTrue(team.body.contains("Connected with community resources"))
        let counts = try await app.store.conversationCounts(teamID: adults.id)
        XCTAssertEqual(counts.count(.communityResources), 1)
        XCTAssertEqual(counts.resolvedWithoutAssessment, 1)
        let stored = try await app.store.conversations(personID: UUID(uuidString: String(personPath.split(separator: "/").last!))!).items
        XCTAssertEqual(stored.first?.details.whatMatters, words, "stored exactly as typed")
        XCTAssertEqual(stored.first?.details.participants, [.person, .family])
    }

    func testTextTypedWhenTheSessionHasEndedIsKeptAndOfferedBackAfterSignIn() async throws {
        let p = try await person()
        let b = Browser(app)
        try await b.signIn("nia@example.org")
        try await b.get("/people/\(p.id)/conversations/new")
        let narrative = String(repeating: "Hanes hir iawn. ", count: 500)
        try await SessionRecord.query(on: app.db).delete()  // the session times out while she types
        let kept = try await b.post("/people/\(p.id)/conversations/new", [
            ("date", "2025-03-04"), ("kind", "what-matters"), ("language", "cy"), ("whatMatters", "Cael mynd i'r capel"),
            ("whoseWords", "person"), ("narrative", narrative), ("whatHappenedNext", "plan-agreed"),
        ])
        XCTAssertEqual(kept.status, .seeOther)
        let signInPath = try XCTUnwrap(kept.location)
        XCTAssertTrue(signInPath.hasPrefix("/sign-in?kept=1&next=/drafts/"))
        let signInPage = try await b.get(signInPath)
        XCTAssertTrue(signInPage.body.contains("what you typed has been kept"))
        let signedIn = try await b.post("/sign-in", [("email", "nia@example.org"), ("password", Self.password),
                                                     ("next", String(signInPath.split(separator: "=").last!))])
        let draftPath = try XCTUnwrap(signedIn.location)
        XCTAssertTrue(draftPath.hasPrefix("/drafts/"))
        let restored = try await b.get(draftPath)
        XCTAssertEqual(restored.status, .ok)
        XCTAssertTrue(restored.body.contains(narrative), "the whole narrative is offered back")
        XCTAssertTrue(restored.body.contains(">\nCael mynd i'r capel</textarea>"))
        let saved = try await b.post("/people/\(p.id)/conversations/new", [
            ("date", "2025-03-04"), ("kind", "what-matters"), ("language", "cy"), ("whatMatters", "Cael mynd i'r capel"),
            ("whoseWords", "person"), ("narrative", narrative), ("whatHappenedNext", "plan-agreed"),
            ("_draft", String(draftPath.split(separator: "/").last!)),
        ])
        XCTAssertEqual(saved.status, .seeOther)
        let actual8 = try await app.store.conversations(personID: p.id).items.first?.details.narrative
        XCTAssertEqual(actual8, narrative)
        let actual9 = try await b.get(draftPath).status
        XCTAssertEqual(actual9, .notFound, "the draft is gone once saved")
    }

    func testSecondSaveOfAStaleFormShowsBothVersionsAndLosesNothing() async throws {
        let p = try await person("Ann Evans")
        let first = Browser(app), second = Browser(app)
        try await first.signIn("nia@example.org")
        try await second.signIn("nia@example.org")
        try await first.get("/people/\(p.id)/edit")
        try await second.get("/people/\(p.id)/edit")
        let fields: (String) -> [(String, String)] = { name in
            [("name", name), ("service", "adults"), ("teamID", self.adults.id.uuidString), ("preferredLanguage", "cy"), ("version", "1")]
        }
        let actual10 = try await first.post("/people/\(p.id)/edit", fields("Ann Evans-Jones")).status
        XCTAssertEqual(actual10, .seeOther)
        let stale = try await second.post("/people/\(p.id)/edit", fields("Ann Prys"))
        XCTAssertEqual(stale.status, .conflict)
        XCTAssertTrue(stale.body.contains("Someone else saved this while you were working"))
        XCTAssertTrue(stale.body.contains("Ann Evans-Jones") && stale.body.contains("value=\"Ann Prys\""))
        let actual11 = try await app.store.person(p.id)?.details.name
        XCTAssertEqual(actual11, "Ann Evans-Jones")
    }

    func testSearchTravelsInThePostBodyAndIgnoresAccents() async throws {
        _ = try await person("Siân ap Dafydd")
        let b = Browser(app)
        try await b.signIn("nia@example.org")
        try await b.get("/people")
        let found = try await b.post("/people/search", [("query", "sian ap")])
        XCTAssertTrue(found.body.contains("Siân ap Dafydd"))
        let actual12 = try await b.get("/people/search?query=sian").status
        XCTAssertNotEqual(actual12, .ok, "no search by URL")
        let empty = try await b.post("/people/search", [("query", "  ")])
        XCTAssertEqual(empty.status, .unprocessableEntity)
        XCTAssertTrue(empty.body.contains("Enter a name or a date of birth to search for"))
    }

    func testHealthzAnswersWhenTheDatabaseDoes() async throws {
        let res = try await Browser(app).get("/healthz")
        XCTAssertEqual(res.status, .ok)
    }

    func testEveryPageSendsProtectiveHeaders() async throws {
        let res = try await Browser(app).get("/sign-in")
        XCTAssertEqual(res.headers.first(name: "X-Content-Type-Options"), "nosniff")
        XCTAssertTrue(res.headers.first(name: "Content-Security-Policy")?.contains("frame-ancestors 'none'") ?? false)
        XCTAssertFalse(res.body.contains("<script"), "pages work without JavaScript")
        XCTAssertFalse(res.body.contains("style=\""), "no inline styles")
    }
}

/// Sessions and sign-in, as issue 5 asks.
final class SessionTests: WebTestCase {
    func testRepeatedWrongPasswordsLockTheAccountForAWhileEvenWithTheRightOne() async throws {
        let b = Browser(app)
        for _ in 0..<5 {
            let r = try await b.signIn("nia@example.org", password: "not my password")
            XCTAssertEqual(r.status, .unprocessableEntity)
        }
        let locked = try await b.signIn("nia@example.org")
        XCTAssertEqual(locked.status, .tooManyRequests)
        XCTAssertTrue(locked.body.contains("Too many attempts to sign in"))
        let other = try await Browser(app).signIn("tom@example.org")
        XCTAssertEqual(other.status, .seeOther, "other accounts are not locked by one account's failures")
    }

    func testADisabledAccountsSessionEndsAtOnce() async throws {
        let b = Browser(app)
        try await b.signIn("nia@example.org")
        let actual1 = try await b.get("/caseload").status
        XCTAssertEqual(actual1, .ok)
        try await app.store.setActive(email: "nia@example.org", false, by: .system("test"))
        let actual2 = try await b.get("/caseload").status
        XCTAssertEqual(actual2, .seeOther)
        let actual3 = try await b.signIn("nia@example.org").status
        XCTAssertEqual(actual3, .unprocessableEntity)
    }

    func testCommonPasswordsAreRefusedForNewAccounts() async throws {
        do {
            _ = try await Accounts.addUser(app, email: "new@example.org", name: "New", role: .practitioner, teamNames: [adults.name],
                                           password: "Password123!")
            XCTFail("a common password was accepted")
        } catch let p as Accounts.Problem {
            XCTAssertTrue(p.description.contains("most common passwords"))
        }
    }

    func testEverySignInAndFailureIsAudited() async throws {
        try await Browser(app).signIn("nia@example.org", password: "wrong one!!")
        try await Browser(app).signIn("nia@example.org")
        let sql = app.db as! any SQLDatabase
        let rows = try await sql.raw("SELECT action, actor FROM audit_events WHERE action LIKE 'signin%' ORDER BY seq").all()
        let seen = try rows.map { "\(try $0.decode(column: "action", as: String.self)) \(try $0.decode(column: "actor", as: String.self))" }
        XCTAssertEqual(seen, ["signin.failed nia@example.org", "signin nia@example.org"])
    }
}

/// The optional second factor (required for administrators).
final class SecondFactorTests: WebTestCase {
    func testCodesFollowRFC6238() {
        let secret = Array("12345678901234567890".utf8)
        XCTAssertEqual(TOTP.code(secret: secret, at: Date(timeIntervalSince1970: 59)), "287082")
        XCTAssertEqual(TOTP.code(secret: secret, at: Date(timeIntervalSince1970: 1_111_111_109)), "081804")
        XCTAssertEqual(Base32.decode(Base32.encode(secret)), secret)
        XCTAssertTrue(TOTP.verify("287 082", secret: secret, at: Date(timeIntervalSince1970: 59)))
        XCTAssertFalse(TOTP.verify("287083", secret: secret, at: Date(timeIntervalSince1970: 59)))
    }

    func testAnAdministratorCannotSignInWithoutASecondFactorAndThenSignsInWithACode() async throws {
        let admin = try await Accounts.addUser(app, email: "admin@example.org", name: "Admin", role: .administrator, teamNames: [],
                                               password: Self.password).0
        let refused = try await Browser(app).signIn(admin.email)
        XCTAssertEqual(refused.status, .forbidden)
        XCTAssertTrue(refused.body.contains("Administrators must use a second factor"))
        let secret = TOTP.newSecret()
        try await app.store.setSecondFactor(staffID: admin.id, secret: Base32.encode(secret), by: .system("test"))
        let b = Browser(app)
        let step = try await b.signIn(admin.email)
        XCTAssertEqual(step.location, "/sign-in/code")
        let actual1 = try await b.get("/caseload").status
        XCTAssertEqual(actual1, .seeOther, "not signed in until the code")
        try await b.get("/sign-in/code")
        let actual2 = try await b.post("/sign-in/code", [("code", "000000")]).status
        XCTAssertEqual(actual2, .unprocessableEntity)
        let done = try await b.post("/sign-in/code", [("code", TOTP.code(secret: secret, at: Date()))])
        XCTAssertEqual(done.status, .seeOther)
        let actual3 = try await b.get("/caseload").status
        XCTAssertEqual(actual3, .ok)
    }

    func testAnyoneCanTurnOnASecondFactorFromTheirAccount() async throws {
        let b = Browser(app)
        try await b.signIn("nia@example.org")
        let page = try await b.get("/account/second-factor")
        let key = try XCTUnwrap(page.body.range(of: "secret=").map { String(page.body[$0.upperBound...].prefix { $0 != "&" }) })
        let secret = try XCTUnwrap(Base32.decode(key))
        let actual4 = try await b.post("/account/second-factor", [("code", "123")]).status
        XCTAssertEqual(actual4, .unprocessableEntity)
        try await b.get("/account/second-factor")
        let actual5 = try await b.post("/account/second-factor", [("code", TOTP.code(secret: secret, at: Date()))]).status
        XCTAssertEqual(actual5, .seeOther)
        let actual6 = try await app.store.secondFactor(staffID: practitioner.id)
        XCTAssertNotNil(actual6)
        let again = Browser(app)
        let actual7 = try await again.signIn("nia@example.org").location
        XCTAssertEqual(actual7, "/sign-in/code")
    }
}
