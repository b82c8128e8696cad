import Fluent
import SQLKit
import Foundation
import NIOPosix
import XCTest
import WhatMattersCore
@testable import WhatMattersStore

/// The Store on a real database: SQLite always, PostgreSQL when WHATMATTERS_TEST_POSTGRES_URL is set.
final class StoreTests: XCTestCase {
    var database: TestDatabase!
    var store: Store { database.store }

    override func setUp() async throws { database = try await TestDatabase() }
    override func tearDown() async throws { try await database.shutdown() }

    func details(_ name: String, team: UUID, dob: String? = nil, worker: UUID? = nil) -> PersonDetails {
        PersonDetails(name: name, dateOfBirth: dob.flatMap(Day.init), service: .adults, teamID: team,
                      allocatedWorkerID: worker, preferredLanguage: .cy, activeOfferMadeOn: Day("2025-01-02"),
                      activeOfferMadeBy: "Siân Jones", communicationNeeds: "")
    }

    func testMigrationsRevertAndReapply() async throws {
        try await database.migrator.revertAllBatches().get()
        try await database.migrator.prepareBatch().get()
        let team = try await store.createTeam(name: "Tîm Oedolion", service: .adults, by: .system("test"))
        let actual1 = try await store.teams().map(\.name)
        XCTAssertEqual(actual1, ["Tîm Oedolion"])
        _ = team
    }

    func testPersonRoundTripsTextExactly() async throws {
        let team = try await store.createTeam(name: "Adults North", service: .adults, by: .system("test"))
        let name = "Gwenllïan Ŵyn ap Dafydd 👵🏻 \u{202E}שלום"
        var d = details(name, team: team.id, dob: "1941-02-28")
        d.communicationNeeds = "Line one\nLine two\r\n<script>alert('x')</script> '; DROP TABLE people; --"
        let created = try await store.createPerson(d, by: .system("test"))
        let read = try await store.person(created.id)
        XCTAssertEqual(read?.details, d)
        XCTAssertEqual(read?.details.name.utf8.count, name.utf8.count)
        XCTAssertEqual(read?.version, 1)
    }

    func testSearchIgnoresAccentsAndCaseAndMatchesWordStarts() async throws {
        let team = try await store.createTeam(name: "Adults", service: .adults, by: .system("test"))
        let other = try await store.createTeam(name: "Children", service: .children, by: .system("test"))
        _ = try await store.createPerson(details("Siân ap Dafydd", team: team.id, dob: "1950-03-27"), by: .system("test"))
        _ = try await store.createPerson(details("Llŷr Llywelyn", team: team.id), by: .system("test"))
        _ = try await store.createPerson(details("Dafydd Rhys", team: other.id), by: .system("test"))
        let actual2 = try await store.searchPeople("sian", inTeams: [team.id]).map(\.details.name)
        XCTAssertEqual(actual2, ["Siân ap Dafydd"])
        let actual3 = try await store.searchPeople("DAFY", inTeams: [team.id]).map(\.details.name)
        XCTAssertEqual(actual3, ["Siân ap Dafydd"])
        let actual4 = try await store.searchPeople("llyr llyw", inTeams: [team.id]).map(\.details.name)
        XCTAssertEqual(actual4, ["Llŷr Llywelyn"])
        let actual5 = try await store.searchPeople("ywel", inTeams: [team.id])
        XCTAssertEqual(actual5, [], "matches start at word starts")
        let actual6 = try await store.searchPeople("1950-03-27", inTeams: [team.id]).map(\.details.name)
        XCTAssertEqual(actual6, ["Siân ap Dafydd"])
        let actual7 = try await store.searchPeople("27/03/1950", inTeams: [team.id]).map(\.details.name)
        XCTAssertEqual(actual7, ["Siân ap Dafydd"])
        let actual8 = try await store.searchPeople("dafydd", inTeams: [team.id, other.id]).count
        XCTAssertEqual(actual8, 2)
        let actual9 = try await store.searchPeople("dafydd", inTeams: []).count
        XCTAssertEqual(actual9, 0, "no teams, nobody")
        let actual10 = try await store.searchPeople("%", inTeams: [team.id]).count
        XCTAssertEqual(actual10, 0, "LIKE wildcards are not special")
    }

    func testUpdateRefusesAStaleVersion() async throws {
        let team = try await store.createTeam(name: "Adults", service: .adults, by: .system("test"))
        let p = try await store.createPerson(details("Ann", team: team.id), by: .system("test"))
        var d = p.details
        d.name = "Ann Evans"
        let updated = try await store.updatePerson(p.id, d, expectedVersion: 1, by: .system("test"))
        XCTAssertEqual(updated.version, 2)
        d.name = "Ann Other"
        do {
            _ = try await store.updatePerson(p.id, d, expectedVersion: 1, by: .system("test"))
            XCTFail("a stale version must be refused")
        } catch StoreError.conflict(let v) {
            XCTAssertEqual(v, 2)
        }
        let actual11 = try await store.person(p.id)?.details.name
        XCTAssertEqual(actual11, "Ann Evans")
    }

