import Foundation
import WhatMattersCore

/// The parts of a plan that have a form of their own. List parts have items (added with
/// `new`, changed by item id); the others are one form each.
public enum PlanSection: String, Hashable, Sendable, CaseIterable {
    case about, outcomes, strengths, people, analysis, worries, differences, actions, scores, reviews, child, agreement

    /// True for parts that are lists of items.
    var isList: Bool {
        switch self {
        case .outcomes, .strengths, .people, .worries, .differences, .actions, .scores, .reviews: return true
        case .about, .analysis, .child, .agreement: return false
        }
    }

    /// Items of these lists are never changed once saved (a correction is a new entry).
    var isAppendOnly: Bool { self == .scores || self == .reviews }

    /// What an item of this list is, for removing one added by mistake; nil for parts whose
    /// items are never removed (scores and reviews) and for one-form parts.
    var removable: RemovablePlanItem? {
        switch self {
        case .outcomes: return .outcome
        case .strengths: return .strength
        case .people: return .importantPerson
        case .worries: return .worry
        case .differences: return .differingView
        case .actions: return .action
        case .about, .analysis, .child, .agreement, .scores, .reviews: return nil
        }
    }

    /// The anchor of the part on the plan page.
    var anchor: String { "plan-" + rawValue }
}

/// The pages of a person's plan, under `/people/:personID/plan`.
public enum PlanRoute: Hashable, Sendable {
    case page
    case start
    case print
    case versions
    case version(Int)
    /// A one-form part: `/plan/analysis`.
    case part(PlanSection)
    /// A new item of a list part: `/plan/outcomes/new`.
    case newItem(PlanSection)
    /// An item of a list part: `/plan/outcomes/o1`.
    case item(PlanSection, String)
    /// Removing an item added by mistake, from its own change page: `/plan/outcomes/o1/remove`.
    case removeItem(PlanSection, String)

    static let sectionParam = "section", itemParam = "itemID", versionParam = "version"

    var segments: [SiteRoute.Segment] {
        let base: [SiteRoute.Segment] = [.constant("plan")]
        switch self {
        case .page: return base
        case .start: return base + [.constant("start")]
        case .print: return base + [.constant("print")]
        case .versions: return base + [.constant("versions")]
        case .version(let v): return base + [.constant("versions"), .parameter(Self.versionParam, String(v))]
        case .part(let s): return base + [.parameter(Self.sectionParam, s.rawValue)]
        case .newItem(let s): return base + [.parameter(Self.sectionParam, s.rawValue), .constant("new")]
        case .item(let s, let id): return base + [.parameter(Self.sectionParam, s.rawValue), .parameter(Self.itemParam, id)]
        case .removeItem(let s, let id): return PlanRoute.item(s, id).segments + [.constant("remove")]
        }
    }
}

extension PlanRoute {
    /// Appends what `segments` says, without making them (`SiteRoute.path` checks the two
    /// agree in debug builds).
    func appendPath(to path: inout String) {
        path.append("/plan")
        switch self {
        case .page: break
        case .start: path.append("/start")
        case .print: path.append("/print")
        case .versions: path.append("/versions")
        case .version(let v): path.append("/versions"); SiteRoute.append(parameter: String(v), to: &path)
        case .part(let s): SiteRoute.append(parameter: s.rawValue, to: &path)
        case .newItem(let s): SiteRoute.append(parameter: s.rawValue, to: &path); path.append("/new")
        case .item(let s, let id): SiteRoute.append(parameter: s.rawValue, to: &path); SiteRoute.append(parameter: id, to: &path)
        case .removeItem(let s, let id):
            SiteRoute.append(parameter: s.rawValue, to: &path); SiteRoute.append(parameter: id, to: &path); path.append("/remove")
        }
    }
}
