import Foundation
import XCTest
@testable import WhatMattersCore

/// The demo's plans: of the quality each person asks for, in their language, the same for
/// the same seed, and valid plan documents.
final class DemoPlansTests: XCTestCase {
    func testDemoPlansHonourTheirQualityAndLanguageAndAreDeterministic() {
        let demo = DemoAuthority(people: 300, seed: 7)
        var byQuality: [DemoPlanQuality: Int] = [:]
        var welsh = 0
        for p in demo.allPeople {
            let plan = DemoPlans.plan(for: p, in: demo)
            guard p.planQuality != .none else { XCTAssertNil(plan); continue }
            guard let plan else { return XCTFail("a plan for \(p.planQuality)") }
            byQuality[p.planQuality, default: 0] += 1
            XCTAssertEqual(plan, DemoPlans.plan(for: p, in: demo), "deterministic")
            XCTAssertEqual(plan.document.problems(), [], "a valid plan document")
            if p.details.preferredLanguage == .cy { XCTAssertEqual(plan.language, .cy); welsh += 1 }
            switch p.planQuality {
            case .exemplary:
                XCTAssertTrue(plan.unlinkedActions.isEmpty)
                XCTAssertEqual(Set(plan.scores.map(\.outcomeID)), Set(plan.outcomes.map(\.id)))
                XCTAssertNotNil(plan.agreement)
            case .deficitLed:
                XCTAssertTrue(plan.strengths.isEmpty)
                XCTAssertTrue(plan.scores.isEmpty)
            case .missingScores:
                XCTAssertLessThan(Set(plan.scores.map(\.outcomeID)).count, plan.outcomes.count)
            case .unlinkedServices:
                XCTAssertTrue(plan.unlinkedActions.contains { $0.isAService })
            case .taskLikeOutcomes:
                XCTAssertTrue(plan.outcomes.allSatisfy { $0.whose == .practitioner })
            case .none: break
            }
        }
        XCTAssertGreaterThan(byQuality.count, 3)
        XCTAssertGreaterThan(welsh, 0)
    }

    func testTheReviewSeesTheDifferenceBetweenExemplaryAndDeficitLedPlans() {
        let demo = DemoAuthority(people: 400, seed: 3)
        let people = demo.allPeople.filter { $0.planQuality == .exemplary || $0.planQuality == .deficitLed }.prefix(20)
        for p in people {
            let review = DemoPlans.plan(for: p, in: demo)!.practiceReview(language: .en)
            if p.planQuality == .deficitLed {
                XCTAssertEqual(review.verdict(.whatMattersAndStrengths), .notMet, p.details.name)
                XCTAssertEqual(review.verdict(.scoringComplete), .notMet)
            } else {
                XCTAssertEqual(review.verdict(.interventionsMeetOutcomes), .met, p.details.name)
                XCTAssertEqual(review.verdict(.scoringComplete), .met)
            }
        }
    }
}
