import Foundation
import WhatMattersCore
import WhatMattersStore

/// The quality audit: every plan the viewer may list with the practice review's five
/// verdicts, filtered and paged; the trend by month; plans that meet all five criteria;
/// and how often the review and the quality leads' moderation agree.
struct QualityAuditModel {
    var filter: QualityFilter
    var plans: WhatMattersCore.Page<QualityPlanRow>
    /// True for the whole authority (quality leads, senior leaders); false for a manager's teams.
    var authorityWide: Bool
    /// Teams and workers offered in the filters: those within the viewer's scope.
    var teams: [Team]
    var workers: [QualityWorker]
    var trend: [QualityTrendMonth]
    var goodPractice: [QualityPlanRow]
    var agreement: ModerationAgreement
    var canExport: Bool

    var teamNames: [UUID: String] { Dictionary(teams.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }) }
    var workerNames: [UUID: String] { Dictionary(workers.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }) }

    /// The filter as a query string (`?criterion=…&page=2`), for links that keep it.
    static func query(_ f: QualityFilter, page: Int? = nil) -> String {
        var items: [(String, String)] = []
        if let c = f.criterion { items.append(("criterion", c.rawValue)) }
        if let v = f.verdict { items.append(("verdict", v.rawValue)) }
        if let t = f.teamID { items.append(("team", t.uuidString)) }
        if let s = f.service { items.append(("service", s.rawValue)) }
        if let w = f.workerID { items.append(("worker", w.uuidString)) }
        if let page, page > 1 { items.append(("page", String(page))) }
        guard !items.isEmpty else { return "" }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return "?" + items.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
    }

    /// Reads the filter from the query string. A value that is not one of the choices is
    /// ignored, and the form then shows that it is not applied.
    static func filter(criterion: String?, verdict: String?, team: String?, service: String?, worker: String?) -> QualityFilter {
        QualityFilter(criterion: criterion.flatMap(ReviewCriterion.init(rawValue:)),
                      verdict: verdict.flatMap(ReviewVerdict.init(rawValue:)),
                      teamID: team.flatMap(UUID.init(uuidString:)),
                      service: service.flatMap(Service.init(rawValue:)),
                      workerID: worker.flatMap(UUID.init(uuidString:)))
    }
}

/// One plan's practice review beside its moderation: the review's verdicts and reasons on
/// the current version, every judgement quality leads have recorded, and (for a quality
/// lead) a form to record their own verdict and comment on each criterion.
struct QualityPlanModel {
    var person: Person
    var record: PlanRecord
    var review: PracticeReview
    var teamName: String?
    var history: [ModerationRecord]
    var canModerate: Bool
    /// What was typed in the form, by field name (`verdict-<criterion>`, `comment-<criterion>`).
    var values: [String: String] = [:]
    var problems: [FormProblem] = []
    var notice: String?

    static func verdictField(_ c: ReviewCriterion) -> String { "verdict-" + c.rawValue }
    static func commentField(_ c: ReviewCriterion) -> String { "comment-" + c.rawValue }
    static let commentLimit = 2_000
}
