import Foundation
import SQLKit
import WhatMattersCore

// The reads every page makes (who is signed in, a person, a list, a plan) select their
// columns with SQLKit and decode each row straight into the Core value. Fluent's models
// walk their properties by reflection for every row they decode, which cost more than the
// queries themselves on the busiest pages. The values are the same as the models give.

extension SQLRow {
    /// A UUID column. SQLite keeps UUIDs as text, and Foundation parses text UUIDs with
    /// `sscanf`, which showed in profiles of every page: read the text and parse it here.
    /// Anything but the canonical form goes the usual way (and PostgreSQL's uuid columns too).
    func uuid(_ column: String) throws -> UUID {
        if let text = try? decode(column: column, as: String.self), let id = UUIDText.parse(text) { return id }
        return try decode(column: column, as: UUID.self)
    }

    func uuidIfPresent(_ column: String) throws -> UUID? {
        if try decodeNil(column: column) { return nil }
        return try uuid(column)
    }
}

/// UUIDs as text, `01683723-6484-4FC2-BAF6-F86E2C64DE11`, without Foundation's cost.
public enum UUIDText {
    /// The same text as `uuidString` (upper case). Foundation's writes each byte through
    /// printf: with a few ids on every audit entry, query and link, that showed in profiles.
    public static func string(_ id: UUID) -> String {
        withUnsafeBytes(of: id.uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { out in
                var j = 0
                for i in 0..<16 {
                    if i == 4 || i == 6 || i == 8 || i == 10 { out[j] = 0x2D; j += 1 }
                    out[j] = upperHex[Int(bytes[i] >> 4)]
                    out[j + 1] = upperHex[Int(bytes[i] & 0x0F)]
                    j += 2
                }
                return j
            }
        }
    }

    private static let upperHex: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// Either case into a UUID; nil for anything else.
    public static func parse(_ text: String) -> UUID? {
        var text = text
        return text.withUTF8 { u -> UUID? in
            guard u.count == 36, u[8] == 0x2D, u[13] == 0x2D, u[18] == 0x2D, u[23] == 0x2D else { return nil }
            var bytes = [UInt8](repeating: 0, count: 16)
            var i = 0, n = 0
            while i < 36 {
                if i == 8 || i == 13 || i == 18 || i == 23 { i += 1; continue }
                guard let hi = hex(u[i]), let lo = hex(u[i + 1]) else { return nil }
                bytes[n] = hi << 4 | lo
                n += 1
                i += 2
            }
            return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                               bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
        }
    }

    private static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x41...0x46: return c - 0x41 + 10
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }
}

extension Store {
    static let staffColumns = ["id", "email", "name", "role", "active", "locale"]
    /// A member of staff with a row per team (none: one row, no team). Hot queries are plain
    /// SQL with bound values: building and serialising them with the query builder cost
    /// more than running them.
    static let staffWithTeams = "SELECT s.id, s.email, s.name, s.role, s.active, s.locale, st.team_id FROM staff s "
        + "LEFT JOIN staff_teams st ON st.staff_id = s.id"

    static func staff(rows: [any SQLRow]) throws -> Staff? {
        guard let first = rows.first else { return nil }
        return try staff(first, teamIDs: try rows.compactMap { try $0.uuidIfPresent("team_id") })
    }

    static func staff(_ row: any SQLRow, teamIDs: [UUID]) throws -> Staff {
        Staff(id: try row.uuid("id"), email: try row.decode(column: "email", as: String.self),
              name: try row.decode(column: "name", as: String.self),
              role: Role(rawValue: try row.decode(column: "role", as: String.self)) ?? .practitioner,
              teamIDs: teamIDs, active: try row.decode(column: "active", as: Bool.self),
              locale: try row.decode(column: "locale", as: String?.self).flatMap(Locale2.init))
    }

    static let personColumns = ["id", "name", "date_of_birth", "service", "team_id", "allocated_worker_id", "preferred_language",
                                "active_offer_on", "active_offer_by", "communication_needs", "version", "created_at", "updated_at",
                                "restricted"]
    static let personColumnList = personColumns.joined(separator: ", ")

