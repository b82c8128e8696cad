import Foundation

extension CarePlan {
    /// The plan a document describes, keeping from `existing` what the document format
    /// cannot carry, wherever it still fits: outcomes' reasons, "I" statements and status
    /// (by outcome id); strengths' links, people's direction of support, who is worried,
    /// actions' who, dates, status and service details (by their words); score comments
    /// and `other` scores; reviews, the child's voice, the agreement and differing views;
    /// and which ids have been used, so that new items never take one again.
    /// Its `document` is always exactly `document`.
    public static func merging(_ document: PlanDocument, into existing: CarePlan?) -> CarePlan {
        var p = CarePlan(document: document)
        guard let old = existing else { return p }
        let outcomeIDs = Set(p.outcomes.map(\.id))
        for i in p.outcomes.indices {
            if let o = old.outcome(p.outcomes[i].id) {
                p.outcomes[i].whyItMatters = o.whyItMatters
                p.outcomes[i].iStatements = o.iStatements.filter { s in
                    (p.outcomes[i].nationalOutcomes ?? []).contains { NationalOutcomesReference.bundled.aspect($0)?.statements.contains(s) ?? false }
                }
                p.outcomes[i].status = o.status
            }
        }
        for i in p.strengths.indices {
            if let s = old.strengths.first(where: { $0.description == p.strengths[i].description }) {
                p.strengths[i].outcomeIDs = s.outcomeIDs.filter(outcomeIDs.contains)
            }
        }
        for i in p.importantPeople.indices {
            if let x = old.importantPeople.first(where: { $0.name == p.importantPeople[i].name }) { p.importantPeople[i].direction = x.direction }
        }
        for i in p.analysis.worries.indices {
            if let w = old.analysis.worries.first(where: { $0.description == p.analysis.worries[i].description }) {
                p.analysis.worries[i].whoIsWorried = w.whoIsWorried
            }
        }
        for i in p.actions.indices {
            if let a = old.actions.first(where: { $0.description == p.actions[i].description }) {
                p.actions[i].who = a.who; p.actions[i].byWhen = a.byWhen; p.actions[i].status = a.status
                if p.actions[i].isService == true { p.actions[i].service = a.service }
            }
        }
        for i in p.scores.indices {
            let s = p.scores[i]
            if let x = old.effectiveScores.first(where: { $0.outcomeID == s.outcomeID && $0.date == s.date && $0.kind == s.kind && $0.value == s.value }) {
                p.scores[i].comment = x.comment
                p.scores[i].reviewID = x.reviewID
                if x.scoredBy == .carer && s.scoredBy == nil { p.scores[i].scoredBy = .carer }
            }
        }
        var ids = p.scores.map(\.id)
        for s in old.effectiveScores where s.kind == .other && outcomeIDs.contains(s.outcomeID) {
            var x = s
            x.id = CarePlan.nextID("sc", existing: ids); x.corrects = nil
            ids.append(x.id)
            p.scores.append(x)
        }
        if let summary = p.analysis.summary, !summary.isEmpty {
            p.analysis.workingWell = old.analysis.workingWell
            p.analysis.needsToHappen = old.analysis.needsToHappen
        }
        p.analysis.differingViews = old.analysis.differingViews
        p.reviews = old.reviews.map { r in
            var r = r
            r.outcomes = r.outcomes.filter { outcomeIDs.contains($0.outcomeID) }
            return r
        }
        p.childsVoice = old.childsVoice
        p.agreement = old.agreement
        // Ids the old version used and the document no longer shows are not given again.
        p.remember(idsOf: old)
        return p
    }
}
