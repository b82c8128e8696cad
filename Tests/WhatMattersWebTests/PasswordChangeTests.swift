import Fluent
import Foundation
import SQLKit
import Vapor
import XCTest
import WhatMattersCore
@testable import WhatMattersStore
@testable import WhatMattersWeb

/// "Change your password" at /account/password, as specifications.
final class PasswordChangeTests: WebTestCase {
    static let path = "/account/password"
    static let newPassword = "plaid walrus lantern"

    func signedIn(_ email: String = "nia@example.org") async throws -> Browser {
        let b = Browser(app)
        let r = try await b.signIn(email)
        XCTAssertEqual(r.status, .seeOther)
        return b
    }

    /// Posts the form from a freshly shown page (so with this session's CSRF token).
    func change(_ b: Browser, current: String, new: String, confirm: String) async throws -> Browser.Result {
        let page = try await b.get(Self.path)
        XCTAssertEqual(page.status, .ok)
        return try await b.post(Self.path, [("currentPassword", current), ("newPassword", new), ("confirmPassword", confirm)])
    }

    /// The opening tag of the input named `name`.
    func inputTag(_ html: String, _ name: String) -> String? {
        html.components(separatedBy: "<input").dropFirst().first { $0.contains("name=\"\(name)\"") }.map { String($0.prefix { $0 != ">" }) }
    }

