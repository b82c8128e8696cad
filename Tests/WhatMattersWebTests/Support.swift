import Fluent
import Foundation
import SQLKit
import Vapor
import XCTest
import XCTVapor
import WhatMattersCore
@testable import WhatMattersStore
@testable import WhatMattersWeb

/// An application on a real database (a fresh SQLite file, or PostgreSQL when
/// WHATMATTERS_TEST_POSTGRES_URL is set), configured exactly as the server is, with two teams
/// and their staff.
class WebTestCase: XCTestCase {
    var app: Application!
    var config: AppConfig!
    var directory: URL?
    var adults: Team!
    var children: Team!
    var practitioner: Staff!
    var otherPractitioner: Staff!
    static let password = "correct horse battery"

    /// True for tests of SQLite's own read path: they run on a SQLite file on the PostgreSQL
    /// pass too, rather than being skipped.
    class var sqliteOnly: Bool { false }

    override func setUp() async throws {
        app = try await Application.make(.testing)
        app.logger.logLevel = .warning
        var config = AppConfig()
        if !Self.sqliteOnly, let url = ProcessInfo.processInfo.environment["WHATMATTERS_TEST_POSTGRES_URL"], !url.isEmpty {
            config.database = .postgres(url: url)
        } else {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wm-web-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            directory = dir
            config.database = .sqlite(path: dir.appendingPathComponent("test.sqlite").path)
        }
        self.config = config
        try await configure(app, config)
        app.passwords.use(.bcrypt(cost: 4))  // fast hashing in tests; production uses the default cost
        if case .postgres = config.database {
            let sql = app.db as! any SQLDatabase
            try await sql.raw("DROP SCHEMA public CASCADE").run()
            try await sql.raw("CREATE SCHEMA public").run()
        }
        try await migrate(app)
        adults = try await app.store.createTeam(name: "Tîm Oedolion Gogledd", service: .adults, by: .system("test"))
        children = try await app.store.createTeam(name: "Children East", service: .children, by: .system("test"))
        practitioner = try await Accounts.addUser(app, email: "nia@example.org", name: "Nia Practitioner", role: .practitioner,
                                                  teamNames: [adults.name], password: Self.password).0
        otherPractitioner = try await Accounts.addUser(app, email: "tom@example.org", name: "Tom Other", role: .practitioner,
                                                       teamNames: [children.name], password: Self.password).0
    }

    override func tearDown() async throws {
        try await app.asyncShutdown()
        app = nil
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    func person(_ name: String = "Gwenllïan Ŵyn", team: Team? = nil, language: LanguageChoice = .cy) async throws -> Person {
        try await app.store.createPerson(PersonDetails(name: name, dateOfBirth: Day("1941-02-28"), service: .adults,
                                                       teamID: (team ?? adults).id, allocatedWorkerID: practitioner.id,
                                                       preferredLanguage: language), by: .system("test"))
    }
}

/// A browser-like client: keeps cookies, reads the CSRF token from forms.
final class Browser {
    let app: Application
    var cookies: [String: String] = [:]
    var lastBody = ""

    init(_ app: Application) { self.app = app }

    struct Result {
        var status: HTTPStatus
        var headers: HTTPHeaders
        var body: String
        var location: String? { headers.first(name: .location) }
    }

    @discardableResult
    func get(_ path: String, headers: HTTPHeaders = [:]) async throws -> Result {
        try await send(.GET, path, headers: headers, body: nil)
    }

    /// Posts a form. `_csrf` is taken from the last page unless given.
    @discardableResult
    func post(_ path: String, _ fields: [(String, String)], csrf: String? = nil) async throws -> Result {
        var all = fields
        if !fields.contains(where: { $0.0 == "_csrf" }), let token = csrf ?? csrfToken { all.append(("_csrf", token)) }
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        return try await send(.POST, path, headers: headers, body: body)
    }

    static func encode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed)!
    }

    /// The one-time token of the last form seen.
    var onceToken: String? {
        guard let r = lastBody.range(of: "name=\"_once\" value=\"") else { return nil }
        return String(lastBody[r.upperBound...].prefix { $0 != "\"" })
    }

    var csrfToken: String? {
        guard let r = lastBody.range(of: "name=\"_csrf\" value=\"") else { return nil }
        let rest = lastBody[r.upperBound...]
        return String(rest.prefix { $0 != "\"" })
    }

    func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders, body: String?) async throws -> Result {
        var headers = headers
        if !cookies.isEmpty { headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")) }
        var result: Result!
        try await app.testable(method: .inMemory).test(method, path, headers: headers, body: body.map { ByteBuffer(string: $0) }) { res async in
            for c in res.headers[.setCookie] {
                let pair = c.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
                if pair.count == 2 {
                    if c.contains("Max-Age=0") || c.lowercased().contains("expires=thu, 01 jan 1970") { cookies[pair[0]] = nil }
                    else { cookies[pair[0]] = pair[1] }
                }
            }
            result = Result(status: res.status, headers: res.headers, body: res.body.string)
        }
        if result.headers.contentType?.subType == "html" { lastBody = result.body }
        return result
    }

    @discardableResult
    func signIn(_ email: String, password: String = WebTestCase.password) async throws -> Result {
        try await get("/sign-in")
        return try await post("/sign-in", [("email", email), ("password", password)])
    }
}

/// Snapshots of whole pages and exchanges, as files beside the tests. A missing snapshot is
/// written and the test fails, so that it is reviewed; WHATMATTERS_RECORD=1 rewrites them all.
func assertSnapshot(_ text: String, named name: String, file: StaticString = #filePath, line: UInt = #line) {
    // One-time form tokens are random by design; the snapshot shows where they go.
    let text = text.replacingOccurrences(of: #"name="_once" value="[^"]*""#, with: #"name="_once" value="ONCE""#, options: .regularExpression)
    let dir = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    let url = dir.appendingPathComponent(name)
    let record = ProcessInfo.processInfo.environment["WHATMATTERS_RECORD"] == "1"
    if !record, let existing = try? String(contentsOf: url, encoding: .utf8) {
        if existing != text {
            let actual = dir.appendingPathComponent(name + ".actual")
            try? text.write(to: actual, atomically: true, encoding: .utf8)
            XCTFail("snapshot \(name) differs; see \(actual.path) (diff it, then WHATMATTERS_RECORD=1 if the change is right)", file: file, line: line)
        }
        return
    }
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try? text.write(to: url, atomically: true, encoding: .utf8)
    if !record { XCTFail("snapshot \(name) was missing and has been recorded; review and commit it", file: file, line: line) }
}
