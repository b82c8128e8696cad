import Foundation
import WhatMattersCore

/// The one short form for a conversation: light enough to count in minutes.
struct ConversationFormModel {
    enum Mode { case new, edit(UUID, version: Int) }
    var person: Person
    var mode: Mode
    var input: ConversationInput
    var errors: FieldErrors = FieldErrors([])
    var conflict: Conversation?
    var draftID: UUID?
    var notice: String?

    var action: SiteRoute {
        switch mode {
        case .new: return .conversationNew(person.id)
        case .edit(let id, _): return .conversationEdit(person.id, id)
        }
    }

    /// A new conversation starts in the person's own language.
    static func blank(for person: Person, today: Day) -> ConversationInput {
        ConversationInput(date: today.description, kind: ConversationKind.whatMatters.rawValue, participants: [Participant.person.rawValue],
                          language: person.details.preferredLanguage.rawValue, whoseWords: Whose.person.rawValue)
    }
}
