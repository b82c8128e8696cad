import Fluent
import Foundation
import SQLKit
import WhatMattersCore

// MARK: The quality audit (issue 4, item 4): every plan a viewer may list, with the practice
// review's five verdicts, filters, the trend by month, examples of good practice, and the
// quality leads' moderation of the verdicts.

/// What the audit list is narrowed to. None of it is personal data: it travels in a URL.
public struct QualityFilter: Sendable, Equatable {
    /// With `verdict`: plans with that verdict on this criterion. Alone: plans reviewed on it.
    public var criterion: ReviewCriterion?
    /// With `criterion`: as above. Alone: plans with this verdict on at least one criterion.
    public var verdict: ReviewVerdict?
    public var teamID: UUID?
    public var service: Service?
    /// The allocated worker.
    public var workerID: UUID?

    public init(criterion: ReviewCriterion? = nil, verdict: ReviewVerdict? = nil, teamID: UUID? = nil,
                service: Service? = nil, workerID: UUID? = nil) {
        self.criterion = criterion; self.verdict = verdict; self.teamID = teamID; self.service = service; self.workerID = workerID
    }

    /// The same filter without the criterion and verdict: for the trend, the examples of
    /// good practice and agreement, which are about verdicts themselves.
    public var withoutVerdicts: QualityFilter { QualityFilter(teamID: teamID, service: service, workerID: workerID) }
    public var isEmpty: Bool { self == QualityFilter() }
}

/// A member of staff offered in the worker filter.
public struct QualityWorker: Sendable, Equatable {
    public var id: UUID
    public var name: String
    public init(id: UUID, name: String) { self.id = id; self.name = name }
}

/// One plan in the audit list.
public struct QualityPlanRow: Sendable, Equatable {
    public var planID: UUID
    public var personID: UUID
    public var personName: String
    public var teamID: UUID
    public var service: Service
    public var workerID: UUID?
    public var version: Int
    /// When the plan was last saved.
    public var savedAt: Date
    public var verdicts: PlanVerdicts
    /// How many moderation judgements have been recorded on the plan.
    public var moderations: Int
    public init(planID: UUID, personID: UUID, personName: String, teamID: UUID, service: Service, workerID: UUID?,
                version: Int, savedAt: Date, verdicts: PlanVerdicts, moderations: Int = 0) {
        self.planID = planID; self.personID = personID; self.personName = personName; self.teamID = teamID
        self.service = service; self.workerID = workerID; self.version = version; self.savedAt = savedAt
        self.verdicts = verdicts; self.moderations = moderations
    }

    /// True when the practice review found every criterion met.
    public var meetsAll: Bool { ReviewCriterion.allCases.allSatisfy { verdicts[$0] == .met } }
}

/// Plans last saved in one calendar month (UK time), and how many met each criterion.
public struct QualityTrendMonth: Sendable, Equatable {
    public var year: Int
    public var month: Int
    public var plans: Int
    /// Plans with a verdict on the criterion.
    public var reviewed: [ReviewCriterion: Int]
    public var met: [ReviewCriterion: Int]
    public init(year: Int, month: Int, plans: Int = 0, reviewed: [ReviewCriterion: Int] = [:], met: [ReviewCriterion: Int] = [:]) {
        self.year = year; self.month = month; self.plans = plans; self.reviewed = reviewed; self.met = met
    }
    /// Share of reviewed plans meeting the criterion (0…1); nil when none were reviewed.
    public func share(_ c: ReviewCriterion) -> Double? {
        let n = reviewed[c] ?? 0
        return n == 0 ? nil : Double(met[c] ?? 0) / Double(n)
    }
}

/// A count of agreements out of a count of comparisons.
public struct AgreementTally: Sendable, Equatable {
    public var agreed: Int
    public var total: Int
    public init(agreed: Int = 0, total: Int = 0) { self.agreed = agreed; self.total = total }
    /// 0…1; nil when nothing was compared.
    public var rate: Double? { total == 0 ? nil : Double(agreed) / Double(total) }
}

