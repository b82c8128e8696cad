import Foundation

// Closed vocabularies of the plan document format `whatmatters.plan/1` that are not
// already in Domain/Vocabulary.swift. Raw values are the format's codes.

/// The twelve national well-being outcome aspects (section 2 of the Social Services and
/// Well-being (Wales) Act 2014), by WhatMatters' stable code.
public enum NationalOutcome: String, Vocabulary {
    case rightsAndEntitlements = "rights-and-entitlements"
    case healthAndEmotionalWellbeing = "health-and-emotional-wellbeing"
    case protectionFromAbuseAndNeglect = "protection-from-abuse-and-neglect"
    case educationTrainingAndRecreation = "education-training-and-recreation"
    case relationships
    case contributionToSociety = "contribution-to-society"
    case socialAndEconomicWellbeing = "social-and-economic-wellbeing"
    case suitabilityOfAccommodation = "suitability-of-accommodation"
    case controlOverDayToDayLife = "control-over-day-to-day-life"
    case participationInWork = "participation-in-work"
    case development
    case welfare
    public static let key = "nationalOutcome"
}

/// "Important to" the person, or "important for" them.
public enum Importance: String, Vocabulary {
    case importantTo = "important-to"
    case importantFor = "important-for"
    public static let key = "importance"
}

/// Whose strength or resource it is.
public enum StrengthSource: String, Vocabulary {
    case person, family, network, community
    public static let key = "strengthSource"
}

/// How strong a connection with an important person is (eco-map).
public enum Connection: String, Vocabulary {
    case strong, moderate, weak, stressful
    public static let key = "connection"
}

/// What kind of support an important person gives.
public enum Support: String, Vocabulary {
    case practical, emotional, information, social
    public static let key = "support"
}

/// Who raised a concern.
public enum ConcernRaisedBy: String, Vocabulary {
    case practitioner
    case partnerAgency = "partner-agency"
    case person, family
    public static let key = "raisedBy"
}

/// Who carries out an action.
public enum ActionBy: String, Vocabulary {
    case person, family, network, community, practitioner, service
    case partnerAgency = "partner-agency"
    public static let key = "actionBy"
}

/// Whether a score is the baseline or a later review score.
public enum ScoreKind: String, Vocabulary {
    case baseline, review
    public static let key = "scoreKind"
}

/// Who gave a score.
public enum ScoredBy: String, Vocabulary {
    case person, practitioner, jointly
    public static let key = "scoredBy"
}

/// How the person communicates.
public enum Communication: String, Vocabulary {
    case words
    case withoutWords = "without-words"
    case limited
    public static let key = "communication"
}
