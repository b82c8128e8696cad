import Fluent
import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO
import XCTest
import WhatMattersCore
@testable import WhatMattersStore

/// Pages' reads on SQLite go through `SQLiteReads`: each thread's own read-only connection,
/// statements prepared once. They must read exactly what the driver reads, see every
/// committed write, refuse to write and never hold the log open.
final class SQLiteReadsTests: XCTestCase {
    var database: TestDatabase!
    var reads: SQLiteReads!
    /// Writes and the driver's reads.
    var store: Store { database.store }
    /// The same store with its page reads on `SQLiteReads`.
    var reading: Store { Store(database.db, reader: reads.database(logger: Logger(label: "test"), on: MultiThreadedEventLoopGroup.singleton.any())) }

    override func setUp() async throws {
        database = try await TestDatabase(sqliteOnly: true)
        guard case .sqlite(let path) = database.location else { return XCTFail("expected SQLite") }
        reads = SQLiteReads(path: path)
    }

    override func tearDown() async throws {
        reads?.close()
        try await database.shutdown()
    }

    func details(_ name: String, team: UUID, worker: UUID?) -> PersonDetails {
        PersonDetails(name: name, dateOfBirth: Day("1941-02-28"), service: .adults, teamID: team, allocatedWorkerID: worker,
                      preferredLanguage: .cy, activeOfferMadeOn: Day("2025-01-02"), activeOfferMadeBy: "Siân Jones",
                      communicationNeeds: "Line one\nLine two\r\n<script>'; DROP TABLE people; --")
    }

    func testReadsGiveExactlyWhatTheDriverGives() async throws {
        let team = try await store.createTeam(name: "Tîm Oedolion", service: .adults, by: .system("test"))
        let worker = try await store.addStaff(email: "Gwen@example.org", name: "Gwen Ŵyn", role: .practitioner, teamIDs: [team.id],
                                              passwordHash: "x", by: .system("test"))
        var people: [Person] = []
        for name in ["Gwenllïan Ŵyn 👵🏻 \u{202E}שלום", "Dafydd", "Llŷr"] {
            people.append(try await store.createPerson(details(name, team: team.id, worker: worker.id), by: .system("test")))
        }
        let viewer = Viewer(worker)
        let staffByDriver = try await store.staff(worker.id), staffByReads = try await reading.staff(worker.id)
        XCTAssertEqual(staffByReads, staffByDriver)
        XCTAssertEqual(staffByReads?.teamIDs, [team.id])
        for p in people {
            let byDriver = try await store.person(p.id), byReads = try await reading.person(p.id)
            XCTAssertEqual(byReads, byDriver)
            XCTAssertEqual(byReads?.details, p.details)
        }
        let listByDriver = try await store.caseload(workerID: worker.id, visibleTo: viewer, page: 1, per: 2)
        let listByReads = try await reading.caseload(workerID: worker.id, visibleTo: viewer, page: 1, per: 2)
        XCTAssertEqual(listByReads.items, listByDriver.items)
        XCTAssertEqual(listByReads.total, 3)
        let teamsByReads = try await reading.teams(), teamsByDriver = try await store.teams()
        XCTAssertEqual(teamsByReads, teamsByDriver)
        let missing = try await reading.person(UUID())
        XCTAssertNil(missing)
    }

    func testAReadSeesWhatWasJustWritten() async throws {
        let team = try await store.createTeam(name: "Adults", service: .adults, by: .system("test"))
        let p = try await store.createPerson(details("Siân", team: team.id, worker: nil), by: .system("test"))
        let before = try await reading.person(p.id)
        XCTAssertEqual(before?.version, 1)
        var changed = p.details
        changed.name = "Siân ap Dafydd"
        _ = try await store.updatePerson(p.id, changed, expectedVersion: 1, by: .system("test"))
        // The same statement, prepared once, run again: a new snapshot.
        let after = try await reading.person(p.id)
        XCTAssertEqual(after?.version, 2)
        XCTAssertEqual(after?.details.name, "Siân ap Dafydd")
    }

    func testStatementsArePreparedOnceWhateverTheirValues() async throws {
        let team = try await store.createTeam(name: "Adults", service: .adults, by: .system("test"))
        let worker = try await store.addStaff(email: "w@example.org", name: "W", role: .practitioner, teamIDs: [team.id],
                                              passwordHash: "x", by: .system("test"))
        var people: [Person] = []
        for i in 0..<4 { people.append(try await store.createPerson(details("Person \(i)", team: team.id, worker: worker.id), by: .system("test"))) }
        // With statistics, as on a real database, the planner looks at bound values.
        try await store.refreshStatistics(full: true)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let loop = group.next()
        let reading = Store(database.db, reader: reads.database(logger: Logger(label: "test"), on: loop))
        let reprepares = try await loop.submit {
            try self.reads.connection()
        }.get()
        for _ in 0..<3 {
            for p in people {
                try await loop.flatSubmit { loop.makeFutureWithTask {
                    let read = try await reading.person(p.id)
                    XCTAssertEqual(read?.id, p.id)
                    let staff = try await reading.staff(worker.id)
                    XCTAssertEqual(staff?.id, worker.id)
                    let list = try await reading.caseload(workerID: worker.id, visibleTo: Viewer(worker), page: 1, per: 2)
                    XCTAssertEqual(list.total, 4)
                } }.get()
            }
        }
        let count = try await loop.submit { reprepares.reprepares }.get()
        XCTAssertEqual(count, 0)
        try await group.shutdownGracefully()
    }

