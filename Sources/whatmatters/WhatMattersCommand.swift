import ArgumentParser
import Foundation
import Vapor
import WhatMattersCore
import WhatMattersStore
import WhatMattersWeb

/// The command line: a thin layer over the libraries. Every command builds the application
/// through the same `configure` the server and the tests use.
struct WhatMattersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whatmatters",
        abstract: "WhatMatters: recording What Matters conversations and outcomes-focused plans for social care teams in Wales.",
        subcommands: [Serve.self, Migrate.self, Demo.self, User.self, TokenCommand.self, ReviewCommand.self, Audit.self, SubjectAccess.self, Backup.self, Restore.self, ImportCommand.self, ExportCommand.self]
    )
}

/// Options every database command shares.
struct DatabaseOptions: ParsableArguments {
    @ArgumentParser.Option(name: .customLong("database-url"), help: "postgres://user:password@host:port/db, or a SQLite file (default: whatmatters.sqlite, or WHATMATTERS_DATABASE_URL).")
    var databaseURL: String?

    func config() throws -> AppConfig {
        var config = try AppConfig.fromEnvironment()
        if let databaseURL { config.database = try DatabaseLocation.parse(databaseURL) }
        return config
    }
}

/// Builds the application, migrates, runs `body`, and shuts down cleanly.
func withApp<T>(_ config: AppConfig, quiet: Bool = true, _ body: (Application) async throws -> T) async throws -> T {
    var env = Environment(name: "production", arguments: ["whatmatters"])
    env.arguments = ["whatmatters"]
    let app = try await Application.make(env)
    if quiet { app.logger.logLevel = .warning }
    do {
        try await configure(app, config)
        try await migrate(app)
        let result = try await body(app)
        try await app.asyncShutdown()
        return result
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Start the web server (migrating the database first).")
    @ArgumentParser.Option(help: "Address to listen on.") var hostname: String?
    @ArgumentParser.Option(help: "Port to listen on.") var port: Int?
    @OptionGroup var database: DatabaseOptions
    @ArgumentParser.Flag(help: "Load a small demo authority when the database is empty, and print its sign-ins.") var demo = false

    func run() async throws {
        setvbuf(stdout, nil, _IOLBF, 0)  // sign-ins appear at once, even when piped
        var config = try database.config()
        if let hostname { config.hostname = hostname }
        if let port { config.port = port }
        let env = Environment(name: "production", arguments: ["whatmatters", "serve"])
        let app = try await Application.make(env)
        do {
            try await configure(app, config)
            try await migrate(app)
            if demo {
                if try await app.store.isEmpty() {
                    print("Loading the demo authority…")
                    try await DemoLoader.load(app, people: 200, seed: 1, progress: nil)
                }
                print(DemoLoader.signInsText)
            }
            print("WhatMatters on \(config.database) at http://\(config.hostname):\(config.port)")
            try await app.execute()
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or bring the database schema up to date.")
    @OptionGroup var database: DatabaseOptions
    func run() async throws {
        let config = try database.config()
        try await withApp(config) { _ in print("Database \(config.database) is up to date.") }
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Generate a deterministic synthetic authority: teams, staff, people and conversations.")
    @ArgumentParser.Option(help: "How many people supported (1 to 50000).") var people: Int = 200
    @ArgumentParser.Option(help: "Seed; the same seed gives the same authority.") var seed: UInt64 = 1
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard (1...50_000).contains(people) else { throw ArgumentParser.ValidationError("--people must be from 1 to 50000") }
    }

    func run() async throws {
        try await withApp(try database.config()) { app in
            guard try await app.store.isEmpty() else {
                throw ArgumentParser.ValidationError("the database already holds data; use an empty database for the demo (or --database-url)")
            }
            let bar = ProgressBar(total: people)
            try await DemoLoader.load(app, people: people, seed: seed) { done in bar.update(done) }
            bar.finish()
            print(DemoLoader.signInsText)
        }
    }
}

/// A progress bar on stderr, so that stdout stays clean for pipes.
final class ProgressBar: @unchecked Sendable {
    let total: Int
    var last = -1
    init(total: Int) { self.total = total }
    func update(_ done: Int) {
        let percent = total == 0 ? 100 : done * 100 / total
        guard percent != last else { return }
        last = percent
        let width = 30
        let filled = width * percent / 100
        FileHandle.standardError.write(Data("\r[\(String(repeating: "#", count: filled))\(String(repeating: " ", count: width - filled))] \(percent)% \(done)/\(total) people".utf8))
    }
    func finish() { FileHandle.standardError.write(Data("\n".utf8)) }
}

struct User: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage staff accounts.", subcommands: [Add.self, Disable.self, SecondFactor.self])

    struct SecondFactor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "second-factor",
                                                        abstract: "Give an account a second factor; prints the key for an authenticator app once.")
        @ArgumentParser.Option(help: "Email of the member of staff.") var email: String
        @OptionGroup var database: DatabaseOptions
        func run() async throws {
            try await withApp(try database.config()) { app in
                guard let (staff, _) = try await app.store.staffForSignIn(email: email) else {
                    throw ArgumentParser.ValidationError("--email: no member of staff with email \(email)")
                }
                let secret = TOTP.newSecret()
                try await app.store.setSecondFactor(staffID: staff.id, secret: Base32.encode(secret), by: .system("command line"))
                print("Key (shown once): \(Base32.encode(secret))")
                print("Link for the app: \(TOTP.uri(secret: secret, account: staff.email))")
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account; its sessions end at once.")
        @ArgumentParser.Option(help: "Email of the member of staff.") var email: String
        @OptionGroup var database: DatabaseOptions
        func run() async throws {
            try await withApp(try database.config()) { app in
                do { try await app.store.setActive(email: email, false, by: .system("command line")) }
                catch { throw ArgumentParser.ValidationError("--email: no member of staff with email \(email)") }
                print("Disabled \(email).")
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a member of staff. The password is read from stdin, or generated and printed once.")
        @ArgumentParser.Option(help: "Email address used to sign in.") var email: String
        @ArgumentParser.Option(help: "Full name.") var name: String
        @ArgumentParser.Option(help: "Role: \(Role.codes.joined(separator: ", ")).") var role: String
        @ArgumentParser.Option(help: "Team name (repeat for several teams).") var team: [String] = []
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard Role(rawValue: role) != nil else { throw ArgumentParser.ValidationError("--role must be one of \(Role.codes.joined(separator: ", "))") }
        }

        func run() async throws {
            // A password on stdin (piped) is used; at a terminal, or with nothing piped, one is generated.
            var password: String? = nil
            if isatty(FileHandle.standardInput.fileDescriptor) == 0 {
                let data = FileHandle.standardInput.readDataToEndOfFile()
                let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
                if !text.isEmpty { password = text }
            }
            try await withApp(try database.config()) { app in
                do {
                    let (staff, generated) = try await Accounts.addUser(app, email: email, name: name, role: Role(rawValue: role)!,
                                                                         teamNames: team, password: password)
                    print("Added \(staff.name) <\(staff.email)> as \(staff.role.rawValue).")
                    if let generated { print("Password (shown once): \(generated)") }
                } catch let p as Accounts.Problem {
                    throw ArgumentParser.ValidationError(p.description)
                }
            }
        }
    }
}

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "token", abstract: "Manage API tokens.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an API token for a member of staff (printed once, stored only as a hash).")
        @ArgumentParser.Option(help: "Email of the member of staff.") var email: String
        @OptionGroup var database: DatabaseOptions
        func run() async throws {
            try await withApp(try database.config()) { app in
                do { print(try await Accounts.createToken(app, email: email)) }
                catch let p as Accounts.Problem { throw ArgumentParser.ValidationError(p.description) }
            }
        }
    }
}



struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The audit trail.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check the whole hash chain; name the first broken link.")
        @OptionGroup var database: DatabaseOptions
        func run() async throws {
            let result = try await withApp(try database.config()) { app in try await app.store.verifyAudit() }
            if let broken = result.firstBroken {
                print("Audit trail BROKEN at entry \(broken.seq): \(broken.reason). \(result.checked) entries before it are intact.")
                throw ExitCode(1)
            }
            print("Audit trail intact: \(result.checked) entries verified.")
        }
    }
}

