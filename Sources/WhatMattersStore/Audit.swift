import Crypto
import Fluent
import Foundation
import SQLKit
import WhatMattersCore

/// Who did something, for the audit trail.
public struct AuditActor: Sendable, Equatable {
    public var id: UUID?
    /// An email, or the name of a command ("cli: import").
    public var label: String
    public init(id: UUID?, label: String) { self.id = id; self.label = label }
    public init(_ staff: Staff) { self.init(id: staff.id, label: staff.email) }
    public static func system(_ what: String) -> AuditActor { AuditActor(id: nil, label: "system: \(what)") }
}

/// One entry of the audit trail, chained by hash to the entry before it.
public struct AuditEvent: Sendable, Equatable {
    public var seq: Int
    public var at: String
    public var actorID: UUID?
    public var actor: String
    public var action: String
    public var personID: UUID?
    public var detail: String
    public var previousHash: String
    public var hash: String

    /// The hash of this entry: SHA-256 over the previous hash and every field, so that
    /// changing, removing or reordering any entry breaks the chain from there on.
    public static func hash(previous: String, seq: Int, at: String, actorID: UUID?, actor: String, action: String,
                            personID: UUID?, detail: String) -> String {
        let fields = [previous, String(seq), at, actorID.map(UUIDText.string) ?? "", actor, action, personID.map(UUIDText.string) ?? "", detail]
        // Length-prefixed, so that no two different entries serialise alike.
        let canonical = fields.map { "\($0.utf8.count):\($0)" }.joined()
        return hex(SHA256.hash(data: Data(canonical.utf8)))
    }

    /// Lower-case hexadecimal, as `String(format: "%02x")` per byte writes it, without its cost.
    public static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 0x0f)]) }
        return String(decoding: out, as: UTF8.self)
    }
}

final class AuditEventModel: Model, @unchecked Sendable {
    static let schema = "audit_events"
    @ID(key: .id) var id: UUID?
    @Field(key: "seq") var seq: Int
    @Field(key: "at") var at: String
    @OptionalField(key: "actor_id") var actorID: UUID?
    @Field(key: "actor") var actor: String
    @Field(key: "action") var action: String
    @OptionalField(key: "person_id") var personID: UUID?
    @Field(key: "detail") var detail: String
    @Field(key: "previous_hash") var previousHash: String
    @Field(key: "hash") var hash: String
    init() {}

    var value: AuditEvent {
        AuditEvent(seq: seq, at: at, actorID: actorID, actor: actor, action: action, personID: personID,
                   detail: detail, previousHash: previousHash, hash: hash)
    }
}

struct M009_CreateAuditTrail: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("audit_events").id()
            .field("seq", .int, .required)
            .field("at", .string, .required)
            .field("actor_id", .uuid)
            .field("actor", .string, .required)
            .field("action", .string, .required)
            .field("person_id", .uuid)
            .field("detail", .string, .required)
            .field("previous_hash", .string, .required)
            .field("hash", .string, .required)
            .unique(on: "seq")
            .create()
        // One row: the head of the chain. Claiming it first in every audited transaction
        // serialises appends on both databases (a row lock, or SQLite's write lock).
        try await db.schema("audit_head")
            .field("id", .int, .identifier(auto: false))
            .field("seq", .int, .required)
            .field("hash", .string, .required)
            .create()
        let sql = db as! any SQLDatabase
        try await sql.insert(into: "audit_head").columns("id", "seq", "hash").values(SQLBind(1), SQLBind(0), SQLBind(Store.genesis)).run()
        try await sql.raw("CREATE INDEX audit_person_idx ON audit_events (person_id, seq)").run()
        try await sql.raw("CREATE INDEX audit_action_idx ON audit_events (action, at)").run()
    }
    func revert(on db: Database) async throws {
        try await db.schema("audit_head").delete()
        try await db.schema("audit_events").delete()
    }
}

/// What the audit trail records about one operation.
public struct AuditEntry: Sendable {
    public var actor: AuditActor
    public var action: String
    public var personID: UUID?
    public var detail: String
    public init(_ actor: AuditActor, _ action: String, person: UUID? = nil, detail: String = "") {
        self.actor = actor; self.action = action; self.personID = person; self.detail = detail
    }
}

extension Store {
    /// The hash before the first entry.
    static let genesis = String(repeating: "0", count: 64)

