import ArgumentParser
import Foundation
import WhatMattersCore
import WhatMattersStore
import WhatMattersWeb

/// `whatmatters export --person ID [--out FILE]`: a person's plan as a plan document.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a person's plan as a plan document (format whatmatters.plan/1).",
        discussion: "The document goes to stdout unless --out is given. Exit status 0 on success, 1 when the person or their plan is not found.")

    @ArgumentParser.Option(help: "The person's id (as in the address of their record).") var person: String
    @ArgumentParser.Option(help: "Write the document to this file instead of stdout.") var out: String?
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard UUID(uuidString: person) != nil else { throw ValidationError("--person must be a person's id, such as 5F0C8A4E-…, not \"\(person)\"") }
    }

    func run() async throws {
        let id = UUID(uuidString: person)!
        let data: Data
        do {
            data = try await withApp(try database.config()) { app in try await PlanExchange.exportDocument(personID: id, from: app) }
        } catch let p as PlanExchange.Problem {
            FileHandle.standardError.write(Data("whatmatters export: \(p)\n".utf8))
            throw ExitCode(1)
        }
        if let out {
            do { try data.write(to: URL(fileURLWithPath: out), options: .atomic) } catch {
                FileHandle.standardError.write(Data("whatmatters export: cannot write \(out): \(error.localizedDescription)\n".utf8))
                throw ExitCode(1)
            }
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}

/// `whatmatters import FILE… [--team NAME]`: plan documents into people's plans.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read plan documents (format whatmatters.plan/1) into people's plans.",
        discussion: """
        Each document becomes a new version of the plan of the person it belongs to (matched by \
        the document's id), or makes a new person, named by that id, in --team (needed when there \
        is more than one team). Prints the id of each person created or updated, one per line, in \
        the order of the files. A document that is not valid is reported on stderr with the JSON \
        pointer and reason of every problem, and nothing is written for it; the others are still \
        imported. Exit status: 0 when every file was imported, 2 otherwise.
        """)

    @Argument(help: "Plan documents.") var files: [String]
    @ArgumentParser.Option(help: "The team for people the documents create.") var team: String?
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        setvbuf(stdout, nil, _IOLBF, 0)
        var failed = false
        func complain(_ message: String) {
            FileHandle.standardError.write(Data(("whatmatters import: " + message + "\n").utf8))
            failed = true
        }
        try await withApp(try database.config()) { app in
            for file in files {
                let data: Data
                do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
                    complain("\(file): cannot read the file: \(error.localizedDescription)")
                    continue
                }
                do {
                    let id = try await PlanExchange.importDocument(data, into: app, team: team)
                    print(id.uuidString)
                } catch PlanExchange.Problem.invalid(let e) {
                    let n = e.problems.count
                    complain("\(file) is not a valid plan document (\(n) \(n == 1 ? "problem" : "problems")); nothing was written for it:\n"
                             + e.problems.map { "  \($0)" }.joined(separator: "\n"))
                } catch let p as PlanExchange.Problem {
                    complain("\(file): \(p)")
                }
            }
        }
        if failed { throw ExitCode(2) }
    }
}