    func testPagingAndCaseload() async throws {
        let team = try await store.createTeam(name: "Adults", service: .adults, by: .system("test"))
        let worker = try await store.addStaff(email: "W@Example.org", name: "Worker", role: .practitioner, teamIDs: [team.id], passwordHash: "x", by: .system("test"))
        XCTAssertEqual(worker.email, "w@example.org")
        for i in 0..<7 { _ = try await store.createPerson(details("Person \(i)", team: team.id, worker: i < 3 ? worker.id : nil), by: .system("test")) }
        let page2 = try await store.people(inTeams: [team.id], page: 2, per: 5)
        XCTAssertEqual(page2.total, 7)
        XCTAssertEqual(page2.items.map(\.details.name), ["Person 5", "Person 6"])
        let actual12 = try await store.caseload(workerID: worker.id, page: 1, per: 50).total
        XCTAssertEqual(actual12, 3)
    }

    func testConversationsAreCountedByWhatHappenedNext() async throws {
        let team = try await store.createTeam(name: "Adults", service: .adults, by: .system("test"))
        let other = try await store.createTeam(name: "Other", service: .adults, by: .system("test"))
        let p = try await store.createPerson(details("Ann", team: team.id), by: .system("test"))
        let q = try await store.createPerson(details("Bob", team: other.id), by: .system("test"))
        func convo(_ next: WhatHappenedNext) -> ConversationDetails {
            ConversationDetails(date: Day("2025-05-01")!, kind: .whatMatters, participants: [.person, .family], language: .cy,
                                whatMatters: "Dw i eisiau mynd i'r capel", whoseWords: .person, whatHappenedNext: next)
        }
        _ = try await store.addConversation(personID: p.id, convo(.informationOrAdvice), by: .system("test"))
        _ = try await store.addConversation(personID: p.id, convo(.informationOrAdvice), by: .system("test"))
        _ = try await store.addConversation(personID: p.id, convo(.assessmentNeeded), by: .system("test"))
        _ = try await store.addConversation(personID: q.id, convo(.ownSolution), by: .system("test"))
        let counts = try await store.conversationCounts(teamID: team.id)
        XCTAssertEqual(counts.count(.informationOrAdvice), 2)
        XCTAssertEqual(counts.count(.assessmentNeeded), 1)
        XCTAssertEqual(counts.count(.ownSolution), 0)
        XCTAssertEqual(counts.resolvedWithoutAssessment, 2)
        let list = try await store.conversations(personID: p.id)
        XCTAssertEqual(list.total, 3)
        XCTAssertEqual(list.items.first?.details.participants, [.person, .family])
    }

    func testDuplicateEmailIsRefused() async throws {
        _ = try await store.addStaff(email: "a@example.org", name: "A", role: .practitioner, teamIDs: [], passwordHash: "x", by: .system("test"))
        do {
            _ = try await store.addStaff(email: "A@example.org", name: "B", role: .mentor, teamIDs: [], passwordHash: "y", by: .system("test"))
            XCTFail("duplicate email accepted")
        } catch StoreError.duplicateEmail {}
    }

    func testSQLiteIsInWALMode() async throws {
        guard case .sqlite = database.location else { return }
        let rows = try await (database.db as! any SQLDatabase).raw("PRAGMA journal_mode").all()
        XCTAssertEqual(try rows.first?.decode(column: "journal_mode", as: String.self), "wal")
    }

    /// Commits leave the write-ahead log to the background checkpoint (a commit itself copies
    /// it back only past a far larger size), which copies every frame while nothing reads.
    func testTheBackgroundCheckpointCopiesTheLogBack() async throws {
        guard case .sqlite = database.location else { return }
        try await Store.tuneConnections(database.databases, loops: Array(MultiThreadedEventLoopGroup.singleton.makeIterator()), logger: Logger(label: "test"))
        let limit = try await (database.db as! any SQLDatabase).raw("PRAGMA wal_autocheckpoint").first()?.decode(column: "wal_autocheckpoint", as: Int.self)
        XCTAssertEqual(limit, Store.walBackstopPages)
        let sizeLimit = try await (database.db as! any SQLDatabase).raw("PRAGMA journal_size_limit").first()?.decode(column: "journal_size_limit", as: Int.self)
        XCTAssertEqual(sizeLimit, Store.walSizeLimitBytes)
        for i in 0..<20 {
            try await store.record(AuditEntry(AuditActor(id: nil, label: "test"), "test.write", detail: "entry \(i)"))
        }
        let result = try await Store.checkpoint(database.databases, logger: Logger(label: "test"))
        let (log, copied) = try XCTUnwrap(result)
        XCTAssertGreaterThan(log, 0)
        XCTAssertEqual(copied, log)
    }

