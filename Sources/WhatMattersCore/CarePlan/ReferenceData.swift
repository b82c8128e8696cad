import Foundation

/// A scoring scale (reference data, `outcome-scoring.md`): its ends and what they mean, in
/// both languages, and whether higher is better.
public struct ScoreScale: Codable, Equatable, Sendable, Identifiable {
    public var id: String
    public var lowest: Int
    public var highest: Int
    public var higherIsBetter: Bool
    public var lowestLabel: [Locale2: String]
    public var highestLabel: [Locale2: String]

    /// The default scale: 1 (far from where I want to be) to 10 (exactly where I want to be).
    public static let standard = ScoreScale(
        id: "default-1-10", lowest: 1, highest: 10, higherIsBetter: true,
        lowestLabel: [.en: "far from where I want to be", .cy: "yn bell o ble dw i eisiau bod"],
        highestLabel: [.en: "exactly where I want to be", .cy: "yn union lle dw i eisiau bod"])

    /// The scales WhatMatters knows. An authority's own scales would be added here from data.
    public static let all: [ScoreScale] = [standard]

    public static func find(_ id: String) -> ScoreScale? { all.first { $0.id == id } }

    public var range: ClosedRange<Int> { lowest...highest }
}

/// The national well-being outcomes reference data (`Resources/national-wellbeing-outcomes.json`):
/// each aspect's name in English and Welsh, and the provisional "I" statements beneath it.
public struct NationalOutcomesReference: Sendable {
    public struct Aspect: Sendable, Equatable {
        public var outcome: NationalOutcome
        public var act: String
        /// `everyone`, `children` or `adults`.
        public var appliesTo: String
        public var name: [Locale2: String]
        /// Provisional "I" statements (English only: no Welsh version has been published).
        public var statements: [String]
    }

    public var aspects: [Aspect]
    /// True: the "I" statements are reconstructed and must be shown as provisional.
    public var statementsProvisional: Bool

    public func aspect(_ o: NationalOutcome) -> Aspect? { aspects.first { $0.outcome == o } }

    /// Every provisional statement, for validating a choice.
    public var allStatements: Set<String> { Set(aspects.flatMap(\.statements)) }

    public static let bundled: NationalOutcomesReference = {
        guard let url = Bundle.module.url(forResource: "national-wellbeing-outcomes", withExtension: "json", subdirectory: "Resources"),
              let data = try? Data(contentsOf: url), let ref = try? parse(data) else {
            fatalError("Resources/national-wellbeing-outcomes.json is missing or not valid")
        }
        return ref
    }()

    struct File: Decodable {
        struct A: Decodable { var code: String; var act: String; var appliesTo: String; var en: String; var cy: String }
        struct S: Decodable { var status: String; var byAspect: [String: [String]] }
        var aspects: [A]
        var statements: S
    }

    public static func parse(_ data: Data) throws -> NationalOutcomesReference {
        let f = try JSONDecoder().decode(File.self, from: data)
        let aspects = f.aspects.compactMap { a -> Aspect? in
            guard let o = NationalOutcome(rawValue: a.code) else { return nil }
            return Aspect(outcome: o, act: a.act, appliesTo: a.appliesTo, name: [.en: a.en, .cy: a.cy],
                          statements: f.statements.byAspect[a.code] ?? [])
        }
        return NationalOutcomesReference(aspects: aspects, statementsProvisional: f.statements.status == "provisional")
    }
}
