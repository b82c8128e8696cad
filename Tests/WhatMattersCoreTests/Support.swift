import Foundation
import XCTest
@testable import WhatMattersCore

/// Where the shared worked examples live: `../shared/examples` beside the repository
/// (found from this file's real path), or `$WHATMATTERS_SHARED/examples`.
enum SharedExamples {
    static var root: URL {
        if let env = ProcessInfo.processInfo.environment["WHATMATTERS_SHARED"], !env.isEmpty {
            return URL(fileURLWithPath: env, isDirectory: true)
        }
        let file = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        let repository = file.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return repository.deletingLastPathComponent().appendingPathComponent("shared", isDirectory: true)
    }

    static var plans: URL { root.appendingPathComponent("examples/plans", isDirectory: true) }
    static var expected: URL { root.appendingPathComponent("examples/expected", isDirectory: true) }

    /// The example plan files, sorted by name.
    static func planFiles() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: plans, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}

struct ExpectedVerdicts: Decodable {
    var plan: String
    var verdicts: [String: String]
}

/// Decodes a plan that must be valid, failing the test otherwise.
func validPlan(_ data: Data, file: StaticString = #filePath, line: UInt = #line) throws -> PlanDocument {
    switch PlanDocument.decode(data) {
    case let .success(plan): return plan
    case let .failure(errors):
        XCTFail("not a valid plan: \(errors)", file: file, line: line)
        throw errors
    }
}

func validPlan(json: String, file: StaticString = #filePath, line: UInt = #line) throws -> PlanDocument {
    try validPlan(Data(json.utf8), file: file, line: line)
}
