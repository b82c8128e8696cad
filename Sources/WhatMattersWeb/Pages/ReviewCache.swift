import Foundation
import WhatMattersCore

/// Practice reviews of saved plan versions, so that looking at a plan again does not review
/// it again (it was a twentieth of a plan page's time). A saved version never changes, and a
/// review depends only on the plan and the language; even so, a review is handed back only
/// for the very same plan (compared in full), so a different plan under the same id and
/// version is reviewed afresh. Bounded: the oldest goes first.
final class ReviewCache: @unchecked Sendable {
    static let shared = ReviewCache(capacity: 512)

    struct Key: Hashable {
        let planID: UUID
        let version: Int
        let language: ReviewLanguage
    }

    private let lock = NSLock()
    private var reviews: [Key: (plan: CarePlan, review: PracticeReview)] = [:]
    private var order: [Key] = []
    private var next = 0
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// How many reviews are kept (for tests).
    var count: Int { lock.withLock { reviews.count } }

    func review(of record: PlanRecord, language: ReviewLanguage) -> PracticeReview {
        let key = Key(planID: record.planID, version: record.version, language: language)
        if let kept = lock.withLock({ reviews[key] }), kept.plan == record.plan { return kept.review }
        let review = record.plan.practiceReview(language: language)
        lock.withLock {
            if reviews[key] == nil {
                if order.count < capacity {
                    order.append(key)
                } else {
                    reviews[order[next]] = nil
                    order[next] = key
                    next = (next + 1) % capacity
                }
            }
            reviews[key] = (record.plan, review)
        }
        return review
    }
}