    /// Runs `body` and appends `entry` to the audit trail in the same transaction: the
    /// operation and its audit row commit together or not at all. Retries when another
    /// writer holds the database.
    public func audited<T: Sendable>(_ entry: AuditEntry, _ body: @escaping @Sendable (Store) async throws -> T) async throws -> T {
        try await retryingBusy {
            try await writeDB.transaction { tx in
                let store = Store(tx)
                let (seq, previous) = try await store.claimAuditHead()
                let result = try await body(store)
                try await store.appendAudit([entry], firstSeq: seq, previous: previous)
                return result
            }
        }
    }

    /// Appends a single entry (for reads, sign-ins and other events with no write of their own).
    public func record(_ entry: AuditEntry) async throws {
        try await record([entry])
    }

    /// Appends several entries with no write of their own in one transaction, chained in
    /// order: the same trail as appending them one by one, with one commit (`AuditWriter`
    /// gathers the reads that arrive together).
    public func record(_ entries: [AuditEntry]) async throws {
        guard !entries.isEmpty else { return }
        try await retryingBusy {
            try await writeDB.transaction { tx in
                let store = Store(tx)
                let (last, previous) = try await store.claimAuditHead(count: entries.count)
                try await store.appendAudit(entries, firstSeq: last - entries.count + 1, previous: previous)
            }
        }
    }

    /// Takes the next `count` sequence numbers and the previous hash, holding the head for
    /// the rest of the transaction. Returns the last number taken.
    func claimAuditHead(count: Int = 1) async throws -> (Int, String) {
        let rows = try await sql.raw("UPDATE audit_head SET seq = seq + \(bind: count) WHERE id = 1 RETURNING seq, hash").all()
        guard let row = rows.first else { throw StoreError.notFound }
        return (try row.decode(column: "seq", as: Int.self), try row.decode(column: "hash", as: String.self))
    }

    /// Writes entries numbered from `firstSeq`, each linked to the one before, and moves the head.
    func appendAudit(_ entries: [AuditEntry], firstSeq: Int, previous: String) async throws {
        let rows = Self.auditRows(entries, firstSeq: firstSeq, previous: previous)
        try await sql.raw("""
            INSERT INTO audit_events (id, seq, at, actor_id, actor, action, person_id, detail, previous_hash, hash) \
            VALUES \(rows.map { r -> SQLQueryString in """
                (\(bind: r.id), \(bind: r.seq), \(bind: r.at), \(bind: r.entry.actor.id), \(bind: r.entry.actor.label), \
                \(bind: r.entry.action), \(bind: r.entry.personID), \(bind: r.entry.detail), \(bind: r.previous), \(bind: r.hash))
                """ }.joined(separator: ", "))
            """).run()
        try await sql.raw("UPDATE audit_head SET hash = \(bind: rows.last?.hash ?? previous) WHERE id = 1").run()
    }

    /// One entry of the trail as it is stored: numbered, timed and linked to the one before.
    struct AuditRow {
        var id: UUID
        var seq: Int
        var at: String
        var entry: AuditEntry
        var previous: String
        var hash: String
    }

    /// The rows for entries numbered from `firstSeq`, each linked to the one before (the
    /// first to `previous`), all at this moment.
    static func auditRows(_ entries: [AuditEntry], firstSeq: Int, previous: String, at date: Date = Date()) -> [AuditRow] {
        let at = timestamp(date)
        var previous = previous
        return entries.enumerated().map { i, entry in
            let seq = firstSeq + i
            let hash = AuditEvent.hash(previous: previous, seq: seq, at: at, actorID: entry.actor.id, actor: entry.actor.label,
                                       action: entry.action, personID: entry.personID, detail: entry.detail)
            defer { previous = hash }
            return AuditRow(id: timeOrderedID(date), seq: seq, at: at, entry: entry, previous: previous, hash: hash)
        }
    }

