import Fluent
import SQLKit

// The outcomes-focused plan (issue 3): a plan per person and every saved version of it.

struct M010_CreatePlans: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("plans").id()
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("external_id", .string, .required)
            .field("version", .int, .required)
            .field("verdict_what_matters", .string)
            .field("verdict_outcomes", .string)
            .field("verdict_analysis", .string)
            .field("verdict_interventions", .string)
            .field("verdict_scoring", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "person_id")
            .create()
        let sql = db as! SQLDatabase
        try await sql.raw("CREATE INDEX plans_external_idx ON plans (external_id)").run()
    }
    func revert(on db: Database) async throws {
        let sql = db as! SQLDatabase
        try await sql.raw("DROP INDEX plans_external_idx").run()
        try await db.schema("plans").delete()
    }
}

struct M011_CreatePlanVersions: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("plan_versions").id()
            .field("plan_id", .uuid, .required, .references("plans", "id"))
            .field("version", .int, .required)
            .field("body", .string, .required)
            .field("saved_by", .uuid, .references("staff", "id"))
            .field("saved_at", .datetime, .required)
            .field("agreed_on", .string)
            .field("agreed_by", .string)
            // Two saves from the same version cannot both succeed: the second breaks this.
            .unique(on: "plan_id", "version")
            .create()
    }
    func revert(on db: Database) async throws { try await db.schema("plan_versions").delete() }
}
