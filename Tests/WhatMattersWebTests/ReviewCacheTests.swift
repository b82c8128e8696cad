import Foundation
import XCTest
import WhatMattersCore
@testable import WhatMattersWeb

/// The plan page keeps practice reviews of saved versions; what it shows must be exactly
/// what reviewing the plan again would give.
final class ReviewCacheTests: XCTestCase {
    func example(_ name: String) throws -> CarePlan {
        let data = try Data(contentsOf: PlanAPITests.examples.appendingPathComponent(name))
        return CarePlan(document: try PlanDocument.decode(data).get())
    }

    func record(_ plan: CarePlan, id: UUID, version: Int) -> PlanRecord {
        PlanRecord(planID: id, personID: UUID(), version: version, plan: plan, savedBy: nil, savedAt: Date(), verdicts: nil)
    }

    func testAKeptReviewIsTheReviewOfThatPlanInThatLanguage() throws {
        let cache = ReviewCache(capacity: 4)
        let id = UUID()
        for name in ["e01.json", "e02.json", "e03.json"] {
            let plan = try example(name)
            let r = record(plan, id: id, version: 1)
            for language in [ReviewLanguage.en, .cy] {
                XCTAssertEqual(cache.review(of: r, language: language), plan.practiceReview(language: language), "\(name) \(language), first look")
                XCTAssertEqual(cache.review(of: r, language: language), plan.practiceReview(language: language), "\(name) \(language), looked at again")
            }
        }
    }

    func testADifferentPlanUnderTheSameIdAndVersionIsReviewedAfresh() throws {
        let cache = ReviewCache(capacity: 4)
        let id = UUID()
        let first = try example("e01.json")
        var changed = first
        changed.whatMatters = nil
        changed.outcomes = []
        XCTAssertNotEqual(first.practiceReview(language: .en), changed.practiceReview(language: .en), "the change matters to the review")
        _ = cache.review(of: record(first, id: id, version: 3), language: .en)
        XCTAssertEqual(cache.review(of: record(changed, id: id, version: 3), language: .en), changed.practiceReview(language: .en))
        XCTAssertEqual(cache.review(of: record(first, id: id, version: 3), language: .en), first.practiceReview(language: .en))
    }

    func testTheOldestGoesFirstAndOthersStay() throws {
        let cache = ReviewCache(capacity: 2)
        let plans = try ["e01.json", "e02.json", "e03.json"].map(example)
        let ids = plans.map { _ in UUID() }
        for (plan, id) in zip(plans, ids) { _ = cache.review(of: record(plan, id: id, version: 1), language: .en) }
        XCTAssertEqual(cache.count, 2)
        for (plan, id) in zip(plans, ids) {
            XCTAssertEqual(cache.review(of: record(plan, id: id, version: 1), language: .en), plan.practiceReview(language: .en))
        }
        XCTAssertEqual(cache.count, 2, "bounded")
    }
}
