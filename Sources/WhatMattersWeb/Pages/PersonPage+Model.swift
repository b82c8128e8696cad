import Foundation
import WhatMattersCore

/// A person's record: their details and their conversations.
struct PersonPageModel {
    var person: Person
    var team: Team?
    var worker: Staff?
    var conversations: [Conversation]
    var notice: String?
}
