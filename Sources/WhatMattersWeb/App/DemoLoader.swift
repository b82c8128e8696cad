import Foundation
import Vapor
import WhatMattersCore
import WhatMattersStore

/// Writes the deterministic demo authority (`DemoAuthority`, in Core) into the database.
public enum DemoLoader {
    /// The sign-ins printed by `serve --demo` and `demo`: one per role.
    public static var signInsText: String {
        let demo = DemoAuthority(people: 1, seed: 1)
        let width = demo.signIns.map(\.email.count).max() ?? 0
        return "Demo sign-ins (password beside each email):\n" + demo.signIns.map { s in
            "  \(s.role.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)) \(s.email.padding(toLength: width, withPad: " ", startingAt: 0))  \(s.password)"
        }.joined(separator: "\n")
            + "\nAdministrators need a second factor: add the key \(demoSecondFactorKey) to an authenticator app for the administrator."
    }

    /// The demo administrator's second-factor key (administrators must have one). Fixed, and
    /// printed with the demo sign-ins: it protects nothing real.
    public static let demoSecondFactorKey = Base32.encode(Array("whatmatters-demo-2fa".utf8))

    /// Loads `people` people (and their teams, staff and conversations) made from `seed`.
    public static func load(_ app: Application, people: Int, seed: UInt64, progress: (@Sendable (Int) -> Void)?) async throws {
        let demo = DemoAuthority(people: people, seed: seed)
        let store = app.store
        let actor = AuditActor.system("demo")
        for team in demo.teams { _ = try await store.createTeam(name: team.name, service: team.service, id: team.id, by: actor) }
        // bcrypt is slow on purpose: hash each sign-in's password once, and give every other
        // member of staff one shared hash of a password nobody knows.
        var hashes: [Int: String] = [:]
        for s in demo.signIns { hashes[s.staffIndex] = try await app.password.async.hash(s.password) }
        let unknown = try await app.password.async.hash(UUID().uuidString + UUID().uuidString)
        for s in demo.staff {
            _ = try await store.addStaff(email: s.email, name: s.name, role: s.role, teamIDs: s.teamIDs,
                                         passwordHash: hashes[s.index] ?? unknown, id: s.id, by: actor)
        }
        for s in demo.signIns where s.role == .administrator {
            if let admin = demo.staff.first(where: { $0.index == s.staffIndex }) {
                try await store.setSecondFactor(staffID: admin.id, secret: demoSecondFactorKey, by: actor)
            }
        }
        let chunk = 1_000
        for start in stride(from: 0, to: people, by: chunk) {
            var newPeople: [Store.NewPerson] = []
            var newConversations: [Store.NewConversation] = []
            var newPlans: [Store.NewPlan] = []
            for p in demo.people(in: start ..< min(start + chunk, people)) {
                newPeople.append(.init(id: p.id, details: p.details))
                if let plan = DemoPlans.plan(for: p, in: demo) {
                    newPlans.append(.init(personID: p.id, plan: plan, savedBy: p.conversationRecordedBy.last,
                                          verdicts: PlanVerdicts(plan.practiceReview(language: .en))))
                }
                for (i, c) in p.conversations.enumerated() {
                    newConversations.append(.init(id: p.conversationIDs[i], personID: p.id, details: c, recordedBy: p.conversationRecordedBy[i]))
                }
            }
            try await store.insert(people: newPeople, conversations: newConversations, by: actor)
            try await store.insert(plans: newPlans, by: actor)
            progress?(min(start + chunk, people))
        }
        // A bulk load changes every table at once: give the planner its statistics now.
        try await store.refreshStatistics(full: true)
    }
}
