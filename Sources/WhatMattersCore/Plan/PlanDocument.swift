import Foundation

/// One person's What Matters record, assessment or care and support plan, in the
/// interchange format `whatmatters.plan/1` (`formats/plan-document.schema.json`).
///
/// Every optional member of the format is optional here, and arrays and objects keep the
/// difference between "absent" and "present but empty", so that decoding and encoding a
/// document gives back the same JSON value. Decode with `PlanDocument.decode(_:)`, which
/// checks the document against every rule of the schema first and reports every problem.
public struct PlanDocument: Codable, Equatable, Sendable {
    /// The format code, always `whatmatters.plan/1`.
    public static let formatCode = "whatmatters.plan/1"

    public var format: String
    public var id: String
    public var service: Service
    /// The language the record is written in.
    public var language: Locale2
    public var person: Person?
    public var conversations: [Conversation]?
    /// What matters to the person, ideally in their own words.
    public var whatMatters: String?
    public var personalOutcomes: [PersonalOutcome]?
    public var strengths: [Strength]?
    public var importantPeople: [ImportantPerson]?
    public var concerns: [Concern]?
    public var views: Views?
    /// The practitioner's analysis, weighing professional and personal perspectives.
    public var analysis: String?
    public var actions: [Action]?
    public var scores: [Score]?

    public init(id: String, service: Service, language: Locale2, person: Person? = nil,
                conversations: [Conversation]? = nil, whatMatters: String? = nil,
                personalOutcomes: [PersonalOutcome]? = nil, strengths: [Strength]? = nil,
                importantPeople: [ImportantPerson]? = nil, concerns: [Concern]? = nil,
                views: Views? = nil, analysis: String? = nil, actions: [Action]? = nil,
                scores: [Score]? = nil) {
        self.format = PlanDocument.formatCode
        self.id = id; self.service = service; self.language = language; self.person = person
        self.conversations = conversations; self.whatMatters = whatMatters
        self.personalOutcomes = personalOutcomes; self.strengths = strengths
        self.importantPeople = importantPeople; self.concerns = concerns; self.views = views
        self.analysis = analysis; self.actions = actions; self.scores = scores
    }

    public struct Person: Codable, Equatable, Sendable {
        public var ageYears: Int?
        public var preferredLanguage: Locale2?
        /// How the person communicates.
        public var communication: Communication?
        public init(ageYears: Int? = nil, preferredLanguage: Locale2? = nil, communication: Communication? = nil) {
            self.ageYears = ageYears; self.preferredLanguage = preferredLanguage; self.communication = communication
        }
    }

    public struct Conversation: Codable, Equatable, Sendable {
        public var date: Day?
        public var kind: ConversationKind
        public var with: [Participant]?
        public var notes: String
        public init(date: Day? = nil, kind: ConversationKind, with: [Participant]? = nil, notes: String) {
            self.date = date; self.kind = kind; self.with = with; self.notes = notes
        }
    }

    public struct PersonalOutcome: Codable, Equatable, Sendable {
        public var id: String
        public var statement: String
        /// Whose words the statement records.
        public var whose: Whose?
        public var importance: Importance?
        public var nationalOutcomes: [NationalOutcome]?
        public init(id: String, statement: String, whose: Whose? = nil, importance: Importance? = nil,
                    nationalOutcomes: [NationalOutcome]? = nil) {
            self.id = id; self.statement = statement; self.whose = whose; self.importance = importance
            self.nationalOutcomes = nationalOutcomes
        }
    }

    public struct Strength: Codable, Equatable, Sendable {
        public var description: String
        public var source: StrengthSource?
        public init(description: String, source: StrengthSource? = nil) {
            self.description = description; self.source = source
        }
    }

    public struct ImportantPerson: Codable, Equatable, Sendable {
        public var name: String
        public var relationship: String?
        public var connection: Connection?
        public var gives: [Support]?
        public init(name: String, relationship: String? = nil, connection: Connection? = nil, gives: [Support]? = nil) {
            self.name = name; self.relationship = relationship; self.connection = connection; self.gives = gives
        }
    }

    public struct Concern: Codable, Equatable, Sendable {
        public var description: String
        public var raisedBy: ConcernRaisedBy?
        public init(description: String, raisedBy: ConcernRaisedBy? = nil) {
            self.description = description; self.raisedBy = raisedBy
        }
    }

    public struct Views: Codable, Equatable, Sendable {
        public var person: String?
        public var family: String?
        public init(person: String? = nil, family: String? = nil) {
            self.person = person; self.family = family
        }
    }

    public struct Action: Codable, Equatable, Sendable {
        public var description: String
        public var by: ActionBy?
        public var isService: Bool?
        /// Ids of the personal outcomes this action serves.
        public var outcomes: [String]?
        public init(description: String, by: ActionBy? = nil, isService: Bool? = nil, outcomes: [String]? = nil) {
            self.description = description; self.by = by; self.isService = isService; self.outcomes = outcomes
        }
    }

    public struct Score: Codable, Equatable, Sendable {
        /// Id of a personal outcome.
        public var outcome: String
        public var date: Day?
        public var kind: ScoreKind
        public var score: Int
        public var scoredBy: ScoredBy?
        public init(outcome: String, date: Day? = nil, kind: ScoreKind, score: Int, scoredBy: ScoredBy? = nil) {
            self.outcome = outcome; self.date = date; self.kind = kind; self.score = score; self.scoredBy = scoredBy
        }
    }
}

/// One problem found in a plan document: where (a JSON pointer, RFC 6901; `""` is the whole
/// document) and why, in plain English.
public struct PlanDocumentProblem: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var pointer: String
    public var reason: String
    public init(pointer: String, reason: String) { self.pointer = pointer; self.reason = reason }
    /// `"/personalOutcomes/0/whose: must be one of person, child, …"`; the whole document is
    /// shown as `/`.
    public var description: String { "\(pointer.isEmpty ? "/" : pointer): \(reason)" }
}

/// Every problem found in a document that is not a valid plan document.
public struct PlanDocumentErrors: Error, Equatable, Sendable, CustomStringConvertible {
    public var problems: [PlanDocumentProblem]
    public init(_ problems: [PlanDocumentProblem]) { self.problems = problems }
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

extension PlanDocument {
    /// Checks `data` against every rule of `whatmatters.plan/1` and, when it is valid,
    /// decodes it. A document with problems is never partly decoded: every problem is
    /// returned, each with its JSON pointer.
    public static func decode(_ data: Data) -> Result<PlanDocument, PlanDocumentErrors> {
        let problems = PlanDocumentValidator.validate(data)
        guard problems.isEmpty else { return .failure(PlanDocumentErrors(problems)) }
        do {
            return .success(try JSONDecoder().decode(PlanDocument.self, from: data))
        } catch {
            // The validator and the types describe the same format, so this is not expected.
            return .failure(PlanDocumentErrors([PlanDocumentProblem(pointer: "", reason: "could not be read: \(error)")]))
        }
    }

    /// The document as JSON: pretty-printed, keys sorted, slashes unescaped.
    public func encode() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding these plain value types cannot fail.
        return (try? encoder.encode(self)) ?? Data()
    }

    /// The problems that `decode` would report for this value once encoded (for values
    /// built in code rather than read from JSON).
    public func problems() -> [PlanDocumentProblem] {
        PlanDocumentValidator.validate(encode())
    }
}
