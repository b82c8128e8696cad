import Fluent
import Foundation
import Vapor
import XCTest
import XCTVapor
import WhatMattersCore
@testable import WhatMattersStore
@testable import WhatMattersWeb

/// Hostile input (issue 5): a corpus of script injection in every context, SQL fragments,
/// overlong fields, invalid UTF-8, control characters, Welsh diacritics, emoji, right-to-left
/// text and combining characters, sent to every form and every API write. As specifications:
///
/// - no answer is ever a 5xx;
/// - text that is accepted is stored byte for byte as sent (compared as UTF-8 bytes, since
///   Swift's `==` would let a decomposed "ŵ" equal a precomposed one), and read back the same;
/// - text that is refused gets a 4xx that names the field (the error summary links to it and
///   the field carries its message; the API's problem lists it), and the form comes back with
///   exactly what was typed;
/// - nothing is reflected unescaped: every HTML answer is tokenised as a browser would and must
///   hold no script, no event-handler attribute and no `javascript:` link, and the text shows
///   in its escaped form.
///
/// Every POST form and every API write in the route table must be covered here
/// (`testEveryFormAndAPIWriteIsCovered`). Counts are printed at the end as `[hostile] …`.
final class HostileInputTests: WebTestCase {
    var manager: Staff!
    var token: String!

    override func setUp() async throws {
        try await super.setUp()
        manager = try await Accounts.addUser(app, email: "mair@example.org", name: "Mair Manager", role: .teamManager,
                                             teamNames: [adults.name], password: Self.password).0
        token = try await Accounts.createToken(app, email: "nia@example.org")
    }

    override class func tearDown() {
        Stats.shared.report()
        super.tearDown()
    }

    // MARK: - The corpus

    struct Sample {
        var label: String
        var text: String
        init(_ label: String, _ text: String) { self.label = label; self.text = text }
    }

    static let corpus: [Sample] = [
        // Script injection, in text, attribute, textarea, title and URL contexts.
        Sample("script", "<script>alert(1)</script>"),
        Sample("attribute breakout, double quote", "\"><img src=x onerror=alert(1)>"),
        Sample("attribute breakout, single quote", "' onmouseover='x"),
        Sample("javascript URL", "javascript:alert(1)"),
        Sample("textarea breakout", "</textarea><script>x</script>"),
        Sample("title breakout", "</title><script>alert(1)</script>"),
        Sample("svg onload", "<svg/onload=alert(1)>"),
        Sample("template syntax", "{{7*7}} ${7*7} <%= 7*7 %>"),
        Sample("placeholders of the string tables", "{name} {date} {reason} {when} {field} {limit}"),
        Sample("entities typed as text", "&lt;b&gt; &amp; &#x3C;script&#x3E; &quot;"),
        Sample("comment and CDATA", "<!-- x --> <![CDATA[ y ]]>"),
        // SQL fragments and LIKE wildcards.
        Sample("SQL drop", "'; DROP TABLE people; --"),
        Sample("SQL or", "\" OR 1=1 --"),
        Sample("percent", "%"),
        Sample("underscore", "_"),
        Sample("backslash", "\\"),
        Sample("LIKE escapes", "100% _sure_ \\% \\_ \\\\ a\\"),
        // Control characters.
        Sample("SOH", "a\u{0001}b"),
        Sample("terminal escape", "\u{001B}[31mred\u{001B}[0m"),
        Sample("CRLF", "line one\r\nline two\r\n"),
        Sample("tab", "col\tcol"),
        Sample("NUL", "nul\u{0000}byte"),
        Sample("DEL, NEL, line and paragraph separators", "a\u{007F}b\u{0085}c\u{2028}d\u{2029}e"),
        Sample("spaces kept", "  two spaces either side  "),
        Sample("leading newline", "\nA leading newline, then text"),
        Sample("whitespace only", " \t\r\n "),
        Sample("empty", ""),
        // Welsh, emoji, right-to-left, combining.
        Sample("Welsh diacritics", "ŵ ŷ â ê î ô û ï Ŵ Ŷ — Siân ap Llŷr, Gwenllïan"),
        Sample("Welsh, decomposed", "Sia\u{0302}n ap Lly\u{0302}r w\u{0302} W\u{0302}"),
        Sample("emoji", "👩‍👩‍👧‍👦 👍🏽 🧑🏿‍🦱 🏴󠁧󠁢󠁷󠁬󠁳󠁿 ❤️"),
        Sample("right to left", "مرحبا بالعالم שלום"),
        Sample("bidi overrides", "\u{202E}fdp.exe\u{202C} \u{2066}isolate\u{2069} \u{200F}rlm"),
        Sample("combining marks", "Z\u{0351}\u{036B}\u{0343}a\u{0302}\u{0300}\u{0301}l\u{0336}g\u{0334}o e\u{0301}"),
        Sample("one character of 300 code points", "a" + String(repeating: "\u{0301}", count: 299)),
        Sample("BOM, replacement, non-characters", "\u{FEFF}bom \u{FFFD} \u{FFFF} \u{10FFFF}"),
        Sample("zero width", "zero\u{200B}width\u{200D}joiner"),
    ]

    /// For fields that take a choice, a date or an id: enough to show each kind is refused.
    static let choiceSamples: [Sample] = corpus.filter {
        ["script", "attribute breakout, double quote", "attribute breakout, single quote", "javascript URL", "SQL drop", "percent",
         "NUL", "CRLF", "whitespace only", "empty", "emoji", "bidi overrides", "Welsh, decomposed"].contains($0.label)
    }

    /// The corpus plus, for a text field with a limit, text at the limit and just over it.
    static func samples(limit: Int?) -> [Sample] {
        guard let limit else { return corpus }
        var out = corpus
        out.append(Sample("at the limit (\(limit))", String(repeating: "ŵ", count: limit)))
        out.append(Sample("just over the limit (\(limit + 1))", String(repeating: "ŵ", count: limit + 1)))
        if limit <= 2_000 {
            out.append(Sample("emoji at the limit", String(repeating: "👩‍👩‍👧‍👦", count: limit)))
            out.append(Sample("emoji just over the limit", String(repeating: "👍🏽", count: limit + 1)))
        }
        return out
    }

    /// Byte sequences that are not UTF-8.
    static let invalidUTF8: [(String, [UInt8])] = [
        ("C3 28", [0xC3, 0x28]), ("FF", [0xFF]), ("FE", [0xFE]), ("lone continuation 80", [0x80]),
        ("overlong slash C0 AF", [0xC0, 0xAF]), ("surrogate ED A0 80", [0xED, 0xA0, 0x80]),
        ("truncated E2 82", [0xE2, 0x82]), ("beyond U+10FFFF F4 90 80 80", [0xF4, 0x90, 0x80, 0x80]),
    ]

    // MARK: - What is expected of a text field

    struct TextField {
        var name: String
        var limit: Int
        var required: Bool
    }

    static let personText = [TextField(name: "name", limit: Limits.name, required: true),
                             TextField(name: "activeOfferMadeBy", limit: Limits.name, required: false),
                             TextField(name: "communicationNeeds", limit: Limits.communicationNeeds, required: false)]
    static let personChoices = ["dateOfBirth", "service", "teamID", "allocatedWorkerID", "preferredLanguage", "activeOfferMadeOn"]
    static let conversationText = [TextField(name: "othersPresent", limit: Limits.shortText, required: false),
                                   TextField(name: "whatMatters", limit: Limits.whatMatters, required: true),
                                   TextField(name: "narrative", limit: Limits.narrative, required: false)]
    static let conversationChoices = ["date", "kind", "participants", "language", "whoseWords", "whatHappenedNext"]

