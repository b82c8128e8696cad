import Foundation

/// A person supported, as recorded by a practitioner. Identity is assigned by the store.
public struct PersonDetails: Equatable, Sendable, Codable {
    public var name: String
    public var dateOfBirth: Day?
    public var service: Service
    public var teamID: UUID
    public var allocatedWorkerID: UUID?
    public var preferredLanguage: LanguageChoice
    /// When the Active Offer (the offer of a service in Welsh without being asked) was made.
    public var activeOfferMadeOn: Day?
    /// The name of whoever made the Active Offer.
    public var activeOfferMadeBy: String
    public var communicationNeeds: String

    public init(name: String, dateOfBirth: Day? = nil, service: Service, teamID: UUID,
                allocatedWorkerID: UUID? = nil, preferredLanguage: LanguageChoice = .en,
                activeOfferMadeOn: Day? = nil, activeOfferMadeBy: String = "",
                communicationNeeds: String = "") {
        self.name = name
        self.dateOfBirth = dateOfBirth
        self.service = service
        self.teamID = teamID
        self.allocatedWorkerID = allocatedWorkerID
        self.preferredLanguage = preferredLanguage
        self.activeOfferMadeOn = activeOfferMadeOn
        self.activeOfferMadeBy = activeOfferMadeBy
        self.communicationNeeds = communicationNeeds
    }
}

/// One What Matters conversation (or review, safeguarding, multi-agency, crisis conversation).
public struct ConversationDetails: Equatable, Sendable, Codable {
    public var date: Day
    public var kind: ConversationKind
    public var participants: [Participant]
    /// Names or roles of others who took part, free text.
    public var othersPresent: String
    public var language: LanguageChoice
    public var whatMatters: String
    public var whoseWords: Whose
    public var narrative: String
    public var whatHappenedNext: WhatHappenedNext

    public init(date: Day, kind: ConversationKind, participants: [Participant] = [],
                othersPresent: String = "", language: LanguageChoice, whatMatters: String,
                whoseWords: Whose = .person, narrative: String = "", whatHappenedNext: WhatHappenedNext) {
        self.date = date
        self.kind = kind
        self.participants = participants
        self.othersPresent = othersPresent
        self.language = language
        self.whatMatters = whatMatters
        self.whoseWords = whoseWords
        self.narrative = narrative
        self.whatHappenedNext = whatHappenedNext
    }
}