struct SubjectAccess: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sar", abstract: "Everything held about one person, including who looked at their record, as JSON.")
    @ArgumentParser.Option(help: "The person's id.") var person: String
    @ArgumentParser.Option(help: "Write to this file instead of stdout.") var out: String?
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        guard let id = UUID(uuidString: person) else { throw ArgumentParser.ValidationError("--person must be a person's id (a UUID)") }
        let data = try await withApp(try database.config()) { app -> Data in
            try await app.store.record(AuditEntry(.system("command line sar"), "person.export", person: id, detail: "subject access"))
            guard let dto = try await SubjectAccessDTO.gather(app.store, personID: id) else {
                throw ArgumentParser.ValidationError("--person: nobody with id \(person)")
            }
            let e = JSONEncoder()
            e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            e.dateEncodingStrategy = .iso8601
            return try e.encode(dto)
        }
        if let out { try data.write(to: URL(fileURLWithPath: out)) } else { FileHandle.standardOutput.write(data + Data("\n".utf8)) }
    }
}

struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Make a consistent copy of the database, safe while the server runs.")
    @ArgumentParser.Option(help: "The backup file to create.") var to: String
    @OptionGroup var database: DatabaseOptions
    func run() async throws {
        let config = try database.config()
        try await withApp(config) { app in try await Maintenance.backup(app, location: config.database, to: to) }
        print("Backed up \(config.database) to \(to).")
    }
}

struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Bring a backup back (stop the server first when on SQLite).")
    @ArgumentParser.Argument(help: "The backup file.") var file: String
    @OptionGroup var database: DatabaseOptions
    func run() async throws {
        let config = try database.config()
        try Maintenance.restore(location: config.database, from: file)
        try await withApp(config) { app in
            let check = try await app.store.integrityCheck()
            guard check == "ok" else { throw ArgumentParser.ValidationError("the restored database is not sound: \(check)") }
        }
        print("Restored \(file) into \(config.database).")
    }
}