/// How often the practice review and the quality leads agree, over moderated plans: for each
/// plan and criterion, the latest moderation against the review's verdict on the version
/// moderated.
public struct ModerationAgreement: Sendable, Equatable {
    public var byCriterion: [ReviewCriterion: AgreementTally]
    public var overall: AgreementTally
    /// Plans with at least one moderation.
    public var moderatedPlans: Int
    public init(byCriterion: [ReviewCriterion: AgreementTally] = [:], overall: AgreementTally = AgreementTally(), moderatedPlans: Int = 0) {
        self.byCriterion = byCriterion; self.overall = overall; self.moderatedPlans = moderatedPlans
    }
}

/// One moderation judgement.
public struct ModerationRecord: Sendable, Equatable {
    public var id: UUID
    public var personID: UUID
    public var planVersion: Int
    public var criterion: ReviewCriterion
    public var verdict: ReviewVerdict
    public var engineVerdict: ReviewVerdict?
    public var comment: String
    public var moderatedBy: UUID
    public var moderatorName: String?
    public var moderatedAt: Date
    public init(id: UUID, personID: UUID, planVersion: Int, criterion: ReviewCriterion, verdict: ReviewVerdict,
                engineVerdict: ReviewVerdict?, comment: String, moderatedBy: UUID, moderatorName: String?, moderatedAt: Date) {
        self.id = id; self.personID = personID; self.planVersion = planVersion; self.criterion = criterion
        self.verdict = verdict; self.engineVerdict = engineVerdict; self.comment = comment
        self.moderatedBy = moderatedBy; self.moderatorName = moderatorName; self.moderatedAt = moderatedAt
    }
    public var agrees: Bool? { engineVerdict.map { $0 == verdict } }
}

/// A quality lead's judgement on one criterion, before it is recorded.
public struct ModerationJudgement: Sendable, Equatable {
    public var criterion: ReviewCriterion
    public var verdict: ReviewVerdict
    public var comment: String
    public init(criterion: ReviewCriterion, verdict: ReviewVerdict, comment: String) {
        self.criterion = criterion; self.verdict = verdict; self.comment = comment
    }
}

extension Store {
    /// Rows read at most, for the export, the trend and agreement (each row is small).
    public static let qualityRowLimit = 200_000

    /// The column of `plans` holding a criterion's verdict.
    static func verdictColumn(_ c: ReviewCriterion) -> String {
        switch c {
        case .whatMattersAndStrengths: return "verdict_what_matters"
        case .outcomesConsistency: return "verdict_outcomes"
        case .balancedAnalysis: return "verdict_analysis"
        case .interventionsMeetOutcomes: return "verdict_interventions"
        case .scoringComplete: return "verdict_scoring"
        }
    }

    /// Who a viewer may list: nil for nobody; teams nil for the whole authority; and the
    /// sealed records they are named on (every other sealed record is left out).
    struct QualityScope {
        var teams: [UUID]?
        var named: [UUID]
    }

    func qualityScope(_ viewer: Viewer) async throws -> QualityScope? {
        let teams: [UUID]?
        switch viewer.scope {
        case .nothing: return nil
        case .teams(let t):
            guard !t.isEmpty else { return nil }
            teams = t
        case .authority: teams = nil
        }
        return QualityScope(teams: teams, named: try await namedRecords(staffID: viewer.staffID))
    }

