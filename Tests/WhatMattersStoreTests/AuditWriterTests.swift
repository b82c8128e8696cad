import Foundation
import NIOCore
import NIOPosix
import XCTest
import WhatMattersCore
@testable import WhatMattersStore

/// Reads are audited by group commit: whoever records returns only once their entry is on
/// the trail, entries arriving together share a transaction, and the trail is the same chain
/// as appending them one by one, whichever writer made it. SQLite's writer works on a
/// connection and thread of its own; the driver's writer serves PostgreSQL.
final class AuditWriterTests: XCTestCase {
    var database: TestDatabase!
    var store: Store { database.store }

    /// A SQLite file for the tests of SQLite's own writer, whichever database the others use.
    var sqliteDatabase: TestDatabase?

    override func setUp() async throws { database = try await TestDatabase() }
    override func tearDown() async throws {
        try await sqliteDatabase?.shutdown()
        try await database.shutdown()
    }

    /// The writer this database gets in the application (see `configure`).
    func makeWriter() -> (any AuditRecorder, close: () async -> Void) {
        if case .sqlite(let path) = database.location {
            let writer = SQLiteAuditWriter(path: path)
            return (writer, { await writer.close() })
        }
        let db = database.db
        return (AuditWriter { Store(db) }, {})
    }

    func entry(_ i: Int, person: UUID?) -> AuditEntry {
        AuditEntry(AuditActor(id: UUID(), label: "reader\(i)@example.org"), "person.read", person: person,
                   detail: "read \(i) — 'quoted' \"twice\" <b>ŵ</b>")
    }

    func testConcurrentReadsAreEachOnTheTrailWhenTheirCallerReturnsAndTheChainHolds() async throws {
        let (writer, close) = makeWriter()
        let person = UUID()
        let loops = MultiThreadedEventLoopGroup.singleton
        // Reads from many callers at once (24 at a time: PostgreSQL's pool in tests is small),
        // with writes of the driver's own path among them.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<300 {
                if i >= 24 { try await group.next() }
                group.addTask {
                    let e = self.entry(i, person: i.isMultiple(of: 2) ? person : nil)
                    if i.isMultiple(of: 50) { try await self.store.record(e) } else { try await writer.record(e, resumingOn: loops.any()) }
                    // Returned: the entry is committed and any reader sees it.
                    let mine = try await self.store.auditTrail(personID: person, limit: 1_000).contains { $0.detail == e.detail }
                    XCTAssertEqual(mine, e.personID != nil, "entry \(i)")
                }
            }
            try await group.waitForAll()
        }
        await close()
        let trail = try await store.auditTrail(personID: person, limit: 1_000)
        XCTAssertEqual(trail.count, 150)
        XCTAssertEqual(Set(trail.map(\.detail)).count, 150)
        XCTAssertEqual(trail.first?.actor.hasPrefix("reader"), true)
        XCTAssertEqual(trail.first?.action, "person.read")
        let verified = try await store.verifyAudit()
        XCTAssertEqual(verified.checked, 300)
        XCTAssertNil(verified.firstBroken)
    }

    /// With NIO as Swift's executor (as `serve` runs) a task goes on where it is woken: each
    /// caller must be woken through its own request's loop, never on the writer's. (Tests run
    /// on Swift's own executor, so this counts the wake-ups each loop was given.)
    func testEachCallerIsWokenThroughTheEventLoopItNamed() async throws {
        let (writer, close) = makeWriter()
        let loops = MultiThreadedEventLoopGroup.singleton.makeIterator().map { CountingLoop($0) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<40 {
                group.addTask { try await writer.record(self.entry(i, person: nil), resumingOn: loops[i % loops.count]) }
            }
            try await group.waitForAll()
        }
        await close()
        for (i, loop) in loops.enumerated() { XCTAssertEqual(loop.executed, 40 / loops.count, "loop \(i)") }
    }

    /// Audit rows get time-ordered ids (UUID version 7), so that new rows go at the end of
    /// the id index rather than anywhere in it: their text sorts as their time does.
    func testAuditRowIdsAreVersion7AndSortByTime() {
        let start = Date(timeIntervalSince1970: 1_795_840_071.759)
        var previous = ""
        for k in 0..<2_000 {
            let id = Store.timeOrderedID(start.addingTimeInterval(Double(k) * 0.001))
            let bytes = withUnsafeBytes(of: id.uuid) { Array($0) }
            XCTAssertEqual(bytes[6] >> 4, 7, "version")
            XCTAssertEqual(bytes[8] >> 6, 0b10, "variant")
            let ms = bytes[0..<6].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            XCTAssertEqual(ms, UInt64((start.timeIntervalSince1970 * 1000).rounded(.down)) + UInt64(k), "milliseconds first")
            let text = UUIDText.string(id)
            XCTAssertGreaterThan(text, previous)
            previous = text
        }
        let rows = Store.auditRows([entry(1, person: nil), entry(2, person: nil)], firstSeq: 1, previous: Store.genesis)
        XCTAssertNotEqual(rows[0].id, rows[1].id)
        XCTAssertTrue(rows.allSatisfy { withUnsafeBytes(of: $0.id.uuid) { $0[6] >> 4 } == 7 })
    }

    func testAClosedSQLiteWriterRefusesRatherThanDropsAnEntry() async throws {
        let database = try await TestDatabase(sqliteOnly: true)
        sqliteDatabase = database
        let store = database.store
        guard case .sqlite(let path) = database.location else { return XCTFail("expected SQLite") }
        let writer = SQLiteAuditWriter(path: path)
        try await writer.record(entry(1, person: nil), resumingOn: nil)
        await writer.close()
        do {
            try await writer.record(entry(2, person: nil), resumingOn: nil)
            XCTFail("a closed writer recorded")
        } catch {
            XCTAssertTrue(String(describing: error).contains("closed"), "\(error)")
        }
        let verified = try await store.verifyAudit()
        XCTAssertEqual(verified.checked, 1)
        XCTAssertNil(verified.firstBroken)
    }
}

/// An event loop that counts the work it is given, doing it on the loop it wraps.
final class CountingLoop: EventLoop, @unchecked Sendable {
    let base: any EventLoop
    private let lock = NSLock()
    private var count = 0
    init(_ base: any EventLoop) { self.base = base }

    var executed: Int { lock.withLock { count } }
    var inEventLoop: Bool { base.inEventLoop }
    func execute(_ task: @escaping @Sendable () -> Void) {
        lock.withLock { count += 1 }
        base.execute(task)
    }
    func scheduleTask<T>(deadline: NIODeadline, _ task: @escaping @Sendable () throws -> T) -> Scheduled<T> {
        base.scheduleTask(deadline: deadline, task)
    }
    func scheduleTask<T>(in delay: TimeAmount, _ task: @escaping @Sendable () throws -> T) -> Scheduled<T> {
        base.scheduleTask(in: delay, task)
    }
    func shutdownGracefully(queue: DispatchQueue, _ callback: @escaping @Sendable ((any Error)?) -> Void) {
        base.shutdownGracefully(queue: queue, callback)
    }
}
