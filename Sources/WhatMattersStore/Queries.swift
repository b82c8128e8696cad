import Fluent
import Foundation
import SQLKit
import WhatMattersCore

// MARK: Teams and staff

extension Store {
    public func createTeam(name: String, service: Service, id: UUID = UUID(), by actor: AuditActor) async throws -> Team {
        try await audited(AuditEntry(actor, "team.create", detail: name)) { s in
            let m = TeamModel(id: id, name: name, service: service)
            try await m.create(on: s.db)
            return m.value
        }
    }

    public func teams() async throws -> [Team] {
        try await reads.raw("SELECT id, name, service FROM teams ORDER BY name").all().map(Self.team)
    }

    public func team(_ id: UUID) async throws -> Team? {
        try await reads.raw("SELECT id, name, service FROM teams WHERE id = \(bind: id)").first().map(Self.team)
    }

    public func team(named name: String) async throws -> Team? {
        try await TeamModel.query(on: db).filter(\.$name == name).first()?.value
    }

    /// Adds a member of staff. The password hash is made by the caller (bcrypt in Web).
    public func addStaff(email: String, name: String, role: Role, teamIDs: [UUID], passwordHash: String,
                         id: UUID = UUID(), by actor: AuditActor) async throws -> Staff {
        let normalised = email.lowercased()
        if try await StaffModel.query(on: db).filter(\.$email == normalised).first() != nil {
            throw StoreError.duplicateEmail(normalised)
        }
        let detail = "\(normalised) as \(role.rawValue) in \(teamIDs.map(\.uuidString).joined(separator: ","))"
        return try await audited(AuditEntry(actor, "permission.grant", detail: detail)) { s in
            let tx = s.db
            let m = StaffModel()
            m.id = id; m.email = normalised; m.name = name; m.role = role.rawValue
            m.passwordHash = passwordHash; m.active = true
            try await m.create(on: tx)
            for t in teamIDs { try await StaffTeamModel(staffID: id, teamID: t).create(on: tx) }
            return Staff(id: id, email: normalised, name: name, role: role, teamIDs: teamIDs)
        }
    }

    private func value(_ m: StaffModel) async throws -> Staff {
        let teams = try await StaffTeamModel.query(on: db).filter(\.$staff.$id == m.id!).all().map(\.teamID)
        return Staff(id: m.id!, email: m.email, name: m.name, role: Role(rawValue: m.role) ?? .practitioner,
                     teamIDs: teams, active: m.active, locale: m.locale.flatMap(Locale2.init))
    }

    /// Read on every request (who is signed in): one query, a row per team, decoded directly.
    public func staff(_ id: UUID) async throws -> Staff? {
        try Self.staff(rows: try await reads.raw("\(unsafeRaw: Self.staffWithTeams) WHERE s.id = \(bind: id)").all())
    }

    /// These teams, in no particular order (the ones a list of people shows).
    public func teams(ids: [UUID]) async throws -> [Team] {
        guard !ids.isEmpty else { return [] }
        return try await reads.raw("SELECT id, name, service FROM teams WHERE id IN (\(binds: ids))").all().map(Self.team)
    }

    /// The member of staff with this email, and their password hash, for sign-in.
    public func staffForSignIn(email: String) async throws -> (Staff, String)? {
        guard let m = try await StaffModel.query(on: db).filter(\.$email == email.lowercased()).first() else { return nil }
        return (try await value(m), m.passwordHash)
    }

    /// Staff in any of these teams, by name, each with the ones of these teams they are in.
    public func staff(inTeams teamIDs: [UUID]) async throws -> [Staff] {
        guard !teamIDs.isEmpty else { return [] }
        var teamsByStaff: [UUID: [UUID]] = [:]
        for link in try await reads.raw("SELECT staff_id, team_id FROM staff_teams WHERE team_id IN (\(binds: teamIDs))").all() {
            teamsByStaff[try link.uuid("staff_id"), default: []].append(try link.uuid("team_id"))
        }
        guard !teamsByStaff.isEmpty else { return [] }
        let rows = try await reads.raw("SELECT \(unsafeRaw: Self.staffColumns.joined(separator: ", ")) FROM staff WHERE id IN (\(binds: Array(teamsByStaff.keys))) ORDER BY name").all()
        // Each one's teams among those asked about, not all their teams: staff who work across
        // the authority belong to every team, and reading all their links was most of the
        // team page's time. Lists of staff need their names and roles, not their reach.
        return try rows.map { row in try Self.staff(row, teamIDs: teamsByStaff[try row.uuid("id")] ?? []) }
    }