    /// As `PersonModel.value`.
    static func person(_ row: any SQLRow) throws -> Person {
        Person(id: try row.uuid("id"), details: PersonDetails(
            name: try row.decode(column: "name", as: String.self),
            dateOfBirth: try row.decode(column: "date_of_birth", as: String?.self).flatMap(Day.init),
            service: Service(rawValue: try row.decode(column: "service", as: String.self)) ?? .adults,
            teamID: try row.uuid("team_id"),
            allocatedWorkerID: try row.uuidIfPresent("allocated_worker_id"),
            preferredLanguage: LanguageChoice(rawValue: try row.decode(column: "preferred_language", as: String.self)) ?? .en,
            activeOfferMadeOn: try row.decode(column: "active_offer_on", as: String?.self).flatMap(Day.init),
            activeOfferMadeBy: try row.decode(column: "active_offer_by", as: String.self),
            communicationNeeds: try row.decode(column: "communication_needs", as: String.self)),
            version: try row.decode(column: "version", as: Int.self), createdAt: try row.decode(column: "created_at", as: Date.self),
            updatedAt: try row.decode(column: "updated_at", as: Date.self), restricted: try row.decode(column: "restricted", as: Bool.self))
    }

    /// A session's data, read from the table Fluent's session driver keeps (`_fluent_sessions`),
    /// decoded as that driver decodes it. Read on every request that carries a session cookie.
    public func sessionData(key: String) async throws -> [String: String]? {
        guard let row = try await reads.raw(#"SELECT data FROM _fluent_sessions WHERE "key" = \#(bind: key)"#).first() else { return nil }
        // Stored as JSON text on SQLite: decoded once per distinct text, since a session's
        // data changes about once a minute and is read on every page (decoding it was a
        // fortieth of a page). PostgreSQL's jsonb is decoded as before.
        if let text = try? row.decode(column: "data", as: String.self) {
            if let kept = Self.decodedSessions.value(for: text) { return kept }
            if let data = try? JSONDecoder().decode([String: String].self, from: Data(text.utf8)) {
                Self.decodedSessions.keep(data, for: text)
                return data
            }
        }
        return try row.decode(column: "data", as: [String: String].self)
    }

    /// Session data by the exact text it was decoded from.
    static let decodedSessions = BoundedCache<String, [String: String]>(capacity: 4096)

    static func team(_ row: any SQLRow) throws -> Team {
        Team(id: try row.uuid("id"), name: try row.decode(column: "name", as: String.self),
             service: Service(rawValue: try row.decode(column: "service", as: String.self)) ?? .adults)
    }

    /// Who a viewer may list: their teams (nil: the whole authority), and sealed records only
    /// those they are named on. The same rule as `visible(_:)`, in the same query as the list.
    struct Visibility {
        var teams: [UUID]?
        var staffID: UUID

        var condition: SQLQueryString {
            var q: SQLQueryString = """
                (restricted = \(bind: false) OR id IN (SELECT person_id FROM restricted_access WHERE staff_id = \(bind: staffID)))
                """
            if let teams { q = "team_id IN (\(binds: teams)) AND " + q }
            return q
        }
    }

    /// Nil when the viewer may list nobody.
    func visibility(_ viewer: Viewer) -> Visibility? {
        switch viewer.scope {
        case .nothing: return nil
        case .teams(let t): return t.isEmpty ? nil : Visibility(teams: t, staffID: viewer.staffID)
        case .authority: return Visibility(teams: nil, staffID: viewer.staffID)
        }
    }

    /// People this viewer may list, and matching `and` when given: one page in name order and the total.
    func visiblePeople(_ v: Visibility, page: Int, per: Int, and extra: SQLQueryString? = nil) async throws -> WhatMattersCore.Page<Person> {
        var condition = v.condition
        if let extra { condition += " AND " + extra }
        let countRow = try await reads.raw("SELECT COUNT(id) AS n FROM people WHERE \(condition)").first()
        let total = try countRow?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await reads.raw("""
            SELECT \(unsafeRaw: Self.personColumnList) FROM people WHERE \(condition)
            ORDER BY name_folded, id LIMIT \(literal: per) OFFSET \(literal: (page - 1) * per)
            """).all()
        return .init(items: try rows.map(Self.person), page: page, per: per, total: total)
    }
}
