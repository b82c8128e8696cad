import Foundation

/// The kinds of plan item that can be removed once added by mistake. Scores and reviews are
/// not among them: they are kept as entered, and a correction points at what it corrects.
public enum RemovablePlanItem: String, Sendable, CaseIterable {
    case outcome, strength, importantPerson, worry, differingView, action
}

/// Why an item cannot be removed.
public enum PlanRemovalRefusal: Error, Equatable, Sendable {
    /// No such item in the plan.
    case notFound
    /// Scores or reviews are recorded against the outcome; they point at it.
    case outcomeHasScoresOrReviews
}

extension CarePlan {
    /// True when the plan holds an item of this kind with this id.
    public func contains(_ kind: RemovablePlanItem, id: String) -> Bool {
        switch kind {
        case .outcome: return outcomes.contains { $0.id == id }
        case .strength: return strengths.contains { $0.id == id }
        case .importantPerson: return importantPeople.contains { $0.id == id }
        case .worry: return analysis.worries.contains { $0.id == id }
        case .differingView: return analysis.differingViews.contains { $0.id == id }
        case .action: return actions.contains { $0.id == id }
        }
    }

    /// Score entries (corrected or not) given to the outcome.
    public func scores(ofOutcome id: String) -> [ScoreEntry] { scores.filter { $0.outcomeID == id } }

    /// Reviews that recorded a change or a status for the outcome.
    public func reviews(ofOutcome id: String) -> [PlanReview] { reviews.filter { $0.outcomes.contains { $0.outcomeID == id } } }

    /// True when scores or reviews are recorded against the outcome, so that it must stay.
    public func outcomeHasRecords(_ id: String) -> Bool { !scores(ofOutcome: id).isEmpty || !reviews(ofOutcome: id).isEmpty }

    /// The strengths and actions linked to an outcome, in plan order.
    public func itemsLinked(toOutcome id: String) -> (strengths: [StrengthItem], actions: [ActionItem]) {
        (strengths.filter { $0.outcomeIDs.contains(id) }, actions.filter { ($0.outcomeIDs ?? []).contains(id) })
    }

    /// The plan without the item; every other part exactly as it was, and the item's id
    /// remembered as used (`idHighWaterMarks`), never to be given again. Removing an outcome
    /// also removes its id from the strengths and actions linked to it; an outcome with
    /// scores or reviews recorded against it is refused.
    public func removing(_ kind: RemovablePlanItem, id: String) -> Result<CarePlan, PlanRemovalRefusal> {
        guard contains(kind, id: id) else { return .failure(.notFound) }
        var p = self
        switch kind {
        case .outcome:
            if outcomeHasRecords(id) { return .failure(.outcomeHasScoresOrReviews) }
            p.outcomes.removeAll { $0.id == id }
            for i in p.strengths.indices { p.strengths[i].outcomeIDs.removeAll { $0 == id } }
            // An absent list of outcomes stays absent; a present one keeps being present, even when empty.
            for i in p.actions.indices { p.actions[i].outcomeIDs?.removeAll { $0 == id } }
        case .strength: p.strengths.removeAll { $0.id == id }
        case .importantPerson: p.importantPeople.removeAll { $0.id == id }
        case .worry: p.analysis.worries.removeAll { $0.id == id }
        case .differingView: p.analysis.differingViews.removeAll { $0.id == id }
        case .action: p.actions.removeAll { $0.id == id }
        }
        // Its id is not given to another item later.
        p.remember(kind.idKind, usedUpTo: highestIDNumber(kind.idKind))
        return .success(p)
    }
}
