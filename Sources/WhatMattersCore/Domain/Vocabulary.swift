import Foundation

/// The closed vocabularies practitioners choose from. Raw values are the stable codes used
/// in the database, the JSON API and the plan document format; labels live in the string
/// tables of each language (key `<vocabulary>.<code>`).
public protocol Vocabulary: RawRepresentable, CaseIterable, Codable, Hashable, Sendable where RawValue == String {
    /// Prefix of the string-table keys for this vocabulary, e.g. `service`.
    static var key: String { get }
}

extension Vocabulary {
    public var labelKey: String { "\(Self.key).\(rawValue)" }
    public static var codes: [String] { allCases.map(\.rawValue) }
}

public enum Service: String, Vocabulary {
    case adults, children, carers
    public static let key = "service"
}

public enum Role: String, Vocabulary {
    case practitioner
    case teamManager = "team-manager"
    case mentor
    case qualityLead = "quality-lead"
    case panelMember = "panel-member"
    case seniorLeader = "senior-leader"
    case administrator
    case evaluator
    public static let key = "role"
}

/// The language a person chose when the Active Offer was made.
public enum LanguageChoice: String, Vocabulary {
    case cy, en, other
    public static let key = "language"
}

/// The two interface languages, equal in standing.
public enum Locale2: String, Vocabulary {
    case en, cy
    public static let key = "locale"
}

public enum ConversationKind: String, Vocabulary {
    case whatMatters = "what-matters"
    case review, safeguarding
    case multiAgency = "multi-agency"
    case crisis, other
    public static let key = "kind"
}

/// What happened after the conversation. Only one of these is an assessment: the others are
/// the outcomes the evaluation found "didn't count" in older systems.
public enum WhatHappenedNext: String, Vocabulary {
    case informationOrAdvice = "information-or-advice"
    case communityResources = "community-resources"
    case ownSolution = "own-solution"
    case noFurtherAction = "no-further-action"
    case planAgreed = "plan-agreed"
    case assessmentNeeded = "assessment-needed"
    public static let key = "next"

    /// True when the conversation itself resolved things, without an assessment or a plan.
    public var resolvedWithoutAssessment: Bool {
        switch self {
        case .informationOrAdvice, .communityResources, .ownSolution, .noFurtherAction: return true
        case .planAgreed, .assessmentNeeded: return false
        }
    }
}

/// Whose words a statement records.
public enum Whose: String, Vocabulary {
    case person, child, parent, carer, family, advocate, practitioner
    public static let key = "whose"
}

/// Who took part in a conversation.
public enum Participant: String, Vocabulary {
    case person, child, parent, carer, family, advocate
    case partnerAgency = "partner-agency"
    public static let key = "participant"
}