    public func setLocale(staffID: UUID, _ locale: Locale2) async throws {
        guard let m = try await StaffModel.find(staffID, on: writeDB) else { throw StoreError.notFound }
        m.locale = locale.rawValue
        try await m.update(on: writeDB)
    }

    // MARK: API tokens

    public func addToken(staffID: UUID, tokenHash: String, by actor: AuditActor) async throws {
        try await audited(AuditEntry(actor, "permission.token", detail: staffID.uuidString)) { s in
            let m = APITokenModel()
            m.staffID = staffID; m.tokenHash = tokenHash; m.createdAt = Date()
            try await m.create(on: s.db)
        }
    }

    /// Read on every API request: the token's member of staff and their teams in one query.
    public func staff(forTokenHash hash: String) async throws -> Staff? {
        try Self.staff(rows: try await reads.raw(
            "\(unsafeRaw: Self.staffWithTeams) JOIN api_tokens t ON t.staff_id = s.id WHERE t.token_hash = \(bind: hash)").all())
    }
}

// MARK: People

extension Store {
    public func createPerson(_ d: PersonDetails, id: UUID = UUID(), at now: Date = Date(), by actor: AuditActor) async throws -> Person {
        try await audited(AuditEntry(actor, "person.create", person: id)) { s in
            let m = PersonModel()
            m.id = id
            m.apply(d)
            m.version = 1
            m.restricted = false
            m.createdAt = now; m.updatedAt = now
            try await m.create(on: s.db)
            return m.value
        }
    }

    public func person(_ id: UUID) async throws -> Person? {
        try await reads.raw("SELECT \(unsafeRaw: Self.personColumnList) FROM people WHERE id = \(bind: id)").first().map(Self.person)
    }

    /// Saves new details only if nobody has saved since `expectedVersion` was read.
    public func updatePerson(_ id: UUID, _ d: PersonDetails, expectedVersion: Int?, by actor: AuditActor) async throws -> Person {
        try await audited(AuditEntry(actor, "person.update", person: id)) { s in
            let tx = s.db
            guard let m = try await PersonModel.find(id, on: tx) else { throw StoreError.notFound }
            if let expectedVersion, expectedVersion != m.version { throw StoreError.conflict(currentVersion: m.version) }
            m.apply(d)
            m.version += 1
            m.updatedAt = Date()
            try await m.update(on: tx)
            return m.value
        }
    }

    /// The people this viewer may list: their scope, less sealed records they are not named on.
    func visible(_ viewer: Viewer) async throws -> QueryBuilder<PersonModel>? {
        let q = PersonModel.query(on: db)
        switch viewer.scope {
        case .nothing: return nil
        case .teams(let teams):
            guard !teams.isEmpty else { return nil }
            q.filter(\.$teamID ~~ teams)
        case .authority: break
        }
        let named = try await namedRecords(staffID: viewer.staffID)
        if named.isEmpty {
            q.filter(\.$restricted == false)
        } else {
            q.group(.or) { $0.filter(\.$restricted == false).filter(\.$id ~~ named) }
        }
        return q
    }

    /// Sealed records this member of staff is named on.
    public func namedRecords(staffID: UUID) async throws -> [UUID] {
        try await reads.raw("SELECT person_id FROM restricted_access WHERE staff_id = \(bind: staffID)").all().map { try $0.uuid("person_id") }
    }

    /// People this viewer may list, by name.
    public func people(visibleTo viewer: Viewer, page: Int, per: Int) async throws -> WhatMattersCore.Page<Person> {
        guard let v = visibility(viewer) else { return .init(items: [], page: page, per: per, total: 0) }
        return try await visiblePeople(v, page: page, per: per)
    }

