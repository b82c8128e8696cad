import Fluent
import SQLKit

// Small, numbered, verb-first migrations; each one reverts.

struct M001_CreateTeams: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("teams").id()
            .field("name", .string, .required)
            .field("service", .string, .required)
            .create()
    }
    func revert(on db: Database) async throws { try await db.schema("teams").delete() }
}

struct M002_CreateStaff: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("staff").id()
            .field("email", .string, .required)
            .field("name", .string, .required)
            .field("role", .string, .required)
            .field("password_hash", .string, .required)
            .field("active", .bool, .required)
            .field("locale", .string)
            .field("created_at", .datetime)
            .unique(on: "email")
            .create()
    }
    func revert(on db: Database) async throws { try await db.schema("staff").delete() }
}

struct M003_CreateStaffTeams: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("staff_teams").id()
            .field("staff_id", .uuid, .required, .references("staff", "id", onDelete: .cascade))
            .field("team_id", .uuid, .required, .references("teams", "id"))
            .unique(on: "staff_id", "team_id")
            .create()
    }
    func revert(on db: Database) async throws { try await db.schema("staff_teams").delete() }
}

struct M004_CreatePeople: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("people").id()
            .field("name", .string, .required)
            .field("name_folded", .string, .required)
            .field("date_of_birth", .string)
            .field("service", .string, .required)
            .field("team_id", .uuid, .required, .references("teams", "id"))
            .field("allocated_worker_id", .uuid, .references("staff", "id"))
            .field("preferred_language", .string, .required)
            .field("active_offer_on", .string)
            .field("active_offer_by", .string, .required)
            .field("communication_needs", .string, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
    }
    func revert(on db: Database) async throws { try await db.schema("people").delete() }
}

struct M005_CreateConversations: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("conversations").id()
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("date", .string, .required)
            .field("kind", .string, .required)
            .field("participants", .string, .required)
            .field("others_present", .string, .required)
            .field("language", .string, .required)
            .field("what_matters", .string, .required)
            .field("whose_words", .string, .required)
            .field("narrative", .string, .required)
            .field("what_happened_next", .string, .required)
            .field("recorded_by", .uuid, .references("staff", "id"))
            .field("version", .int, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
    }
    func revert(on db: Database) async throws { try await db.schema("conversations").delete() }
}

struct M006_CreateAPITokens: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("api_tokens").id()
            .field("staff_id", .uuid, .required, .references("staff", "id", onDelete: .cascade))
            .field("token_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
    }
    func revert(on db: Database) async throws { try await db.schema("api_tokens").delete() }
}

struct M007_CreateDrafts: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("drafts").id()
            .field("path", .string, .required)
            .field("fields", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }
    func revert(on db: Database) async throws { try await db.schema("drafts").delete() }
}

/// Indexes for the lists practitioners open most: a team's people, a caseload, a person's
/// conversations, name search. Plain SQL that both databases accept.
struct M008_AddListIndexes: AsyncMigration {
    static let indexes = [
        ("people_team_idx", "people", "team_id, name_folded"),
        ("people_worker_idx", "people", "allocated_worker_id, name_folded"),
        ("people_name_idx", "people", "name_folded"),
        ("people_dob_idx", "people", "date_of_birth"),
        ("conversations_person_idx", "conversations", "person_id, date"),
        ("staff_teams_team_idx", "staff_teams", "team_id"),
    ]
    func prepare(on db: Database) async throws { try await Self.create(Self.indexes, on: db) }
    func revert(on db: Database) async throws { try await Self.drop(Self.indexes, on: db) }

    static func create(_ indexes: [(String, String, String)], on db: Database) async throws {
        let sql = db as! SQLDatabase
        for (name, table, columns) in indexes {
            try await sql.raw("CREATE INDEX \(unsafeRaw: name) ON \(unsafeRaw: table) (\(unsafeRaw: columns))").run()
        }
    }
    static func drop(_ indexes: [(String, String, String)], on db: Database) async throws {
        let sql = db as! SQLDatabase
        for (name, _, _) in indexes {
            try await sql.raw("DROP INDEX \(unsafeRaw: name)").run()
        }
    }
}

/// Covering indexes for the team page's counts: what happened next after each conversation
/// of a team's open records is then read from the indexes alone (about five times faster on
/// a team of 441 people and 970 conversations), not from the conversation rows and their text.
struct M016_AddTeamCountIndexes: AsyncMigration {
    static let indexes = [
        ("people_team_open_idx", "people", "team_id, restricted, id"),
        ("conversations_next_idx", "conversations", "person_id, what_happened_next"),
    ]
    func prepare(on db: Database) async throws { try await M008_AddListIndexes.create(Self.indexes, on: db) }
    func revert(on db: Database) async throws { try await M008_AddListIndexes.drop(Self.indexes, on: db) }
}

/// Sealed records, their named staff, break-glass access and the notices it sends.
struct M012_AddRestrictionAndBreakGlass: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("people").field("restricted", .bool, .required, .sql(.default(false))).update()
        try await db.schema("restricted_access").id()
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("staff_id", .uuid, .required, .references("staff", "id"))
            .unique(on: "person_id", "staff_id")
            .create()
        try await db.schema("break_glass").id()
            .field("staff_id", .uuid, .required, .references("staff", "id"))
            .field("staff_name", .string, .required)
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("reason", .string, .required)
            .field("started_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .create()
        try await db.schema("team_notices").id()
            .field("team_id", .uuid, .required, .references("teams", "id"))
            .field("person_id", .uuid)
            .field("kind", .string, .required)
            .field("detail", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        let sql = db as! any SQLDatabase
        try await sql.raw("CREATE INDEX restricted_staff_idx ON restricted_access (staff_id)").run()
        try await sql.raw("CREATE INDEX break_glass_idx ON break_glass (staff_id, person_id)").run()
    }
    func revert(on db: Database) async throws {
        try await db.schema("team_notices").delete()
        try await db.schema("break_glass").delete()
        try await db.schema("restricted_access").delete()
        try await db.schema("people").deleteField("restricted").update()
    }
}
