import Foundation
import WhatMattersCore

/// A team: who is in it, how many people it supports, and what its conversations led to.
struct TeamPageModel {
    var team: Team
    var staff: [Staff]
    var peopleCount: Int
    var counts: ConversationCounts
    /// Break-glass access to the team's records, shown to its managers.
    var notices: [TeamNotice] = []
}