    /// Adds the viewer's scope and the filter to a select that has `plans` and `people`.
    func applyQuality(_ q: SQLSelectBuilder, _ scope: QualityScope, _ f: QualityFilter) -> SQLSelectBuilder {
        if let teams = scope.teams { q.where(SQLColumn("team_id", table: "people"), .in, SQLBind.group(teams)) }
        q.where { w in
            var w = w.where(SQLColumn("restricted", table: "people"), .equal, SQLLiteral.boolean(false))
            if !scope.named.isEmpty { w = w.orWhere(SQLColumn("id", table: "people"), .in, SQLBind.group(scope.named)) }
            return w
        }
        if let t = f.teamID { q.where(SQLColumn("team_id", table: "people"), .equal, SQLBind(t)) }
        if let s = f.service { q.where(SQLColumn("service", table: "people"), .equal, SQLBind(s.rawValue)) }
        if let w = f.workerID { q.where(SQLColumn("allocated_worker_id", table: "people"), .equal, SQLBind(w)) }
        switch (f.criterion, f.verdict) {
        case let (c?, v?):
            q.where(SQLColumn(Self.verdictColumn(c), table: "plans"), .equal, SQLBind(v.rawValue))
        case let (c?, nil):
            q.where(SQLColumn(Self.verdictColumn(c), table: "plans"), .isNot, SQLLiteral.null)
        case let (nil, v?):
            q.where { w in
                var w = w
                for c in ReviewCriterion.allCases {
                    w = w.orWhere(SQLColumn(Self.verdictColumn(c), table: "plans"), .equal, SQLBind(v.rawValue))
                }
                return w
            }
        case (nil, nil): break
        }
        return q
    }

    /// `plans` joined to `people`.
    func plansWithPeople() -> SQLSelectBuilder {
        sql.select().from("plans")
            .join("people", on: SQLColumn("id", table: "people"), .equal, SQLColumn("person_id", table: "plans"))
    }

    func selectQualityRow(_ q: SQLSelectBuilder) -> SQLSelectBuilder {
        q.column(SQLColumn("id", table: "plans"), as: "plan_id")
            .column(SQLColumn("person_id", table: "plans"), as: "person_id")
            .column(SQLColumn("version", table: "plans"), as: "version")
            .column(SQLColumn("updated_at", table: "plans"), as: "saved_at")
            .column(SQLColumn("name", table: "people"), as: "person_name")
            .column(SQLColumn("team_id", table: "people"), as: "team_id")
            .column(SQLColumn("service", table: "people"), as: "service")
            .column(SQLColumn("allocated_worker_id", table: "people"), as: "worker_id")
        for c in ReviewCriterion.allCases {
            q.column(SQLColumn(Self.verdictColumn(c), table: "plans"), as: Self.verdictColumn(c))
        }
        return q
    }

    static func verdicts(_ row: any SQLRow) throws -> PlanVerdicts {
        func v(_ c: ReviewCriterion) throws -> ReviewVerdict? {
            try row.decode(column: verdictColumn(c), as: String?.self).flatMap(ReviewVerdict.init)
        }
        return PlanVerdicts(whatMattersAndStrengths: try v(.whatMattersAndStrengths), outcomesConsistency: try v(.outcomesConsistency),
                            balancedAnalysis: try v(.balancedAnalysis), interventionsMeetOutcomes: try v(.interventionsMeetOutcomes),
                            scoringComplete: try v(.scoringComplete))
    }

    static func qualityRow(_ row: any SQLRow) throws -> QualityPlanRow {
        QualityPlanRow(planID: try row.decode(column: "plan_id", as: UUID.self),
                       personID: try row.decode(column: "person_id", as: UUID.self),
                       personName: try row.decode(column: "person_name", as: String.self),
                       teamID: try row.decode(column: "team_id", as: UUID.self),
                       service: Service(rawValue: try row.decode(column: "service", as: String.self)) ?? .adults,
                       workerID: try row.decode(column: "worker_id", as: UUID?.self),
                       version: try row.decode(column: "version", as: Int.self),
                       savedAt: try row.decode(column: "saved_at", as: Date.self),
                       verdicts: try verdicts(row))
    }

    /// Most recently saved first.
    func orderQuality(_ q: SQLSelectBuilder) -> SQLSelectBuilder {
        q.orderBy(SQLColumn("updated_at", table: "plans"), SQLDirection.descending).orderBy(SQLColumn("id", table: "plans"), SQLDirection.ascending)
    }

