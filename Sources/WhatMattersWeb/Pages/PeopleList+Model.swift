import Foundation
import WhatMattersCore

/// A list of people: a caseload, everyone in the user's teams, or search results.
struct PeopleListModel {
    enum Kind { case caseload, people, search }
    var kind: Kind
    var people: [Person]
    var page: Int = 1
    var pageCount: Int = 1
    var total: Int
    var teams: [UUID: Team]
    var query: String = ""
    var queryError: String?
}
