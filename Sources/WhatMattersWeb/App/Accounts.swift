import Foundation
import Vapor
import WhatMattersCore
import WhatMattersStore

/// Adding staff and API tokens: shared by the command line, the demo and the tests.
public enum Accounts {
    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    /// Adds a member of staff. With no password, one is generated and returned (shown once).
    @discardableResult
    public static func addUser(_ app: Application, email: String, name: String, role: Role, teamNames: [String],
                               password: String?, by actor: AuditActor = .system("command line")) async throws -> (Staff, generatedPassword: String?) {
        let store = app.store
        guard email.contains("@"), email.count <= 254 else { throw Problem(description: "--email: \(email) is not an email address") }
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw Problem(description: "--name: must not be empty") }
        var teamIDs: [UUID] = []
        for teamName in teamNames {
            guard let team = try await store.team(named: teamName) else {
                let known = try await store.teams().map(\.name).joined(separator: ", ")
                throw Problem(description: "--team: no team named \"\(teamName)\" (teams: \(known.isEmpty ? "none yet" : known))")
            }
            teamIDs.append(team.id)
        }
        let generated = password == nil ? Token.random().prefix(20).description : nil
        let chosen = password ?? generated!
        let problems = PasswordPolicy.problems(chosen, email: email, name: name)
        guard problems.isEmpty else {
            let why = problems.map { p -> String in
                switch p {
                case .invalidCharacters: return "it holds a NUL character, after which nothing would count"
                case .tooLong: return "use at most \(PasswordPolicy.maximumLength) characters (\(PasswordPolicy.maximumBytes) bytes)"
                case .tooShort: return "use at least \(PasswordPolicy.minimumLength) characters"
                case .common: return "it is one of the most common passwords"
                case .personal: return "it contains the name or email address"
                }
            }.joined(separator: "; ")
            throw Problem(description: "password: \(why). Three random words work well.")
        }
        let hash = try await app.password.async.hash(chosen)
        do {
            let staff = try await store.addStaff(email: email, name: name, role: role, teamIDs: teamIDs, passwordHash: hash, by: actor)
            return (staff, generated)
        } catch let e as StoreError {
            throw Problem(description: e.description)
        }
    }

    /// Creates an API token for a member of staff. Returned once; only its hash is stored.
    public static func createToken(_ app: Application, email: String, by actor: AuditActor = .system("command line")) async throws -> String {
        guard let (staff, _) = try await app.store.staffForSignIn(email: email) else {
            throw Problem(description: "--email: no member of staff with email \(email)")
        }
        let token = "wm_" + Token.random()
        try await app.store.addToken(staffID: staff.id, tokenHash: Token.sha256(token), by: actor)
        return token
    }
}