    /// The `value` of the input named `name`, as the page carries it (a bare `value` is empty).
    func inputValue(_ html: String, _ name: String) -> String? {
        guard let tag = inputTag(html, name),
              let m = tag.range(of: #"\svalue(="[^"]*")?(?=[\s/]|$)"#, options: .regularExpression) else { return nil }
        let attr = tag[m].dropFirst(" value".count)
        return attr.isEmpty ? "" : String(attr.dropFirst(2).dropLast())
    }

    func assertNoPasswordWrittenBack(_ r: Browser.Result, typed: [String], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        for field in PasswordChangeModel.fields {
            XCTAssertEqual(inputValue(r.body, field), "", "\(what): \(field) comes back empty", file: file, line: line)
            XCTAssertEqual(inputTag(r.body, field)?.contains("type=\"password\""), true, "\(what): \(field) is a password field",
                           file: file, line: line)
        }
        for text in typed where !text.isEmpty {
            XCTAssertFalse(r.body.contains(text), "\(what): \"\(text)\" is not in the page", file: file, line: line)
        }
    }

    func assertNamesField(_ r: Browser.Result, _ field: String, _ message: String, _ what: String,
                          status: HTTPStatus = .unprocessableEntity, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(r.status, status, what, file: file, line: line)
        XCTAssertTrue(r.body.contains("govuk-error-summary"), "\(what): the error summary", file: file, line: line)
        XCTAssertTrue(r.body.contains("href=\"#\(field)\""), "\(what): the summary links to \(field)", file: file, line: line)
        XCTAssertTrue(r.body.contains("id=\"\(field)-error\""), "\(what): \(field) carries its message", file: file, line: line)
        XCTAssertTrue(r.body.contains(message), "\(what): says \"\(message)\"", file: file, line: line)
    }

    func auditRows(_ action: String) async throws -> [(actor: String, detail: String)] {
        let sql = app.db as! any SQLDatabase
        return try await sql.raw("SELECT actor, detail FROM audit_events WHERE action = \(bind: action) ORDER BY seq").all().map {
            (try $0.decode(column: "actor", as: String.self), try $0.decode(column: "detail", as: String.self))
        }
    }

    // MARK: -

    func testChangingThePasswordSignsInWithTheNewOneOnlyAndEndsTheOtherSessions() async throws {
        let elsewhere = try await signedIn()
        let colleague = try await signedIn("tom@example.org")
        let b = try await signedIn()
        let before = b.cookies["wm_session"]
        let page = try await b.get(Self.path)
        XCTAssertEqual(page.status, .ok)
        XCTAssertTrue(page.body.contains("Change your password"))
        XCTAssertTrue(page.body.contains("At least \(PasswordPolicy.minimumLength) characters"), "the policy is the hint")
        XCTAssertTrue(page.body.contains("autocomplete=\"current-password\"") && page.body.contains("autocomplete=\"new-password\""))

        let done = try await b.post(Self.path, [("currentPassword", Self.password), ("newPassword", Self.newPassword),
                                                ("confirmPassword", Self.newPassword)])
        XCTAssertEqual(done.status, .seeOther)
        XCTAssertEqual(done.location, Self.path + "?changed=1")
        XCTAssertNotEqual(b.cookies["wm_session"], before, "this session goes on under a new id")
        let notice = try await b.get(try XCTUnwrap(done.location))
        XCTAssertEqual(notice.status, .ok, "still signed in here")
        XCTAssertTrue(notice.body.contains("Your password has been changed"))
        assertNoPasswordWrittenBack(notice, typed: [Self.password, Self.newPassword], "after the change")

        let ended = try await elsewhere.get("/caseload")
        XCTAssertEqual(ended.status, .seeOther, "the other session of the same member of staff has ended")
        XCTAssertEqual(ended.location, "/sign-in?next=%2Fcaseload")
        let actual1 = try await colleague.get("/caseload").status
        XCTAssertEqual(actual1, .ok, "other staff stay signed in")
        let actual2 = try await b.get("/caseload").status
        XCTAssertEqual(actual2, .ok)

        let old = try await Browser(app).signIn("nia@example.org")
        XCTAssertEqual(old.status, .unprocessableEntity, "the old password no longer works")
        let new = try await Browser(app).signIn("nia@example.org", password: Self.newPassword)
        XCTAssertEqual(new.status, .seeOther, "the new one does")

        let changes = try await auditRows("password.change")
        XCTAssertEqual(changes.map(\.actor), ["nia@example.org"])
        let sql = app.db as! any SQLDatabase
        let everything = try await sql.raw("SELECT actor, action, detail FROM audit_events").all().map { row in
            try ["actor", "action", "detail"].map { try row.decode(column: $0, as: String.self) }.joined(separator: " ")
        }
        for row in everything {
            XCTAssertFalse(row.contains(Self.newPassword) || row.contains(Self.password), "no password in the audit trail: \(row)")
        }
        let hash = try await app.store.passwordHash(staffID: practitioner.id)
        XCTAssertNotEqual(hash, Self.newPassword)
        XCTAssertEqual(hash?.hasPrefix("$2"), true, "stored as a bcrypt hash")
    }

    /// GET /api/v1/people with this bearer token.
    func apiStatus(_ token: String) async throws -> HTTPStatus {
        var headers = HTTPHeaders()
        headers.bearerAuthorization = BearerAuthorization(token: token)
        return try await Browser(app).send(.GET, "/api/v1/people", headers: headers, body: nil).status
    }

    func testChangingThePasswordRevokesTheAPITokensAndSaysSo() async throws {
        let first = try await Accounts.createToken(app, email: "nia@example.org")
        let second = try await Accounts.createToken(app, email: "nia@example.org")
        let colleagues = try await Accounts.createToken(app, email: "tom@example.org")
        for token in [first, second, colleagues] {
            let status = try await apiStatus(token)
            XCTAssertEqual(status, .ok, "the token works before the change")
        }
        let b = try await signedIn()
        let page = try await b.get(Self.path)
        XCTAssertTrue(page.body.contains("revokes any API tokens you have"), "the page says so before the change")

        let done = try await b.post(Self.path, [("currentPassword", Self.password), ("newPassword", Self.newPassword),
                                                ("confirmPassword", Self.newPassword)])
        XCTAssertEqual(done.status, .seeOther)
        XCTAssertEqual(done.location, Self.path + "?changed=1&tokens=revoked")
        for token in [first, second] {
            let status = try await apiStatus(token)
            XCTAssertEqual(status, .unauthorized, "a token made before the change no longer works")
        }
        let colleague = try await apiStatus(colleagues)
        XCTAssertEqual(colleague, .ok, "other staff's tokens still work")

        let notice = try await b.get(try XCTUnwrap(done.location))
        XCTAssertTrue(notice.body.contains("Your password has been changed, and your API tokens have been revoked: they no longer work."),
                      notice.body)
        try await b.get("/language/cy?back=%2Faccount%2Fpassword")
        let welsh = try await b.get(try XCTUnwrap(done.location))
        XCTAssertTrue(welsh.body.contains("Mae eich cyfrinair wedi&#39;i newid, ac mae eich tocynnau API wedi&#39;u dirymu")
                      || welsh.body.contains("Mae eich cyfrinair wedi'i newid, ac mae eich tocynnau API wedi'u dirymu"), welsh.body)

        // In the same audited transaction as the password: one event, and no token row left.
        let changes = try await auditRows("password.change")
        XCTAssertEqual(changes.map(\.actor), ["nia@example.org"])
        let sql = app.db as! any SQLDatabase
        func tokens(_ staff: Staff) async throws -> Int {
            try await sql.raw("SELECT COUNT(*) AS n FROM api_tokens WHERE staff_id = \(bind: staff.id)").first()?.decode(column: "n", as: Int.self) ?? -1
        }
        let theirs = try await tokens(practitioner), kept = try await tokens(otherPractitioner)
        XCTAssertEqual(theirs, 0, "revoked tokens are deleted: only their hashes were kept")
        XCTAssertEqual(kept, 1, "the colleague's token is kept")

        // A token made after the change works, and a change with no token says nothing of tokens.
        let fresh = try await Accounts.createToken(app, email: "nia@example.org")
        let freshStatus = try await apiStatus(fresh)
        XCTAssertEqual(freshStatus, .ok)
        let colleagueBrowser = try await signedIn("tom@example.org")
        try await colleagueBrowser.get(Self.path)
        try await sql.raw("DELETE FROM api_tokens").run()
        let plain = try await colleagueBrowser.post(Self.path, [("currentPassword", Self.password), ("newPassword", Self.newPassword),
                                                                ("confirmPassword", Self.newPassword)])
        XCTAssertEqual(plain.location, Self.path + "?changed=1")
        let plainNotice = try await colleagueBrowser.get(try XCTUnwrap(plain.location))
        XCTAssertTrue(plainNotice.body.contains("Your password has been changed"))
        XCTAssertFalse(plainNotice.body.contains("have been revoked"))
    }

    func testEachProblemNamesItsFieldAndNoPasswordIsWrittenBack() async throws {
        let b = try await signedIn()
        let cases: [(what: String, current: String, new: String, confirm: String, field: String, message: String)] = [
            ("wrong current", "not my password", Self.newPassword, Self.newPassword, "currentPassword", "Your current password is not right"),
            ("no current", "", Self.newPassword, Self.newPassword, "currentPassword", "Enter your current password"),
            ("too short", Self.password, "short one", "short one", "newPassword", "at least 10 characters"),
            ("common", Self.password, "Password123!", "Password123!", "newPassword", "one of the most common passwords"),
            ("personal", Self.password, "practitioner lantern", "practitioner lantern", "newPassword", "must not contain your name or email"),
            ("the same as the current", Self.password, Self.password, Self.password, "newPassword", "must be different from your current password"),
            ("no new", Self.password, "", "", "newPassword", "Enter a new password"),
            ("confirmation differs", Self.password, Self.newPassword, Self.newPassword + "!", "confirmPassword", "The passwords do not match"),
            ("no confirmation", Self.password, Self.newPassword, "", "confirmPassword", "Enter your new password again"),
            ("too long", Self.password, String(repeating: "walrus ", count: 12), String(repeating: "walrus ", count: 12), "newPassword",
             "must be 64 characters or fewer"),
        ]
        for c in cases {
            let r = try await change(b, current: c.current, new: c.new, confirm: c.confirm)
            assertNamesField(r, c.field, c.message, c.what)
            assertNoPasswordWrittenBack(r, typed: [c.current, c.new, c.confirm], c.what)
        }
        let all = try await change(b, current: "", new: "", confirm: "")
        for field in PasswordChangeModel.fields { XCTAssertTrue(all.body.contains("id=\"\(field)-error\""), "all empty: \(field)") }
        let still = try await Browser(app).signIn("nia@example.org")
        XCTAssertEqual(still.status, .seeOther, "nothing was changed")
        let actual = try await auditRows("password.change")
        XCTAssertEqual(actual.count, 0)
    }

    func testWrongCurrentPasswordsAreAuditedAndLockTheAccountLikeWrongSignIns() async throws {
        let b = try await signedIn()
        for i in 0..<PageControllers.maxFailuresPerAccount {
            let r = try await change(b, current: "guess number \(i)", new: Self.newPassword, confirm: Self.newPassword)
            XCTAssertEqual(r.status, .unprocessableEntity)
        }
        let failures = try await auditRows("password.failed")
        XCTAssertEqual(failures.map(\.actor), Array(repeating: "nia@example.org", count: PageControllers.maxFailuresPerAccount))
        XCTAssertFalse(failures.contains { $0.detail.contains("guess") }, "the guesses are not recorded")
        let locked = try await change(b, current: Self.password, new: Self.newPassword, confirm: Self.newPassword)
        assertNamesField(locked, "currentPassword", "Too many wrong passwords", "locked", status: .tooManyRequests)
        assertNoPasswordWrittenBack(locked, typed: [Self.password, Self.newPassword], "locked")
        let signIn = try await Browser(app).signIn("nia@example.org")
        XCTAssertEqual(signIn.status, .tooManyRequests, "signing in is locked by the same count")
        let other = try await Browser(app).signIn("tom@example.org")
        XCTAssertEqual(other.status, .seeOther)
        let hash = try await app.store.passwordHash(staffID: practitioner.id)
        let unchanged = try await app.password.async.verify(Self.password, created: try XCTUnwrap(hash))
        XCTAssertTrue(unchanged)
    }

    func testAFormWithoutTheSessionsCSRFTokenIsRefused() async throws {
        let b = try await signedIn()
        try await b.get(Self.path)
        let fields = [("currentPassword", Self.password), ("newPassword", Self.newPassword), ("confirmPassword", Self.newPassword)]
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        let none = try await b.send(.POST, Self.path, headers: headers,
                                    body: fields.map { "\(Browser.encode($0.0))=\(Browser.encode($0.1))" }.joined(separator: "&"))
        XCTAssertEqual(none.status, .forbidden, "no token")
        let forged = try await b.post(Self.path, fields + [("_csrf", "forged")])
        XCTAssertEqual(forged.status, .forbidden, "another token")
        let actual = try await Browser(app).signIn("nia@example.org")
        XCTAssertEqual(actual.status, .seeOther, "the password is unchanged")
    }

    func testSignedOutTheFormSendsToSignInAndNoPasswordIsKept() async throws {
        let b = Browser(app)
        let page = try await b.get(Self.path)
        XCTAssertEqual(page.status, .seeOther)
        XCTAssertEqual(page.location, "/sign-in?next=%2Faccount%2Fpassword")
        // A post after the session has ended: the usual draft must not keep any password.
        let post = try await b.post(Self.path, [("currentPassword", Self.password), ("newPassword", Self.newPassword),
                                                ("confirmPassword", Self.newPassword)], csrf: "none")
        XCTAssertEqual(post.status, .seeOther)
        XCTAssertEqual(post.location, "/sign-in")
        let sql = app.db as! any SQLDatabase
        let drafts = try await sql.raw("SELECT fields FROM drafts").all().map { try $0.decode(column: "fields", as: String.self) }
        XCTAssertFalse(drafts.contains { $0.contains(Self.newPassword) || $0.contains(Self.password) }, "\(drafts)")
        XCTAssertFalse(FormBody(pairs: [.init(name: "reason", value: "an emergency"), .init(name: "password", value: "x")])
            .withoutPasswords.pairs.contains { $0.name == "password" }, "break-glass keeps its reason, not its password")
    }

    func testThePageAndItsMessagesInWelsh() async throws {
        let b = try await signedIn()
        try await b.get("/language/cy?back=%2Faccount%2Fpassword")
        let page = try await b.get(Self.path)
        XCTAssertTrue(page.body.contains("<html lang=\"cy\">"))
        for text in ["Newid eich cyfrinair", "Cyfrinair presennol", "Cyfrinair newydd", "Cadarnhau'r cyfrinair newydd", "O leiaf 10 nod"] {
            XCTAssertTrue(page.body.contains(text), text)
        }
        XCTAssertFalse(page.body.contains("⟦"), "every string is in Welsh")
        let wrong = try await b.post(Self.path, [("currentPassword", "anghywir iawn"), ("newPassword", Self.newPassword),
                                                 ("confirmPassword", Self.newPassword)])
        assertNamesField(wrong, "currentPassword", "Nid yw eich cyfrinair presennol yn gywir", "Welsh, wrong current")
        XCTAssertTrue(wrong.body.contains("<title>Gwall: Newid eich cyfrinair"))
        try await b.get(Self.path)
        let done = try await b.post(Self.path, [("currentPassword", Self.password), ("newPassword", Self.newPassword),
                                                ("confirmPassword", Self.newPassword)])
        XCTAssertEqual(done.status, .seeOther)
        let notice = try await b.get(try XCTUnwrap(done.location))
        XCTAssertTrue(notice.body.contains("Mae eich cyfrinair wedi'i newid"))
    }

    func testSignedInPagesLinkToIt() async throws {
        let b = try await signedIn()
        let page = try await b.get("/caseload")
        XCTAssertTrue(page.body.contains("href=\"/account/password\""))
        XCTAssertTrue(page.body.contains(">Change password</a>"))
        let here = try await b.get(Self.path)
        XCTAssertTrue(here.body.contains("href=\"/account/password\" aria-current=\"page\""))
    }
}

extension HostileInputTests {
    /// Changing a password: hostile text in each field is refused naming a field, never
    /// reflected, never a 5xx, and never changes the password.
    func testPasswordChangeFormTakesHostileInput() async throws {
        let path = SiteRoute.passwordChange.path
        let (b, csrf) = try await signedIn("nia@example.org")
        let page = try await get(b, path, what: "password change form")
        XCTAssertEqual(page.status, .ok)
        for s in Self.corpus {
            // The confirmation never matches, so a sample the policy accepts is still refused.
            let new = try await postForm(b, path, [("currentPassword", Self.password), ("newPassword", s.text), ("confirmPassword", "")],
                                         csrf: csrf, what: "new password: \(s.label)")
            assertNamesField(new, "confirmPassword", "new password: \(s.label)")
            let confirm = try await postForm(b, path, [("currentPassword", Self.password), ("newPassword", "plaid walrus lantern"),
                                                       ("confirmPassword", s.text)], csrf: csrf, what: "confirm password: \(s.label)")
            if s.text != "plaid walrus lantern" { assertNamesField(confirm, "confirmPassword", "confirm password: \(s.label)") }
        }
        for s in Self.corpus.prefix(3) {
            let current = try await postForm(b, path, [("currentPassword", s.text), ("newPassword", ""), ("confirmPassword", "")],
                                             csrf: csrf, what: "current password: \(s.label)")
            assertNamesField(current, "currentPassword", "current password: \(s.label)")
        }
        let still = try await Browser(app).signIn("nia@example.org")
        XCTAssertEqual(still.status, .seeOther, "the password is unchanged")
    }
}
