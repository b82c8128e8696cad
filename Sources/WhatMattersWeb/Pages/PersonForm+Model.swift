import Foundation
import WhatMattersCore

/// Adding or changing a person's details. Carries what was typed, so that a form returned
/// with errors loses nothing.
struct PersonFormModel {
    enum Mode { case new, edit(UUID, version: Int) }
    var mode: Mode
    var input: PersonInput
    var errors: FieldErrors = FieldErrors([])
    var teams: [Team]
    var workers: [Staff]
    /// When someone else saved first: what is saved now, shown beside what this user typed.
    var conflict: Person?
    var draftID: UUID?
    var notice: String?

    var action: SiteRoute {
        switch mode {
        case .new: return .personNew
        case .edit(let id, _): return .personEdit(id)
        }
    }
}
