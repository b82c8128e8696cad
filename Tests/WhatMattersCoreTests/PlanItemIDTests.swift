import Foundation
import XCTest
@testable import WhatMattersCore

/// Ids of plan items, as specifications: an id, once given, names one item for the whole
/// life of the plan. A new item never takes the id of one removed, or left out of an
/// imported document, because earlier versions, links and the audit trail still use it for
/// that item. What the items no longer show is kept beside the plan, never in its document.
final class PlanItemIDTests: XCTestCase {
    /// Three of every removable kind, numbered 1 to 3, and two scores on o1.
    func plan() -> CarePlan {
        var p = CarePlan.new(documentID: "p", service: .adults, language: .en)
        p.outcomes = (1...3).map { PersonalOutcomeItem(id: "o\($0)", statement: "Outcome \($0)", whose: .person) }
        p.strengths = (1...3).map { StrengthItem(id: "s\($0)", description: "Strength \($0)") }
        p.importantPeople = (1...3).map { ImportantPersonItem(id: "p\($0)", name: "Person \($0)") }
        p.analysis.worries = (1...3).map { Worry(id: "w\($0)", description: "Worry \($0)") }
        p.analysis.differingViews = (1...3).map { DifferingView(id: "d\($0)", about: "Matter \($0)", theirView: "Yes", practitionerView: "No") }
        p.actions = (1...3).map { ActionItem(id: "a\($0)", description: "Action \($0)", outcomeIDs: ["o\($0)"]) }
        p.scores = [ScoreEntry(id: "sc1", outcomeID: "o1", kind: .baseline, value: 3),
                    ScoreEntry(id: "sc2", outcomeID: "o1", kind: .baseline, value: 4, corrects: "sc1")]
        return p
    }

    func removed(_ p: CarePlan, _ kind: RemovablePlanItem, _ id: String, file: StaticString = #filePath, line: UInt = #line) throws -> CarePlan {
        switch p.removing(kind, id: id) {
        case .success(let q): return q
        case .failure(let refusal):
            XCTFail("\(kind) \(id) could not be removed: \(refusal)", file: file, line: line)
            throw refusal
        }
    }

    func testANewItemTakesTheNextNumberOfItsKind() {
        let p = plan()
        XCTAssertEqual(PlanIDKind.allCases.map { p.newID($0) }, ["o4", "s4", "p4", "w4", "d4", "a4", "sc3", "r1"])
        XCTAssertNil(p.idHighWaterMarks, "nothing has gone, so nothing is kept beside the items")
    }

    func testTheIdOfTheLastItemRemovedIsNeverGivenAgain() throws {
        let kinds: [(RemovablePlanItem, String, String)] = [(.outcome, "o3", "o4"), (.strength, "s3", "s4"), (.importantPerson, "p3", "p4"),
                                                           (.worry, "w3", "w4"), (.differingView, "d3", "d4"), (.action, "a3", "a4")]
        for (kind, last, next) in kinds {
            let q = try removed(plan(), kind, last)
            XCTAssertFalse(q.contains(kind, id: last))
            XCTAssertEqual(q.newID(kind.idKind), next, "\(kind): \(last) named another item in the earlier version")
            XCTAssertEqual(q.idHighWaterMarks, [kind.idKind.prefix: 3], "\(kind): only its own kind is marked")
        }
    }

    func testRemovingAnItemInTheMiddleOrSeveralInARowStillNeverReusesAnId() throws {
        var p = plan()
        p.scores = []  // so that every outcome may go
        p = try removed(p, .outcome, "o2")
        XCTAssertEqual(p.newID(.outcome), "o4")
        XCTAssertNil(p.idHighWaterMarks, "o3 still shows that numbers up to 3 are used")
        p = try removed(p, .outcome, "o3")
        p = try removed(p, .outcome, "o1")
        XCTAssertTrue(p.outcomes.isEmpty)
        XCTAssertEqual(p.newID(.outcome), "o4", "an empty list does not start again at o1")

        // Added, removed, added again: each new outcome has a number of its own.
        var seen = Set(["o1", "o2", "o3"])
        for _ in 0..<3 {
            let id = p.newID(.outcome)
            XCTAssertFalse(seen.contains(id), "\(id) was used before")
            seen.insert(id)
            p.outcomes.append(PersonalOutcomeItem(id: id, statement: "New", whose: .person))
            p = try removed(p, .outcome, id)
        }
        XCTAssertEqual(p.newID(.outcome), "o7")
    }

