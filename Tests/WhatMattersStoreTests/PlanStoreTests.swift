import Fluent
import Foundation
import XCTest
import WhatMattersCore
@testable import WhatMattersStore

/// Plans on a real database: versions kept, stale saves refused, verdicts stored.
final class PlanStoreTests: XCTestCase {
    var database: TestDatabase!
    var store: Store { database.store }

    override func setUp() async throws { database = try await TestDatabase() }
    override func tearDown() async throws { try await database.shutdown() }

    func person() async throws -> Person {
        let team = try await store.createTeam(name: "Tîm Oedolion", service: .adults, by: .system("test"))
        return try await store.createPerson(PersonDetails(name: "Emrys ap Dafydd", service: .adults, teamID: team.id, preferredLanguage: .cy), by: .system("test"))
    }

    func plan(_ statement: String) -> CarePlan {
        var p = CarePlan.new(documentID: "emrys-1", service: .adults, language: .cy)
        p.whatMatters = "Y côr yw 'mywyd i ✨ \u{202E}"
        p.outcomes = [PersonalOutcomeItem(id: "o1", statement: statement, whose: .person, importance: .importantTo,
                                          nationalOutcomes: [.relationships], status: .active)]
        p.scores = [ScoreEntry(id: "sc1", outcomeID: "o1", date: Day("2025-03-11"), kind: .baseline, value: 3, scoredBy: .jointly)]
        return p
    }

    /// Decoded plans are kept by the exact bytes of their body: the same text gives the same
    /// plan back, and a text that differs only in how an accented letter is encoded (composed
    /// "ŵ" or "w" + combining circumflex) is its own entry, each decoding to its own words.
    func testDecodedPlansAreKeptByTheExactTextOfTheirBody() throws {
        let cache = PlanBodyCache(capacity: 2)
        let composed = CarePlan(documentID: "doc-1", service: .adults, language: .cy)
        var decomposed = composed
        decomposed.documentID = "doc-2"
        let a = "{\"what\":\"Mynd i’r \u{0175}yl\"}", b = "{\"what\":\"Mynd i’r w\u{0302}yl\"}"
        XCTAssertEqual(a, b, "the same text to Swift's String")
        cache.keep(composed, for: a)
        XCTAssertEqual(cache.plan(for: String(decoding: Array(a.utf8), as: UTF8.self))?.documentID, "doc-1", "a copy of the same bytes hits")
        XCTAssertNil(cache.plan(for: b), "other bytes miss")
        cache.keep(decomposed, for: b)
        XCTAssertEqual(cache.plan(for: b)?.documentID, "doc-2")
        XCTAssertEqual(cache.plan(for: a)?.documentID, "doc-1")
        // Bounded: a third body pushes out the oldest.
        cache.keep(composed, for: "{}")
        XCTAssertNil(cache.plan(for: a))
        XCTAssertEqual(cache.plan(for: "{}")?.documentID, "doc-1")
    }

    func testAPlanIsSavedInVersionsAndEveryVersionIsKept() async throws {
        let p = try await person()
        let none = try await store.plan(personID: p.id)
        XCTAssertNil(none)
        let first = try await store.savePlan(personID: p.id, plan("Dw i eisiau canu gyda'r côr"), expectedVersion: 0, verdicts: PlanVerdicts(whatMattersAndStrengths: .met, scoringComplete: .partly), by: .system("test"))
        XCTAssertEqual(first.version, 1)
        let second = try await store.savePlan(personID: p.id, plan("Dw i eisiau canu bob nos Fercher"), expectedVersion: 1, verdicts: nil, by: .system("test"))
        XCTAssertEqual(second.version, 2)
        let latest = try await store.plan(personID: p.id)
        XCTAssertEqual(latest?.plan, plan("Dw i eisiau canu bob nos Fercher"))
        XCTAssertNil(latest?.verdicts)
        let v1 = try await store.plan(personID: p.id, version: 1)
        XCTAssertEqual(v1?.plan.outcomes.first?.statement, "Dw i eisiau canu gyda'r côr")
        XCTAssertEqual(v1?.plan.whatMatters, "Y côr yw 'mywyd i ✨ \u{202E}")
        let versions = try await store.planVersions(personID: p.id)
        XCTAssertEqual(versions.map(\.version), [2, 1])
        let found = try await store.personID(forPlanDocument: "emrys-1")
        XCTAssertEqual(found, p.id)
    }

    func testASaveFromAStaleVersionIsRefusedAndChangesNothing() async throws {
        let p = try await person()
        _ = try await store.savePlan(personID: p.id, plan("first"), expectedVersion: 0, verdicts: nil, by: .system("test"))
        _ = try await store.savePlan(personID: p.id, plan("mine"), expectedVersion: 1, verdicts: nil, by: .system("test"))
        do {
            _ = try await store.savePlan(personID: p.id, plan("theirs"), expectedVersion: 1, verdicts: nil, by: .system("test"))
            XCTFail("a stale save must be refused")
        } catch StoreError.conflict(let current) {
            XCTAssertEqual(current, 2)
        }
        do {
            _ = try await store.savePlan(personID: p.id, plan("again"), expectedVersion: 0, verdicts: nil, by: .system("test"))
            XCTFail("a second first version must be refused")
        } catch StoreError.conflict(let current) {
            XCTAssertEqual(current, 2)
        }
        let latest = try await store.plan(personID: p.id)
        XCTAssertEqual(latest?.plan.outcomes.first?.statement, "mine")
        XCTAssertEqual(latest?.version, 2)
    }

    func testVerdictsAreStoredOnThePlanRowAndPlansLoadInBulk() async throws {
        let p = try await person()
        try await store.insert(plans: [Store.NewPlan(personID: p.id, plan: plan("bulk"), savedBy: nil,
                                                     verdicts: PlanVerdicts(whatMattersAndStrengths: .met, outcomesConsistency: .notMet,
                                                                            balancedAnalysis: .partly, interventionsMeetOutcomes: .met,
                                                                            scoringComplete: .met))], by: .system("test"))
        let read = try await store.plan(personID: p.id)
        XCTAssertEqual(read?.version, 1)
        XCTAssertEqual(read?.verdicts?.outcomesConsistency, .notMet)
        XCTAssertEqual(read?.plan.outcomes.first?.statement, "bulk")
    }
}
