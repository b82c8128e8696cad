import Foundation

/// One problem with one field, as a code the interface turns into a sentence in the
/// user's language (key `error.<code>`), with the field's own label and any limit.
public struct FieldError: Equatable, Sendable, Codable {
    public enum Code: String, Sendable, Codable {
        case required, tooLong, invalidDate, futureDate, invalidChoice, invalidCharacters, unknownTeam, unknownWorker, tooLongAgo, wrongType, choiceRequired
        /// Not a number, or a number outside what the field allows (`limit`: the largest allowed).
        case invalidNumber, tooLarge
    }
    /// The field's name as it appears in forms and in the JSON API (`dateOfBirth`).
    public var field: String
    public var code: Code
    /// The limit the message should state, if any (characters for `tooLong`).
    public var limit: Int?

    public init(_ field: String, _ code: Code, limit: Int? = nil) {
        self.field = field; self.code = code; self.limit = limit
    }
}

/// Every problem found in one submission, in the order of the form's fields.
public struct FieldErrors: Error, Equatable, Sendable {
    public var errors: [FieldError]
    public init(_ errors: [FieldError]) { self.errors = errors }
    public func first(for field: String) -> FieldError? { errors.first { $0.field == field } }
}

/// Limits stated in every message that enforces them.
public enum Limits {
    public static let name = 200
    public static let shortText = 500
    public static let communicationNeeds = 2_000
    public static let whatMatters = 10_000
    public static let narrative = 50_000
}

/// Shared checks for form and API input. Text is kept exactly as typed: nothing is trimmed
/// or normalised in storage, only checked.
public struct Checker {
    public private(set) var errors: [FieldError] = []
    public init() {}

    public mutating func add(_ error: FieldError) { errors.append(error) }

    /// Checks a text field; returns it unchanged when valid.
    @discardableResult
    public mutating func text(_ field: String, _ value: String?, required: Bool, limit: Int) -> String {
        let value = value ?? ""
        if required && value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            add(FieldError(field, .required)); return value
        }
        if value.count > limit { add(FieldError(field, .tooLong, limit: limit)) }
        // PostgreSQL cannot store NUL in text; say so rather than fail on save.
        else if value.unicodeScalars.contains(where: { $0.value == 0 }) { add(FieldError(field, .invalidCharacters)) }
        return value
    }

    public mutating func choice<V: Vocabulary>(_ field: String, _ value: String?, as: V.Type, required: Bool = true) -> V? {
        guard let value, !value.isEmpty else {
            if required { add(FieldError(field, .choiceRequired)) }
            return nil
        }
        guard let v = V(rawValue: value) else { add(FieldError(field, .invalidChoice)); return nil }
        return v
    }

    public mutating func choices<V: Vocabulary>(_ field: String, _ values: [String], as: V.Type) -> [V] {
        var out: [V] = []
        for value in values where !value.isEmpty {
            guard let v = V(rawValue: value) else { add(FieldError(field, .invalidChoice)); return [] }
            if !out.contains(v) { out.append(v) }
        }
        return out
    }

    public mutating func day(_ field: String, _ value: String?, required: Bool, today: Day, notBefore: Int = 1880) -> Day? {
        guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            if required { add(FieldError(field, .required)) }
            return nil
        }
        guard let day = Day(value.trimmingCharacters(in: .whitespaces)) else { add(FieldError(field, .invalidDate)); return nil }
        if day > today { add(FieldError(field, .futureDate)); return nil }
        if day.year < notBefore { add(FieldError(field, .tooLongAgo)); return nil }
        return day
    }

    public mutating func uuid(_ field: String, _ value: String?, required: Bool, code: FieldError.Code) -> UUID? {
        guard let value, !value.isEmpty else {
            if required { add(FieldError(field, .required)) }
            return nil
        }
        guard let id = UUID(uuidString: value) else { add(FieldError(field, code)); return nil }
        return id
    }
}

/// What a person form or API body carries, before checking. Every field is kept as typed so
/// that a form returned with errors shows exactly what the user entered.
public struct PersonInput: Equatable, Sendable, Codable {
    public var name: String?
    public var dateOfBirth: String?
    public var service: String?
    public var teamID: String?
    public var allocatedWorkerID: String?
    public var preferredLanguage: String?
    public var activeOfferMadeOn: String?
    public var activeOfferMadeBy: String?
    public var communicationNeeds: String?

    public init(name: String? = nil, dateOfBirth: String? = nil, service: String? = nil, teamID: String? = nil,
                allocatedWorkerID: String? = nil, preferredLanguage: String? = nil, activeOfferMadeOn: String? = nil,
                activeOfferMadeBy: String? = nil, communicationNeeds: String? = nil) {
        self.name = name; self.dateOfBirth = dateOfBirth; self.service = service; self.teamID = teamID
        self.allocatedWorkerID = allocatedWorkerID; self.preferredLanguage = preferredLanguage
        self.activeOfferMadeOn = activeOfferMadeOn; self.activeOfferMadeBy = activeOfferMadeBy
        self.communicationNeeds = communicationNeeds
    }

