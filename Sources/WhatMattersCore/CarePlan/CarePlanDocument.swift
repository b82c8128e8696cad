import Foundation

/// The mapping between the plan and the interchange format `whatmatters.plan/1`.
///
/// `CarePlan(document:)` followed by `document` gives back exactly the document read (the
/// same JSON value): everything the format holds has a place in the plan, and the
/// difference between absent and empty is kept. The other way, what the format cannot
/// hold stays behind: strengths' and actions' details beyond the format, reviews, the
/// child's voice, the agreement, `other` scores and score comments; a carer's score is
/// exported without `scoredBy`; a corrected score is exported as its correction.
extension CarePlan {
    /// Top-level members of the format that may be absent.
    static let optionalMembers = ["person", "conversations", "whatMatters", "personalOutcomes", "strengths",
                                  "importantPeople", "concerns", "views", "analysis", "actions", "scores"]

    public init(document d: PlanDocument) {
        var absent: [String] = []
        if d.person == nil { absent.append("person") }
        if d.conversations == nil { absent.append("conversations") }
        if d.whatMatters == nil { absent.append("whatMatters") }
        if d.personalOutcomes == nil { absent.append("personalOutcomes") }
        if d.strengths == nil { absent.append("strengths") }
        if d.importantPeople == nil { absent.append("importantPeople") }
        if d.concerns == nil { absent.append("concerns") }
        if d.views == nil { absent.append("views") }
        if d.analysis == nil { absent.append("analysis") }
        if d.actions == nil { absent.append("actions") }
        if d.scores == nil { absent.append("scores") }

        let outcomes = (d.personalOutcomes ?? []).map {
            PersonalOutcomeItem(id: $0.id, statement: $0.statement, whose: $0.whose, importance: $0.importance,
                                nationalOutcomes: $0.nationalOutcomes)
        }
        let strengths = (d.strengths ?? []).enumerated().map { i, s in
            StrengthItem(id: "s\(i + 1)", description: s.description, source: s.source)
        }
        let people = (d.importantPeople ?? []).enumerated().map { i, p in
            ImportantPersonItem(id: "p\(i + 1)", name: p.name, relationship: p.relationship, connection: p.connection, gives: p.gives)
        }
        let worries = (d.concerns ?? []).enumerated().map { i, c in
            Worry(id: "w\(i + 1)", description: c.description, raisedBy: c.raisedBy)
        }
        let actions = (d.actions ?? []).enumerated().map { i, a in
            ActionItem(id: "a\(i + 1)", description: a.description, by: a.by, outcomeIDs: a.outcomes, isService: a.isService)
        }
        let scores = (d.scores ?? []).enumerated().map { i, s in
            ScoreEntry(id: "sc\(i + 1)", outcomeID: s.outcome, date: s.date, kind: s.kind == .baseline ? .baseline : .review,
                       value: s.score, scoredBy: s.scoredBy.flatMap { PlanScorer(rawValue: $0.rawValue) })
        }
        self.init(documentID: d.id, service: d.service, language: d.language, documentPerson: d.person,
                  documentConversations: d.conversations, whatMatters: d.whatMatters, outcomes: outcomes,
                  strengths: strengths, importantPeople: people,
                  analysis: Analysis(worries: worries, summary: d.analysis, personView: d.views?.person, familyView: d.views?.family),
                  actions: actions, scores: scores, absentFromDocument: absent)
    }

    /// The scores the document carries: those on the standard scale, baseline or review.
    var documentScores: [PlanDocument.Score] {
        effectiveScores.compactMap { s -> PlanDocument.Score? in
            guard s.kind != .other, s.scale == ScoreScale.standard.id, ScoreScale.standard.range.contains(s.value) else { return nil }
            return PlanDocument.Score(outcome: s.outcomeID, date: s.date, kind: s.kind == .baseline ? .baseline : .review,
                                      score: s.value, scoredBy: s.scoredBy.flatMap { ScoredBy(rawValue: $0.rawValue) })
        }
    }

    /// The plan as a plan document.
    public var document: PlanDocument {
        let absent = Set(absentFromDocument)
        /// A list is written unless it was absent and is still empty.
        func list<T>(_ name: String, _ items: [T]) -> [T]? { items.isEmpty && absent.contains(name) ? nil : items }

        let outcomes = outcomes.map {
            PlanDocument.PersonalOutcome(id: $0.id, statement: $0.statement, whose: $0.whose, importance: $0.importance,
                                         nationalOutcomes: $0.nationalOutcomes)
        }
        let strengths = strengths.map { PlanDocument.Strength(description: $0.description, source: $0.source) }
        let people = importantPeople.map {
            PlanDocument.ImportantPerson(name: $0.name, relationship: $0.relationship, connection: $0.connection, gives: $0.gives)
        }
        let concerns = analysis.worries.map { PlanDocument.Concern(description: $0.description, raisedBy: $0.raisedBy) }
        let actions = actions.map {
            PlanDocument.Action(description: $0.description, by: $0.by, isService: $0.service != nil ? true : $0.isService,
                                outcomes: $0.outcomeIDs)
        }
        let scores = documentScores
        var views: PlanDocument.Views? = PlanDocument.Views(person: analysis.personView, family: analysis.familyView)
        if analysis.personView == nil && analysis.familyView == nil && absent.contains("views") { views = nil }

        return PlanDocument(id: documentID, service: service, language: language, person: documentPerson,
                            conversations: documentConversations, whatMatters: whatMatters,
                            personalOutcomes: list("personalOutcomes", outcomes), strengths: list("strengths", strengths),
                            importantPeople: list("importantPeople", people), concerns: list("concerns", concerns),
                            views: views, analysis: exportedAnalysis, actions: list("actions", actions),
                            scores: list("scores", scores))
    }

    /// The document's single `analysis` text: the practitioner's analysis when written;
    /// otherwise the three parts, so that the practice review sees them.
    var exportedAnalysis: String? {
        if let s = analysis.summary, !s.isEmpty { return s }
        let parts = [analysis.workingWell, analysis.needsToHappen].filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        if !parts.isEmpty { return parts.joined(separator: "\n\n") }
        return analysis.summary
    }

    /// Reads a plan document and maps it, or returns every problem with its JSON pointer.
    public static func decode(_ data: Data) -> Result<CarePlan, PlanDocumentErrors> {
        PlanDocument.decode(data).map(CarePlan.init(document:))
    }
}
