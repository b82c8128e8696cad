import Fluent
import Foundation
import WhatMattersCore

// Database rows. They stay inside the Store; other layers see the Core value types.

final class TeamModel: Model, @unchecked Sendable {
    static let schema = "teams"
    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "service") var service: String
    init() {}
    init(id: UUID, name: String, service: Service) { self.id = id; self.name = name; self.service = service.rawValue }
    var value: Team { Team(id: id!, name: name, service: Service(rawValue: service) ?? .adults) }
}

final class StaffModel: Model, @unchecked Sendable {
    static let schema = "staff"
    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "name") var name: String
    @Field(key: "role") var role: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "active") var active: Bool
    @OptionalField(key: "locale") var locale: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Children(for: \.$staff) var teams: [StaffTeamModel]
    init() {}
}

final class StaffTeamModel: Model, @unchecked Sendable {
    static let schema = "staff_teams"
    @ID(key: .id) var id: UUID?
    @Parent(key: "staff_id") var staff: StaffModel
    @Field(key: "team_id") var teamID: UUID
    init() {}
    init(staffID: UUID, teamID: UUID) { self.$staff.id = staffID; self.teamID = teamID }
}

final class PersonModel: Model, @unchecked Sendable {
    static let schema = "people"
    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    /// The folded name (see `NameSearch.fold`), so that search ignores case and accents.
    @Field(key: "name_folded") var nameFolded: String
    @OptionalField(key: "date_of_birth") var dateOfBirth: String?
    @Field(key: "service") var service: String
    @Field(key: "team_id") var teamID: UUID
    @OptionalField(key: "allocated_worker_id") var allocatedWorkerID: UUID?
    @Field(key: "preferred_language") var preferredLanguage: String
    @OptionalField(key: "active_offer_on") var activeOfferOn: String?
    @Field(key: "active_offer_by") var activeOfferBy: String
    @Field(key: "communication_needs") var communicationNeeds: String
    @Field(key: "version") var version: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @Field(key: "restricted") var restricted: Bool
    init() {}

    func apply(_ d: PersonDetails) {
        name = d.name
        nameFolded = NameSearch.fold(d.name)
        dateOfBirth = d.dateOfBirth?.description
        service = d.service.rawValue
        teamID = d.teamID
        allocatedWorkerID = d.allocatedWorkerID
        preferredLanguage = d.preferredLanguage.rawValue
        activeOfferOn = d.activeOfferMadeOn?.description
        activeOfferBy = d.activeOfferMadeBy
        communicationNeeds = d.communicationNeeds
    }

    var value: Person {
        Person(id: id!, details: PersonDetails(
            name: name, dateOfBirth: dateOfBirth.flatMap(Day.init), service: Service(rawValue: service) ?? .adults,
            teamID: teamID, allocatedWorkerID: allocatedWorkerID,
            preferredLanguage: LanguageChoice(rawValue: preferredLanguage) ?? .en,
            activeOfferMadeOn: activeOfferOn.flatMap(Day.init), activeOfferMadeBy: activeOfferBy,
            communicationNeeds: communicationNeeds),
            version: version, createdAt: createdAt, updatedAt: updatedAt, restricted: restricted)
    }
}

final class ConversationModel: Model, @unchecked Sendable {
    static let schema = "conversations"
    @ID(key: .id) var id: UUID?
    @Field(key: "person_id") var personID: UUID
    @Field(key: "date") var date: String
    @Field(key: "kind") var kind: String
    /// Participant codes, space separated (a closed vocabulary with no spaces).
    @Field(key: "participants") var participants: String
    @Field(key: "others_present") var othersPresent: String
    @Field(key: "language") var language: String
    @Field(key: "what_matters") var whatMatters: String
    @Field(key: "whose_words") var whoseWords: String
    @Field(key: "narrative") var narrative: String
    @Field(key: "what_happened_next") var whatHappenedNext: String
    @OptionalField(key: "recorded_by") var recordedBy: UUID?
    @Field(key: "version") var version: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    init() {}

    func apply(_ d: ConversationDetails) {
        date = d.date.description
        kind = d.kind.rawValue
        participants = d.participants.map(\.rawValue).joined(separator: " ")
        othersPresent = d.othersPresent
        language = d.language.rawValue
        whatMatters = d.whatMatters
        whoseWords = d.whoseWords.rawValue
        narrative = d.narrative
        whatHappenedNext = d.whatHappenedNext.rawValue
    }

    var value: Conversation {
        Conversation(id: id!, personID: personID, details: ConversationDetails(
            date: Day(date) ?? Day(year: 2000, month: 1, day: 1)!, kind: ConversationKind(rawValue: kind) ?? .other,
            participants: participants.split(separator: " ").compactMap { Participant(rawValue: String($0)) },
            othersPresent: othersPresent, language: LanguageChoice(rawValue: language) ?? .en,
            whatMatters: whatMatters, whoseWords: Whose(rawValue: whoseWords) ?? .person, narrative: narrative,
            whatHappenedNext: WhatHappenedNext(rawValue: whatHappenedNext) ?? .noFurtherAction),
            recordedBy: recordedBy, version: version, createdAt: createdAt, updatedAt: updatedAt)
    }
}

final class APITokenModel: Model, @unchecked Sendable {
    static let schema = "api_tokens"
    @ID(key: .id) var id: UUID?
    @Field(key: "staff_id") var staffID: UUID
    /// SHA-256 of the token, hex. The token itself is shown once and never stored.
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "created_at") var createdAt: Date
    init() {}
}

/// Text a user typed when their session had ended, kept until they sign in again.
final class DraftModel: Model, @unchecked Sendable {
    static let schema = "drafts"
    @ID(key: .id) var id: UUID?
    /// The path the form was posted to.
    @Field(key: "path") var path: String
    /// The submitted form fields, as JSON.
    @Field(key: "fields") var fields: String
    @Field(key: "created_at") var createdAt: Date
    init() {}
}

final class RestrictedAccessModel: Model, @unchecked Sendable {
    static let schema = "restricted_access"
    @ID(key: .id) var id: UUID?
    @Field(key: "person_id") var personID: UUID
    @Field(key: "staff_id") var staffID: UUID
    init() {}
}

final class BreakGlassModel: Model, @unchecked Sendable {
    static let schema = "break_glass"
    @ID(key: .id) var id: UUID?
    @Field(key: "staff_id") var staffID: UUID
    @Field(key: "staff_name") var staffName: String
    @Field(key: "person_id") var personID: UUID
    @Field(key: "reason") var reason: String
    @Field(key: "started_at") var startedAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    init() {}
    var value: BreakGlass {
        BreakGlass(staffID: staffID, staffName: staffName, personID: personID, reason: reason, startedAt: startedAt, expiresAt: expiresAt)
    }
}

final class TeamNoticeModel: Model, @unchecked Sendable {
    static let schema = "team_notices"
    @ID(key: .id) var id: UUID?
    @Field(key: "team_id") var teamID: UUID
    @OptionalField(key: "person_id") var personID: UUID?
    @Field(key: "kind") var kind: String
    @Field(key: "detail") var detail: String
    @Field(key: "created_at") var createdAt: Date
    init() {}
}