    public init(_ p: PersonDetails) {
        self.init(name: p.name, dateOfBirth: p.dateOfBirth?.description, service: p.service.rawValue,
                  teamID: p.teamID.uuidString, allocatedWorkerID: p.allocatedWorkerID?.uuidString,
                  preferredLanguage: p.preferredLanguage.rawValue, activeOfferMadeOn: p.activeOfferMadeOn?.description,
                  activeOfferMadeBy: p.activeOfferMadeBy, communicationNeeds: p.communicationNeeds)
    }

    /// Checks the input. `teams` are the teams the user may place a person in; `workers`
    /// the staff who may be allocated.
    public func validate(today: Day, teams: Set<UUID>, workers: Set<UUID>) -> Result<PersonDetails, FieldErrors> {
        var c = Checker()
        let name = c.text("name", name, required: true, limit: Limits.name)
        let dob = c.day("dateOfBirth", dateOfBirth, required: false, today: today)
        let service = c.choice("service", service, as: Service.self)
        var team = c.uuid("teamID", teamID, required: true, code: .unknownTeam)
        if let t = team, !teams.contains(t) { c.add(FieldError("teamID", .unknownTeam)); team = nil }
        var worker = c.uuid("allocatedWorkerID", allocatedWorkerID, required: false, code: .unknownWorker)
        if let w = worker, !workers.contains(w) { c.add(FieldError("allocatedWorkerID", .unknownWorker)); worker = nil }
        let language = c.choice("preferredLanguage", preferredLanguage, as: LanguageChoice.self)
        let offerOn = c.day("activeOfferMadeOn", activeOfferMadeOn, required: false, today: today, notBefore: 2000)
        let offerBy = c.text("activeOfferMadeBy", activeOfferMadeBy, required: false, limit: Limits.name)
        let needs = c.text("communicationNeeds", communicationNeeds, required: false, limit: Limits.communicationNeeds)
        guard c.errors.isEmpty, let service, let team, let language else { return .failure(FieldErrors(c.errors)) }
        return .success(PersonDetails(name: name, dateOfBirth: dob, service: service, teamID: team,
                                      allocatedWorkerID: worker, preferredLanguage: language,
                                      activeOfferMadeOn: offerOn, activeOfferMadeBy: offerBy,
                                      communicationNeeds: needs))
    }
}

public struct ConversationInput: Equatable, Sendable, Codable {
    public var date: String?
    public var kind: String?
    public var participants: [String]
    public var othersPresent: String?
    public var language: String?
    public var whatMatters: String?
    public var whoseWords: String?
    public var narrative: String?
    public var whatHappenedNext: String?

    public init(date: String? = nil, kind: String? = nil, participants: [String] = [], othersPresent: String? = nil,
                language: String? = nil, whatMatters: String? = nil, whoseWords: String? = nil,
                narrative: String? = nil, whatHappenedNext: String? = nil) {
        self.date = date; self.kind = kind; self.participants = participants; self.othersPresent = othersPresent
        self.language = language; self.whatMatters = whatMatters; self.whoseWords = whoseWords
        self.narrative = narrative; self.whatHappenedNext = whatHappenedNext
    }

    public init(_ c: ConversationDetails) {
        self.init(date: c.date.description, kind: c.kind.rawValue, participants: c.participants.map(\.rawValue),
                  othersPresent: c.othersPresent, language: c.language.rawValue, whatMatters: c.whatMatters,
                  whoseWords: c.whoseWords.rawValue, narrative: c.narrative, whatHappenedNext: c.whatHappenedNext.rawValue)
    }

    public func validate(today: Day) -> Result<ConversationDetails, FieldErrors> {
        var c = Checker()
        let date = c.day("date", date, required: true, today: today, notBefore: 2000)
        let kind = c.choice("kind", kind, as: ConversationKind.self)
        let participants = c.choices("participants", participants, as: Participant.self)
        let others = c.text("othersPresent", othersPresent, required: false, limit: Limits.shortText)
        let language = c.choice("language", language, as: LanguageChoice.self)
        let whatMatters = c.text("whatMatters", whatMatters, required: true, limit: Limits.whatMatters)
        let whose = c.choice("whoseWords", whoseWords, as: Whose.self)
        let narrative = c.text("narrative", narrative, required: false, limit: Limits.narrative)
        let next = c.choice("whatHappenedNext", whatHappenedNext, as: WhatHappenedNext.self)
        guard c.errors.isEmpty, let date, let kind, let language, let whose, let next else { return .failure(FieldErrors(c.errors)) }
        return .success(ConversationDetails(date: date, kind: kind, participants: participants, othersPresent: others,
                                            language: language, whatMatters: whatMatters, whoseWords: whose,
                                            narrative: narrative, whatHappenedNext: next))
    }
}
