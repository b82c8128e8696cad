import Foundation
import Vapor
import WhatMattersCore
import WhatMattersStore

/// The one place pages and API ask whether the signed-in member of staff may act on a
/// person's record. It works out the relationship (team, allocated, break-glass, none) and
/// the record's sensitivity, then asks `Access.allows`. Anything that goes wrong denies.
struct RecordGrant {
    var person: Person
    var relationship: Access.Relationship
}

extension Request {
    func relationship(of staff: Staff, to person: Person) async throws -> Access.Relationship {
        if staff.teamIDs.contains(person.details.teamID) {
            return person.details.allocatedWorkerID == staff.id ? .allocated : .team
        }
        if Access.mayBreakGlass(staff.role), try await store.activeBreakGlass(staffID: staff.id, personID: person.id) != nil {
            return .breakGlass
        }
        return .none
    }

    /// The person, if this member of staff may do `action` with their record; otherwise an
    /// error that reveals nothing (a sealed record is simply not found).
    func authorize(personID: UUID?, _ action: Access.Action) async throws -> RecordGrant {
        let staff = try requireStaff()
        guard let personID, let person = try await store.person(personID) else { throw WebError.notFound }
        let named = person.restricted ? try await store.isNamed(staffID: staff.id, personID: person.id) : false
        let relationship = try await self.relationship(of: staff, to: person)
        let sensitivity: Access.Sensitivity = person.restricted ? .restricted : .ordinary
        if Access.allows(role: staff.role, relationship: relationship, sensitivity: sensitivity, named: named, action: action) {
            return RecordGrant(person: person, relationship: relationship)
        }
        // Pages offer break-glass where it is allowed; the API, and sealed records, say nothing.
        if !isAPI, !person.restricted, relationship == .none, action == .read, Access.mayBreakGlass(staff.role),
           Access.allows(role: staff.role, relationship: .breakGlass, sensitivity: .ordinary, action: .read) {
            throw WebError.breakGlassAvailable(person.id)
        }
        throw WebError.notFound
    }

    /// The person named in the route's `personID` parameter.
    func authorizePerson(_ action: Access.Action) async throws -> RecordGrant {
        try await authorize(personID: parameters.get(SiteRoute.personParam, as: UUID.self), action)
    }

    var viewer: Viewer? { staff.map(Viewer.init) }
}