    func testItRefusesToWriteAndNamesTheStatement() async throws {
        let sql = reads.database(logger: Logger(label: "test"), on: MultiThreadedEventLoopGroup.singleton.any())
        do {
            try await sql.raw("DELETE FROM people").run()
            XCTFail("a write went through the read connection")
        } catch {
            XCTAssertTrue(String(describing: error).contains("not a read"), "\(error)")
            XCTAssertTrue(String(describing: error).contains("DELETE FROM people"), "\(error)")
        }
        do {
            _ = try await sql.raw("SELECT nothing FROM nowhere").all()
            XCTFail("a bad query succeeded")
        } catch {
            XCTAssertTrue(String(describing: error).contains("nowhere"), "\(error)")
        }
    }

    func testNoReadKeepsASnapshotOpen() async throws {
        let team = try await store.createTeam(name: "Adults", service: .adults, by: .system("test"))
        for i in 0..<5 { _ = try await store.createPerson(details("Person \(i)", team: team.id, worker: nil), by: .system("test")) }
        // `first()` takes one row of five; the statement must still be reset, or the log
        // could never be restarted while the server runs.
        let first = try await reads.database(logger: Logger(label: "test"), on: MultiThreadedEventLoopGroup.singleton.any())
            .raw("SELECT name FROM people ORDER BY name").first()
        XCTAssertEqual(try first?.decode(column: "name", as: String.self), "Person 0")
        // A reader that stops after the first row (here by throwing) leaves nothing open either.
        struct Enough: Error {}
        XCTAssertThrowsError(try reads.connection().run("SELECT name FROM people ORDER BY name", binds: []) { _ in throw Enough() })
        let row = try await (database.db as! any SQLDatabase).raw("PRAGMA wal_checkpoint(TRUNCATE)").first()
        XCTAssertEqual(try row?.decode(column: "busy", as: Int.self), 0)
    }

    func testEachThreadHasItsOwnConnectionUntilClosed() throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        defer { try? group.syncShutdownGracefully() }
        for loop in group.makeIterator() {
            for _ in 0..<3 {
                try loop.submit { try self.reads.connection().run("SELECT 1 AS one", binds: []) { _ in } }.wait()
            }
        }
        XCTAssertEqual(reads.openConnections, 2)
        reads.close()
        XCTAssertEqual(reads.openConnections, 0)
        let loop = group.next()
        XCTAssertThrowsError(try loop.submit { try self.reads.connection().run("SELECT 1 AS one", binds: []) { _ in } }.wait())
    }
}

/// How page reads and the audit trail write and read values, with no database: these hold on
/// every database, so they run on PostgreSQL's pass too.
final class StoredValueTests: XCTestCase {
    /// Ids are written as Foundation writes them (`uuidString`, upper case) and read back in
    /// either case; anything else is not an id.
    func testIdsAsTextAreExactlyFoundationsAndReadBack() {
        var ids = [UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
                   UUID(uuid: (255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255))]
        for _ in 0..<5_000 { ids.append(UUID()) }
        for id in ids {
            XCTAssertEqual(UUIDText.string(id), id.uuidString)
            XCTAssertEqual(UUIDText.parse(UUIDText.string(id)), id)
            XCTAssertEqual(UUIDText.parse(id.uuidString.lowercased()), id)
        }
        for text in ["", "01683723-6484-4FC2-BAF6-F86E2C64DE1", "01683723-6484-4FC2-BAF6-F86E2C64DE1G", "01683723x6484-4FC2-BAF6-F86E2C64DE11",
                     "０1683723-6484-4FC2-BAF6-F86E2C64DE11"] {
            XCTAssertNil(UUIDText.parse(text), text)
        }
    }

    /// Dates stored as numbers decode to the very same `Date` as through the driver's decoder.
    func testDatesDecodeExactlyAsTheDriverDecodesThem() throws {
        let decoder = SQLiteDataDecoder()
        var values: [SQLiteData] = [.float(0), .float(-1.5), .float(1_795_840_071.759_49), .float(1_795_840_071.000_000_5),
                                    .integer(0), .integer(1_795_840_071), .integer(-86_400)]
        var g = SystemRandomNumberGenerator()
        for _ in 0..<2_000 { values.append(.float(Double.random(in: 0...4_000_000_000, using: &g))) }
        let columns = ReadColumns(["at"])
        for value in values {
            XCTAssertEqual(try ReadRow(columns: columns, values: [value]).decode(column: "at", as: Date.self),
                           try decoder.decode(Date.self, from: value), "\(value)")
        }
    }
}
