import Foundation

// Closed vocabularies of the outcomes-focused plan that the plan document format does not
// carry. Raw values are stable codes (database JSON, forms); labels live in the string
// tables (`<key>.<code>`).

/// Where a personal outcome stands.
public enum OutcomeStatus: String, Vocabulary {
    case active
    case achieved
    case partlyAchieved = "partly-achieved"
    case noLongerWanted = "no-longer-wanted"
    public static let key = "outcomeStatus"
}

/// Which way support flows between the person and someone important to them.
public enum SupportDirection: String, Vocabulary {
    /// The important person supports the person.
    case toPerson = "to-person"
    /// The person supports them.
    case fromPerson = "from-person"
    case bothWays = "both-ways"
    public static let key = "direction"
}

/// Where an action stands.
public enum ActionStatus: String, Vocabulary {
    case planned
    case inProgress = "in-progress"
    case done
    case stopped
    public static let key = "actionStatus"
}

/// Kinds of score entry. The plan document carries baseline and review scores; `other`
/// (a score taken between reviews) stays inside WhatMatters.
public enum PlanScoreKind: String, Vocabulary {
    case baseline, review, other
    public static let key = "scoreKind"
}

/// Who gave a score. The plan document has no code for a carer; such scores are exported
/// without `scoredBy`.
public enum PlanScorer: String, Vocabulary {
    case person, practitioner, jointly, carer
    public static let key = "scoredBy"
}

/// How a child's own words were heard.
public enum HowHeard: String, Vocabulary {
    case directly
    case wordsAndPictures = "words-and-pictures"
    case observation
    case advocate
    case parent
    public static let key = "howHeard"
}

/// How the plan was agreed.
public enum AgreementMethod: String, Vocabulary {
    case inPerson = "in-person"
    case signed
    case phone
    case video
    case letter
    public static let key = "agreedHow"
}

/// Who agreed the plan.
public enum AgreedBy: String, Vocabulary {
    case person
    case representative
    case parent
    case advocate
    public static let key = "agreedBy"
}