    func testSeveralNewIdsAtOnceAreEachFresh() throws {
        let p = try removed(plan(), .action, "a3")
        XCTAssertEqual(p.newID(.score, besides: ["sc3"]), "sc4")
        XCTAssertEqual(p.newID(.action, besides: ["a4", "a5"]), "a6")
    }

    func testIdsLeftOutOfAnImportedDocumentAreNeverGivenAgain() throws {
        let old = plan()
        var d = old.document
        d.personalOutcomes?.removeLast()  // o3 is no longer in the document
        d.actions = [PlanDocument.Action(description: "Action 1", outcomes: ["o1"])]
        let merged = CarePlan.merging(d, into: old)
        XCTAssertEqual(merged.outcomes.map(\.id), ["o1", "o2"])
        XCTAssertEqual(merged.newID(.outcome), "o4")
        XCTAssertEqual(merged.newID(.action), "a4")
        XCTAssertEqual(merged.newID(.strength), "s4", "nothing left out, nothing marked")
        // The document holds o1's correction only, as sc1: sc2 is kept as used.
        XCTAssertEqual(merged.newID(.score), "sc3")
        XCTAssertEqual(merged.idHighWaterMarks, ["o": 3, "a": 3, "sc": 2])
        XCTAssertEqual(merged.document, d, "the document is exactly the one imported")

        // What an earlier removal kept is carried through an import too.
        let afterRemoval = try removed(old, .worry, "w3")
        XCTAssertEqual(CarePlan.merging(afterRemoval.document, into: afterRemoval).newID(.worry), "w4")
    }

    func testIdsThatAreNotNumberedAreCountedNotReused() throws {
        var p = CarePlan.new(documentID: "p", service: .adults, language: .en)
        p.outcomes = [PersonalOutcomeItem(id: "walk", statement: "Walk"), PersonalOutcomeItem(id: "o10x", statement: "Chapel"),
                      PersonalOutcomeItem(id: "o7", statement: "Choir")]
        XCTAssertEqual(p.newID(.outcome), "o8")
        p = try removed(p, .outcome, "o7")
        XCTAssertEqual(p.newID(.outcome), "o8")
        p = try removed(p, .outcome, "walk")
        XCTAssertEqual(p.newID(.outcome), "o8")
    }

    func testTheMarkIsKeptInTheStoredPlanAndNeverInItsDocument() throws {
        let q = try removed(plan(), .outcome, "o3")
        let stored = try JSONDecoder().decode(CarePlan.self, from: JSONEncoder().encode(q))
        XCTAssertEqual(stored, q)
        XCTAssertEqual(stored.newID(.outcome), "o4")
        let document = String(decoding: q.document.encode(), as: UTF8.self)
        XCTAssertFalse(document.contains("idHighWaterMarks"), document)
        XCTAssertEqual(q.document.problems(), [], "still a valid whatmatters.plan/1 document")

        // Plans stored before the mark was kept read as before.
        var json = try XCTUnwrap(JSONSerialization.jsonObject(with: JSONEncoder().encode(plan())) as? [String: Any])
        XCTAssertNil(json["idHighWaterMarks"], "not written while nothing has gone")
        json["idHighWaterMarks"] = nil
        let old = try JSONDecoder().decode(CarePlan.self, from: JSONSerialization.data(withJSONObject: json))
        XCTAssertEqual(old, plan())
    }
}
