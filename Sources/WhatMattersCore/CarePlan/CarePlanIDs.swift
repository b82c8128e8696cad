import Foundation

/// The kinds of item in a plan's lists, each with the prefix of its ids (`o1`, `sc3`…).
public enum PlanIDKind: String, Sendable, CaseIterable {
    case outcome = "o", strength = "s", importantPerson = "p", worry = "w", differingView = "d", action = "a"
    case score = "sc", review = "r"

    public var prefix: String { rawValue }
}

extension RemovablePlanItem {
    var idKind: PlanIDKind {
        switch self {
        case .outcome: return .outcome
        case .strength: return .strength
        case .importantPerson: return .importantPerson
        case .worry: return .worry
        case .differingView: return .differingView
        case .action: return .action
        }
    }
}

// Ids of new items. An id, once given, names one item for the whole life of the plan:
// earlier versions, actions' and scores' links and the audit trail all point at it, so a new
// item never takes the id of one that was removed. The ids present show most of what has
// been used; what they no longer show (an item removed, or left out of an imported
// document) is kept in `idHighWaterMarks`.
extension CarePlan {
    /// The ids of the items of this kind, in plan order.
    public func ids(_ kind: PlanIDKind) -> [String] {
        switch kind {
        case .outcome: return outcomes.map(\.id)
        case .strength: return strengths.map(\.id)
        case .importantPerson: return importantPeople.map(\.id)
        case .worry: return analysis.worries.map(\.id)
        case .differingView: return analysis.differingViews.map(\.id)
        case .action: return actions.map(\.id)
        case .score: return scores.map(\.id)
        case .review: return reviews.map(\.id)
        }
    }

    /// A fresh id for a new item of this kind: the prefix and a number above every number
    /// this plan, or any earlier version of it, has used for that kind (and above the ids in
    /// `taken`, for several new items at once).
    public func newID(_ kind: PlanIDKind, besides taken: [String] = []) -> String {
        Self.nextID(kind.prefix, existing: ids(kind) + taken, above: idHighWaterMarks?[kind.prefix] ?? 0)
    }

    /// A fresh id among `existing`: `prefix` and a number above `above`, above the highest
    /// `prefix`N in `existing` and above their count (ids need not be numbered at all).
    public static func nextID(_ prefix: String, existing: [String], above: Int = 0) -> String {
        var n = max(existing.count, above, existing.compactMap { number($0, prefix: prefix) }.max() ?? 0) + 1
        let used = Set(existing)
        while used.contains("\(prefix)\(n)") { n += 1 }
        return "\(prefix)\(n)"
    }

    /// The number N of an id `prefix`N; nil for any other id.
    static func number(_ id: String, prefix: String) -> Int? {
        guard id.hasPrefix(prefix) else { return nil }
        let digits = id.dropFirst(prefix.count)
        guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits)
    }

    /// The highest number of this kind the plan has used, as far as it knows: its items'
    /// ids and its high-water mark.
    func highestIDNumber(_ kind: PlanIDKind) -> Int {
        max(idHighWaterMarks?[kind.prefix] ?? 0, ids(kind).compactMap { Self.number($0, prefix: kind.prefix) }.max() ?? 0)
    }

    /// Remembers that ids of this kind up to `n` have been used, when the items no longer
    /// show it (so that a plan from which nothing has gone carries no marks).
    mutating func remember(_ kind: PlanIDKind, usedUpTo n: Int) {
        guard n > highestIDNumber(kind) else { return }
        var marks = idHighWaterMarks ?? [:]
        marks[kind.prefix] = n
        idHighWaterMarks = marks
    }

    /// Carries the ids `earlier` (the version this one replaces) has used into this plan,
    /// for every kind, so that none is given again here.
    mutating func remember(idsOf earlier: CarePlan) {
        for kind in PlanIDKind.allCases { remember(kind, usedUpTo: earlier.highestIDNumber(kind)) }
    }
}
