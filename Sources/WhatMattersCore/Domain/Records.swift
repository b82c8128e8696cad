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
    /// A sealed record: visible only to the staff named on it.
    public var restricted: Bool
    public init(id: UUID, details: PersonDetails, version: Int, createdAt: Date, updatedAt: Date, restricted: Bool = false) {
        self.id = id; self.details = details; self.version = version
        self.createdAt = createdAt; self.updatedAt = updatedAt; self.restricted = restricted
    }
}

/// Whose lists a member of staff sees, and which sealed records they are named on.
public struct Viewer: Sendable, Equatable {
    public enum Scope: Sendable, Equatable { case nothing, teams([UUID]), authority }
    public var staffID: UUID
    public var scope: Scope
    public init(staffID: UUID, scope: Scope) { self.staffID = staffID; self.scope = scope }

    /// The lists a role sees, consistent with `Access.allows(…, action: .list)`.
    public init(_ staff: Staff) {
        self.staffID = staff.id
        if !staff.active { scope = .nothing }
        else if Access.readsAuthority(staff.role) { scope = .authority }
        else if Access.allows(role: staff.role, relationship: .team, sensitivity: .ordinary, action: .list) { scope = .teams(staff.teamIDs) }
        else { scope = .nothing }
    }
}

/// Emergency access to one record.
public struct BreakGlass: Sendable, Equatable {
    public var staffID: UUID
    public var staffName: String
    public var personID: UUID
    public var reason: String
    public var startedAt: Date
    public var expiresAt: Date
    public init(staffID: UUID, staffName: String, personID: UUID, reason: String, startedAt: Date, expiresAt: Date) {
        self.staffID = staffID; self.staffName = staffName; self.personID = personID; self.reason = reason
        self.startedAt = startedAt; self.expiresAt = expiresAt
    }
}

/// Something a team manager needs to know, such as break-glass access to a team's record.
public struct TeamNotice: Sendable, Equatable {
    public var personID: UUID?
    public var kind: String
    public var detail: String
    public var createdAt: Date
    public init(personID: UUID?, kind: String, detail: String, createdAt: Date) {
        self.personID = personID; self.kind = kind; self.detail = detail; self.createdAt = createdAt
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
