import Foundation
import SQLKit
import WhatMattersCore

// A member of staff changing their own password.

extension Store {
    /// The password hash of this member of staff, to check the password they type.
    public func passwordHash(staffID: UUID) async throws -> String? {
        try await sql.raw("SELECT password_hash FROM staff WHERE id = \(bind: staffID)").first()?
            .decode(column: "password_hash", as: String.self)
    }

    /// Stores a new password hash (made by the caller, bcrypt in Web), ends every session of
    /// this member of staff but `keepingSession` (nil: every one), signed in or half-way through
    /// a second factor, and revokes every API token of theirs, in one audited transaction: whoever
    /// knew the old password may have made a token with it. Returns what was ended.
    @discardableResult
    public func changePassword(staffID: UUID, passwordHash: String, keepingSession: String?,
                               by actor: AuditActor) async throws -> PasswordChangeResult {
        try await audited(AuditEntry(actor, "password.change", detail: staffID.uuidString)) { s in
            try await s.sql.update("staff").set("password_hash", to: SQLBind(passwordHash)).where("id", .equal, SQLBind(staffID)).run()
            let sessions = try await s.endSessions(staffID: staffID, except: keepingSession)
            return PasswordChangeResult(sessionsEnded: sessions, tokensRevoked: try await s.revokeTokens(staffID: staffID))
        }
    }

    /// Revokes every API token of this member of staff by deleting it: a token is kept only as
    /// its hash, so once the row has gone nothing can match it. Returns how many there were.
    func revokeTokens(staffID: UUID) async throws -> Int {
        try await sql.raw("DELETE FROM api_tokens WHERE staff_id = \(bind: staffID) RETURNING id").all().count
    }

    /// Deletes the sessions (Fluent's `_fluent_sessions`) that name this member of staff,
    /// signed in or waiting for their second-factor code, except the one with key `except`.
    /// The data column is JSON (text on SQLite, jsonb on PostgreSQL): the id narrows the rows
    /// as text on both, and each row's decoded data decides.
    func endSessions(staffID: UUID, except: String?) async throws -> Int {
        let id = staffID.uuidString
        let rows = try await sql.raw("""
            SELECT "key", data FROM _fluent_sessions WHERE CAST(data AS TEXT) LIKE \(bind: "%" + id + "%")
            """).all()
        var keys: [String] = []
        for row in rows {
            let key = try row.decode(column: "key", as: String.self)
            guard key != except, let data = try? row.decode(column: "data", as: [String: String].self),
                  data["staff"] == id || data["pending"] == id else { continue }
            keys.append(key)
        }
        guard !keys.isEmpty else { return 0 }
        try await sql.raw(#"DELETE FROM _fluent_sessions WHERE "key" IN (\#(binds: keys))"#).run()
        return keys.count
    }
}

/// What changing a password ended besides the password itself.
public struct PasswordChangeResult: Equatable, Sendable {
    /// Sessions of the member of staff ended (all but the one kept).
    public var sessionsEnded: Int
    /// Their API tokens revoked.
    public var tokensRevoked: Int
    public init(sessionsEnded: Int, tokensRevoked: Int) { self.sessionsEnded = sessionsEnded; self.tokensRevoked = tokensRevoked }
}
