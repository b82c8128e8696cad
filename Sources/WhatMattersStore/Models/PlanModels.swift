import Fluent
import Foundation
import WhatMattersCore

/// One person's plan: its current version and the latest practice review verdicts (for
/// audit filters). The versions themselves are rows of `plan_versions`.
final class PlanModel: Model, @unchecked Sendable {
    static let schema = "plans"
    @ID(key: .id) var id: UUID?
    @Field(key: "person_id") var personID: UUID
    /// The plan document's id.
    @Field(key: "external_id") var externalID: String
    @Field(key: "version") var version: Int
    @OptionalField(key: "verdict_what_matters") var verdictWhatMatters: String?
    @OptionalField(key: "verdict_outcomes") var verdictOutcomes: String?
    @OptionalField(key: "verdict_analysis") var verdictAnalysis: String?
    @OptionalField(key: "verdict_interventions") var verdictInterventions: String?
    @OptionalField(key: "verdict_scoring") var verdictScoring: String?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    init() {}

    func apply(_ v: PlanVerdicts?) {
        verdictWhatMatters = v?.whatMattersAndStrengths?.rawValue
        verdictOutcomes = v?.outcomesConsistency?.rawValue
        verdictAnalysis = v?.balancedAnalysis?.rawValue
        verdictInterventions = v?.interventionsMeetOutcomes?.rawValue
        verdictScoring = v?.scoringComplete?.rawValue
    }

    var verdicts: PlanVerdicts? {
        let v = PlanVerdicts(whatMattersAndStrengths: verdictWhatMatters.flatMap(ReviewVerdict.init),
                             outcomesConsistency: verdictOutcomes.flatMap(ReviewVerdict.init),
                             balancedAnalysis: verdictAnalysis.flatMap(ReviewVerdict.init),
                             interventionsMeetOutcomes: verdictInterventions.flatMap(ReviewVerdict.init),
                             scoringComplete: verdictScoring.flatMap(ReviewVerdict.init))
        return v == PlanVerdicts() ? nil : v
    }
}

/// One saved version of a plan: the Core value as JSON, who saved it and when, and the
/// agreement recorded in it.
final class PlanVersionModel: Model, @unchecked Sendable {
    static let schema = "plan_versions"
    @ID(key: .id) var id: UUID?
    @Field(key: "plan_id") var planID: UUID
    @Field(key: "version") var version: Int
    /// `CarePlan` as JSON (keys sorted).
    @Field(key: "body") var body: String
    @OptionalField(key: "saved_by") var savedBy: UUID?
    @Field(key: "saved_at") var savedAt: Date
    @OptionalField(key: "agreed_on") var agreedOn: String?
    @OptionalField(key: "agreed_by") var agreedBy: String?
    init() {}
}
