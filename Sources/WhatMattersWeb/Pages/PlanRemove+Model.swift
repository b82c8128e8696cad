import Foundation
import WhatMattersCore

/// Removing an item of the plan added by mistake: what will go, what goes with it, and the
/// confirmation. Saved as a new version; earlier versions keep the item.
struct PlanRemoveModel {
    var person: Person
    /// The plan as it is now (the latest version).
    var plan: CarePlan
    /// The version the confirmation applies to (the latest).
    var version: Int
    var section: PlanSection
    var itemID: String
    /// When someone else saved first: the version this user confirmed against.
    var staleVersion: Int?
    /// Set when a removal was asked for that cannot be done (an outcome with scores or reviews).
    var refused = false

    var kind: RemovablePlanItem? { section.removable }

    /// True while the item is still in the plan.
    var exists: Bool { kind.map { plan.contains($0, id: itemID) } ?? false }

    /// An outcome with scores or reviews recorded against it stays on the plan.
    var blocked: Bool { section == .outcomes && exists && plan.outcomeHasRecords(itemID) }

    /// The item's own words, as the plan shows them.
    var words: String? {
        switch section {
        case .outcomes: return plan.outcome(itemID)?.statement
        case .strengths: return plan.strengths.first { $0.id == itemID }?.description
        case .people: return plan.importantPeople.first { $0.id == itemID }.map { p in
            [p.name, p.relationship ?? ""].filter { !$0.isEmpty }.joined(separator: ", ")
        }
        case .worries: return plan.analysis.worries.first { $0.id == itemID }?.description
        case .differences: return plan.analysis.differingViews.first { $0.id == itemID }?.about
        case .actions: return plan.actions.first { $0.id == itemID }?.description
        default: return nil
        }
    }

    /// For an outcome: the strengths and actions whose links to it will be removed.
    var linked: (strengths: [StrengthItem], actions: [ActionItem]) {
        section == .outcomes ? plan.itemsLinked(toOutcome: itemID) : ([], [])
    }

    var action: SiteRoute { .plan(person.id, .removeItem(section, itemID)) }
    var changeRoute: SiteRoute { .plan(person.id, .item(section, itemID)) }
}
