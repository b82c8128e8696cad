import Foundation
import WhatMattersCore

// Wire types of the JSON API, kept apart from the Store's rows and the Core's values so that
// either can change without breaking API clients. Described in Resources/openapi.json.

struct TeamDTO: Codable, Equatable {
    var id: UUID
    var name: String
    var service: String
    init(_ t: Team) { id = t.id; name = t.name; service = t.service.rawValue }
}

struct PersonDTO: Codable, Equatable {
    var id: UUID
    var name: String
    var dateOfBirth: String?
    var service: String
    var teamID: UUID
    var allocatedWorkerID: UUID?
    var preferredLanguage: String
    var activeOfferMadeOn: String?
    var activeOfferMadeBy: String
    var communicationNeeds: String
    var version: Int
    var createdAt: Date
    var updatedAt: Date

    init(_ p: Person) {
        let d = p.details
        id = p.id; name = d.name; dateOfBirth = d.dateOfBirth?.description; service = d.service.rawValue
        teamID = d.teamID; allocatedWorkerID = d.allocatedWorkerID; preferredLanguage = d.preferredLanguage.rawValue
        activeOfferMadeOn = d.activeOfferMadeOn?.description; activeOfferMadeBy = d.activeOfferMadeBy
        communicationNeeds = d.communicationNeeds; version = p.version; createdAt = p.createdAt; updatedAt = p.updatedAt
    }
}

/// The body of a create or update. Every field optional here: missing required fields are
/// reported by validation, by name, with the rest.
struct PersonWriteDTO: Codable {
    var name: String?
    var dateOfBirth: String?
    var service: String?
    var teamID: String?
    var allocatedWorkerID: String?
    var preferredLanguage: String?
    var activeOfferMadeOn: String?
    var activeOfferMadeBy: String?
    var communicationNeeds: String?
    /// On update: the version read; a newer saved version refuses the update (409).
    var version: Int?

    var input: PersonInput {
        PersonInput(name: name, dateOfBirth: dateOfBirth, service: service, teamID: teamID,
                    allocatedWorkerID: allocatedWorkerID, preferredLanguage: preferredLanguage,
                    activeOfferMadeOn: activeOfferMadeOn, activeOfferMadeBy: activeOfferMadeBy,
                    communicationNeeds: communicationNeeds)
    }
}

struct ConversationDTO: Codable, Equatable {
    var id: UUID
    var personID: UUID
    var date: String
    var kind: String
    var participants: [String]
    var othersPresent: String
    var language: String
    var whatMatters: String
    var whoseWords: String
    var narrative: String
    var whatHappenedNext: String
    var recordedBy: UUID?
    var version: Int
    var createdAt: Date
    var updatedAt: Date

    init(_ c: Conversation) {
        let d = c.details
        id = c.id; personID = c.personID; date = d.date.description; kind = d.kind.rawValue
        participants = d.participants.map(\.rawValue); othersPresent = d.othersPresent; language = d.language.rawValue
        whatMatters = d.whatMatters; whoseWords = d.whoseWords.rawValue; narrative = d.narrative
        whatHappenedNext = d.whatHappenedNext.rawValue; recordedBy = c.recordedBy; version = c.version
        createdAt = c.createdAt; updatedAt = c.updatedAt
    }
}

struct ConversationWriteDTO: Codable {
    var date: String?
    var kind: String?
    var participants: [String]?
    var othersPresent: String?
    var language: String?
    var whatMatters: String?
    var whoseWords: String?
    var narrative: String?
    var whatHappenedNext: String?
    var version: Int?

    var input: ConversationInput {
        ConversationInput(date: date, kind: kind, participants: participants ?? [], othersPresent: othersPresent,
                          language: language, whatMatters: whatMatters, whoseWords: whoseWords ?? Whose.person.rawValue,
                          narrative: narrative, whatHappenedNext: whatHappenedNext)
    }
}

struct SearchDTO: Codable {
    var query: String?
}

struct PageDTO<Item: Codable>: Codable {
    var items: [Item]
    var page: Int
    var per: Int
    var total: Int
}

/// RFC 9457 problem details, with each invalid field named.
struct ProblemDTO: Codable, Equatable {
    struct InvalidField: Codable, Equatable {
        var field: String
        var code: String
        var message: String
        var limit: Int?
    }
    var type: String
    var title: String
    var status: Int
    var detail: String?
    var errors: [InvalidField]?
}