    /// nil when the text must be accepted; otherwise the code it must be refused with.
    static func refusal(_ v: String, _ f: TextField) -> FieldError.Code? {
        if f.required && v.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return .required }
        if v.count > f.limit { return .tooLong }
        if v.unicodeScalars.contains("\u{0}") { return .invalidCharacters }
        return nil
    }

    // MARK: - Requests, each inspected

    /// Counts over the whole run, printed when the class finishes.
    final class Stats: @unchecked Sendable {
        static let shared = Stats()
        let lock = NSLock()
        var requests = 0, serverErrors = 0, reflections = 0, htmlPages = 0
        var accepted = 0, refused = 0, storedExactly = 0
        var leadingNewlineInTextarea = 0

        func add(_ f: (Stats) -> Void) { lock.lock(); f(self); lock.unlock() }
        func report() {
            lock.lock(); defer { lock.unlock() }
            print("[hostile] corpus: \(HostileInputTests.corpus.count) texts (+ at/over each limit), \(HostileInputTests.invalidUTF8.count) invalid UTF-8 sequences")
            print("[hostile] requests: \(requests) (\(htmlPages) HTML pages inspected), 5xx: \(serverErrors), unescaped reflections: \(reflections)")
            print("[hostile] texts accepted: \(accepted), stored byte-exact and read back: \(storedExactly); refused with a named field: \(refused)")
            if leadingNewlineInTextarea > 0 {
                print("[hostile] note: \(leadingNewlineInTextarea) textarea(s) hold text starting with a newline, which a browser drops on the next save (HTML ignores one newline after <textarea>)")
            }
        }
    }

    /// Sends raw bytes as `browser`, keeping its cookies, and inspects the answer: never a 5xx,
    /// and an HTML page must be well-formed UTF-8 with nothing reflected unescaped.
    @discardableResult
    func send(_ browser: Browser, _ method: HTTPMethod, _ path: String, body: [UInt8]?, contentType: String?,
              headers extra: HTTPHeaders = [:], what: String, file: StaticString = #filePath, line: UInt = #line) async throws -> Browser.Result {
        var headers = extra
        if let contentType { headers.replaceOrAdd(name: .contentType, value: contentType) }
        if !browser.cookies.isEmpty {
            headers.replaceOrAdd(name: .cookie, value: browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        var result: Browser.Result!
        try await app.testable(method: .inMemory).test(method, path, headers: headers,
                                                       body: body.map { ByteBuffer(bytes: $0) }) { res async in
            for c in res.headers[.setCookie] {
                let pair = c.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
                if pair.count == 2 {
                    if c.contains("Max-Age=0") || c.lowercased().contains("expires=thu, 01 jan 1970") { browser.cookies[pair[0]] = nil }
                    else { browser.cookies[pair[0]] = pair[1] }
                }
            }
            result = Browser.Result(status: res.status, headers: res.headers, body: res.body.string)
        }
        let isHTML = result.headers.contentType?.subType == "html"
        if isHTML { browser.lastBody = result.body }
        Stats.shared.add { $0.requests += 1; if isHTML { $0.htmlPages += 1 } }
        if result.status.code >= 500 {
            Stats.shared.add { $0.serverErrors += 1 }
            XCTFail("\(what): \(method) \(path) answered \(result.status.code)", file: file, line: line)
        }
        if isHTML {
            XCTAssertEqual(result.headers.first(name: .contentType)?.lowercased().contains("charset=utf-8"), true,
                           "\(what): an HTML page must say it is UTF-8", file: file, line: line)
            let found = HTMLScan.dangers(result.body)
            if !found.isEmpty {
                Stats.shared.add { $0.reflections += found.count }
                XCTFail("\(what): \(method) \(path) reflects input unescaped: \(found.prefix(3))", file: file, line: line)
            }
        }
        return result
    }

    /// `application/x-www-form-urlencoded`, every byte but the unreserved ones percent-encoded.
    static func formEncode(_ fields: [(String, String)]) -> [UInt8] {
        formEncodeBytes(fields.map { (Array($0.0.utf8), Array($0.1.utf8)) })
    }

    static func formEncodeBytes(_ fields: [([UInt8], [UInt8])]) -> [UInt8] {
        func enc(_ bytes: [UInt8]) -> [UInt8] {
            var out: [UInt8] = []
            for b in bytes {
                switch b {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                     UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                    out.append(b)
                default:
                    out += Array(String(format: "%%%02X", b).utf8)
                }
            }
            return out
        }
        var out: [UInt8] = []
        for (i, (k, v)) in fields.enumerated() {
            if i > 0 { out.append(UInt8(ascii: "&")) }
            out += enc(k) + [UInt8(ascii: "=")] + enc(v)
        }
        return out
    }

    @discardableResult
    func postForm(_ b: Browser, _ path: String, _ fields: [(String, String)], csrf: String, what: String,
                  file: StaticString = #filePath, line: UInt = #line) async throws -> Browser.Result {
        try await send(b, .POST, path, body: Self.formEncode(fields + [("_csrf", csrf)]), contentType: "application/x-www-form-urlencoded",
                       what: what, file: file, line: line)
    }

    @discardableResult
    func get(_ b: Browser, _ path: String, what: String, file: StaticString = #filePath, line: UInt = #line) async throws -> Browser.Result {
        try await send(b, .GET, path, body: nil, contentType: nil, what: what, file: file, line: line)
    }

    @discardableResult
    func api(_ method: HTTPMethod, _ path: String, json: Any? = nil, raw: [UInt8]? = nil, what: String,
             file: StaticString = #filePath, line: UInt = #line) async throws -> Browser.Result {
        var headers = HTTPHeaders()
        headers.bearerAuthorization = BearerAuthorization(token: token)
        var body = raw
        if body == nil, let json { body = Array(try JSONSerialization.data(withJSONObject: json)) }
        let r = try await send(Browser(app), method, path, body: body, contentType: body == nil ? nil : "application/json",
                               headers: headers, what: what, file: file, line: line)
        if r.status.code >= 400 {
            XCTAssertEqual(r.headers.first(name: .contentType), "application/problem+json; charset=utf-8",
                           "\(what): errors are problems", file: file, line: line)
        }
        return r
    }

    func signedIn(_ email: String) async throws -> (Browser, String) {
        let b = Browser(app)
        try await get(b, SiteRoute.signIn.path, what: "sign-in form")
        let r = try await postForm(b, SiteRoute.signIn.path, [("email", email), ("password", Self.password)],
                                   csrf: try XCTUnwrap(b.csrfToken), what: "sign in as \(email)")
        XCTAssertEqual(r.status, .seeOther)
        try await get(b, SiteRoute.caseload.path, what: "caseload")
        return (b, try XCTUnwrap(b.csrfToken))
    }

    // MARK: - Checks on answers

    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    /// Text accepted must come back with exactly the bytes that were sent.
    func assertStored(_ stored: String?, _ sent: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        if let stored, Self.bytes(stored) == Self.bytes(sent) {
            Stats.shared.add { $0.storedExactly += 1 }
        } else {
            XCTFail("\(what): stored \(String(reflecting: stored.map { String($0.prefix(80)) })) for sent \(String(reflecting: String(sent.prefix(80))))",
                    file: file, line: line)
        }
    }

    /// A refused form names the field: its link in the error summary and its own message.
    func assertNamesField(_ r: Browser.Result, _ field: String, _ what: String, status: HTTPStatus = .unprocessableEntity,
                          file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(r.status, status, "\(what)", file: file, line: line)
        XCTAssertTrue(r.body.contains("href=\"#\(field)\""), "\(what): the error summary links to \(field)", file: file, line: line)
        XCTAssertTrue(r.body.contains("id=\"\(field)-error\""), "\(what): \(field) carries its message", file: file, line: line)
        Stats.shared.add { $0.refused += 1 }
    }

    /// A refused API call is a 422 problem listing the field (with the expected code, if given).
    func assertProblemNames(_ r: Browser.Result, _ field: String, code: FieldError.Code? = nil, _ what: String,
                            file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(r.status, .unprocessableEntity, "\(what): \(r.body.prefix(300))", file: file, line: line)
        guard let problem = try? JSONDecoder().decode(ProblemDTO.self, from: Data(r.body.utf8)) else {
            return XCTFail("\(what): not a problem: \(r.body.prefix(300))", file: file, line: line)
        }
        let named = problem.errors?.filter { $0.field == field } ?? []
        XCTAssertFalse(named.isEmpty, "\(what): the problem names \(field): \(r.body.prefix(300))", file: file, line: line)
        if let code { XCTAssertTrue(named.contains { $0.code == code.rawValue }, "\(what): \(code) expected: \(r.body.prefix(300))", file: file, line: line) }
        XCTAssertTrue(named.allSatisfy { !$0.message.isEmpty && !$0.message.contains("⟦") }, "\(what): a real message", file: file, line: line)
        Stats.shared.add { $0.refused += 1 }
    }

    /// The form came back with exactly what was typed in `field` (input value or textarea text).
    func assertEchoed(_ html: String, field: String, _ value: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let shown = HTMLScan.fieldValue(html, name: field) else {
            return XCTFail("\(what): no field \(field) on the page", file: file, line: line)
        }
        XCTAssertEqual(Self.bytes(shown.value), Self.bytes(value), "\(what): \(field) shows what was typed", file: file, line: line)
    }

    /// Accepted text shows on a page, escaped: each of its lines, as text or as an attribute.
    func assertShown(_ html: String, _ value: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        let page = Self.bytes(html)
        // Lines as the page breaks them: at "\n", and at "\r\n" or "\r" as browsers send them.
        let lines = value.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n").components(separatedBy: "\n")
        for l in lines where !l.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            let text = Self.bytes(HTMLScan.escapeText(l)), attribute = Self.bytes(HTMLScan.escapeAttribute(l))
            XCTAssertTrue(HTMLScan.contains(page, text) || HTMLScan.contains(page, attribute),
                          "\(what): \(String(reflecting: String(l.prefix(60)))) is not on the page, escaped", file: file, line: line)
        }
    }

    // MARK: - The scanner itself

    /// The reflection check is only worth something if it sees what a browser would run.
    func testTheScannerSeesWhatABrowserWouldRunAndPassesWhatIsEscaped() {
        let unsafe = [
            "<p><script>alert(1)</script></p>", "<input value=\"\"><img src=x onerror=alert(1)>\">",
            "<input value='' onmouseover='x'>", "<a href=\" javascript:alert(1)\">x</a>", "<textarea></textarea><script>x</script></textarea>",
            "<title></title><script>alert(1)</script></title>", "<p><svg/onload=alert(1)></p>", "<div ONCLICK=x>",
        ]
        for html in unsafe { XCTAssertFalse(HTMLScan.dangers(html).isEmpty, html) }
        let safe = Self.corpus.map(\.text).map { t in
            "<title>\(HTMLScan.escapeText(t))</title><input value=\"\(HTMLScan.escapeAttribute(t))\"><textarea>\(HTMLScan.escapeText(t))</textarea><p>\(HTMLScan.escapeText(t))</p>"
        }
        for html in safe { XCTAssertEqual(HTMLScan.dangers(html), [], html) }
        for t in Self.corpus.map(\.text) {
            let html = "<form action=\"/x\"><input name=\"a\" value=\"\(HTMLScan.escapeAttribute(t))\"><textarea name=\"b\">\n\(HTMLScan.escapeText(t))</textarea></form>"
            XCTAssertEqual(HTMLScan.fieldValue(html, name: "a").map { Array($0.value.utf8) }, Array(t.utf8))
            XCTAssertEqual(HTMLScan.fieldValue(html, name: "b").map { Array($0.value.utf8) }, Array(t.utf8))
        }
    }

    // MARK: - Coverage of the route table

    static let formsCovered: Set<String> = [
        "/sign-in", "/sign-out", "/sign-in/code", "/account/second-factor", "/account/password", "/people/search", "/people/new", "/people/{personID}/edit",
        "/people/{personID}/conversations/new", "/people/{personID}/conversations/{conversationID}/edit",
        "/people/{personID}/break-glass", "/people/{personID}/restriction",
        "/people/{personID}/plan/start", "/people/{personID}/plan/{section}", "/people/{personID}/plan/{section}/new",
        "/people/{personID}/plan/{section}/{itemID}", "/people/{personID}/plan/{section}/{itemID}/remove", "/quality/plans/{personID}",
    ]
    static let apiWritesCovered: Set<String> = [
        "POST /api/v1/people", "POST /api/v1/people/search", "PUT /api/v1/people/{personID}",
        "POST /api/v1/people/{personID}/conversations", "PUT /api/v1/conversations/{conversationID}",
        "PUT /api/v1/people/{personID}/plan",
    ]

    func testEveryFormAndAPIWriteIsCovered() {
        let forms = Set(Endpoints.all.filter { $0.method == .POST && !$0.route.path.hasPrefix("/api/") }.map(\.route.openAPIPath))
        XCTAssertEqual(forms, Self.formsCovered, "a form was added or removed: send the hostile corpus to it here")
        let writes = Set(Endpoints.all.filter { [.POST, .PUT, .PATCH, .DELETE].contains($0.method) && $0.route.path.hasPrefix("/api/") }
            .map { "\($0.method.rawValue) \($0.route.openAPIPath)" })
        XCTAssertEqual(writes, Self.apiWritesCovered, "an API write was added or removed: send the hostile corpus to it here")
    }

    // MARK: - Sign-in and sign-out

    func testSignInNeverSignsInReflectsOrFailsOnHostileInput() async throws {
        let b = Browser(app)
        try await get(b, SiteRoute.signIn.path, what: "sign-in form")
        let csrf = try XCTUnwrap(b.csrfToken)
        for s in Self.corpus + [Sample("very long", String(repeating: "ŵ", count: 10_000))] {
            let what = "sign-in email: \(s.label)"
            let r = try await postForm(b, SiteRoute.signIn.path, [("email", s.text), ("password", "not the password")], csrf: csrf, what: what)
            // Refused, or throttled once too many have failed: either way the form, naming the email.
            assertNamesField(r, "email", what, status: r.status == .tooManyRequests ? .tooManyRequests : .unprocessableEntity)
            assertEchoed(r.body, field: "email", s.text, what)

            let p = try await postForm(b, SiteRoute.signIn.path, [("email", "nia@example.org"), ("password", s.text)], csrf: csrf,
                                       what: "sign-in password: \(s.label)")
            XCTAssertTrue(p.status == .unprocessableEntity || p.status == .tooManyRequests, "sign-in password: \(s.label): \(p.status)")
            XCTAssertEqual(HTMLScan.fieldValue(p.body, name: "password")?.value, "", "a password is never shown again")
        }
    }

    /// After sign-in the user goes back where they were, but only ever to a path on this site.
    func testSignInReturnsOnlyToAPathOnThisSite() async throws {
        let redirects = ["//evil.example", "/\t/evil.example", "/\r\n/evil.example", "/\n/evil.example", "/\\evil.example",
                         "https://evil.example", "/%2F%2Fevil.example", "/people?x=<script>alert(1)</script>",
                         "/\u{0000}/evil.example", " /evil", "/\u{000B}/evil.example", "/caseload"]
        for next in Self.corpus.map(\.text) + redirects {
            let b = Browser(app)
            try await get(b, SiteRoute.signIn.path, what: "sign-in form")
            let csrf = try XCTUnwrap(b.csrfToken)
            // Refused first: the next path travels in a hidden field, escaped.
            let refused = try await postForm(b, SiteRoute.signIn.path, [("email", "nia@example.org"), ("password", ""), ("next", next)],
                                             csrf: csrf, what: "sign-in next, refused: \(String(reflecting: next))")
            if let kept = HTMLScan.fieldValue(refused.body, name: "next")?.value {
                XCTAssertTrue(Self.isLocalPath(kept), "a hidden next of \(String(reflecting: kept)) would leave the site")
            }
            let r = try await postForm(b, SiteRoute.signIn.path, [("email", "nia@example.org"), ("password", Self.password), ("next", next)],
                                       csrf: csrf, what: "sign-in next: \(String(reflecting: next))")
            XCTAssertEqual(r.status, .seeOther, String(reflecting: next))
            let location = r.location ?? ""
            XCTAssertTrue(Self.isLocalPath(location), "next \(String(reflecting: next)) sent the browser to \(String(reflecting: location))")
        }
        // Sign-out with a hostile token is refused as an expired form, and nothing is echoed.
        let (b, _) = try await signedIn("nia@example.org")
        for s in Self.corpus {
            let r = try await send(b, .POST, SiteRoute.signOut.path, body: Self.formEncode([("_csrf", s.text)]),
                                   contentType: "application/x-www-form-urlencoded", what: "sign-out csrf: \(s.label)")
            XCTAssertEqual(r.status, .forbidden, "sign-out csrf: \(s.label)")
        }
    }

    /// The second factor: setting it up, and the code asked for at sign-in.
    func testSecondFactorFormsTakeHostileInput() async throws {
        let setup = "/account/second-factor", code = "/sign-in/code"
        let (b, csrf) = try await signedIn("nia@example.org")
        let page = try await get(b, setup, what: "second-factor set-up")
        XCTAssertEqual(page.status, .ok)
        let shown = page.body.components(separatedBy: "class=\"wm-secret\">").dropFirst().first?.prefix { $0 != "<" } ?? ""
        let key = try XCTUnwrap(Base32.decode(String(shown.filter { !$0.isWhitespace })), "the set-up page shows the key")
        XCTAssertFalse(key.isEmpty, "the set-up page shows the key")
        for s in Self.corpus {
            let r = try await postForm(b, setup, [("code", s.text)], csrf: csrf, what: "second-factor set-up code: \(s.label)")
            assertNamesField(r, "code", "second-factor set-up code: \(s.label)")
        }
        let on = try await postForm(b, setup, [("code", TOTP.code(secret: key, at: Date()))], csrf: csrf, what: "second factor on")
        XCTAssertEqual(on.status, .seeOther)

        // With the right code, the browser still goes back only to a path on this site.
        for next in ["/\t/evil.example", "//evil.example", "javascript:alert(1)", "/people?<script>alert(1)</script>"] {
            let c = Browser(app)
            try await get(c, SiteRoute.signIn.path, what: "sign-in form")
            let first = try await postForm(c, SiteRoute.signIn.path, [("email", "nia@example.org"), ("password", Self.password), ("next", next)],
                                           csrf: try XCTUnwrap(c.csrfToken), what: "sign-in before the code")
            XCTAssertEqual(first.location?.hasPrefix(code), true, "the code is asked for")
            try await get(c, first.location ?? code, what: "code form")
            let r = try await postForm(c, code, [("code", TOTP.code(secret: key, at: Date())), ("next", next)], csrf: try XCTUnwrap(c.csrfToken),
                                       what: "code with next \(String(reflecting: next))")
            XCTAssertEqual(r.status, .seeOther)
            XCTAssertTrue(Self.isLocalPath(r.location ?? ""), "next \(String(reflecting: next)) sent the browser to \(String(reflecting: r.location))")
        }
        // Wrong codes: refused (or throttled), naming the field, and never a sign-in.
        let c = Browser(app)
        try await get(c, SiteRoute.signIn.path, what: "sign-in form")
        try await postForm(c, SiteRoute.signIn.path, [("email", "nia@example.org"), ("password", Self.password)],
                           csrf: try XCTUnwrap(c.csrfToken), what: "sign-in before the code")
        try await get(c, code, what: "code form")
        let ccsrf = try XCTUnwrap(c.csrfToken)
        for s in Self.corpus {
            let r = try await postForm(c, code, [("code", s.text), ("next", s.text)], csrf: ccsrf, what: "sign-in code: \(s.label)")
            assertNamesField(r, "code", "sign-in code: \(s.label)", status: r.status == .tooManyRequests ? .tooManyRequests : .unprocessableEntity)
        }
        let still = try await get(c, SiteRoute.caseload.path, what: "caseload after wrong codes")
        XCTAssertEqual(still.status, .seeOther, "wrong codes never sign anyone in")
    }

    /// A path a browser would keep on this site: no control characters (a browser drops tabs
    /// and newlines, which would turn "/\t/evil" into "//evil"), no "//" or "/\" start.
    static func isLocalPath(_ s: String) -> Bool {
        guard !s.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return false }
        return s.hasPrefix("/") && !s.hasPrefix("//") && !s.hasPrefix("/\\")
    }

    // MARK: - Search

    func testSearchFormAndAPITakeAnyTextAndMatchOnlyNames() async throws {
        let p = try await person("Gwenllïan Ŵyn")
        let (b, csrf) = try await signedIn("nia@example.org")
        try await get(b, SiteRoute.people.path, what: "people")
        let query = TextField(name: "query", limit: Limits.name, required: true)
        for s in Self.samples(limit: Limits.name) {
            let what = "search form: \(s.label)"
            let r = try await postForm(b, SiteRoute.peopleSearch.path, [("query", s.text)], csrf: csrf, what: what)
            if s.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || s.text.count > Limits.name {
                assertNamesField(r, "query", what)
            } else {
                XCTAssertEqual(r.status, .ok, what)
                XCTAssertFalse(r.body.contains("Gwenllïan Ŵyn") && !NameSearch.matches(query: s.text, name: p.details.name),
                               "\(what): an SQL fragment or wildcard matched a name")
            }
            assertEchoed(r.body, field: "query", s.text, what)

            let a = try await api(.POST, SiteRoute.api(.peopleSearch).path, json: ["query": s.text], what: "search API: \(s.label)")
            if let code = Self.refusal(s.text, query) {
                assertProblemNames(a, "query", code: code, "search API: \(s.label)")
            } else {
                XCTAssertEqual(a.status, .ok, "search API: \(s.label)")
                let page = try JSONDecoder().decode(PageDTO<PersonDTO>.self, from: Data(a.body.utf8))
                XCTAssertEqual(page.items.contains { $0.id == p.id }, NameSearch.matches(query: s.text, name: p.details.name),
                               "search API: \(s.label) matches names only")
            }
        }
    }

    // MARK: - People: forms and API

    func personForm(_ override: (String, String)? = nil) -> [(String, String)] {
        var fields = [("name", "Ann Evans"), ("dateOfBirth", "1950-01-02"), ("service", "adults"), ("teamID", adults.id.uuidString),
                      ("allocatedWorkerID", practitioner.id.uuidString), ("preferredLanguage", "cy"),
                      ("activeOfferMadeOn", "2025-03-01"), ("activeOfferMadeBy", "Nia"), ("communicationNeeds", "")]
        if let (k, v) = override, let i = fields.firstIndex(where: { $0.0 == k }) { fields[i].1 = v }
        return fields
    }

    static func textOf(_ p: PersonDetails, _ field: String) -> String? {
        switch field {
        case "name": return p.name
        case "activeOfferMadeBy": return p.activeOfferMadeBy
        case "communicationNeeds": return p.communicationNeeds
        default: return nil
        }
    }

    static func personID(fromLocation location: String?) -> UUID? {
        guard let path = location?.split(separator: "?").first else { return nil }
        return UUID(uuidString: String(path.split(separator: "/").last ?? ""))
    }

    func testPersonFormsStoreTextExactlyAndNeverReflectIt() async throws {
        let (b, csrf) = try await signedIn("nia@example.org")
        let existing = try await person("Ann Edit")
        for f in Self.personText {
            for s in Self.samples(limit: f.limit) {
                for editing in [false, true] {
                    let what = "\(editing ? "edit" : "add") person, \(f.name): \(s.label)"
                    let path = editing ? SiteRoute.personEdit(existing.id).path : SiteRoute.personNew.path
                    var fields = personForm((f.name, s.text))
                    if editing { fields.append(("version", String(try await app.store.person(existing.id)!.version))) }
                    let r = try await postForm(b, path, fields, csrf: csrf, what: what)
                    if let code = Self.refusal(s.text, f) {
                        assertNamesField(r, f.name, what)
                        XCTAssertTrue(r.body.contains(Localizer(.en).message(FieldError(f.name, code, limit: f.limit))), "\(what): says why")
                        assertEchoed(r.body, field: f.name, s.text, what)
                        continue
                    }
                    XCTAssertEqual(r.status, .seeOther, "\(what): \(r.body.prefix(200))")
                    guard let id = Self.personID(fromLocation: r.location) else { XCTFail("\(what): no person in \(r.location ?? "")"); continue }
                    Stats.shared.add { $0.accepted += 1 }
                    assertStored(try await app.store.person(id).flatMap { Self.textOf($0.details, f.name) }, s.text, what)
                    // The page and the edit form, once per text (an edit shows the same way as an add).
                    if !editing {
                        let page = try await get(b, SiteRoute.person(id).path, what: "\(what): person page")
                        XCTAssertEqual(page.status, .ok)
                        assertShown(page.body, s.text, "\(what): person page")
                        let form = try await get(b, SiteRoute.personEdit(id).path, what: "\(what): edit form")
                        assertEchoed(form.body, field: f.name, s.text, "\(what): edit form")
                    }
                }
            }
        }
        // Choices, dates and ids: anything hostile is refused, naming the field.
        for field in Self.personChoices {
            for s in Self.choiceSamples {
                let what = "add person, \(field): \(s.label)"
                let r = try await postForm(b, SiteRoute.personNew.path, personForm((field, s.text)), csrf: csrf, what: what)
                if r.status == .seeOther {
                    XCTAssertTrue(s.text.trimmingCharacters(in: .whitespaces).isEmpty, "\(what): accepted")
                } else {
                    assertNamesField(r, field, what)
                }
            }
        }
        // Every list that shows names, with all of the above in it.
        for path in [SiteRoute.people.path, SiteRoute.caseload.path, SiteRoute.team(adults.id).path, SiteRoute.subjectAccess(existing.id).path] {
            let r = try await get(b, path, what: "list \(path)")
            XCTAssertEqual(r.status, .ok, path)
        }
        let (m, _) = try await signedIn("mair@example.org")
        for path in [SiteRoute.person(existing.id).path, SiteRoute.team(adults.id).path, SiteRoute.subjectAccess(existing.id).path] {
            let r = try await get(m, path, what: "manager's \(path)")
            XCTAssertEqual(r.status, .ok, path)
        }
    }

    func personJSON(_ override: (String, Any)? = nil, version: Int? = nil) -> [String: Any] {
        var body: [String: Any] = ["name": "Ann Evans", "dateOfBirth": "1950-01-02", "service": "adults", "teamID": adults.id.uuidString,
                                   "allocatedWorkerID": practitioner.id.uuidString, "preferredLanguage": "cy",
                                   "activeOfferMadeOn": "2025-03-01", "activeOfferMadeBy": "Nia", "communicationNeeds": ""]
        if let (k, v) = override { body[k] = v }
        if let version { body["version"] = version }
        return body
    }

    func testPeopleAPIStoresTextExactlyAndNamesEveryRefusedField() async throws {
        let existing = try await person("Ann Edit")
        var version = existing.version
        for f in Self.personText {
            for s in Self.samples(limit: f.limit) {
                for editing in [false, true] {
                    let what = "\(editing ? "PUT" : "POST") person, \(f.name): \(s.label)"
                    let r = editing
                        ? try await api(.PUT, SiteRoute.api(.person(existing.id)).path, json: personJSON((f.name, s.text), version: version), what: what)
                        : try await api(.POST, SiteRoute.api(.people).path, json: personJSON((f.name, s.text)), what: what)
                    if let code = Self.refusal(s.text, f) {
                        assertProblemNames(r, f.name, code: code, what)
                        continue
                    }
                    XCTAssertEqual(r.status, editing ? .ok : .created, "\(what): \(r.body.prefix(300))")
                    guard let dto = try? JSONDecoder.api.decode(PersonDTO.self, from: Data(r.body.utf8)) else { XCTFail(what); continue }
                    Stats.shared.add { $0.accepted += 1 }
                    if editing { version = dto.version }
                    let answered = [dto.name, dto.activeOfferMadeBy, dto.communicationNeeds][Self.personText.firstIndex { $0.name == f.name }!]
                    assertStored(answered, s.text, "\(what): the answer")
                    let read = try await api(.GET, SiteRoute.api(.person(dto.id)).path, what: "\(what): read back")
                    let back = try JSONDecoder.api.decode(PersonDTO.self, from: Data(read.body.utf8))
                    assertStored([back.name, back.activeOfferMadeBy, back.communicationNeeds][Self.personText.firstIndex { $0.name == f.name }!],
                                 s.text, "\(what): read back")
                    assertStored(try await app.store.person(dto.id).flatMap { Self.textOf($0.details, f.name) }, s.text, "\(what): the store")
                }
            }
        }
        for field in Self.personChoices {
            for s in Self.choiceSamples where !s.text.isEmpty {
                let what = "POST person, \(field): \(s.label)"
                let r = try await api(.POST, SiteRoute.api(.people).path, json: personJSON((field, s.text)), what: what)
                assertProblemNames(r, field, what)
            }
        }
        // Text where text belongs, and nothing else: each wrong type is named.
        for (field, value) in [("name", ["<script>alert(1)</script>"]), ("name", ["a": 1]), ("communicationNeeds", 42),
                               ("activeOfferMadeBy", true), ("name", NSNull())] as [(String, Any)] {
            let r = try await api(.POST, SiteRoute.api(.people).path, json: personJSON((field, value)), what: "POST person, \(field) of the wrong type")
            assertProblemNames(r, field, "POST person, \(field) of the wrong type")
        }
    }

    // MARK: - Conversations: forms and API

    func conversationForm(_ override: (String, String)? = nil) -> [(String, String)] {
        var fields = [("date", "2025-03-04"), ("kind", "what-matters"), ("participants", "person"), ("othersPresent", "Siân"),
                      ("language", "cy"), ("whatMatters", "Cael mynd i'r capel"), ("whoseWords", "person"),
                      ("narrative", "Cwrddais â hi gartref."), ("whatHappenedNext", "own-solution")]
        if let (k, v) = override, let i = fields.firstIndex(where: { $0.0 == k }) { fields[i].1 = v }
        return fields
    }

    static func textOf(_ c: ConversationDetails, _ field: String) -> String? {
        switch field {
        case "othersPresent": return c.othersPresent
        case "whatMatters": return c.whatMatters
        case "narrative": return c.narrative
        default: return nil
        }
    }

    func conversationIDs(_ personID: UUID) async throws -> Set<UUID> {
        Set(try await app.store.conversations(personID: personID, page: 1, per: 100_000).items.map(\.id))
    }

    func testConversationFormsStoreTextExactlyAndNeverReflectIt() async throws {
        let (b, csrf) = try await signedIn("nia@example.org")
        let p = try await person("Dafydd ap Llŷr")
        let existing = try await app.store.addConversation(personID: p.id, try conversationInput().validate(today: Day(Date())).get(),
                                                           by: .system("test"))
        for f in Self.conversationText {
            for s in Self.samples(limit: f.limit) {
                for editing in [false, true] {
                    let what = "\(editing ? "edit" : "record") conversation, \(f.name): \(s.label)"
                    // A new conversation goes to a person of its own, so that it is found at once.
                    let owner = editing ? p.id : try await person("Person \(f.name) \(s.label)").id
                    let path = editing ? SiteRoute.conversationEdit(p.id, existing.id).path : SiteRoute.conversationNew(owner).path
                    var fields = conversationForm((f.name, s.text))
                    if editing { fields.append(("version", String(try await app.store.conversation(existing.id)!.version))) }
                    let r = try await postForm(b, path, fields, csrf: csrf, what: what)
                    if let code = Self.refusal(s.text, f) {
                        assertNamesField(r, f.name, what)
                        XCTAssertTrue(r.body.contains(Localizer(.en).message(FieldError(f.name, code, limit: f.limit))), "\(what): says why")
                        assertEchoed(r.body, field: f.name, s.text, what)
                        continue
                    }
                    XCTAssertEqual(r.status, .seeOther, "\(what): \(r.body.prefix(200))")
                    let id = editing ? existing.id : try await conversationIDs(owner).first
                    guard let id else { XCTFail("\(what): nothing recorded"); continue }
                    Stats.shared.add { $0.accepted += 1 }
                    assertStored(try await app.store.conversation(id).flatMap { Self.textOf($0.details, f.name) }, s.text, what)
                    // The page and the edit form, once per text (an edit shows the same way as a new one).
                    if !editing {
                        let page = try await get(b, SiteRoute.conversation(owner, id).path, what: "\(what): conversation page")
                        XCTAssertEqual(page.status, .ok)
                        assertShown(page.body, s.text, "\(what): conversation page")
                        let form = try await get(b, SiteRoute.conversationEdit(owner, id).path, what: "\(what): edit form")
                        assertEchoed(form.body, field: f.name, s.text, "\(what): edit form")
                    }
                }
            }
        }
        for field in Self.conversationChoices {
            for s in Self.choiceSamples {
                let what = "record conversation, \(field): \(s.label)"
                let r = try await postForm(b, SiteRoute.conversationNew(p.id).path, conversationForm((field, s.text)), csrf: csrf, what: what)
                if r.status == .seeOther {
                    XCTAssertTrue(s.text.isEmpty && field == "participants", "\(what): accepted")
                } else {
                    assertNamesField(r, field, what)
                }
            }
        }
        let page = try await get(b, SiteRoute.person(p.id).path, what: "person page with every conversation")
        XCTAssertEqual(page.status, .ok)
        let sar = try await get(b, SiteRoute.subjectAccess(p.id).path, what: "subject access page with every conversation")
        XCTAssertEqual(sar.status, .ok)
    }

    func conversationInput() -> ConversationInput {
        ConversationInput(date: "2025-03-04", kind: "what-matters", participants: ["person"], othersPresent: "", language: "cy",
                          whatMatters: "Cael mynd i'r capel", whoseWords: "person", narrative: "", whatHappenedNext: "own-solution")
    }

    func conversationJSON(_ override: (String, Any)? = nil, version: Int? = nil) -> [String: Any] {
        var body: [String: Any] = ["date": "2025-03-04", "kind": "what-matters", "participants": ["person"], "othersPresent": "Siân",
                                   "language": "cy", "whatMatters": "Cael mynd i'r capel", "whoseWords": "person",
                                   "narrative": "Cwrddais â hi gartref.", "whatHappenedNext": "own-solution"]
        if let (k, v) = override { body[k] = v }
        if let version { body["version"] = version }
        return body
    }

    func testConversationAPIStoresTextExactlyAndNamesEveryRefusedField() async throws {
        let p = try await person("Dafydd ap Llŷr")
        let created = try await api(.POST, SiteRoute.api(.conversations(p.id)).path, json: conversationJSON(), what: "a conversation")
        var existing = try JSONDecoder.api.decode(ConversationDTO.self, from: Data(created.body.utf8))
        for f in Self.conversationText {
            for s in Self.samples(limit: f.limit) {
                for editing in [false, true] {
                    let what = "\(editing ? "PUT" : "POST") conversation, \(f.name): \(s.label)"
                    let r = editing
                        ? try await api(.PUT, SiteRoute.api(.conversation(existing.id)).path, json: conversationJSON((f.name, s.text), version: existing.version), what: what)
                        : try await api(.POST, SiteRoute.api(.conversations(p.id)).path, json: conversationJSON((f.name, s.text)), what: what)
                    if let code = Self.refusal(s.text, f) {
                        assertProblemNames(r, f.name, code: code, what)
                        continue
                    }
                    XCTAssertEqual(r.status, editing ? .ok : .created, "\(what): \(r.body.prefix(300))")
                    guard let dto = try? JSONDecoder.api.decode(ConversationDTO.self, from: Data(r.body.utf8)) else { XCTFail(what); continue }
                    Stats.shared.add { $0.accepted += 1 }
                    if editing { existing = dto }
                    let pick: (ConversationDTO) -> String = { [$0.othersPresent, $0.whatMatters, $0.narrative][Self.conversationText.firstIndex { $0.name == f.name }!] }
                    assertStored(pick(dto), s.text, "\(what): the answer")
                    let read = try await api(.GET, SiteRoute.api(.conversation(dto.id)).path, what: "\(what): read back")
                    assertStored(pick(try JSONDecoder.api.decode(ConversationDTO.self, from: Data(read.body.utf8))), s.text, "\(what): read back")
                    assertStored(try await app.store.conversation(dto.id).flatMap { Self.textOf($0.details, f.name) }, s.text, "\(what): the store")
                }
            }
        }
        for field in Self.conversationChoices {
            for s in Self.choiceSamples where !s.text.isEmpty {
                let what = "POST conversation, \(field): \(s.label)"
                let value: Any = field == "participants" ? [s.text] : s.text
                let r = try await api(.POST, SiteRoute.api(.conversations(p.id)).path, json: conversationJSON((field, value)), what: what)
                assertProblemNames(r, field, what)
            }
        }
        let sar = try await api(.GET, SiteRoute.api(.subjectAccess(p.id)).path, what: "subject access with every conversation")
        XCTAssertEqual(sar.status, .ok)
    }

    // MARK: - Break-glass and restriction

    func testBreakGlassReasonAndRestrictionFormsTakeHostileInput() async throws {
        let p = try await person("Elin Ŵyn")
        let (tom, csrf) = try await signedIn("tom@example.org")
        let reason = TextField(name: "reason", limit: Limits.shortText, required: true)
        for s in Self.samples(limit: Limits.shortText) {
            let what = "break-glass reason: \(s.label)"
            let r = try await postForm(tom, SiteRoute.breakGlass(p.id).path, [("reason", s.text), ("password", Self.password)], csrf: csrf, what: what)
            let tooShort = s.text.trimmingCharacters(in: .whitespacesAndNewlines).count < 10
            if tooShort || Self.refusal(s.text, reason) != nil {
                assertNamesField(r, "reason", what)
                assertEchoed(r.body, field: "reason", s.text, what)
                continue
            }
            XCTAssertEqual(r.status, .seeOther, "\(what): \(r.body.prefix(300))")
            Stats.shared.add { $0.accepted += 1 }
            assertStored(try await app.store.breakGlassHistory(personID: p.id).first?.reason, s.text, what)
            let page = try await get(tom, SiteRoute.person(p.id).path, what: "\(what): the record, marked")
            XCTAssertEqual(page.status, .ok)
            assertShown(page.body, s.text, "\(what): the record, marked")
        }
        for s in Self.corpus {
            let r = try await postForm(tom, SiteRoute.breakGlass(p.id).path, [("reason", "Called by the police at night"), ("password", s.text)],
                                       csrf: csrf, what: "break-glass password: \(s.label)")
            assertNamesField(r, "password", "break-glass password: \(s.label)")
            XCTAssertEqual(HTMLScan.fieldValue(r.body, name: "password")?.value, "", "a password is never shown again")
        }

        let (mair, mcsrf) = try await signedIn("mair@example.org")
        let team = try await get(mair, SiteRoute.team(adults.id).path, what: "team page with every break-glass notice")
        XCTAssertEqual(team.status, .ok)
        for s in Self.corpus {
            for fields in [[("restricted", s.text)], [("restricted", "no"), ("named", s.text)], [("restricted", s.text), ("named", s.text)]] {
                let what = "restriction \(fields.map(\.0).joined(separator: "+")): \(s.label)"
                let r = try await postForm(mair, SiteRoute.restriction(p.id).path, fields, csrf: mcsrf, what: what)
                XCTAssertTrue(r.status == .seeOther || r.status == .unprocessableEntity, "\(what): \(r.status)")
            }
        }
        let restricted = try await app.store.person(p.id)?.restricted
        XCTAssertEqual(restricted, false, "only \"yes\" restricts a record")
    }

    // MARK: - Sentences of the string tables

    /// Text a user typed, put into a sentence ("{name} on {when}: {reason}"), is never itself
    /// searched for placeholders, whatever order the values are filled in.
    func testTypedTextIsNeverTakenForAPlaceholder() async throws {
        for locale in Locale2.allCases {
            let t = Localizer(locale)
            for _ in 0..<20 {
                let s = t("breakGlass.entry", ["name": "‹{reason}›", "when": "‹{name}›", "reason": "‹{when}›"])
                for typed in ["‹{reason}›", "‹{name}›", "‹{when}›"] {
                    XCTAssertEqual(s.components(separatedBy: typed).count, 2, "\(locale): \(typed) is shown as typed, once: \(s)")
                }
            }
        }
        let p = try await person("Elin Ŵyn")
        let (tom, csrf) = try await signedIn("tom@example.org")
        let reason = "Called at night {name} {when} {reason}"
        let r = try await postForm(tom, SiteRoute.breakGlass(p.id).path, [("reason", reason), ("password", Self.password)], csrf: csrf,
                                   what: "break-glass with placeholders")
        XCTAssertEqual(r.status, .seeOther)
        for _ in 0..<5 {
            let page = try await get(tom, SiteRoute.person(p.id).path, what: "the record, marked")
            assertShown(page.body, reason, "break-glass reason with placeholders")
        }
    }

    // MARK: - Plans: every form of the plan, found from its own page

    func testPlanFormsAndAPINeverFailOrReflect() async throws {
        let (b, csrf) = try await signedIn("nia@example.org")
        let p = try await person("Gwenllïan Ŵyn")
        let plan: [Sample] = Self.corpus.filter {
            ["script", "attribute breakout, double quote", "attribute breakout, single quote", "textarea breakout", "title breakout",
             "placeholders of the string tables", "entities typed as text", "SQL drop", "NUL", "CRLF", "Welsh, decomposed", "emoji",
             "bidi overrides", "whitespace only"].contains($0.label)
        }
        let start = try await postForm(b, SiteRoute.plan(p.id, .start).path, [("conversationID", "<script>alert(1)</script>")],
                                       csrf: csrf, what: "start a plan from a hostile conversation id")
        XCTAssertTrue([404, 422, 400].contains(start.status.code), "start a plan: \(start.status)")
        let started = try await postForm(b, SiteRoute.plan(p.id, .start).path, [], csrf: csrf, what: "start a plan")
        XCTAssertEqual(started.status, .seeOther)

        var formsSeen = 0, removalsSeen = 0
        for section in PlanSection.allCases {
            let path = SiteRoute.plan(p.id, section.isList ? .newItem(section) : .part(section)).path
            let empty = try await get(b, path, what: "plan form \(section)")
            guard empty.status == .ok, let form = HTMLScan.form(empty.body, action: path) else { continue }
            formsSeen += 1
            // Each text in every text field of the form at once (plans are slow to save: keep it lean).
            let textFields = form.textFields
            for s in plan {
                let fresh = try await get(b, path, what: "plan form \(section)")
                guard let current = HTMLScan.form(fresh.body, action: path) else { XCTFail("plan form \(section) is gone"); break }
                let fields = current.filled().filter { $0.0 != "_csrf" }.map { textFields.contains($0.0) ? ($0.0, s.text) : $0 }
                let what = "plan \(section), \(textFields.joined(separator: "+")): \(s.label)"
                let r = try await postForm(b, path, fields, csrf: csrf, what: what)
                if r.status == .unprocessableEntity {
                    XCTAssertTrue(r.body.contains("govuk-error-message"), "\(what): refused without saying why")
                    for field in textFields {
                        if let shown = HTMLScan.fieldValue(r.body, name: field) {
                            XCTAssertEqual(Self.bytes(shown.value), Self.bytes(s.text), "\(what): \(field) keeps what was typed")
                        }
                    }
                    Stats.shared.add { $0.refused += 1 }
                } else {
                    XCTAssertEqual(r.status, .seeOther, "\(what): \(r.status)")
                    Stats.shared.add { $0.accepted += 1 }
                }
            }
            // Items, once saved, have forms of their own.
            let page = try await get(b, SiteRoute.plan(p.id, .page).path, what: "plan page")
            for href in HTMLScan.links(page.body) where href.hasPrefix(SiteRoute.plan(p.id, .page).path + "/\(section.rawValue)/")
                && !href.hasSuffix("/new") && !href.contains("?") {
                let item = try await get(b, href, what: "plan item form \(href)")
                guard item.status == .ok, let form = HTMLScan.form(item.body, action: href) else { continue }
                var fields = form.filled().filter { $0.0 != "_csrf" }
                if let field = form.textFields.first, let i = fields.firstIndex(where: { $0.0 == field }) {
                    fields[i].1 = "</textarea><script>x</script> \"><img src=x onerror=alert(1)>"
                    let r = try await postForm(b, href, fields, csrf: csrf, what: "plan item \(href)")
                    XCTAssertTrue(r.status == .seeOther || r.status == .unprocessableEntity || r.status == .conflict, "plan item \(href): \(r.status)")
                }
                // Removing it: the confirmation quotes its (hostile) words; a hostile version is refused.
                let remove = href + "/remove"
                if section.removable != nil, try await get(b, href, what: "plan item form \(href)").body.contains("href=\"\(remove)\"") {
                    let confirm = try await get(b, remove, what: "remove \(href)")
                    XCTAssertEqual(confirm.status, .ok, "remove \(href)")
                    removalsSeen += 1
                    for s in plan.prefix(6) {
                        let r = try await postForm(b, remove, [("version", s.text)], csrf: csrf, what: "remove \(href), version: \(s.label)")
                        XCTAssertTrue([400, 409].contains(r.status.code), "remove \(href), version \(s.label): \(r.status)")
                    }
                }
                break
            }
        }
        XCTAssertGreaterThan(formsSeen, 3, "the plan's forms were found")
        XCTAssertGreaterThan(removalsSeen, 3, "removing an item was found from its change page")
        for route in [PlanRoute.page, .print, .versions, .version(1)] {
            let r = try await get(b, SiteRoute.plan(p.id, route).path, what: "plan \(route)")
            XCTAssertEqual(r.status, .ok, "plan \(route)")
        }

        // The plan document through the API: text stored as sent, never a 5xx.
        for s in plan + [Sample("long", String(repeating: "ŵ", count: 60_001))] {
            let doc: [String: Any] = ["format": "whatmatters.plan/1", "id": p.id.uuidString.lowercased(), "service": "adults", "language": "cy",
                                      "whatMatters": s.text]
            let r = try await api(.PUT, SiteRoute.api(.plan(p.id)).path, json: doc, what: "PUT plan whatMatters: \(s.label)")
            guard r.status == .ok else {
                XCTAssertTrue([400, 409, 422].contains(r.status.code), "PUT plan: \(s.label): \(r.status)")
                if r.status.code == 422 { Stats.shared.add { $0.refused += 1 } }
                continue
            }
            Stats.shared.add { $0.accepted += 1 }
            let read = try await api(.GET, SiteRoute.api(.plan(p.id)).path, what: "GET plan: \(s.label)")
            let object = try JSONSerialization.jsonObject(with: Data(read.body.utf8)) as? [String: Any]
            assertStored(object?["whatMatters"] as? String, s.text, "plan whatMatters through the API: \(s.label)")
        }
        let page = try await get(b, SiteRoute.plan(p.id, .page).path, what: "plan page after the API")
        XCTAssertEqual(page.status, .ok)
    }

    // MARK: - Quality: moderating a plan's verdicts

    func testModerationFormTakesHostileInput() async throws {
        _ = try await Accounts.addUser(app, email: "gwen@example.org", name: "Gwen Quality", role: .qualityLead,
                                       teamNames: [adults.name], password: Self.password)
        let p = try await person("Gwenllïan Ŵyn")
        let (nia, ncsrf) = try await signedIn("nia@example.org")
        let started = try await postForm(nia, SiteRoute.plan(p.id, .start).path, [], csrf: ncsrf, what: "start a plan")
        XCTAssertEqual(started.status, .seeOther)
        let (b, csrf) = try await signedIn("gwen@example.org")
        let path = "/quality/plans/\(p.id.uuidString)"
        let empty = try await get(b, path, what: "moderation form")
        XCTAssertEqual(empty.status, .ok)
        let form = try XCTUnwrap(HTMLScan.form(empty.body, action: path), "the moderation form")
        let comment = try XCTUnwrap(form.textFields.first, "a comment field")
        let verdicts = Set(form.fields.filter { $0.kind == "radio" }.map(\.name)).sorted()
        let verdict = try XCTUnwrap(verdicts.first, "verdict radios")
        /// The form as a browser has it now (each carries a fresh one-time token, so that a repeated
        /// post saves nothing twice), every criterion judged with its first real verdict, the
        /// comment and verdict as given.
        func fields(comment c: String? = nil, verdict v: String? = nil) async throws -> [(String, String)] {
            let page = try await get(b, path, what: "moderation form")
            let form = try XCTUnwrap(HTMLScan.form(page.body, action: path), "the moderation form")
            return form.filled().filter { $0.0 != "_csrf" }.map { name, value in
                if name == comment, let c { return (name, c) }
                if verdicts.contains(name) {
                    if name == verdict, let v { return (name, v) }
                    return (name, form.fields.first { $0.name == name && $0.kind == "radio" && !$0.value.isEmpty }?.value ?? value)
                }
                return (name, value)
            }
        }
        let limit = TextField(name: comment, limit: 2_000, required: false)
        // The moderation page is slow to draw (it reviews the plan), and each post needs it fresh.
        let texts = Self.choiceSamples + Self.samples(limit: 2_000).suffix(4) + Self.corpus.filter {
            ["textarea breakout", "title breakout", "placeholders of the string tables", "entities typed as text", "leading newline"].contains($0.label)
        }
        for s in texts {
            let what = "moderation \(comment): \(s.label)"
            let r = try await postForm(b, path, try await fields(comment: s.text), csrf: csrf, what: what)
            if Self.refusal(s.text, limit) != nil {
                assertNamesField(r, comment, what)
                assertEchoed(r.body, field: comment, s.text, what)
                continue
            }
            XCTAssertEqual(r.status, .seeOther, "\(what): \(r.status)")
            Stats.shared.add { $0.accepted += 1 }
            let page = try await get(b, path, what: "\(what): moderation page")
            assertShown(page.body, s.text, "\(what): moderation page")
        }
        for s in Self.choiceSamples.prefix(6) where !s.text.isEmpty {
            let what = "moderation \(verdict): \(s.label)"
            let r = try await postForm(b, path, try await fields(verdict: s.text), csrf: csrf, what: what)
            assertNamesField(r, verdict, what)
        }
        for route in [SiteRoute.qualityAudit.path, SiteRoute.qualityExport.path] {
            try await get(b, route, what: "quality \(route) with every comment")
        }
    }

    // MARK: - Bytes that are not UTF-8, and bodies that are not what they say

    /// A browser decodes a form body as the WHATWG URL standard says: bytes that are not UTF-8
    /// become U+FFFD. Whatever is stored is exactly that, and nothing fails.
    func testFormsTakeInvalidUTF8AsReplacementCharacters() async throws {
        let (b, csrf) = try await signedIn("nia@example.org")
        let p = try await person("Ann Evans")
        for (label, seq) in Self.invalidUTF8 {
            let typed = Array("Ann ".utf8) + seq + Array(" x".utf8)
            let expected = String(decoding: typed, as: UTF8.self)
            for encoded in [true, false] {
                let what = "\(label), \(encoded ? "percent-encoded" : "raw")"
                func body(_ fields: [(String, String)], hostile: String) -> [UInt8] {
                    var out = Self.formEncode(fields.filter { $0.0 != hostile } + [("_csrf", csrf)])
                    out += Array("&\(hostile)=".utf8) + (encoded ? Self.formEncodeBytes([([], typed)]).dropFirst() : typed[...])
                    return out
                }
                let created = try await send(b, .POST, SiteRoute.personNew.path, body: body(personForm(), hostile: "name"),
                                             contentType: "application/x-www-form-urlencoded", what: "add person, name: \(what)")
                if created.status == .seeOther, let id = Self.personID(fromLocation: created.location) {
                    Stats.shared.add { $0.accepted += 1 }
                    assertStored(try await app.store.person(id)?.details.name, expected, "add person, name: \(what)")
                    try await get(b, SiteRoute.person(id).path, what: "person page: \(what)")
                } else {
                    XCTAssertTrue((400..<500).contains(created.status.code), "add person: \(what): \(created.status)")
                }
                let before = try await conversationIDs(p.id)
                let said = try await send(b, .POST, SiteRoute.conversationNew(p.id).path, body: body(conversationForm(), hostile: "whatMatters"),
                                          contentType: "application/x-www-form-urlencoded", what: "record conversation: \(what)")
                if said.status == .seeOther, let id = try await conversationIDs(p.id).subtracting(before).first {
                    Stats.shared.add { $0.accepted += 1 }
                    assertStored(try await app.store.conversation(id)?.details.whatMatters, expected, "record conversation: \(what)")
                } else {
                    XCTAssertTrue((400..<500).contains(said.status.code), "record conversation: \(what): \(said.status)")
                }
                for (path, field) in [(SiteRoute.peopleSearch.path, "query"), (SiteRoute.breakGlass(p.id).path, "reason")] {
                    let r = try await send(b, .POST, path, body: body([], hostile: field), contentType: "application/x-www-form-urlencoded",
                                           what: "\(path) \(field): \(what)")
                    XCTAssertLessThan(r.status.code, 500)
                }
            }
        }
        let anon = Browser(app)
        try await get(anon, SiteRoute.signIn.path, what: "sign-in form")
        let anonCSRF = try XCTUnwrap(anon.csrfToken)
        for (label, seq) in Self.invalidUTF8 {
            let r = try await send(anon, .POST, SiteRoute.signIn.path,
                                   body: Self.formEncode([("_csrf", anonCSRF), ("password", "x")]) + Array("&email=".utf8) + seq,
                                   contentType: "application/x-www-form-urlencoded", what: "sign-in email: \(label)")
            XCTAssertTrue(r.status == .unprocessableEntity || r.status == .tooManyRequests, "sign-in email \(label): \(r.status)")
            XCTAssertTrue(r.body.contains("id=\"email-error\""), "sign-in email \(label): names the field")
        }
    }

    /// JSON that is not UTF-8 (or not JSON) is a 400 problem, never a 5xx, never stored.
    func testTheAPIRefusesBodiesThatAreNotUTF8JSONWithA400Problem() async throws {
        let p = try await person("Ann Evans")
        let c = try await api(.POST, SiteRoute.api(.conversations(p.id)).path, json: conversationJSON(), what: "a conversation")
        let conversation = try JSONDecoder.api.decode(ConversationDTO.self, from: Data(c.body.utf8))
        let writes: [(HTTPMethod, String, [String: Any], String)] = [
            (.POST, SiteRoute.api(.people).path, personJSON(), "name"),
            (.PUT, SiteRoute.api(.person(p.id)).path, personJSON(), "name"),
            (.POST, SiteRoute.api(.conversations(p.id)).path, conversationJSON(), "whatMatters"),
            (.PUT, SiteRoute.api(.conversation(conversation.id)).path, conversationJSON(), "whatMatters"),
            (.POST, SiteRoute.api(.peopleSearch).path, ["query": "Ann"], "query"),
            (.PUT, SiteRoute.api(.plan(p.id)).path, ["format": "whatmatters.plan/1", "id": p.id.uuidString.lowercased(), "service": "adults",
                                                     "language": "cy", "whatMatters": "Ann"], "whatMatters"),
        ]
        let peopleBefore = try await app.store.people(inTeams: [adults.id], page: 1, per: 10).total
        for (method, path, json, field) in writes {
            var withMarker = json
            withMarker[field] = "XHOSTILEMARKX"
            let text = String(decoding: try JSONSerialization.data(withJSONObject: withMarker), as: UTF8.self)
            let parts = text.components(separatedBy: "XHOSTILEMARKX")
            XCTAssertEqual(parts.count, 2)
            let (head, tail) = (parts[0], parts[1])
            var bodies: [(String, [UInt8])] = Self.invalidUTF8.map { ("\($0.0) in a string", Array(head.utf8) + Array("Ann ".utf8) + $0.1 + Array(tail.utf8)) }
            bodies += [
                ("a raw NUL in a string", Array(head.utf8) + [0x41, 0x00, 0x42] + Array(tail.utf8)),
                ("a raw control character in a string", Array(head.utf8) + [0x41, 0x01, 0x42] + Array(tail.utf8)),
                ("a raw newline in a string", Array(head.utf8) + [0x41, 0x0A, 0x42] + Array(tail.utf8)),
                ("an invalid byte outside strings", [0xFF] + Array(text.utf8)),
                ("truncated", Array(text.utf8.dropLast(3))),
                ("not JSON", Array("<script>alert(1)</script>".utf8)),
                ("a form body", Array("name=Ann&service=adults".utf8)),
                ("nested 100 000 deep", Array(String(repeating: "[", count: 100_000).utf8)),
            ]
            // The plan document has a reader of its own, which names what it cannot read by its
            // JSON pointer in a 422 (PlanAPI.problems); the other operations answer 400.
            let isPlan = path == SiteRoute.api(.plan(p.id)).path
            for (label, body) in bodies {
                let r = try await api(method, path, raw: body, what: "\(method) \(path): \(label)")
                XCTAssertTrue(r.status == .badRequest || (isPlan && r.status == .unprocessableEntity),
                              "\(method) \(path): \(label): \(r.status) \(r.body.prefix(200))")
                if r.status.code < 500 { Stats.shared.add { $0.refused += 1 } }
            }
            // Escapes JSON allows but Unicode does not: a lone surrogate. Refused, or kept exactly as read back.
            for escape in ["\\ud800", "\\udfff", "\\ud800\\u0041", "\\u0000"] {
                let body = Array((head + "Ann \(escape) x" + tail).utf8)
                let r = try await api(method, path, raw: body, what: "\(method) \(path): escape \(escape)")
                XCTAssertTrue([200, 201, 400, 422].contains(r.status.code), "\(method) \(path): escape \(escape): \(r.status)")
                if escape == "\\u0000" && !isPlan { assertProblemNames(r, field, code: .invalidCharacters, "\(method) \(path): NUL") }
            }
            // Hostile keys are ignored or refused, never a failure.
            var keyed = json
            keyed["<script>alert(1)</script>"] = "x"
            keyed["__proto__"] = ["a": 1]
            let r = try await api(method, path, json: keyed, what: "\(method) \(path): hostile keys")
            XCTAssertLessThan(r.status.code, 500)
            // A form-encoded or text body to a JSON operation.
            for type in ["application/x-www-form-urlencoded", "text/html", "multipart/form-data; boundary=x"] {
                var headers = HTTPHeaders()
                headers.bearerAuthorization = BearerAuthorization(token: token)
                let t = try await send(Browser(app), method, path, body: Array("name=%3Cscript%3E".utf8), contentType: type, headers: headers,
                                       what: "\(method) \(path) as \(type)")
                XCTAssertTrue((400..<500).contains(t.status.code), "\(method) \(path) as \(type): \(t.status)")
            }
        }
        let peopleAfter = try await app.store.people(inTeams: [adults.id], page: 1, per: 10).total
        XCTAssertLessThanOrEqual(peopleAfter - peopleBefore, 4, "only well-formed bodies create anyone")
    }

    /// What was typed when the session ended is kept as a draft and offered back after sign-in:
    /// exactly as typed, escaped, whatever it holds.
    func testTextKeptWhenTheSessionEndedComesBackExactlyAndEscaped() async throws {
        let (b, csrf) = try await signedIn("nia@example.org")
        let typed = [("name", "<script>alert(1)</script> Ŵyn"), ("activeOfferMadeBy", "\"><img src=x onerror=alert(1)> ' onmouseover='x"),
                     ("communicationNeeds", "</textarea><script>x</script>\r\nnul\u{0}byte 👩‍👩‍👧‍👦 \u{202E}fdp.exe {name} w\u{0302}")]
        try await SessionRecord.query(on: app.db).delete()  // the session ends while she types
        let kept = try await postForm(b, SiteRoute.personNew.path, personForm().map { f in typed.first { $0.0 == f.0 } ?? f },
                                      csrf: csrf, what: "a form posted after the session ended")
        XCTAssertEqual(kept.status, .seeOther)
        let signInPath = try XCTUnwrap(kept.location)
        let draftPath = try XCTUnwrap(signInPath.components(separatedBy: "next=").last)
        try await get(b, signInPath, what: "sign-in, offering the kept text")
        let signedIn = try await postForm(b, SiteRoute.signIn.path, [("email", "nia@example.org"), ("password", Self.password), ("next", draftPath)],
                                          csrf: try XCTUnwrap(b.csrfToken), what: "sign in again")
        XCTAssertEqual(signedIn.location, draftPath)
        let restored = try await get(b, draftPath, what: "the kept form")
        XCTAssertEqual(restored.status, .ok)
        for (field, value) in typed { assertEchoed(restored.body, field: field, value, "the kept form, \(field)") }
    }

    /// Every form carries a one-time token (`_once`) so that a repeated post saves nothing twice.
    /// A browser sends back the server's; a hostile client sends anything. Never a failure, and
    /// a repeat of the same post never saves twice.
    func testOneTimeFormTokensTakeHostileValues() async throws {
        let (b, csrf) = try await signedIn("nia@example.org")
        for s in Self.corpus where !s.text.isEmpty {
            let what = "_once: \(s.label)"
            let fields = personForm(("name", "Once \(s.label)")) + [("_once", s.text)]
            let first = try await postForm(b, SiteRoute.personNew.path, fields, csrf: csrf, what: what)
            XCTAssertEqual(first.status, .seeOther, "\(what): \(first.status)")
            let again = try await postForm(b, SiteRoute.personNew.path, fields, csrf: csrf, what: "\(what), again")
            XCTAssertEqual(again.status, .seeOther, "\(what), again: \(again.status)")
        }
        let plain = personForm(("name", "Once only")) + [("_once", "2F6E1C1A-0F4B-4C55-9D2B-9E1B1F0A1B2C")]
        let first = try await postForm(b, SiteRoute.personNew.path, plain, csrf: csrf, what: "_once: a token")
        let again = try await postForm(b, SiteRoute.personNew.path, plain, csrf: csrf, what: "_once: the same token again")
        XCTAssertEqual(again.location, first.location, "a repeat answers with the first post's redirect")
        let found = try await app.store.people(inTeams: [adults.id], page: 1, per: 500).items.filter { $0.details.name == "Once only" }
        XCTAssertEqual(found.count, 1, "a repeated post saves nothing twice")
    }

    /// Form bodies that are not well-formed `application/x-www-form-urlencoded`.
    func testMalformedFormBodiesAreNeverAFailure() async throws {
        let (b, csrf) = try await signedIn("nia@example.org")
        let p = try await person("Ann Evans")
        let bodies: [(String, String)] = [
            ("a lone percent", "name=100%"), ("a bad escape", "name=%zz%4"), ("no value", "name"), ("no name", "=x"),
            ("empty pairs", "&&&&"), ("equals in a value", "name=a=b=c"), ("a huge name", String(repeating: "n", count: 100_000) + "=x"),
            ("ten thousand pairs", String(repeating: "participants=person&", count: 10_000)),
            ("a UTF-8 BOM", "\u{FEFF}name=Ann"), ("JSON", "{\"name\":\"<script>alert(1)</script>\"}"),
        ]
        for (label, raw) in bodies {
            for path in [SiteRoute.personNew.path, SiteRoute.conversationNew(p.id).path, SiteRoute.peopleSearch.path, SiteRoute.signIn.path] {
                let r = try await send(b, .POST, path, body: Array("_csrf=\(csrf)&".utf8) + Array(raw.utf8),
                                       contentType: "application/x-www-form-urlencoded", what: "\(path): \(label)")
                XCTAssertLessThan(r.status.code, 500, "\(path): \(label)")
            }
        }
        for type in ["application/json", "text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded; charset=iso-8859-1"] {
            let r = try await send(b, .POST, SiteRoute.personNew.path, body: Self.formEncode(personForm(("name", "<script>alert(1)</script>")) + [("_csrf", csrf)]),
                                   contentType: type, what: "add person as \(type)")
            XCTAssertLessThan(r.status.code, 500, type)
        }
    }
}