    /// An audit row's id: a time-ordered UUID (RFC 9562, version 7: the milliseconds since
    /// 1970, then random bits). Random ids put each new row's key at a random place in the
    /// id index, so every commit dirtied pages all over it and each background checkpoint had
    /// megabytes of scattered pages to write and sync; a commit waiting behind that sync held
    /// up every read being audited (bench/load: audit commits of 130-455 ms, plan p99 167 ms
    /// with p90 46 ms). Time-ordered, new keys go at the end of the index. Nothing reads
    /// meaning into the id (the chain hashes the sequence number, not the id).
    static func timeOrderedID(_ date: Date = Date()) -> UUID {
        let ms = UInt64(max(0, (date.timeIntervalSince1970 * 1000).rounded(.down)))
        var g = SystemRandomNumberGenerator()
        let a = g.next() as UInt64, b = g.next() as UInt64
        func byte(_ v: UInt64, _ shift: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: v >> shift) }
        return UUID(uuid: (byte(ms, 40), byte(ms, 32), byte(ms, 24), byte(ms, 16), byte(ms, 8), byte(ms, 0),
                           0x70 | (byte(a, 0) & 0x0F), byte(a, 8),
                           0x80 | (byte(a, 16) & 0x3F), byte(a, 24), byte(a, 32), byte(a, 40), byte(a, 48), byte(a, 56),
                           byte(b, 0), byte(b, 8)))
    }

    /// `2026-11-01T09:30:00.123Z`: UTC to the millisecond (rounded), so that text order is time order.
    static func timestamp(_ date: Date) -> String {
        // The format style is cheap and safe to share; a new ISO8601DateFormatter per entry
        // cost more than the rest of an append. Rounding to the millisecond first gives the
        // same text as the formatter (which rounds, where the style truncates).
        let ms = (date.timeIntervalSince1970 * 1000).rounded()
        return timestampStyle.format(Date(timeIntervalSince1970: (ms + 0.25) / 1000))
    }
    static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// SQLite answers "busy" when another connection holds the write lock past the busy
    /// timeout; such a transaction is safe to run again from the start.
    func retryingBusy<T>(_ body: () async throws -> T) async throws -> T {
        var attempt = 0
        while true {
            do { return try await body() } catch {
                attempt += 1
                let text = String(describing: error).lowercased()
                guard attempt < 20, text.contains("busy") || text.contains("locked") else { throw error }
                try await Task.sleep(nanoseconds: UInt64(attempt) * 20_000_000)
            }
        }
    }

    // MARK: Reading and checking the trail

    /// Failed sign-ins since a moment, for one account and from one address (for throttling;
    /// read from the shared trail so that every instance counts the same). A wrong current
    /// password when changing it (`password.failed`) counts as a failed sign-in.
    public func failedSignIns(email: String, address: String, since: Date) async throws -> (account: Int, address: Int) {
        let from = Self.timestamp(since)
        let failures = ["signin.failed", "password.failed"]
        let account = try await AuditEventModel.query(on: db).filter(\.$action ~~ failures)
            .filter(\.$actor == email.lowercased()).filter(\.$at >= from).count()
        let byAddress = address.isEmpty ? 0 : try await AuditEventModel.query(on: db).filter(\.$action ~~ failures)
            .filter(\.$detail == address).filter(\.$at >= from).count()
        return (account, byAddress)
    }


    /// Who has looked at or changed a person's record, newest first.
    public func auditTrail(personID: UUID, limit: Int = 200) async throws -> [AuditEvent] {
        try await AuditEventModel.query(on: db).filter(\.$personID == personID).sort(\.$seq, .descending).limit(limit).all().map(\.value)
    }

    public struct AuditVerification: Sendable, Equatable {
        public var checked: Int
        /// The first entry whose hash or link does not match, and why.
        public var firstBroken: (seq: Int, reason: String)?
        public static func == (a: Self, b: Self) -> Bool { a.checked == b.checked && a.firstBroken?.seq == b.firstBroken?.seq }
    }

    /// Recomputes the whole chain in order and names the first broken link.
    public func verifyAudit(batch: Int = 5_000) async throws -> AuditVerification {
        var previous = Self.genesis
        var expectedSeq = 1
        var checked = 0
        while true {
            let rows = try await AuditEventModel.query(on: db).filter(\.$seq >= expectedSeq).sort(\.$seq).limit(batch).all()
            if rows.isEmpty { break }
            for m in rows {
                let e = m.value
                if e.seq != expectedSeq { return .init(checked: checked, firstBroken: (expectedSeq, "entry \(expectedSeq) is missing")) }
                if e.previousHash != previous { return .init(checked: checked, firstBroken: (e.seq, "it does not link to the entry before it")) }
                let recomputed = AuditEvent.hash(previous: previous, seq: e.seq, at: e.at, actorID: e.actorID, actor: e.actor,
                                                 action: e.action, personID: e.personID, detail: e.detail)
                if recomputed != e.hash { return .init(checked: checked, firstBroken: (e.seq, "its contents do not match its hash")) }
                previous = e.hash
                expectedSeq += 1
                checked += 1
            }
        }
        let head = try await sql.raw("SELECT seq, hash FROM audit_head WHERE id = 1").first()
        if let head, try head.decode(column: "seq", as: Int.self) != checked || head.decode(column: "hash", as: String.self) != previous {
            return .init(checked: checked, firstBroken: (checked + 1, "entries after \(checked) have been removed"))
        }
        return .init(checked: checked, firstBroken: nil)
    }
}
