import Foundation
import SQLKit
import Vapor
import XCTest
import WhatMattersCore
@testable import WhatMattersStore
@testable import WhatMattersWeb

/// Nothing acknowledged is lost: durable settings, backups taken while running, restores.
final class DurabilityTests: WebTestCase {
    func testSQLiteRunsInWALWithFullSyncOnEveryConnection() async throws {
        guard case .sqlite = config.database else { return }
        for loop in app.eventLoopGroup.makeIterator() {
            let db = app.databases.database(logger: app.logger, on: loop) as! any SQLDatabase
            let mode = try await db.raw("PRAGMA journal_mode").first()?.decode(column: "journal_mode", as: String.self)
            let sync = try await db.raw("PRAGMA synchronous").first()?.decode(column: "synchronous", as: Int.self)
            let timeout = try await db.raw("PRAGMA busy_timeout").first()?.decode(column: "timeout", as: Int.self)
            XCTAssertEqual(mode, "wal")
            XCTAssertEqual(sync, 2, "FULL")
            XCTAssertEqual(timeout, 10_000)
        }
    }

    func testABackupTakenWhileRunningRestoresExactlyWhatWasThere() async throws {
        let before = try await person("Cyn y copi")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wm-backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("backup").path
        try await Maintenance.backup(app, location: config.database, to: file)
        do {
            try await Maintenance.backup(app, location: config.database, to: file)
            XCTFail("an existing backup must never be overwritten")
        } catch is Maintenance.Problem {}
        let after = try await person("Ar ôl y copi")
        let location = config.database
        if case .sqlite = location {
            try await app.asyncShutdown()
            try Maintenance.restore(location: location, from: file)
            app = try await Application.make(.testing)
            app.logger.logLevel = .warning
            try await configure(app, config)
            try await migrate(app)
        } else {
            try Maintenance.restore(location: location, from: file)
        }
        let restoredBefore = try await app.store.person(before.id)
        let restoredAfter = try await app.store.person(after.id)
        XCTAssertEqual(restoredBefore?.details.name, "Cyn y copi")
        XCTAssertNil(restoredAfter)
        let actual1 = try await app.store.integrityCheck()
        XCTAssertEqual(actual1, "ok")
        let actual2 = try await app.store.verifyAudit().firstBroken
        XCTAssertNil(actual2)
    }
}

/// A repeated form post — a double click, a retry after a dropped connection — creates nothing twice.
final class RepeatedPostTests: WebTestCase {
    func testTheSameFormPostedTwiceSavesOnceAndAnswersBothAlike() async throws {
        let p = try await person()
        let b = Browser(app)
        try await b.signIn("nia@example.org")
        try await b.get("/people/\(p.id)/conversations/new")
        let once = try XCTUnwrap(b.onceToken)
        let fields = [("date", "2025-03-04"), ("kind", "what-matters"), ("language", "cy"), ("whatMatters", "Mynd i'r capel"),
                      ("whoseWords", "person"), ("whatHappenedNext", "own-solution"), ("_once", once)]
        let first = try await b.post("/people/\(p.id)/conversations/new", fields)
        let second = try await b.post("/people/\(p.id)/conversations/new", fields)
        XCTAssertEqual(first.status, .seeOther)
        XCTAssertEqual(second.status, .seeOther)
        XCTAssertEqual(second.location, first.location)
        let actual1 = try await app.store.conversations(personID: p.id).total
        XCTAssertEqual(actual1, 1)
    }

    func testAFormTokenIsOnlyEverAnsweredToWhoeverItWasGivenTo() async throws {
        let p = try await person("Dafydd Rhys", team: children)
        let nia = Browser(app)
        try await nia.signIn("nia@example.org")
        try await nia.get("/people/new")
        let once = try XCTUnwrap(nia.onceToken)
        let first = try await nia.post("/people/new", [("name", "Elin"), ("service", "adults"), ("teamID", adults.id.uuidString),
                                                       ("preferredLanguage", "cy"), ("_once", once)])
        XCTAssertEqual(first.status, .seeOther)
        // A colleague posting the same token (copied, or guessed) is not sent to Nia's new
        // record: their own post is handled as their own.
        let tom = Browser(app)
        try await tom.signIn("tom@example.org")
        try await tom.get("/people/\(p.id)/conversations/new")
        let fields = [("date", "2025-03-04"), ("kind", "what-matters"), ("language", "cy"), ("whatMatters", "Mynd i'r capel"),
                      ("whoseWords", "person"), ("whatHappenedNext", "own-solution"), ("_once", once)]
        let second = try await tom.post("/people/\(p.id)/conversations/new", fields)
        XCTAssertEqual(second.status, .seeOther)
        XCTAssertNotEqual(second.location, first.location)
        let saved = try await app.store.conversations(personID: p.id).total
        XCTAssertEqual(saved, 1)
    }

    func testAPostWithErrorsCanBeCorrectedAndSentAgainWithTheSameToken() async throws {
        let b = Browser(app)
        try await b.signIn("nia@example.org")
        try await b.get("/people/new")
        let once = try XCTUnwrap(b.onceToken)
        let bad = try await b.post("/people/new", [("name", ""), ("service", "adults"), ("teamID", adults.id.uuidString),
                                                   ("preferredLanguage", "cy"), ("_once", once)])
        XCTAssertEqual(bad.status, .unprocessableEntity)
        let good = try await b.post("/people/new", [("name", "Elin"), ("service", "adults"), ("teamID", adults.id.uuidString),
                                                    ("preferredLanguage", "cy"), ("_once", once)])
        XCTAssertEqual(good.status, .seeOther)
    }

    func testConcurrentDoubleClicksCreateOnePerson() async throws {
        let b = Browser(app)
        try await b.signIn("nia@example.org")
        try await b.get("/people/new")
        let once = try XCTUnwrap(b.onceToken)
        let csrf = try XCTUnwrap(b.csrfToken)
        let fields = [("name", "Dwbl Clic"), ("service", "adults"), ("teamID", adults.id.uuidString), ("preferredLanguage", "cy"),
                      ("_once", once), ("_csrf", csrf)]
        let app = self.app!
        let cookies = b.cookies
        let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    let c = Browser(app)
                    c.cookies = cookies
                    return try await c.post("/people/new", fields).status
                }
            }
            return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
        }
        XCTAssertEqual(Set(statuses), [.seeOther])
        let actual2 = try await app.store.searchPeople("dwbl clic", inTeams: [adults.id]).count
        XCTAssertEqual(actual2, 1)
    }
}
