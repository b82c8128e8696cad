import Fluent
import Foundation
import SQLKit

/// Each rendered form carries a one-time token, so that a repeated post (a double click, a
/// retry after a dropped connection) is answered with the first post's result and creates
/// nothing twice.
final class FormSubmissionModel: Model, @unchecked Sendable {
    static let schema = "form_submissions"
    @ID(custom: "token", generatedBy: .user) var id: String?
    /// Where the first post sent the user; empty while it is still being handled.
    @Field(key: "location") var location: String
    @Field(key: "created_at") var createdAt: Date
    init() {}
}

struct M013_CreateFormSubmissions: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("form_submissions")
            .field("token", .string, .identifier(auto: false))
            .field("location", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }
    func revert(on db: Database) async throws { try await db.schema("form_submissions").delete() }
}

extension Store {
    public enum SubmissionClaim: Equatable, Sendable {
        /// First time this form is posted: go ahead.
        case fresh
        /// Already handled: send the user where the first post sent them.
        case done(location: String)
        /// Being handled right now by an earlier post.
        case inFlight
    }

    public func claimSubmission(_ token: String) async throws -> SubmissionClaim {
        let m = FormSubmissionModel()
        m.id = token; m.location = ""; m.createdAt = Date()
        do {
            try await m.create(on: writeDB)
            return .fresh
        } catch let error as any DatabaseError where error.isConstraintFailure {
            guard let existing = try await FormSubmissionModel.find(token, on: writeDB) else { return .inFlight }
            return existing.location.isEmpty ? .inFlight : .done(location: existing.location)
        }
    }

    public func completeSubmission(_ token: String, location: String) async throws {
        guard let m = try await FormSubmissionModel.find(token, on: writeDB) else { return }
        m.location = location
        try await m.update(on: writeDB)
    }

    /// The post did not go through (errors to correct): the same form may be posted again.
    public func releaseSubmission(_ token: String) async throws {
        try await FormSubmissionModel.query(on: writeDB).filter(\.$id == token).delete()
    }
}

// MARK: Second factor

struct M014_AddSecondFactor: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("staff").field("totp_secret", .string).update()
    }
    func revert(on db: Database) async throws {
        try await db.schema("staff").deleteField("totp_secret").update()
    }
}

extension Store {
    /// The second-factor secret (base32) of a member of staff, if they have one.
    public func secondFactor(staffID: UUID) async throws -> String? {
        let row = try await sql.select().column("totp_secret").from("staff").where("id", .equal, SQLBind(staffID)).first()
        return try row?.decode(column: "totp_secret", as: String?.self)
    }

    public func setSecondFactor(staffID: UUID, secret: String?, by actor: AuditActor) async throws {
        try await audited(AuditEntry(actor, secret == nil ? "permission.2fa-off" : "permission.2fa-on", detail: staffID.uuidString)) { s in
            try await s.sql.update("staff").set("totp_secret", to: SQLBind(secret)).where("id", .equal, SQLBind(staffID)).run()
        }
    }
}