    /// People in one team that this viewer may list (for counts on a team page).
    public func peopleCount(teamID: UUID, visibleTo viewer: Viewer) async throws -> Int {
        guard let v = visibility(viewer) else { return 0 }
        let row = try await reads.raw("SELECT COUNT(id) AS n FROM people WHERE \(v.condition) AND team_id = \(bind: teamID)").first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    /// A practitioner's caseload: the people allocated to them that they may see.
    public func caseload(workerID: UUID, visibleTo viewer: Viewer, page: Int, per: Int) async throws -> WhatMattersCore.Page<Person> {
        guard let v = visibility(viewer) else { return .init(items: [], page: page, per: per, total: 0) }
        return try await visiblePeople(v, page: page, per: per, and: "allocated_worker_id = \(bind: workerID)")
    }

    /// Finds people this viewer may list by name (every word of the query starts a word of
    /// the name, accents optional) or, when the query is a date, by date of birth.
    public func searchPeople(_ query: String, visibleTo viewer: Viewer, limit: Int = 50) async throws -> [Person] {
        guard let q = try await visible(viewer) else { return [] }
        let trimmed = query.trimmingCharacters(in: .whitespacesAndNewlines)
        if let day = Day(trimmed) ?? Self.parseUKDate(trimmed) {
            return try await q.filter(\.$dateOfBirth == day.description).sort(\.$nameFolded).limit(limit).all().map(\.value)
        }
        let words = NameSearch.fold(trimmed).split(separator: " ").map(String.init)
        guard let first = words.first else { return [] }
        // Narrow in SQL by the first word, then match every word at word starts in Swift.
        let candidates = try await q.filter(\.$nameFolded, .contains(inverse: false, .anywhere), first)
            .sort(\.$nameFolded).limit(2000).all()
        return candidates.lazy.filter { NameSearch.matches(query: trimmed, name: $0.name) }.prefix(limit).map(\.value)
    }

    /// Convenience for tests and tools: people in the given teams (sealed records excluded).
    public func people(inTeams teamIDs: [UUID], page: Int, per: Int) async throws -> WhatMattersCore.Page<Person> {
        try await people(visibleTo: Viewer(staffID: UUID(), scope: .teams(teamIDs)), page: page, per: per)
    }

    public func searchPeople(_ query: String, inTeams teamIDs: [UUID], limit: Int = 50) async throws -> [Person] {
        try await searchPeople(query, visibleTo: Viewer(staffID: UUID(), scope: .teams(teamIDs)), limit: limit)
    }

    public func caseload(workerID: UUID, page: Int, per: Int) async throws -> WhatMattersCore.Page<Person> {
        try await caseload(workerID: workerID, visibleTo: Viewer(staffID: workerID, scope: .authority), page: page, per: per)
    }

    /// `31/12/1950`, as people in the UK write dates.
    static func parseUKDate(_ text: String) -> Day? {
        let parts = text.split(separator: "/")
        guard parts.count == 3, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]), parts[2].count == 4 else { return nil }
        return Day(year: y, month: m, day: d)
    }
}

// MARK: Conversations

extension Store {
    public func addConversation(personID: UUID, _ d: ConversationDetails, id: UUID = UUID(),
                                at now: Date = Date(), by actor: AuditActor) async throws -> Conversation {
        try await audited(AuditEntry(actor, "conversation.create", person: personID, detail: id.uuidString)) { s in
            let m = ConversationModel()
            m.id = id; m.personID = personID; m.apply(d); m.recordedBy = actor.id
            m.version = 1; m.createdAt = now; m.updatedAt = now
            try await m.create(on: s.db)
            return m.value
        }
    }

    public func conversation(_ id: UUID) async throws -> Conversation? {
        try await ConversationModel.find(id, on: db)?.value
    }

    public func updateConversation(_ id: UUID, personID: UUID, _ d: ConversationDetails, expectedVersion: Int?,
                                   by actor: AuditActor) async throws -> Conversation {
        try await audited(AuditEntry(actor, "conversation.update", person: personID, detail: id.uuidString)) { s in
            let tx = s.db
            guard let m = try await ConversationModel.find(id, on: tx), m.personID == personID else { throw StoreError.notFound }
            if let expectedVersion, expectedVersion != m.version { throw StoreError.conflict(currentVersion: m.version) }
            m.apply(d); m.version += 1; m.updatedAt = Date()
            try await m.update(on: tx)
            return m.value
        }
    }

