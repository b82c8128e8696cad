import Foundation
import WhatMattersCore
import WhatMattersStore

/// The plan page's main content, kept once written, so that looking at a plan again does
/// not build and write its 500 elements again (that was two fifths of a plan page's time).
/// Kept per person, version, latest version and language. A saved version never changes;
/// even so, kept content is handed back only when everything it was made from (the person,
/// the whole saved version, who saved it and its review) equals what the page has now, so a
/// changed name or a different plan under the same version is written afresh. Nothing of the
/// viewer is in it: the layout (name, form tokens, notice, language switch) is written for
/// every request. Bounded: the oldest goes first.
final class PlanContentCache: Sendable {
    static let shared = PlanContentCache(capacity: 256)

    struct Key: Hashable {
        let personID: UUID
        let version: Int
        let latestVersion: Int?
        let locale: Locale2
    }

    /// What the content is made from, besides the key.
    struct Source: Equatable {
        let person: Person
        let record: PlanRecord
        let savedBy: Staff?
        let review: PracticeReview?
    }

    private let kept: BoundedCache<Key, (source: Source, content: BodyNode)>

    init(capacity: Int) { kept = BoundedCache(capacity: capacity) }

    /// How many are kept (for tests).
    var count: Int { kept.count }

    func content(of model: PlanPageModel, record: PlanRecord, locale: Locale2, make: () -> [BodyNode]) -> [BodyNode] {
        let key = Key(personID: model.person.id, version: record.version, latestVersion: model.latestVersion, locale: locale)
        let source = Source(person: model.person, record: record, savedBy: model.savedBy, review: model.review)
        if let k = kept.value(for: key), k.source == source { return [k.content] }
        let content = H.written(make())
        kept.keep((source, content), for: key)
        return [content]
    }
}
