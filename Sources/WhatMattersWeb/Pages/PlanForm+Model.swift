import Foundation
import WhatMattersCore

/// Adding or changing one part of a plan. Carries what was typed, so that a form returned
/// with errors or refused because someone else saved first loses nothing.
struct PlanFormModel {
    var person: Person
    /// The plan as it was when the form was opened (or a new, empty one).
    var plan: CarePlan
    /// The version the form edits; 0 when there is no plan yet.
    var version: Int
    var section: PlanSection
    /// The item changed; nil for a new item and for one-form parts.
    var itemID: String?
    var input: PlanFormInput
    var errors: FieldErrors = FieldErrors([])
    /// When someone else saved first: the plan as saved now, shown beside what was typed.
    var conflict: PlanRecord?
    /// The practice review of the saved plan, for the prompts beside the fields.
    var review: PracticeReview?
    var draftID: UUID?
    var notice: String?

    var action: SiteRoute {
        if !section.isList { return .plan(person.id, .part(section)) }
        if let itemID { return .plan(person.id, .item(section, itemID)) }
        return .plan(person.id, .newItem(section))
    }

    /// Field names whose values are lists (checkboxes).
    static let listFields: Set<String> = ["nationalOutcomes", "iStatements", "supportsOutcomes", "gives", "servesOutcomes",
                                          "reviewParticipants", "howHeard"]

    /// What the form carries, from a submitted body.
    static func input(_ form: FormBody) -> PlanFormInput {
        var input = PlanFormInput()
        for pair in form.pairs where !pair.name.hasPrefix("_") && pair.name != "version" {
            if listFields.contains(pair.name) { input.lists[pair.name, default: []].append(pair.value) }
            else if input.values[pair.name] == nil { input.values[pair.name] = pair.value }
        }
        return input
    }

    /// The form's starting values: the item or part as saved, or sensible defaults.
    static func initialInput(_ section: PlanSection, plan: CarePlan, itemID: String?, person: Person, today: Day,
                             corrects: String? = nil) -> PlanFormInput? {
        let whose: Whose = plan.service == .children ? .child : plan.service == .carers ? .carer : .person
        switch section {
        case .about:
            return PlanFormInput(values: ["whatMatters": plan.whatMatters ?? "", "recordLanguage": plan.language.rawValue])
        case .analysis: return PlanValidation.input(plan.analysis)
        case .child: return PlanValidation.input(plan.childsVoice)
        case .agreement:
            var i = PlanValidation.input(plan.agreement)
            if plan.agreement == nil { i["agreedOn"] = today.description }
            return i
        case .outcomes:
            guard let itemID else { return PlanFormInput(values: ["whose": whose.rawValue, "outcomeStatus": OutcomeStatus.active.rawValue]) }
            return plan.outcomes.first { $0.id == itemID }.map(PlanValidation.input)
        case .strengths:
            guard let itemID else { return PlanFormInput() }
            return plan.strengths.first { $0.id == itemID }.map(PlanValidation.input)
        case .people:
            guard let itemID else { return PlanFormInput() }
            return plan.importantPeople.first { $0.id == itemID }.map(PlanValidation.input)
        case .worries:
            guard let itemID else { return PlanFormInput() }
            return plan.analysis.worries.first { $0.id == itemID }.map(PlanValidation.input)
        case .differences:
            guard let itemID else { return PlanFormInput(values: ["differenceWhose": whose.rawValue]) }
            return plan.analysis.differingViews.first { $0.id == itemID }.map(PlanValidation.input)
        case .actions:
            guard let itemID else { return PlanFormInput(values: ["actionStatus": ActionStatus.planned.rawValue, "isService": "no"]) }
            return plan.actions.first { $0.id == itemID }.map(PlanValidation.input)
        case .scores:
            guard itemID == nil else { return nil }
            var i = PlanFormInput(values: ["scoreDate": today.description, "scoreKind": PlanScoreKind.baseline.rawValue,
                                           "scoredBy": PlanScorer.jointly.rawValue])
            if let corrects, let old = plan.scores.first(where: { $0.id == corrects }) {
                i["corrects"] = corrects; i["scoreOutcome"] = old.outcomeID; i["scoreKind"] = old.kind.rawValue
                i["scoreDate"] = old.date?.description ?? today.description
            } else if plan.outcomes.count == 1 {
                i["scoreOutcome"] = plan.outcomes[0].id
            }
            return i
        case .reviews:
            guard itemID == nil else { return nil }
            return PlanFormInput(values: ["reviewDate": today.description, "reviewScoredBy": PlanScorer.jointly.rawValue],
                                 lists: ["reviewParticipants": [Participant.person.rawValue]])
        }
    }

    /// Applies a valid submission to `plan`, or returns the problems. The plan's other parts
    /// are left exactly as they are.
    static func apply(_ section: PlanSection, input: PlanFormInput, itemID: String?, to plan: CarePlan, today: Day) -> Result<CarePlan, FieldErrors> {
        var p = plan
        func put<T: Identifiable>(_ item: T, into list: inout [T]) where T.ID == String {
            if let i = list.firstIndex(where: { $0.id == item.id }) { list[i] = item } else { list.append(item) }
        }
        do {
            switch section {
            case .about:
                let (wm, language) = try PlanValidation.about(input).get()
                // What matters stays absent until something is written.
                p.whatMatters = wm.isEmpty && plan.whatMatters == nil ? nil : wm
                p.language = language
            case .analysis: p.analysis = try PlanValidation.analysis(input, existing: plan.analysis).get()
            case .child: p.childsVoice = try PlanValidation.childsVoice(input).get()
            case .agreement: p.agreement = try PlanValidation.agreement(input, today: today).get()
            case .outcomes:
                let id = itemID ?? plan.newID(.outcome)
                put(try PlanValidation.outcome(input, id: id, existing: plan.outcomes.first { $0.id == id }).get(), into: &p.outcomes)
            case .strengths:
                let id = itemID ?? plan.newID(.strength)
                put(try PlanValidation.strength(input, id: id, plan: plan).get(), into: &p.strengths)
            case .people:
                let id = itemID ?? plan.newID(.importantPerson)
                put(try PlanValidation.importantPerson(input, id: id).get(), into: &p.importantPeople)
            case .worries:
                let id = itemID ?? plan.newID(.worry)
                put(try PlanValidation.worry(input, id: id).get(), into: &p.analysis.worries)
            case .differences:
                let id = itemID ?? plan.newID(.differingView)
                put(try PlanValidation.differingView(input, id: id).get(), into: &p.analysis.differingViews)
            case .actions:
                let id = itemID ?? plan.newID(.action)
                put(try PlanValidation.action(input, id: id, plan: plan, existing: plan.actions.first { $0.id == id }).get(), into: &p.actions)
            case .scores:
                let id = plan.newID(.score)
                p.scores.append(try PlanValidation.score(input, id: id, plan: plan, today: today).get())
            case .reviews:
                let id = plan.newID(.review)
                var taken: [String] = []
                let (review, scores) = try PlanValidation.review(input, id: id, plan: plan, today: today, nextScoreID: { _ in
                    let next = plan.newID(.score, besides: taken)
                    taken.append(next)
                    return next
                }).get()
                p.reviews.append(review)
                p.scores += scores
                for o in review.outcomes {
                    if let status = o.status, let i = p.outcomes.firstIndex(where: { $0.id == o.outcomeID }) { p.outcomes[i].status = status }
                }
            }
        } catch let e as FieldErrors {
            return .failure(e)
        } catch {
            return .failure(FieldErrors([]))
        }
        return .success(p)
    }
}