    /// A person's conversations, newest first.
    public func conversations(personID: UUID, page: Int = 1, per: Int = 100) async throws -> WhatMattersCore.Page<Conversation> {
        let q = ConversationModel.query(on: db).filter(\.$personID == personID)
        let total = try await q.copy().count()
        let items = try await q.sort(\.$date, .descending).sort(\.$createdAt, .descending)
            .range((page - 1) * per ..< page * per).all().map(\.value)
        return .init(items: items, page: page, per: per, total: total)
    }

    /// The team's conversations counted by what happened next. Sealed records count only
    /// for the staff named on them.
    public func conversationCounts(teamID: UUID, viewerID: UUID? = nil) async throws -> ConversationCounts {
        var named: [UUID] = []
        if let viewerID { named = try await namedRecords(staffID: viewerID) }
        let rows = try await reads.select()
            .column(SQLColumn("what_happened_next", table: "conversations"), as: "next")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("conversations")
            .join("people", on: SQLColumn("id", table: "people"), .equal, SQLColumn("person_id", table: "conversations"))
            .where(SQLColumn("team_id", table: "people"), .equal, SQLBind(teamID))
            .where { w in
                var w = w.where(SQLColumn("restricted", table: "people"), .equal, SQLLiteral.boolean(false))
                if !named.isEmpty { w = w.orWhere(SQLColumn("id", table: "people"), .in, SQLBind.group(named)) }
                return w
            }
            .groupBy(SQLColumn("what_happened_next", table: "conversations"))
            .all()
        var counts: [WhatHappenedNext: Int] = [:]
        for row in rows {
            let next = try row.decode(column: "next", as: String.self)
            let n = try row.decode(column: "n", as: Int.self)
            if let k = WhatHappenedNext(rawValue: next) { counts[k] = n }
        }
        return ConversationCounts(byNext: counts)
    }
}

// MARK: Drafts

extension Store {
    /// Keeps typed text when a session has ended. Audited: it may hold anything a
    /// practitioner wrote about a person.
    public func saveDraft(path: String, fields: String) async throws -> UUID {
        let id = UUID()
        return try await audited(AuditEntry(.system("session ended"), "draft.keep", detail: "\(id.uuidString) \(path)")) { s in
            let m = DraftModel()
            m.id = id; m.path = path; m.fields = fields; m.createdAt = Date()
            try await m.create(on: s.db)
            return id
        }
    }

    public func draft(_ id: UUID) async throws -> (path: String, fields: String)? {
        guard let m = try await DraftModel.find(id, on: db) else { return nil }
        return (m.path, m.fields)
    }

    public func deleteDraft(_ id: UUID) async throws {
        try await DraftModel.query(on: writeDB).filter(\.$id == id).delete()
    }
}

// MARK: Bulk loading (the demo authority, imports)

extension Store {
    /// A person to insert in bulk, with a known id.
    public struct NewPerson: Sendable {
        public var id: UUID
        public var details: PersonDetails
        public init(id: UUID, details: PersonDetails) { self.id = id; self.details = details }
    }

    public struct NewConversation: Sendable {
        public var id: UUID
        public var personID: UUID
        public var details: ConversationDetails
        public var recordedBy: UUID?
        public init(id: UUID, personID: UUID, details: ConversationDetails, recordedBy: UUID?) {
            self.id = id; self.personID = personID; self.details = details; self.recordedBy = recordedBy
        }
    }

    /// Inserts many people and their conversations in one transaction, in multi-row inserts
    /// small enough for SQLite's limit on bound values.
    public func insert(people: [NewPerson], conversations: [NewConversation], at now: Date = Date(), by actor: AuditActor) async throws {
        let entry = AuditEntry(actor, "people.bulk-create", detail: "\(people.count) people, \(conversations.count) conversations")
        try await audited(entry) { s in
            let tx = s.db
            for chunk in people.chunked(400) {
                let models = chunk.map { p -> PersonModel in
                    let m = PersonModel()
                    m.id = p.id; m.apply(p.details); m.version = 1; m.restricted = false; m.createdAt = now; m.updatedAt = now
                    return m
                }
                try await models.create(on: tx)
            }
            for chunk in conversations.chunked(400) {
                let models = chunk.map { c -> ConversationModel in
                    let m = ConversationModel()
                    m.id = c.id; m.personID = c.personID; m.apply(c.details); m.recordedBy = c.recordedBy
                    m.version = 1; m.createdAt = now; m.updatedAt = now
                    return m
                }
                try await models.create(on: tx)
            }
        }
    }
}

extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0 ..< Swift.min($0 + size, count)] }
    }
}

// MARK: Sealed records and break-glass

extension Store {
    /// Seals a record, naming the only staff who may see it (or unseals it).
    public func setRestriction(personID: UUID, restricted: Bool, named: [UUID], by actor: AuditActor) async throws {
        let detail = restricted ? "sealed; named: " + named.map(\.uuidString).joined(separator: ",") : "unsealed"
        try await audited(AuditEntry(actor, "permission.restrict", person: personID, detail: detail)) { s in
            guard let m = try await PersonModel.find(personID, on: s.db) else { throw StoreError.notFound }
            m.restricted = restricted
            try await m.update(on: s.db)
            try await RestrictedAccessModel.query(on: s.db).filter(\.$personID == personID).delete()
            if restricted {
                for staffID in Set(named) {
                    let r = RestrictedAccessModel()
                    r.id = UUID(); r.personID = personID; r.staffID = staffID
                    try await r.create(on: s.db)
                }
            }
        }
    }

    public func isNamed(staffID: UUID, personID: UUID) async throws -> Bool {
        try await RestrictedAccessModel.query(on: db).filter(\.$staffID == staffID).filter(\.$personID == personID).count() > 0
    }

    public func namedStaff(personID: UUID) async throws -> [UUID] {
        try await RestrictedAccessModel.query(on: db).filter(\.$personID == personID).all().map(\.staffID)
    }

    /// Opens emergency access, marks it on the record and tells the managers of the person's team.
    public func breakGlass(staff: Staff, person: Person, reason: String, minutes: Int, by actor: AuditActor) async throws -> BreakGlass {
        let now = Date()
        let grant = BreakGlass(staffID: staff.id, staffName: staff.name, personID: person.id, reason: reason,
                               startedAt: now, expiresAt: now.addingTimeInterval(Double(minutes * 60)))
        try await audited(AuditEntry(actor, "breakglass", person: person.id, detail: reason)) { s in
            let m = BreakGlassModel()
            m.id = UUID(); m.staffID = grant.staffID; m.staffName = grant.staffName; m.personID = grant.personID
            m.reason = grant.reason; m.startedAt = grant.startedAt; m.expiresAt = grant.expiresAt
            try await m.create(on: s.db)
            let n = TeamNoticeModel()
            n.id = UUID(); n.teamID = person.details.teamID; n.personID = person.id; n.kind = "breakglass"
            n.detail = "\(staff.name) (\(staff.email)): \(reason)"; n.createdAt = now
            try await n.create(on: s.db)
        }
        return grant
    }

    /// The unexpired break-glass grant of this member of staff on this record, if any.
    public func activeBreakGlass(staffID: UUID, personID: UUID, at now: Date = Date()) async throws -> BreakGlass? {
        try await BreakGlassModel.query(on: db).filter(\.$staffID == staffID).filter(\.$personID == personID)
            .filter(\.$expiresAt > now).first()?.value
    }

    /// Every break-glass access to a record, newest first: it stays marked on the record.
    public func breakGlassHistory(personID: UUID) async throws -> [BreakGlass] {
        try await BreakGlassModel.query(on: db).filter(\.$personID == personID).sort(\.$startedAt, .descending).all().map(\.value)
    }

    public func teamNotices(teamID: UUID, limit: Int = 50) async throws -> [TeamNotice] {
        try await TeamNoticeModel.query(on: db).filter(\.$teamID == teamID).sort(\.$createdAt, .descending).limit(limit).all()
            .map { TeamNotice(personID: $0.personID, kind: $0.kind, detail: $0.detail, createdAt: $0.createdAt) }
    }
}
