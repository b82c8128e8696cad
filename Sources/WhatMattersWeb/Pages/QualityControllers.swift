import Foundation
import Vapor
import WhatMattersCore
import WhatMattersStore

/// The quality audit (issue 4, item 4): query → view model → view, like every other page.
///
/// Who: quality leads and senior leaders see the whole authority, team managers their
/// teams (the `Viewer` scope, which leaves out sealed records they are not named on);
/// everyone else is refused. Exporting follows `Access` (`.export`), and only quality leads
/// moderate. Every list, export and moderation is in the audit trail.
enum QualityControllers {
    static let perPage = 50

    /// Roles the audit is for.
    static func mayAudit(_ role: Role) -> Bool { Access.readsAuthority(role) || role == .teamManager }

    /// Quality leads record their own verdicts on plans.
    static func mayModerate(_ role: Role) -> Bool { role == .qualityLead }

    /// Export is a read of many records: the role must be allowed to export records in its scope.
    static func mayExport(_ staff: Staff) -> Bool {
        Access.allows(role: staff.role, relationship: Access.readsAuthority(staff.role) ? .none : .team,
                      sensitivity: .ordinary, action: .export)
    }

    static func auditor(_ req: Request) throws -> Staff {
        let staff = try req.requireStaff()
        guard staff.active, mayAudit(staff.role) else { throw WebError.forbidden }
        return staff
    }

    static func filter(_ req: Request) -> QualityFilter {
        QualityAuditModel.filter(criterion: req.queryValue("criterion"), verdict: req.queryValue("verdict"),
                                 team: req.queryValue("team"), service: req.queryValue("service"),
                                 worker: req.queryValue("worker"))
    }

    /// For the audit trail: the filter, which holds no personal data.
    static func describe(_ f: QualityFilter) -> String {
        let q = QualityAuditModel.query(f)
        return q.isEmpty ? "no filter" : String(q.dropFirst())
    }

    /// The teams and workers the viewer may filter by: their teams, and the allocated
    /// workers of the plans they may list.
    static func choices(_ req: Request, _ staff: Staff) async throws -> (teams: [Team], workers: [QualityWorker]) {
        let all = try await req.store.teams()
        let teams = Access.readsAuthority(staff.role) ? all : all.filter { staff.teamIDs.contains($0.id) }
        return (teams, try await req.store.qualityWorkers(visibleTo: Viewer(staff)))
    }

    // MARK: The audit page

    static func audit(_ req: Request) async throws -> Response {
        let staff = try auditor(req)
        let viewer = Viewer(staff)
        var filter = filter(req)
        let (teams, workers) = try await choices(req, staff)
        // A team or worker outside the viewer's scope is not a choice: it is not applied.
        if let t = filter.teamID, !teams.contains(where: { $0.id == t }) { filter.teamID = nil }
        if let w = filter.workerID, !workers.contains(where: { $0.id == w }) { filter.workerID = nil }
        let plans = try await req.store.qualityPlans(visibleTo: viewer, filter: filter, page: req.pageNumber, per: perPage)
        try await req.audit("quality.list", detail: "page \(plans.page): \(plans.items.count) plans; \(describe(filter))")
        let model = QualityAuditModel(
            filter: filter, plans: plans, authorityWide: Access.readsAuthority(staff.role), teams: teams, workers: workers,
            trend: try await req.store.qualityTrend(visibleTo: viewer, filter: filter),
            goodPractice: try await req.store.goodPracticePlans(visibleTo: viewer, filter: filter),
            agreement: try await req.store.moderationAgreement(visibleTo: viewer, filter: filter),
            canExport: mayExport(staff))
        return req.html(model.render(await req.pageContext()))
    }

    // MARK: CSV export

