import Fluent
import Foundation
import SQLKit
import WhatMattersCore

/// A quality lead's own verdict and comment on one criterion of one version of a plan
/// (moderation). Rows are only ever added: a second judgement on the same criterion is a new
/// row, and the latest one counts.
final class PlanModerationModel: Model, @unchecked Sendable {
    static let schema = "plan_moderations"
    @ID(key: .id) var id: UUID?
    @Field(key: "plan_id") var planID: UUID
    @Field(key: "person_id") var personID: UUID
    /// The version of the plan the quality lead judged.
    @Field(key: "plan_version") var planVersion: Int
    @Field(key: "criterion") var criterion: String
    @Field(key: "verdict") var verdict: String
    /// The practice review's verdict on that version, kept so that agreement is measured
    /// against what the quality lead saw.
    @OptionalField(key: "engine_verdict") var engineVerdict: String?
    @Field(key: "comment") var comment: String
    @Field(key: "moderated_by") var moderatedBy: UUID
    @Field(key: "moderated_at") var moderatedAt: Date
    init() {}
}

/// Moderation of the practice review by quality leads (issue 4): one row per judgement.
struct M015_CreatePlanModerations: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("plan_moderations").id()
            .field("plan_id", .uuid, .required, .references("plans", "id"))
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("plan_version", .int, .required)
            .field("criterion", .string, .required)
            .field("verdict", .string, .required)
            .field("engine_verdict", .string)
            .field("comment", .string, .required)
            .field("moderated_by", .uuid, .required, .references("staff", "id"))
            .field("moderated_at", .datetime, .required)
            .create()
        let sql = db as! SQLDatabase
        try await sql.raw("CREATE INDEX plan_moderations_plan_idx ON plan_moderations (plan_id, moderated_at)").run()
        try await sql.raw("CREATE INDEX plan_moderations_person_idx ON plan_moderations (person_id)").run()
    }
    func revert(on db: Database) async throws {
        let sql = db as! SQLDatabase
        try await sql.raw("DROP INDEX plan_moderations_person_idx").run()
        try await sql.raw("DROP INDEX plan_moderations_plan_idx").run()
        try await db.schema("plan_moderations").delete()
    }
}
