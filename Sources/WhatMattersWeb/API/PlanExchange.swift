import Foundation
import Vapor
import WhatMattersCore
import WhatMattersStore

/// Reading and writing plan documents (`whatmatters.plan/1`) for the command line: the same
/// rules as the API. A document names no person, so a plan is matched to a person by the
/// document's id; an unknown id creates a person (named by that id) in the chosen team.
public enum PlanExchange {
    public enum Problem: Error, CustomStringConvertible {
        /// Every problem of an invalid document, each with its JSON pointer.
        case invalid(PlanDocumentErrors)
        case noTeam(String)
        case noSuchPerson(String)
        case noPlan(String)

        public var description: String {
            switch self {
            case .invalid(let e): return e.problems.map { "  \($0)" }.joined(separator: "\n")
            case .noTeam(let s), .noSuchPerson(let s), .noPlan(let s): return s
            }
        }
    }

    /// Imports one document: the plan of the person it belongs to gets a new version, or a
    /// new person is made. Returns the person's id. Nothing is written for an invalid document.
    public static func importDocument(_ data: Data, into app: Application, team: String?,
                                      actor: AuditActor = .system("import")) async throws -> UUID {
        let doc: PlanDocument
        switch PlanDocument.decode(data) {
        case .failure(let e): throw Problem.invalid(e)
        case .success(let d): doc = d
        }
        let store = app.store
        if let personID = try await store.personID(forPlanDocument: doc.id) {
            let current = try await store.plan(personID: personID)
            let plan = CarePlan.merging(doc, into: current?.plan)
            _ = try await store.savePlan(personID: personID, plan, expectedVersion: current?.version ?? 0,
                                         verdicts: PlanControllers.verdicts(plan), by: actor)
            return personID
        }
        let teams = try await store.teams()
        let chosen: Team
        if let team {
            guard let t = teams.first(where: { $0.name == team }) else {
                throw Problem.noTeam("no team named \"\(team)\" (teams: \(teams.map(\.name).joined(separator: ", ")))")
            }
            chosen = t
        } else {
            guard teams.count == 1 else {
                throw Problem.noTeam(teams.isEmpty ? "there are no teams yet: add one first"
                                     : "choose the team for new people with --team (teams: \(teams.map(\.name).joined(separator: ", ")))")
            }
            chosen = teams[0]
        }
        let language = doc.person?.preferredLanguage ?? doc.language
        let details = PersonDetails(name: doc.id, service: doc.service, teamID: chosen.id,
                                    preferredLanguage: LanguageChoice(rawValue: language.rawValue) ?? .en)
        let plan = CarePlan(document: doc)
        let verdicts = PlanControllers.verdicts(plan)
        // The person and their plan are made together or not at all.
        return try await store.audited(AuditEntry(actor, "plan.import", detail: doc.id)) { s in
            let person = try await s.createPerson(details, by: actor)
            _ = try await s.savePlan(personID: person.id, plan, expectedVersion: 0, verdicts: verdicts, by: actor)
            return person.id
        }
    }

    /// The person's plan as a plan document (pretty-printed, keys sorted).
    public static func exportDocument(personID: UUID, from app: Application, actor: AuditActor = .system("export")) async throws -> Data {
        guard let person = try await app.store.person(personID) else { throw Problem.noSuchPerson("no person with id \(personID)") }
        guard let record = try await app.store.plan(personID: personID) else { throw Problem.noPlan("\(person.details.name) has no plan yet") }
        try await app.store.record(AuditEntry(actor, "plan.export", person: personID))
        var data = record.plan.document(for: person.details, today: Day(Date())).encode()
        data.append(contentsOf: Array("\n".utf8))
        return data
    }
}