    /// Counts moderation judgements for these plans.
    func moderationCounts(planIDs: [UUID]) async throws -> [UUID: Int] {
        guard !planIDs.isEmpty else { return [:] }
        let rows = try await sql.select()
            .column(SQLColumn("plan_id"), as: "plan_id")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("plan_moderations")
            .where(SQLColumn("plan_id"), .in, SQLBind.group(planIDs))
            .groupBy(SQLColumn("plan_id"))
            .all()
        var out: [UUID: Int] = [:]
        for r in rows { out[try r.decode(column: "plan_id", as: UUID.self)] = try r.decode(column: "n", as: Int.self) }
        return out
    }

    /// The allocated workers of the plans this viewer may list, by name: the choices of
    /// the worker filter.
    public func qualityWorkers(visibleTo viewer: Viewer) async throws -> [QualityWorker] {
        guard let scope = try await qualityScope(viewer) else { return [] }
        let q = applyQuality(plansWithPeople(), scope, QualityFilter())
            .join("staff", on: SQLColumn("id", table: "staff"), .equal, SQLColumn("allocated_worker_id", table: "people"))
            .distinct()
            .column(SQLColumn("id", table: "staff"), as: "staff_id")
            .column(SQLColumn("name", table: "staff"), as: "staff_name")
            .orderBy(SQLColumn("name", table: "staff"), SQLDirection.ascending)
            .orderBy(SQLColumn("id", table: "staff"), SQLDirection.ascending)
            .limit(5_000)
        return try await q.all().map { QualityWorker(id: try $0.decode(column: "staff_id", as: UUID.self),
                                                      name: try $0.decode(column: "staff_name", as: String.self)) }
    }

