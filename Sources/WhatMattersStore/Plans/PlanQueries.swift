import Fluent
import Foundation
import SQLKit
import WhatMattersCore

// MARK: Plans and their versions

extension Store {
    static let planEncoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    static func planJSON(_ plan: CarePlan) throws -> String {
        String(decoding: try planEncoder.encode(plan), as: UTF8.self)
    }

    static func plan(fromJSON body: String) throws -> CarePlan {
        if let plan = planBodies.plan(for: body) { return plan }
        let plan = try JSONDecoder().decode(CarePlan.self, from: Data(body.utf8))
        planBodies.keep(plan, for: body)
        return plan
    }

    static let planBodies = PlanBodyCache(capacity: 512)

    /// The latest version of a person's plan, if they have one: the plan row and its
    /// current version in one query (the plan page reads it on every view).
    public func plan(personID: UUID) async throws -> PlanRecord? {
        guard let row = try await reads.raw("""
            SELECT p.id AS plan_id, p.person_id, p.version, p.verdict_what_matters, p.verdict_outcomes, p.verdict_analysis,
                   p.verdict_interventions, p.verdict_scoring, v.body, v.saved_by, v.saved_at
            FROM plans p JOIN plan_versions v ON v.plan_id = p.id AND v.version = p.version
            WHERE p.person_id = \(bind: personID)
            """).first() else { return nil }
        let p = try Self.planModel(row, id: "plan_id")
        return PlanRecord(planID: p.id!, personID: p.personID, version: p.version,
                          plan: try Self.plan(fromJSON: try row.decode(column: "body", as: String.self)),
                          savedBy: try row.uuidIfPresent("saved_by"), savedAt: try row.decode(column: "saved_at", as: Date.self),
                          verdicts: p.verdicts)
    }

    /// One saved version of a person's plan.
    public func plan(personID: UUID, version: Int) async throws -> PlanRecord? {
        guard let p = try await planRow(personID: personID) else { return nil }
        return try await record(p, version: version)
    }

    /// The plan row, its columns decoded directly (see Rows.swift).
    private func planRow(personID: UUID) async throws -> PlanModel? {
        guard let row = try await reads.select()
            .columns("id", "person_id", "version", "verdict_what_matters", "verdict_outcomes", "verdict_analysis",
                     "verdict_interventions", "verdict_scoring")
            .from("plans").where("person_id", .equal, SQLBind(personID)).first() else { return nil }
        return try Self.planModel(row, id: "id")
    }

    private static func planModel(_ row: any SQLRow, id: String) throws -> PlanModel {
        let p = PlanModel()
        p.id = try row.uuid(id)
        p.personID = try row.uuid("person_id")
        p.version = try row.decode(column: "version", as: Int.self)
        p.verdictWhatMatters = try row.decode(column: "verdict_what_matters", as: String?.self)
        p.verdictOutcomes = try row.decode(column: "verdict_outcomes", as: String?.self)
        p.verdictAnalysis = try row.decode(column: "verdict_analysis", as: String?.self)
        p.verdictInterventions = try row.decode(column: "verdict_interventions", as: String?.self)
        p.verdictScoring = try row.decode(column: "verdict_scoring", as: String?.self)
        return p
    }

    private func record(_ p: PlanModel, version: Int) async throws -> PlanRecord? {
        guard let v = try await reads.select().columns("version", "body", "saved_by", "saved_at").from("plan_versions")
            .where("plan_id", .equal, SQLBind(p.id!)).where("version", .equal, SQLBind(version)).first() else {
            return nil
        }
        return PlanRecord(planID: p.id!, personID: p.personID, version: try v.decode(column: "version", as: Int.self),
                          plan: try Self.plan(fromJSON: try v.decode(column: "body", as: String.self)),
                          savedBy: try v.uuidIfPresent("saved_by"), savedAt: try v.decode(column: "saved_at", as: Date.self),
                          verdicts: version == p.version ? p.verdicts : nil)
    }

    /// Every saved version of a person's plan, newest first.
    public func planVersions(personID: UUID) async throws -> [PlanVersionSummary] {
        guard let p = try await PlanModel.query(on: db).filter(\.$personID == personID).first() else { return [] }
        return try await PlanVersionModel.query(on: db).filter(\.$planID == p.id!).sort(\.$version, .descending).all().map { v in
            let plan = try Self.plan(fromJSON: v.body)
            return PlanVersionSummary(version: v.version, savedBy: v.savedBy, savedAt: v.savedAt, agreedOn: v.agreedOn.flatMap(Day.init),
                                      outcomes: plan.outcomes.count, importantPeople: plan.importantPeople.count)
        }
    }

    /// The person whose plan has this plan document id, if any.
    public func personID(forPlanDocument externalID: String) async throws -> UUID? {
        try await PlanModel.query(on: db).filter(\.$externalID == externalID).first()?.personID
    }