    func testDatabaseURLParsing() throws {
        XCTAssertEqual(try DatabaseLocation.parse(nil), .sqlite(path: "whatmatters.sqlite"))
        XCTAssertEqual(try DatabaseLocation.parse("postgresql://u:p@h:5/d"), .postgres(url: "postgres://u:p@h:5/d"))
        XCTAssertEqual(try DatabaseLocation.parse("sqlite:/tmp/x.sqlite"), .sqlite(path: "/tmp/x.sqlite"))
        XCTAssertThrowsError(try DatabaseLocation.parse("mysql://h/d"))
        XCTAssertFalse(DatabaseLocation.postgres(url: "postgres://u:secret@h/d").description.contains("secret"))
    }
}

/// The audit trail: every write commits with its audit row; the chain shows tampering.
final class AuditTests: XCTestCase {
    var database: TestDatabase!
    var store: Store { database.store }

    override func setUp() async throws { database = try await TestDatabase() }
    override func tearDown() async throws { try await database.shutdown() }

    func testEveryWriteAppendsAChainedEventAndTheChainVerifies() async throws {
        let team = try await store.createTeam(name: "Adults", service: .adults, by: .system("test"))
        let nurse = AuditActor(try await store.addStaff(email: "nia@example.org", name: "Nia", role: .practitioner, teamIDs: [team.id],
                                                        passwordHash: "x", by: .system("test")))
        let p = try await store.createPerson(PersonDetails(name: "Ann", service: .adults, teamID: team.id), by: nurse)
        _ = try await store.addConversation(personID: p.id, ConversationDetails(date: Day("2025-01-01")!, kind: .review, language: .en,
                                                                                whatMatters: "My garden", whatHappenedNext: .ownSolution), by: nurse)
        try await store.record(AuditEntry(nurse, "person.read", person: p.id))
        let trail = try await store.auditTrail(personID: p.id)
        XCTAssertEqual(trail.map(\.action), ["person.read", "conversation.create", "person.create"])
        XCTAssertEqual(trail.first?.actor, "nia@example.org")
        let verified = try await store.verifyAudit()
        XCTAssertEqual(verified.checked, 5)
        XCTAssertNil(verified.firstBroken)
    }

    func testTamperingWithOneRowIsDetectedAtThatRow() async throws {
        let team = try await store.createTeam(name: "Adults", service: .adults, by: .system("test"))
        for i in 0..<5 { _ = try await store.createPerson(PersonDetails(name: "P\(i)", service: .adults, teamID: team.id), by: .system("test")) }
        let sql = database.db as! any SQLDatabase
        try await sql.raw("UPDATE audit_events SET actor = 'someone else' WHERE seq = 3").run()
        let verified = try await store.verifyAudit()
        XCTAssertEqual(verified.firstBroken?.seq, 3)
        XCTAssertEqual(verified.checked, 2)
    }

    func testDeletingTheLastRowsIsDetected() async throws {
        let team = try await store.createTeam(name: "Adults", service: .adults, by: .system("test"))
        _ = try await store.createPerson(PersonDetails(name: "P", service: .adults, teamID: team.id), by: .system("test"))
        let sql = database.db as! any SQLDatabase
        try await sql.raw("DELETE FROM audit_events WHERE seq = 2").run()
        let actual1 = try await store.verifyAudit().firstBroken
        XCTAssertNotNil(actual1)
    }

    func testAFailedWriteLeavesNoAuditRowAndNoData() async throws {
        struct Boom: Error {}
        let before = try await store.verifyAudit().checked
        do {
            try await store.audited(AuditEntry(.system("test"), "person.create")) { s in
                _ = try await s.createTeam(name: "Half", service: .adults, by: .system("inner"))
                throw Boom()
            }
            XCTFail("expected the error")
        } catch is Boom {}
        let actual2 = try await store.verifyAudit().checked
        XCTAssertEqual(actual2, before)
        let actual3 = try await store.team(named: "Half")
        XCTAssertNil(actual3)
    }

    func testConcurrentWritersKeepOneUnbrokenChain() async throws {
        let team = try await store.createTeam(name: "Adults", service: .adults, by: .system("test"))
        let store = self.store
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<40 {
                group.addTask {
                    _ = try await store.createPerson(PersonDetails(name: "P\(i)", service: .adults, teamID: team.id), by: .system("t\(i)"))
                }
            }
            try await group.waitForAll()
        }
        let verified = try await store.verifyAudit()
        XCTAssertNil(verified.firstBroken)
        XCTAssertEqual(verified.checked, 41)
    }
}
