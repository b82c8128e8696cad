import Foundation

/// The five practice review verdicts stored beside a plan, for audit filters.
public struct PlanVerdicts: Equatable, Sendable, Codable {
    public var whatMattersAndStrengths: ReviewVerdict?
    public var outcomesConsistency: ReviewVerdict?
    public var balancedAnalysis: ReviewVerdict?
    public var interventionsMeetOutcomes: ReviewVerdict?
    public var scoringComplete: ReviewVerdict?

    public init(whatMattersAndStrengths: ReviewVerdict? = nil, outcomesConsistency: ReviewVerdict? = nil,
                balancedAnalysis: ReviewVerdict? = nil, interventionsMeetOutcomes: ReviewVerdict? = nil,
                scoringComplete: ReviewVerdict? = nil) {
        self.whatMattersAndStrengths = whatMattersAndStrengths; self.outcomesConsistency = outcomesConsistency
        self.balancedAnalysis = balancedAnalysis; self.interventionsMeetOutcomes = interventionsMeetOutcomes
        self.scoringComplete = scoringComplete
    }

    public init(_ review: PracticeReview) {
        self.init(whatMattersAndStrengths: review.verdict(.whatMattersAndStrengths),
                  outcomesConsistency: review.verdict(.outcomesConsistency),
                  balancedAnalysis: review.verdict(.balancedAnalysis),
                  interventionsMeetOutcomes: review.verdict(.interventionsMeetOutcomes),
                  scoringComplete: review.verdict(.scoringComplete))
    }

    public subscript(_ c: ReviewCriterion) -> ReviewVerdict? {
        switch c {
        case .whatMattersAndStrengths: return whatMattersAndStrengths
        case .outcomesConsistency: return outcomesConsistency
        case .balancedAnalysis: return balancedAnalysis
        case .interventionsMeetOutcomes: return interventionsMeetOutcomes
        case .scoringComplete: return scoringComplete
        }
    }
}

/// A saved version of a person's plan.
public struct PlanRecord: Equatable, Sendable {
    public var planID: UUID
    public var personID: UUID
    public var version: Int
    public var plan: CarePlan
    public var savedBy: UUID?
    public var savedAt: Date
    /// The verdicts of the latest version (the plan row's), when this is the latest.
    public var verdicts: PlanVerdicts?
    public init(planID: UUID, personID: UUID, version: Int, plan: CarePlan, savedBy: UUID?, savedAt: Date, verdicts: PlanVerdicts?) {
        self.planID = planID; self.personID = personID; self.version = version; self.plan = plan
        self.savedBy = savedBy; self.savedAt = savedAt; self.verdicts = verdicts
    }
}

/// One line of a plan's version history.
public struct PlanVersionSummary: Equatable, Sendable {
    public var version: Int
    public var savedBy: UUID?
    public var savedAt: Date
    public var agreedOn: Day?
    public var outcomes: Int
    public var importantPeople: Int
    public init(version: Int, savedBy: UUID?, savedAt: Date, agreedOn: Day?, outcomes: Int, importantPeople: Int) {
        self.version = version; self.savedBy = savedBy; self.savedAt = savedAt; self.agreedOn = agreedOn
        self.outcomes = outcomes; self.importantPeople = importantPeople
    }
}

extension CarePlan {
    /// The plan as a document for exchange, with the person block filled from the record
    /// when the plan has none of its own (a plan begun in WhatMatters rather than imported).
    public func document(for person: PersonDetails?, today: Day) -> PlanDocument {
        var d = document
        if d.person == nil, !absentFromDocument.contains("person"), let person {
            d.person = PlanDocument.Person(
                ageYears: person.dateOfBirth.map { $0.years(until: today) }.flatMap { (0...130).contains($0) ? $0 : nil },
                preferredLanguage: Locale2(rawValue: person.preferredLanguage.rawValue))
        }
        return d
    }

    /// The practice review ("Stop and think") of this plan.
    public func practiceReview(language: ReviewLanguage) -> PracticeReview {
        PracticeReview(of: document, language: language)
    }

    /// Maps a prompt's JSON pointer (into `document`) to the plan item it concerns:
    /// (`personalOutcomes`, outcome id), (`actions`, action id), or the top-level member.
    /// Called for every prompt by every item the plan page shows, so it builds no document.
    public func itemConcerned(by pointer: String) -> (member: String, itemID: String?) {
        let parts = pointer.split(separator: "/")
        guard let first = parts.first else { return ("", nil) }
        let member = String(first)
        guard parts.count > 1, let index = Int(parts[1]) else { return (member, nil) }
        switch member {
        case "personalOutcomes": return (member, outcomes.indices.contains(index) ? outcomes[index].id : nil)
        case "actions": return (member, actions.indices.contains(index) ? actions[index].id : nil)
        case "strengths": return (member, strengths.indices.contains(index) ? strengths[index].id : nil)
        case "importantPeople": return (member, importantPeople.indices.contains(index) ? importantPeople[index].id : nil)
        case "concerns": return (member, analysis.worries.indices.contains(index) ? analysis.worries[index].id : nil)
        case "scores":
            let eff = documentScores
            guard eff.indices.contains(index) else { return (member, nil) }
            return (member, eff[index].outcome)
        default: return (member, nil)
        }
    }
}