    /// Saves a new version of a person's plan (the first makes the plan), only if nobody has
    /// saved since `expectedVersion` was read: 0 means "there is no plan yet"; nil saves
    /// whatever the current version. A stale version throws `StoreError.conflict`; nothing
    /// is ever overwritten, since every version is kept.
    public func savePlan(personID: UUID, _ plan: CarePlan, expectedVersion: Int?, verdicts: PlanVerdicts?,
                         at now: Date = Date(), by actor: AuditActor) async throws -> PlanRecord {
        let body = try Self.planJSON(plan)
        let savedBy = actor.id
        let entry = AuditEntry(actor, "plan.save", person: personID, detail: "from version \(expectedVersion.map(String.init) ?? "any")")
        do {
            return try await audited(entry) { s in
                let tx = s.db
                let model: PlanModel
                if let existing = try await PlanModel.query(on: tx).filter(\.$personID == personID).first() {
                    if let expectedVersion, expectedVersion != existing.version {
                        throw StoreError.conflict(currentVersion: existing.version)
                    }
                    model = existing
                    model.version += 1
                } else {
                    if let expectedVersion, expectedVersion != 0 { throw StoreError.conflict(currentVersion: 0) }
                    model = PlanModel()
                    model.id = UUID(); model.personID = personID; model.version = 1; model.createdAt = now
                }
                model.externalID = plan.documentID
                model.updatedAt = now
                model.apply(verdicts)
                if model.version == 1 { try await model.create(on: tx) } else { try await model.update(on: tx) }
                let v = PlanVersionModel()
                v.id = UUID(); v.planID = model.id!; v.version = model.version; v.body = body; v.savedBy = savedBy; v.savedAt = now
                v.agreedOn = plan.agreement?.date.description; v.agreedBy = plan.agreement.map { $0.name.isEmpty ? $0.by.rawValue : $0.name }
                try await v.create(on: tx)
                return PlanRecord(planID: model.id!, personID: personID, version: model.version, plan: plan, savedBy: savedBy,
                                  savedAt: now, verdicts: verdicts)
            }
        } catch let e as StoreError {
            throw e
        } catch {
            // A save that raced another from the same version breaks the unique
            // (plan_id, version) or person_id: report it as the conflict it is.
            if let current = try? await PlanModel.query(on: db).filter(\.$personID == personID).first(),
               current.version != (expectedVersion ?? -1) {
                throw StoreError.conflict(currentVersion: current.version)
            }
            throw error
        }
    }

    /// A plan to insert in bulk (the demo authority), as version 1.
    public struct NewPlan: Sendable {
        public var personID: UUID
        public var plan: CarePlan
        public var savedBy: UUID?
        public var verdicts: PlanVerdicts?
        public init(personID: UUID, plan: CarePlan, savedBy: UUID? = nil, verdicts: PlanVerdicts?) {
            self.personID = personID; self.plan = plan; self.savedBy = savedBy; self.verdicts = verdicts
        }
    }

    /// Inserts many first versions of plans in one transaction.
    public func insert(plans: [NewPlan], at now: Date = Date(), by actor: AuditActor) async throws {
        try await audited(AuditEntry(actor, "plans.bulk-create", detail: "\(plans.count) plans")) { s in
            let tx = s.db
            for chunk in plans.chunked(200) {
                var planModels: [PlanModel] = []
                var versionModels: [PlanVersionModel] = []
                for n in chunk {
                    let m = PlanModel()
                    m.id = UUID(); m.personID = n.personID; m.externalID = n.plan.documentID; m.version = 1
                    m.createdAt = now; m.updatedAt = now; m.apply(n.verdicts)
                    planModels.append(m)
                    let v = PlanVersionModel()
                    v.id = UUID(); v.planID = m.id!; v.version = 1; v.body = try Self.planJSON(n.plan); v.savedBy = n.savedBy; v.savedAt = now
                    v.agreedOn = n.plan.agreement?.date.description
                    v.agreedBy = n.plan.agreement.map { $0.name.isEmpty ? $0.by.rawValue : $0.name }
                    versionModels.append(v)
                }
                try await planModels.create(on: tx)
                try await versionModels.create(on: tx)
            }
        }
    }
}

/// Plans already decoded, by the exact text of their body. A saved version never changes,
/// and the plan page decodes the same ones again and again; keyed by the whole text, a hit
/// is always the very same document. Bounded (the oldest goes first): about 3 KB of text and
/// a decoded plan each.
final class PlanBodyCache: Sendable {
    private let plans: BoundedCache<Body, CarePlan>

    init(capacity: Int) { plans = BoundedCache(capacity: capacity) }

    func plan(for body: String) -> CarePlan? { plans.value(for: Body(body)) }

    func keep(_ plan: CarePlan, for body: String) { plans.keep(plan, for: Body(body)) }

    /// A body as a key, hashed and compared by its UTF-8 bytes. A `String` key is hashed and
    /// compared by its canonical (NFC) form, which for Welsh text means normalising the
    /// whole document on every look-up; byte-different texts that read the same are merely
    /// decoded separately.
    struct Body: Hashable {
        let text: String
        init(_ text: String) {
            var text = text
            text.makeContiguousUTF8()
            self.text = text
        }

        func hash(into hasher: inout Hasher) {
            var text = text
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }

        static func == (a: Body, b: Body) -> Bool {
            var a = a.text, b = b.text
            return a.withUTF8 { x in b.withUTF8 { y in x.count == y.count && (x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) } }
        }
    }
}
