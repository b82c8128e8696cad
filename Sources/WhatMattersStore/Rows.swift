import Foundation
import SQLKit
import WhatMattersCore

// The reads every page makes (who is signed in, a person, a list, a plan) select their
// columns with SQLKit and decode each row straight into the Core value. Fluent's models
// walk their properties by reflection for every row they decode, which cost more than the
// queries themselves on the busiest pages. The values are the same as the models give.

extension Store {
    static let staffColumns = ["id", "email", "name", "role", "active", "locale"]

    static func staff(_ row: any SQLRow, teamIDs: [UUID]) throws -> Staff {
        Staff(id: try row.decode(column: "id", as: UUID.self), email: try row.decode(column: "email", as: String.self),
              name: try row.decode(column: "name", as: String.self),
              role: Role(rawValue: try row.decode(column: "role", as: String.self)) ?? .practitioner,
              teamIDs: teamIDs, active: try row.decode(column: "active", as: Bool.self),
              locale: try row.decode(column: "locale", as: String?.self).flatMap(Locale2.init))
    }

    static let personColumns = ["id", "name", "date_of_birth", "service", "team_id", "allocated_worker_id", "preferred_language",
                                "active_offer_on", "active_offer_by", "communication_needs", "version", "created_at", "updated_at",
                                "restricted"]

    /// As `PersonModel.value`.
    static func person(_ row: any SQLRow) throws -> Person {
        Person(id: try row.decode(column: "id", as: UUID.self), details: PersonDetails(
            name: try row.decode(column: "name", as: String.self),
            dateOfBirth: try row.decode(column: "date_of_birth", as: String?.self).flatMap(Day.init),
            service: Service(rawValue: try row.decode(column: "service", as: String.self)) ?? .adults,
            teamID: try row.decode(column: "team_id", as: UUID.self),
            allocatedWorkerID: try row.decode(column: "allocated_worker_id", as: UUID?.self),
            preferredLanguage: LanguageChoice(rawValue: try row.decode(column: "preferred_language", as: String.self)) ?? .en,
            activeOfferMadeOn: try row.decode(column: "active_offer_on", as: String?.self).flatMap(Day.init),
            activeOfferMadeBy: try row.decode(column: "active_offer_by", as: String.self),
            communicationNeeds: try row.decode(column: "communication_needs", as: String.self)),
            version: try row.decode(column: "version", as: Int.self), createdAt: try row.decode(column: "created_at", as: Date.self),
            updatedAt: try row.decode(column: "updated_at", as: Date.self), restricted: try row.decode(column: "restricted", as: Bool.self))
    }

    static func team(_ row: any SQLRow) throws -> Team {
        Team(id: try row.decode(column: "id", as: UUID.self), name: try row.decode(column: "name", as: String.self),
             service: Service(rawValue: try row.decode(column: "service", as: String.self)) ?? .adults)
    }

    /// The teams of each of these members of staff, in the order the database gives them.
    func teamIDs(ofStaff ids: [UUID]) async throws -> [UUID: [UUID]] {
        guard !ids.isEmpty else { return [:] }
        var out: [UUID: [UUID]] = [:]
        for row in try await sql.select().columns("staff_id", "team_id").from("staff_teams")
            .where("staff_id", .in, SQLBind.group(ids)).all() {
            out[try row.decode(column: "staff_id", as: UUID.self), default: []].append(try row.decode(column: "team_id", as: UUID.self))
        }
        return out
    }

    /// Who a viewer may list: their teams (nil: the whole authority) and the sealed records
    /// they are named on. Nil when they may list nobody. The same rule as `visible(_:)`.
    struct Visibility {
        var teams: [UUID]?
        var named: [UUID]
    }

    func visibility(_ viewer: Viewer) async throws -> Visibility? {
        let teams: [UUID]?
        switch viewer.scope {
        case .nothing: return nil
        case .teams(let t):
            guard !t.isEmpty else { return nil }
            teams = t
        case .authority: teams = nil
        }
        return Visibility(teams: teams, named: try await namedRecords(staffID: viewer.staffID))
    }

    /// People this viewer may list, with `filter` applied: one page in name order and the total.
    func visiblePeople(_ v: Visibility, page: Int, per: Int,
                       _ filter: (SQLSelectBuilder) -> SQLSelectBuilder = { $0 }) async throws -> WhatMattersCore.Page<Person> {
        let countRow = try await filter(sql.select().column(SQLFunction("COUNT", args: SQLColumn("id")), as: "n").from("people")
            .visible(v)).first()
        let total = try countRow?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await filter(sql.select().columns(Self.personColumns).from("people").visible(v))
            .orderBy("name_folded").orderBy("id").limit(per).offset((page - 1) * per).all()
        return .init(items: try rows.map(Self.person), page: page, per: per, total: total)
    }
}

extension SQLSelectBuilder {
    /// The people a `Store.Visibility` allows: the viewer's teams, and no sealed record
    /// unless they are named on it.
    @discardableResult
    func visible(_ v: Store.Visibility) -> Self {
        if let teams = v.teams { self.where("team_id", .in, SQLBind.group(teams)) }
        if v.named.isEmpty {
            self.where("restricted", .equal, SQLBind(false))
        } else {
            self.where { $0.where("restricted", .equal, SQLBind(false)).orWhere("id", .in, SQLBind.group(v.named)) }
        }
        return self
    }
}
