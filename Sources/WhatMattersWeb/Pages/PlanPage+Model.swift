import Foundation
import WhatMattersCore

/// A person's plan, read back in full: the latest version, or an older one (read only).
struct PlanPageModel {
    var person: Person
    /// Nil: no plan yet.
    var record: PlanRecord?
    /// The latest version number, when `record` is an older one.
    var latestVersion: Int?
    var savedBy: Staff?
    /// The practice review of this version, in the reader's language.
    var review: PracticeReview?
    /// What Matters conversations a plan can be started from.
    var conversations: [Conversation] = []
    var notice: String?
    /// Where the main content is kept once written while answering a request; nil: written
    /// afresh every time (bench/render measures both).
    var contentCache: PlanContentCache? = .shared

    var isHistorical: Bool { latestVersion != nil && latestVersion != record?.version }
}
