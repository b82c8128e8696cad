import Foundation
import WhatMattersCore
import WhatMattersStore

/// A person's record: their details and their conversations.
struct PersonPageModel {
    var person: Person
    var team: Team?
    var worker: Staff?
    var conversations: [Conversation]
    var notice: String?
    /// Emergency accesses, marked on the record for everyone who opens it.
    var breakGlass: [BreakGlass] = []
    /// Who has looked at or changed the record (for team managers).
    var lookedAt: [AuditEvent]? = nil
    var canRestrict: Bool = false
}
