import Foundation
import WhatMattersCore
import WhatMattersStore

/// Practice reviews of saved plan versions, so that looking at a plan again does not review
/// it again (it was a twentieth of a plan page's time). A saved version never changes, and a
/// review depends only on the plan and the language; even so, a review is handed back only
/// for the very same plan (compared in full), so a different plan under the same id and
/// version is reviewed afresh. Bounded: the oldest goes first.
final class ReviewCache: Sendable {
    static let shared = ReviewCache(capacity: 512)

    struct Key: Hashable {
        let planID: UUID
        let version: Int
        let language: ReviewLanguage
    }

    private let reviews: BoundedCache<Key, (plan: CarePlan, review: PracticeReview)>

    init(capacity: Int) { reviews = BoundedCache(capacity: capacity) }

    /// How many reviews are kept (for tests).
    var count: Int { reviews.count }

    func review(of record: PlanRecord, language: ReviewLanguage) -> PracticeReview {
        let key = Key(planID: record.planID, version: record.version, language: language)
        if let kept = reviews.value(for: key), kept.plan == record.plan { return kept.review }
        let review = record.plan.practiceReview(language: language)
        reviews.keep((record.plan, review), for: key)
        return review
    }
}
