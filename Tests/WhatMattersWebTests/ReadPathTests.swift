import XCTest
import XCTVapor
import WhatMattersStore
@testable import WhatMattersWeb

/// On SQLite the pages' plain reads go through `SQLiteReads` (each thread's own read-only
/// connection, statements prepared once), and what a page shows is what was just saved.
final class ReadPathTests: WebTestCase {
    override class var sqliteOnly: Bool { true }

    func testPagesReadOnTheirThreadsOwnConnectionAndSeeWhatWasJustSaved() async throws {
        guard let reads = app.storage[ReadsKey.self] else { return XCTFail("SQLite's read path is not configured") }
        let p = try await person("Elin Haf")
        let b = Browser(app)
        try await b.signIn("nia@example.org")
        let before = try await b.get("/people/\(p.id)")
        XCTAssertEqual(before.status, .ok)
        XCTAssertTrue(before.body.contains("Elin Haf"))
        XCTAssertGreaterThan(reads.openConnections, 0)
        var changed = p.details
        changed.name = "Elin Haf Morgan"
        _ = try await app.store.updatePerson(p.id, changed, expectedVersion: p.version, by: .system("test"))
        let after = try await b.get("/people/\(p.id)")
        XCTAssertTrue(after.body.contains("Elin Haf Morgan"))
    }
}