extension JSONDecoder {
    static var api: JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }
}

/// Reads HTML the way a browser's tokenizer does, enough to see what an attacker would need:
/// tags, their attributes, and the raw text of `textarea`, `title`, `script` and `style`.
enum HTMLScan {
    struct Tag {
        var name: String
        var attributes: [(name: String, value: String)]
        /// The text of a raw-text or escapable raw-text element, as written.
        var content: String?
        func attribute(_ n: String) -> String? { attributes.first { $0.name == n }?.value }
    }

    static let rawTextElements: Set<String> = ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"]

    static func tags(_ html: String) -> [Tag] {
        let b = Array(html.utf8), n = b.count
        var out: [Tag] = []
        var i = 0
        func lower(_ c: UInt8) -> UInt8 { c >= 65 && c <= 90 ? c + 32 : c }
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0C || c == 0x0D }
        func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) >= 97 && (c | 0x20) <= 122 }
        func find(_ needle: [UInt8], from: Int, caseless: Bool) -> Int? {
            var j = from
            while j + needle.count <= n {
                var k = 0
                while k < needle.count && (caseless ? lower(b[j + k]) : b[j + k]) == needle[k] { k += 1 }
                if k == needle.count { return j }
                j += 1
            }
            return nil
        }
        while i < n {
            guard b[i] == UInt8(ascii: "<"), i + 1 < n else { i += 1; continue }
            if b[i + 1] == UInt8(ascii: "!") {
                if i + 3 < n && b[i + 2] == UInt8(ascii: "-") && b[i + 3] == UInt8(ascii: "-") {
                    i = (find(Array("-->".utf8), from: i + 4, caseless: false) ?? n) + 3
                } else {
                    i = (find([UInt8(ascii: ">")], from: i + 2, caseless: false) ?? n) + 1
                }
                continue
            }
            if b[i + 1] == UInt8(ascii: "/") {
                i = (find([UInt8(ascii: ">")], from: i + 2, caseless: false) ?? n) + 1
                continue
            }
            if !isAlpha(b[i + 1]) { i += 1; continue }
            var j = i + 1
            var name: [UInt8] = []
            while j < n && !isSpace(b[j]) && b[j] != UInt8(ascii: "/") && b[j] != UInt8(ascii: ">") { name.append(lower(b[j])); j += 1 }
            var attributes: [(String, String)] = []
            while j < n {
                while j < n && (isSpace(b[j]) || b[j] == UInt8(ascii: "/")) { j += 1 }
                if j >= n || b[j] == UInt8(ascii: ">") { j += 1; break }
                var an: [UInt8] = [b[j]].map(lower)
                j += 1
                while j < n && !isSpace(b[j]) && b[j] != UInt8(ascii: "/") && b[j] != UInt8(ascii: ">") && b[j] != UInt8(ascii: "=") {
                    an.append(lower(b[j])); j += 1
                }
                while j < n && isSpace(b[j]) { j += 1 }
                var value: [UInt8] = []
                if j < n && b[j] == UInt8(ascii: "=") {
                    j += 1
                    while j < n && isSpace(b[j]) { j += 1 }
                    if j < n && (b[j] == UInt8(ascii: "\"") || b[j] == UInt8(ascii: "'")) {
                        let q = b[j]; j += 1
                        while j < n && b[j] != q { value.append(b[j]); j += 1 }
                        j += 1
                    } else {
                        while j < n && !isSpace(b[j]) && b[j] != UInt8(ascii: ">") { value.append(b[j]); j += 1 }
                    }
                }
                attributes.append((String(decoding: an, as: UTF8.self), decode(String(decoding: value, as: UTF8.self))))
            }
            let tagName = String(decoding: name, as: UTF8.self)
            var tag = Tag(name: tagName, attributes: attributes, content: nil)
            if rawTextElements.contains(tagName) {
                let end = find(Array("</\(tagName)".utf8), from: j, caseless: true) ?? n
                tag.content = String(decoding: b[min(j, n)..<end], as: UTF8.self)
                j = end
            }
            out.append(tag)
            i = j
        }
        return out
    }

    /// What a browser would run or follow: script, inline handlers, `javascript:` links.
    static func dangers(_ html: String) -> [String] {
        var found: [String] = []
        let lowered = Array(html.lowercased().utf8)
        for payload in ["<script", "<img src=x", "<svg/onload", "<svg onload", "<!-- x -->", "<![cdata[", "<style", "<iframe"]
            where contains(lowered, Array(payload.utf8)) {
            found.append("raw \(payload)")
        }
        for tag in tags(html) {
            if ["script", "style", "iframe", "object", "embed", "base", "frame", "frameset", "applet"].contains(tag.name) {
                found.append("<\(tag.name)>")
            }
            for (name, value) in tag.attributes {
                if name.hasPrefix("on") { found.append("<\(tag.name) \(name)=…>") }
                if ["href", "src", "action", "formaction", "xlink:href"].contains(name) {
                    let v = value.unicodeScalars.filter { $0.value > 0x20 }.map(String.init).joined().lowercased()
                    if v.hasPrefix("javascript:") || v.hasPrefix("data:") || v.hasPrefix("vbscript:") { found.append("<\(tag.name) \(name)=\(value)>") }
                }
                if tag.name == "img" && name == "src" && value == "x" { found.append("<img src=x>") }
            }
        }
        return found
    }

    /// A textarea's text as a browser holds it: HTML drops one newline straight after the
    /// start tag (the app writes one there so that text starting with a newline survives).
    static func textareaValue(_ raw: String) -> String {
        var text = raw
        if text.hasPrefix("\r\n") { text.removeFirst(1) } // "\r\n" is one Character in Swift
        else if text.hasPrefix("\n") || text.hasPrefix("\r") { text.removeFirst() }
        return decode(text)
    }

    /// The value a browser would submit for the first field of this name: an input's value or
    /// a textarea's text (entities decoded, the one newline after the start tag dropped).
    static func fieldValue(_ html: String, name: String) -> (value: String, isTextarea: Bool)? {
        for tag in tags(html) where tag.attribute("name") == name {
            if tag.name == "textarea" { return (textareaValue(tag.content ?? ""), true) }
            if tag.name == "input" { return (tag.attribute("value") ?? "", false) }
        }
        return nil
    }

    static func links(_ html: String) -> [String] {
        tags(html).filter { $0.name == "a" }.compactMap { $0.attribute("href") }
    }

    /// A form, read as a browser would fill it in.
    struct Form {
        var fields: [(name: String, kind: String, value: String, checked: Bool)]
        var textFields: [String] {
            var seen: [String] = []
            for f in fields where (f.kind == "text" || f.kind == "textarea") && !seen.contains(f.name) { seen.append(f.name) }
            return seen
        }

        /// What submitting it would send, with something sensible in every empty field: text
        /// in text fields, a number where a number is asked for, the first choice of radios.
        func filled() -> [(String, String)] {
            var out: [(String, String)] = []
            var radios: [String: String] = [:], radioOrder: [String] = []
            for f in fields {
                switch f.kind {
                case "radio":
                    if radios[f.name] == nil { radioOrder.append(f.name); radios[f.name] = f.value }
                    if f.checked { radios[f.name] = f.value }
                case "checkbox": if f.checked { out.append((f.name, f.value)) }
                case "date": out.append((f.name, f.value.isEmpty ? "2025-03-04" : f.value))
                case "number": out.append((f.name, f.value.isEmpty ? "1" : f.value))
                case "text", "textarea": out.append((f.name, f.value.isEmpty ? "Hanes byr" : f.value))
                case "submit", "button", "password": break
                default: out.append((f.name, f.value))
                }
            }
            for name in radioOrder { out.append((name, radios[name]!)) }
            return out
        }
    }

    static func form(_ html: String, action: String) -> Form? {
        var inForm = false, found = false
        var fields: [(name: String, kind: String, value: String, checked: Bool)] = []
        var selectName: String?
        var selectFirst: String?
        for tag in tags(html) {
            if tag.name == "form" { inForm = tag.attribute("action") == action; found = found || inForm; continue }
            guard inForm else { continue }
            switch tag.name {
            case "input":
                guard let name = tag.attribute("name") else { continue }
                var kind = (tag.attribute("type") ?? "text").lowercased()
                if kind == "text", tag.attribute("inputmode") == "decimal" || tag.attribute("inputmode") == "numeric" { kind = "number" }
                if kind == "search" || kind == "email" { kind = "text" }
                fields.append((name, kind, tag.attribute("value") ?? (kind == "checkbox" || kind == "radio" ? "on" : ""),
                               tag.attribute("checked") != nil))
            case "textarea":
                if let name = tag.attribute("name") { fields.append((name, "textarea", textareaValue(tag.content ?? ""), false)) }
            case "select":
                if let name = selectName, let first = selectFirst { fields.append((name, "select", first, false)) }
                selectName = tag.attribute("name"); selectFirst = nil
            case "option":
                guard let name = selectName else { continue }
                let value = tag.attribute("value") ?? ""
                if tag.attribute("selected") != nil { fields.append((name, "select", value, true)); selectName = nil }
                else if selectFirst == nil { selectFirst = value }
            default: break
            }
        }
        if let name = selectName, let first = selectFirst { fields.append((name, "select", first, false)) }
        return found ? Form(fields: fields) : nil
    }

    static func decode(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = ""
        var i = s.unicodeScalars.startIndex
        let u = s.unicodeScalars
        while i < u.endIndex {
            if u[i] == "&", let semi = u[i...].prefix(12).firstIndex(of: ";") {
                let entity = String(u[u.index(after: i)..<semi])
                var scalar: Unicode.Scalar?
                switch entity {
                case "amp": scalar = "&"
                case "lt": scalar = "<"
                case "gt": scalar = ">"
                case "quot": scalar = "\""
                case "apos": scalar = "'"
                case "nbsp": scalar = "\u{A0}"
                default:
                    if entity.hasPrefix("#x") || entity.hasPrefix("#X") { scalar = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init) }
                    else if entity.hasPrefix("#") { scalar = UInt32(entity.dropFirst()).flatMap(Unicode.Scalar.init) }
                }
                if let scalar { out.unicodeScalars.append(scalar); i = u.index(after: semi); continue }
            }
            out.unicodeScalars.append(u[i])
            i = u.index(after: i)
        }
        return out
    }

    /// The escaping the app promises: & < > in text; also quotes in attributes.
    static func escapeText(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func escapeAttribute(_ s: String) -> String {
        var out = ""
        for c in escapeText(s).unicodeScalars {
            switch c {
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Byte-wise search (String.contains would compare canonically, so "ŵ" would find "w\u{302}").
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= haystack.count else { return false }
        // Knuth–Morris–Pratt: linear even for long runs of one letter in page and text.
        var fail = [Int](repeating: 0, count: needle.count)
        var k = 0
        for i in 1..<max(needle.count, 1) {
            while k > 0 && needle[i] != needle[k] { k = fail[k - 1] }
            if needle[i] == needle[k] { k += 1 }
            fail[i] = k
        }
        k = 0
        for b in haystack {
            while k > 0 && b != needle[k] { k = fail[k - 1] }
            if b == needle[k] { k += 1 }
            if k == needle.count { return true }
        }
        return false
    }
}
