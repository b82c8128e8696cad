import Foundation
import Vapor
import XCTest
import WhatMattersCore
@testable import WhatMattersStore
@testable import WhatMattersWeb

/// Plans as plan documents: the API's GET and PUT, and import and export, which must give
/// back every worked example unchanged.
final class PlanAPITests: WebTestCase {
    var token: String!

    override func setUp() async throws {
        try await super.setUp()
        token = try await Accounts.createToken(app, email: "nia@example.org")
    }

    static var examples: URL {
        if let env = ProcessInfo.processInfo.environment["WHATMATTERS_SHARED"], !env.isEmpty {
            return URL(fileURLWithPath: env).appendingPathComponent("examples/plans")
        }
        let repo = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return repo.deletingLastPathComponent().appendingPathComponent("shared/examples/plans")
    }

    static func exampleFiles() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: examples, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// JSON compared as values: parsed, then written with sorted keys.
    func canonical(_ data: Data) throws -> String {
        let object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    func call(_ method: HTTPMethod, _ path: String, body: String? = nil, headers extra: [(String, String)] = [],
              token: String? = "default") async throws -> Browser.Result {
        var headers = HTTPHeaders()
        if let t = token == "default" ? self.token : token { headers.bearerAuthorization = BearerAuthorization(token: t) }
        if body != nil { headers.contentType = .json }
        for (k, v) in extra { headers.replaceOrAdd(name: k, value: v) }
        return try await Browser(app).send(method, path, headers: headers, body: body)
    }

    func testEveryExampleRoundTripsThroughImportAndExportUnchanged() async throws {
        let files = try Self.exampleFiles()
        XCTAssertEqual(files.count, 14)
        for file in files {
            let data = try Data(contentsOf: file)
            let id = try await PlanExchange.importDocument(data, into: app, team: adults.name)
            let exported = try await PlanExchange.exportDocument(personID: id, from: app)
            XCTAssertEqual(try canonical(exported), try canonical(data), file.lastPathComponent)
            // Importing again updates the same person, and still changes nothing.
            let again = try await PlanExchange.importDocument(data, into: app, team: nil)
            XCTAssertEqual(again, id)
            let twice = try await PlanExchange.exportDocument(personID: id, from: app)
            XCTAssertEqual(try canonical(twice), try canonical(data), file.lastPathComponent)
        }
        let total = try await app.store.people(inTeams: [adults.id], page: 1, per: 100).total
        XCTAssertEqual(total, 14)
    }

    func testAnInvalidDocumentIsRejectedWithEveryPointerAndNothingIsWritten() async throws {
        let bad = Data(#"{"format":"whatmatters.plan/1","id":"","service":"elderly","language":"en","personalOutcomes":[{"id":"o1"}],"extra":1}"#.utf8)
        do {
            _ = try await PlanExchange.importDocument(bad, into: app, team: adults.name)
            XCTFail("invalid documents are refused")
        } catch PlanExchange.Problem.invalid(let e) {
            XCTAssertEqual(e.problems.map(\.pointer), ["/id", "/service", "/personalOutcomes/0/statement", "/extra"])
        }
        let total = try await app.store.people(inTeams: [adults.id], page: 1, per: 100).total
        XCTAssertEqual(total, 0)
    }

    func testThePlanIsReadAndWrittenThroughTheAPIWithVersionsInETags() async throws {
        let p = try await person()
        let missing = try await call(.GET, "/api/v1/people/\(p.id)/plan")
        XCTAssertEqual(missing.status, .notFound)
        let e01 = try String(contentsOf: Self.examples.appendingPathComponent("e01.json"), encoding: .utf8)
        let put = try await call(.PUT, "/api/v1/people/\(p.id)/plan", body: e01, headers: [("If-Match", "\"0\"")])
        XCTAssertEqual(put.status, .ok, put.body)
        XCTAssertEqual(put.headers.first(name: .eTag), "\"1\"")
        let got = try await call(.GET, "/api/v1/people/\(p.id)/plan")
        XCTAssertEqual(got.status, .ok)
        XCTAssertEqual(try canonical(Data(got.body.utf8)), try canonical(Data(e01.utf8)))
        let stale = try await call(.PUT, "/api/v1/people/\(p.id)/plan", body: e01, headers: [("If-Match", "\"0\"")])
        XCTAssertEqual(stale.status, .conflict)
        XCTAssertEqual(stale.headers.first(name: .contentType), "application/problem+json; charset=utf-8")
        let record = try await app.store.plan(personID: p.id)
        XCTAssertEqual(record?.version, 1)
    }

    func testAnInvalidPlanDocumentIsAProblemNamingEveryPointerInTheCallersLanguage() async throws {
        let p = try await person()
        let body = #"{"format":"whatmatters.plan/1","id":"x","service":"adults","language":"en","scores":[{"outcome":"o1","kind":"baseline","score":11}]}"#
        let r = try await call(.PUT, "/api/v1/people/\(p.id)/plan", body: body, headers: [("Accept-Language", "cy")])
        XCTAssertEqual(r.status, .unprocessableEntity)
        XCTAssertEqual(r.headers.first(name: .contentType), "application/problem+json; charset=utf-8")
        let problem = try JSONDecoder().decode(PlanProblemDTO.self, from: Data(r.body.utf8))
        XCTAssertEqual(problem.errors.map(\.pointer), ["/scores/0/score"])
        XCTAssertEqual(problem.title, "Nid yw hon yn ddogfen gynllun ddilys")
        let none = try await app.store.plan(personID: p.id)
        XCTAssertNil(none, "nothing is written")
        let other = try await Accounts.createToken(app, email: "tom@example.org")
        let hidden = try await call(.GET, "/api/v1/people/\(p.id)/plan", token: other)
        XCTAssertEqual(hidden.status, .notFound)
    }
}
