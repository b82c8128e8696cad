import Foundation

/// A team of practitioners in one service area.
public struct Team: Equatable, Sendable, Codable, Identifiable {
    public var id: UUID
    public var name: String
    public var service: Service
    public init(id: UUID, name: String, service: Service) {
        self.id = id; self.name = name; self.service = service
    }
}

/// A member of staff who signs in.
public struct Staff: Equatable, Sendable, Codable, Identifiable {
    public var id: UUID
    public var email: String
    public var name: String
    public var role: Role
    public var teamIDs: [UUID]
    public var active: Bool
    public var locale: Locale2?
    public init(id: UUID, email: String, name: String, role: Role, teamIDs: [UUID], active: Bool = true, locale: Locale2? = nil) {
        self.id = id; self.email = email; self.name = name; self.role = role
        self.teamIDs = teamIDs; self.active = active; self.locale = locale
    }
}

/// A person supported, with the store's identity and a version for safe concurrent edits.
public struct Person: Equatable, Sendable, Identifiable {
    public var id: UUID
    public var details: PersonDetails
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date
    public init(id: UUID, details: PersonDetails, version: Int, createdAt: Date, updatedAt: Date) {
        self.id = id; self.details = details; self.version = version
        self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

public struct Conversation: Equatable, Sendable, Identifiable {
    public var id: UUID
    public var personID: UUID
    public var details: ConversationDetails
    public var recordedBy: UUID?
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date
    public init(id: UUID, personID: UUID, details: ConversationDetails, recordedBy: UUID?, version: Int,
                createdAt: Date, updatedAt: Date) {
        self.id = id; self.personID = personID; self.details = details; self.recordedBy = recordedBy
        self.version = version; self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// One page of a longer list.
public struct Page<Element: Sendable>: Sendable {
    public var items: [Element]
    public var page: Int
    public var per: Int
    public var total: Int
    public init(items: [Element], page: Int, per: Int, total: Int) {
        self.items = items; self.page = page; self.per = per; self.total = total
    }
    public var pageCount: Int { max(1, (total + per - 1) / per) }
}

/// Conversations of a team counted by what happened next, so that those that did not
/// become assessments are seen.
public struct ConversationCounts: Equatable, Sendable {
    public var byNext: [WhatHappenedNext: Int]
    public init(byNext: [WhatHappenedNext: Int]) { self.byNext = byNext }
    public var total: Int { byNext.values.reduce(0, +) }
    public var resolvedWithoutAssessment: Int {
        byNext.filter { $0.key.resolvedWithoutAssessment }.values.reduce(0, +)
    }
    public func count(_ next: WhatHappenedNext) -> Int { byNext[next] ?? 0 }
}