    /// The plans this viewer may list, with their verdicts, filtered, a page at a time.
    public func qualityPlans(visibleTo viewer: Viewer, filter: QualityFilter, page: Int, per: Int) async throws -> WhatMattersCore.Page<QualityPlanRow> {
        guard let scope = try await qualityScope(viewer) else { return .init(items: [], page: page, per: per, total: 0) }
        let countQuery = applyQuality(plansWithPeople().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n"), scope, filter)
        let total = try await countQuery.first()?.decode(column: "n", as: Int.self) ?? 0
        let q = orderQuality(applyQuality(selectQualityRow(plansWithPeople()), scope, filter))
            .limit(per).offset((max(1, page) - 1) * per)
        var items = try await q.all().map(Self.qualityRow)
        let counts = try await moderationCounts(planIDs: items.map(\.planID))
        for i in items.indices { items[i].moderations = counts[items[i].planID] ?? 0 }
        return .init(items: items, page: page, per: per, total: total)
    }

    /// Every plan of the filtered list, for the CSV export (at most `limit`).
    public func qualityPlansForExport(visibleTo viewer: Viewer, filter: QualityFilter, limit: Int = Store.qualityRowLimit) async throws -> [QualityPlanRow] {
        guard let scope = try await qualityScope(viewer) else { return [] }
        return try await orderQuality(applyQuality(selectQualityRow(plansWithPeople()), scope, filter)).limit(limit).all().map(Self.qualityRow)
    }

    /// Plans that meet all five criteria, most recently saved first: examples of good practice.
    public func goodPracticePlans(visibleTo viewer: Viewer, filter: QualityFilter, limit: Int = 10) async throws -> [QualityPlanRow] {
        guard let scope = try await qualityScope(viewer) else { return [] }
        let q = applyQuality(selectQualityRow(plansWithPeople()), scope, filter.withoutVerdicts)
        for c in ReviewCriterion.allCases {
            q.where(SQLColumn(Self.verdictColumn(c), table: "plans"), .equal, SQLBind(ReviewVerdict.met.rawValue))
        }
        return try await orderQuality(q).limit(limit).all().map(Self.qualityRow)
    }

    /// The calendar (UK time) in which months are counted.
    static let ukCalendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "Europe/London")!
        return c
    }()

    /// Share of plans meeting each criterion, by month of the plan's last save, for the
    /// `months` calendar months up to and including the one `now` is in; oldest first.
    /// Counted by the database in one query that both accept: the month boundaries (UK
    /// time) are worked out here and bound, each plan is put in its month with a CASE,
    /// and the verdicts are counted with SUM(CASE …).
    public func qualityTrend(visibleTo viewer: Viewer, filter: QualityFilter, months: Int = 12, now: Date = Date()) async throws -> [QualityTrendMonth] {
        let cal = Self.ukCalendar
        let count = max(1, min(months, 120))
        let thisMonth = cal.date(from: cal.dateComponents([.year, .month], from: now))!
        let starts = (0..<count).map { cal.date(byAdding: .month, value: $0 - (count - 1), to: thisMonth)! }
        var out: [QualityTrendMonth] = starts.map { d in
            let c = cal.dateComponents([.year, .month], from: d)
            return QualityTrendMonth(year: c.year!, month: c.month!)
        }
        guard let scope = try await qualityScope(viewer) else { return out }
        let savedAt = SQLColumn("updated_at", table: "plans")
        var bucket = SQLQueryString("CASE")
        for (i, next) in starts.dropFirst().enumerated() {
            bucket = bucket + SQLQueryString(" WHEN \(savedAt) < \(bind: next) THEN \(literal: i)")
        }
        bucket = bucket + SQLQueryString(" ELSE \(literal: count - 1) END")
        let q = applyQuality(plansWithPeople(), scope, filter.withoutVerdicts)
            .column(bucket, as: "bucket")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "plans")
            .where(savedAt, .greaterThanOrEqual, SQLBind(starts[0]))
        for c in ReviewCriterion.allCases {
            let column = SQLColumn(Self.verdictColumn(c), table: "plans")
            q.column(SQLQueryString("SUM(CASE WHEN \(column) = \(bind: ReviewVerdict.met.rawValue) THEN 1 ELSE 0 END)"),
                     as: "met_" + Self.verdictColumn(c))
            q.column(SQLQueryString("SUM(CASE WHEN \(column) IS NOT NULL THEN 1 ELSE 0 END)"), as: "reviewed_" + Self.verdictColumn(c))
        }
        for row in try await q.groupBy(SQLIdentifier("bucket")).all() {
            let i = try row.decode(column: "bucket", as: Int.self)
            guard out.indices.contains(i) else { continue }
            out[i].plans = try row.decode(column: "plans", as: Int.self)
            for c in ReviewCriterion.allCases {
                let reviewed = try row.decode(column: "reviewed_" + Self.verdictColumn(c), as: Int?.self) ?? 0
                guard reviewed > 0 else { continue }
                out[i].reviewed[c] = reviewed
                out[i].met[c] = try row.decode(column: "met_" + Self.verdictColumn(c), as: Int?.self) ?? 0
            }
        }
        return out
    }

    // MARK: Moderation

    /// Records a quality lead's verdicts and comments on a plan, as new rows beside every
    /// earlier one, only if the plan is still at `expectedVersion` (the version they judged).
    public func recordModeration(personID: UUID, expectedVersion: Int, _ judgements: [ModerationJudgement],
                                 at now: Date = Date(), by actor: AuditActor) async throws {
        guard let moderator = actor.id else { throw StoreError.notFound }
        let detail = "version \(expectedVersion): " + judgements.map { "\($0.criterion.rawValue)=\($0.verdict.rawValue)" }.joined(separator: ", ")
        try await audited(AuditEntry(actor, "plan.moderate", person: personID, detail: detail)) { s in
            guard let plan = try await PlanModel.query(on: s.db).filter(\.$personID == personID).first() else { throw StoreError.notFound }
            if plan.version != expectedVersion { throw StoreError.conflict(currentVersion: plan.version) }
            let engine = plan.verdicts ?? PlanVerdicts()
            for j in judgements {
                let m = PlanModerationModel()
                m.id = UUID(); m.planID = plan.id!; m.personID = personID; m.planVersion = plan.version
                m.criterion = j.criterion.rawValue; m.verdict = j.verdict.rawValue; m.engineVerdict = engine[j.criterion]?.rawValue
                m.comment = j.comment; m.moderatedBy = moderator; m.moderatedAt = now
                try await m.create(on: s.db)
            }
        }
    }

    /// Every moderation of a person's plan, newest first.
    public func moderations(personID: UUID) async throws -> [ModerationRecord] {
        let models = try await PlanModerationModel.query(on: db).filter(\.$personID == personID)
            .sort(\.$moderatedAt, .descending).sort(\.$criterion).limit(1_000).all()
        let staffIDs = Array(Set(models.map(\.moderatedBy)))
        var names: [UUID: String] = [:]
        if !staffIDs.isEmpty {
            for s in try await StaffModel.query(on: db).filter(\.$id ~~ staffIDs).all() { names[s.id!] = s.name }
        }
        return models.compactMap { m in
            guard let c = ReviewCriterion(rawValue: m.criterion), let v = ReviewVerdict(rawValue: m.verdict) else { return nil }
            return ModerationRecord(id: m.id!, personID: m.personID, planVersion: m.planVersion, criterion: c, verdict: v,
                                    engineVerdict: m.engineVerdict.flatMap(ReviewVerdict.init), comment: m.comment,
                                    moderatedBy: m.moderatedBy, moderatorName: names[m.moderatedBy], moderatedAt: m.moderatedAt)
        }
    }

    /// Agreement between the practice review and quality leads over the moderated plans
    /// this viewer may list (the filter's team, service and worker apply).
    public func moderationAgreement(visibleTo viewer: Viewer, filter: QualityFilter) async throws -> ModerationAgreement {
        guard let scope = try await qualityScope(viewer) else { return ModerationAgreement() }
        let q = sql.select().from("plan_moderations")
            .join("plans", on: SQLColumn("id", table: "plans"), .equal, SQLColumn("plan_id", table: "plan_moderations"))
            .join("people", on: SQLColumn("id", table: "people"), .equal, SQLColumn("person_id", table: "plans"))
            .column(SQLColumn("plan_id", table: "plan_moderations"), as: "plan_id")
            .column(SQLColumn("criterion", table: "plan_moderations"), as: "criterion")
            .column(SQLColumn("verdict", table: "plan_moderations"), as: "verdict")
            .column(SQLColumn("engine_verdict", table: "plan_moderations"), as: "engine_verdict")
        let rows = try await applyQuality(q, scope, filter.withoutVerdicts)
            .orderBy(SQLColumn("moderated_at", table: "plan_moderations"), SQLDirection.ascending)
            .orderBy(SQLColumn("id", table: "plan_moderations"), SQLDirection.ascending)
            .limit(Self.qualityRowLimit).all()
        // The latest judgement per plan and criterion counts.
        struct Key: Hashable { var plan: UUID; var criterion: ReviewCriterion }
        var latest: [Key: (ReviewVerdict, ReviewVerdict?)] = [:]
        for r in rows {
            guard let c = ReviewCriterion(rawValue: try r.decode(column: "criterion", as: String.self)),
                  let v = ReviewVerdict(rawValue: try r.decode(column: "verdict", as: String.self)) else { continue }
            let engine = try r.decode(column: "engine_verdict", as: String?.self).flatMap(ReviewVerdict.init)
            latest[Key(plan: try r.decode(column: "plan_id", as: UUID.self), criterion: c)] = (v, engine)
        }
        var out = ModerationAgreement()
        out.moderatedPlans = Set(latest.keys.map(\.plan)).count
        for (key, (people, engine)) in latest {
            guard let engine else { continue }
            let agreed = people == engine ? 1 : 0
            out.byCriterion[key.criterion, default: AgreementTally()].total += 1
            out.byCriterion[key.criterion, default: AgreementTally()].agreed += agreed
            out.overall.total += 1
            out.overall.agreed += agreed
        }
        return out
    }
}