    static func export(_ req: Request) async throws -> Response {
        let staff = try auditor(req)
        guard mayExport(staff) else { throw WebError.forbidden }
        var filter = filter(req)
        let (teams, workers) = try await choices(req, staff)
        if let t = filter.teamID, !teams.contains(where: { $0.id == t }) { filter.teamID = nil }
        if let w = filter.workerID, !workers.contains(where: { $0.id == w }) { filter.workerID = nil }
        let rows = try await req.store.qualityPlansForExport(visibleTo: Viewer(staff), filter: filter)
        // A read of many records: recorded before anything is sent.
        try await req.store.record(AuditEntry(AuditActor(staff), "quality.export", detail: "\(rows.count) plans; \(describe(filter))"))
        let model = QualityAuditModel(filter: filter, plans: .init(items: [], page: 1, per: perPage, total: rows.count),
                                      authorityWide: Access.readsAuthority(staff.role), teams: teams, workers: workers,
                                      trend: [], goodPractice: [], agreement: ModerationAgreement(), canExport: true)
        let res = Response(status: .ok, body: .init(string: model.csv(rows, t: req.t)))
        res.headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        let day = QualityFormat.day(Date())
        res.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"quality-audit-\(day).csv\"")
        res.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return res
    }

    // MARK: One plan: its review and moderation

    static func planReview(_ req: Request) async throws -> Response {
        let staff = try auditor(req)
        let person = try await PageControllers.person(req, .read)
        guard let record = try await req.store.plan(personID: person.id) else { throw WebError.notFound }
        try await req.audit("quality.read", person: person.id, detail: "version \(record.version)")
        var model = try await planModel(req, staff, person, record)
        if req.queryValue("saved") == "1" { model.notice = req.t("quality.plan.saved") }
        return req.html(model.render(await req.pageContext()))
    }

    static func planModel(_ req: Request, _ staff: Staff, _ person: Person, _ record: PlanRecord) async throws -> QualityPlanModel {
        QualityPlanModel(person: person, record: record, review: ReviewCache.shared.review(of: record, language: PlanControllers.reviewLanguage(req)),
                         teamName: try await req.store.team(person.details.teamID)?.name,
                         history: try await req.store.moderations(personID: person.id), canModerate: mayModerate(staff.role))
    }

    static func moderate(_ req: Request, _ form: FormBody) async throws -> Response {
        let staff = try auditor(req)
        guard mayModerate(staff.role) else { throw WebError.forbidden }
        let person = try await PageControllers.person(req, .read)
        guard let record = try await req.store.plan(personID: person.id) else { throw WebError.notFound }
        let t = req.t
        var values: [String: String] = [:]
        var problems: [FormProblem] = []
        var judgements: [ModerationJudgement] = []
        for c in ReviewCriterion.allCases {
            let vf = QualityPlanModel.verdictField(c), cf = QualityPlanModel.commentField(c)
            let rawVerdict = form[vf] ?? "", comment = form[cf] ?? ""
            values[vf] = rawVerdict; values[cf] = comment
            let label = t.label(c)
            var verdict: ReviewVerdict?
            if !rawVerdict.isEmpty {
                verdict = ReviewVerdict(rawValue: rawVerdict)
                if verdict == nil { problems.append(FormProblem(field: vf, message: t("quality.error.invalidVerdict", ["criterion": label]))) }
            }
            if comment.count > QualityPlanModel.commentLimit {
                problems.append(FormProblem(field: cf, message: t("quality.error.commentTooLong",
                                                                  ["criterion": label, "limit": String(QualityPlanModel.commentLimit)])))
            } else if comment.unicodeScalars.contains(where: { $0.value == 0 }) {
                problems.append(FormProblem(field: cf, message: t("quality.error.commentCharacters", ["criterion": label])))
            } else if verdict == nil, rawVerdict.isEmpty, !comment.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                problems.append(FormProblem(field: vf, message: t("quality.error.commentWithoutVerdict", ["criterion": label])))
            }
            if let verdict { judgements.append(ModerationJudgement(criterion: c, verdict: verdict, comment: comment)) }
        }
        if problems.isEmpty && judgements.isEmpty {
            problems.append(FormProblem(field: QualityPlanModel.verdictField(ReviewCriterion.allCases[0]), message: t("quality.error.noVerdict")))
        }
        let version = form["version"].flatMap { Int($0) } ?? record.version
        var status: HTTPStatus = .unprocessableEntity
        if problems.isEmpty {
            do {
                try await req.store.recordModeration(personID: person.id, expectedVersion: version, judgements, by: AuditActor(staff))
                return req.redirect(to: SiteRoute.qualityPlan(person.id).path + "?saved=1")
            } catch StoreError.conflict(let current) {
                // The plan was saved again: what was judged is no longer the plan. Show the new review.
                problems.append(FormProblem(field: QualityPlanModel.verdictField(ReviewCriterion.allCases[0]),
                                            message: t("quality.error.changed", ["version": String(current)])))
                status = .conflict
            }
        }
        let latest = try await req.store.plan(personID: person.id) ?? record
        var model = try await planModel(req, staff, person, latest)
        model.values = values
        model.problems = problems
        return req.html(model.render(await req.pageContext()), status: status)
    }
}
