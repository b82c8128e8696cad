import ArgumentParser
import Foundation
import WhatMattersCore

/// `whatmatters review PATH… [--language en|cy] [--lexicon DIR]`: the practice review
/// ("Stop and Think") of plan documents, as `whatmatters.review/1` JSON.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review plan documents against the five practice review criteria.",
        discussion: """
        PATH is a plan document (format whatmatters.plan/1) or a folder of them (its *.json \
        files, sorted by file name). One file gives one whatmatters.review/1 JSON object on \
        stdout; several give JSON Lines, one compact object per file in the order given. A file \
        that is not a valid plan document is reported on stderr with every problem (JSON pointer \
        and reason) and the others are still reviewed. Exit status: 0 when every file was \
        reviewed, 2 otherwise.
        """)

    @Argument(help: "Plan documents, or folders of them.")
    var paths: [String]

    @Option(name: .long, help: "Language of the reasons and prompts: en or cy.")
    var language: String = "en"

    @Option(name: .long, help: "A folder of extra lexicon files (en.json, cy.json…) extending the built-in ones.")
    var lexicon: String?

    func validate() throws {
        guard ReviewLanguage(rawValue: language) != nil else {
            throw ValidationError("--language must be en or cy, not \"\(language)\".")
        }
    }

    func run() throws {
        let language = ReviewLanguage(rawValue: language) ?? .en
        var failed = false
        func complain(_ message: String) {
            FileHandle.standardError.write(Data(("whatmatters review: " + message + "\n").utf8))
            failed = true
        }

        let lexicons: PracticeReview.Lexicon
        do {
            lexicons = try PracticeReview.Lexicon.load(extending: lexicon.map { URL(fileURLWithPath: $0, isDirectory: true) })
        } catch {
            complain("cannot load the lexicon folder \(lexicon ?? ""): \(error)")
            throw ExitCode(2)
        }

        // Expand folders into their *.json files, sorted by name.
        var files: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                complain("\(path): no such file or folder")
                continue
            }
            if isDirectory.boolValue {
                let names: [String]
                do { names = try fm.contentsOfDirectory(atPath: path) } catch {
                    complain("\(path): cannot read the folder: \(error.localizedDescription)")
                    continue
                }
                let plans = names.filter { $0.lowercased().hasSuffix(".json") }.sorted()
                if plans.isEmpty { complain("\(path): the folder has no .json files") }
                files.append(contentsOf: plans.map { (path as NSString).appendingPathComponent($0) })
            } else {
                files.append(path)
            }
        }

        let reviewer = PracticeReviewer(lexicon: lexicons)
        let single = files.count == 1 && paths.count == 1
        for file in files {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
                complain("\(file): cannot read the file: \(error.localizedDescription)")
                continue
            }
            switch PlanDocument.decode(data) {
            case let .success(plan):
                let review = reviewer.review(plan, language: language)
                print(review.json(pretty: single))
            case let .failure(errors):
                let count = errors.problems.count
                let lines = errors.problems.map { "  \($0)" }.joined(separator: "\n")
                complain("\(file) is not a valid plan document (\(count) \(count == 1 ? "problem" : "problems")):\n\(lines)")
            }
        }
        if failed { throw ExitCode(2) }
    }
}
