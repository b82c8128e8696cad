import Foundation

/// The language of a review's reasons and prompts.
public enum ReviewLanguage: String, Vocabulary {
    case en, cy
    public static let key = "reviewLanguage"
}

/// The five criteria of the 2019 evaluation, in the order reviews list them.
public enum ReviewCriterion: String, Vocabulary {
    case whatMattersAndStrengths = "what-matters-and-strengths"
    case outcomesConsistency = "outcomes-consistency"
    case balancedAnalysis = "balanced-analysis"
    case interventionsMeetOutcomes = "interventions-meet-outcomes"
    case scoringComplete = "scoring-complete"
    public static let key = "criterion"
}

public enum ReviewVerdict: String, Vocabulary {
    case met, partly
    case notMet = "not-met"
    public static let key = "verdict"
}

/// The practice review ("Stop and Think") of one plan: a verdict on each of the five
/// criteria with the reasons that led to it, signals for teams and quality leads, and
/// gentle prompts for what falls short. Encodes to format `whatmatters.review/1`.
///
/// Make one with `PracticeReview(of:language:lexicon:)`.
public struct PracticeReview: Codable, Equatable, Sendable {
    public static let formatCode = "whatmatters.review/1"

    public var format: String
    /// The plan's id.
    public var plan: String
    /// The five criteria, in order.
    public var criteria: [CriterionResult]
    public var signals: Signals
    /// "Stop and think: …" prompts, each with the field it concerns. Only the text is part
    /// of the format.
    public var prompts: [Prompt]

    public struct CriterionResult: Codable, Equatable, Sendable {
        public var criterion: ReviewCriterion
        public var verdict: ReviewVerdict
        /// Plain-language reasons naming the fields and quoting the words concerned.
        public var reasons: [String]
        public init(criterion: ReviewCriterion, verdict: ReviewVerdict, reasons: [String]) {
            self.criterion = criterion; self.verdict = verdict; self.reasons = reasons
        }
    }

    /// A "Stop and think" prompt, and where it belongs.
    public struct Prompt: Equatable, Sendable {
        public var text: String
        /// The criterion it comes from (nil for prompts from signals, such as the child's voice).
        public var criterion: ReviewCriterion?
        /// JSON pointer of the field it concerns in the plan document (`/whatMatters`,
        /// `/personalOutcomes/1/statement`, `/actions/3/outcomes`), so that an editor can show
        /// it beside that field; `""` for the plan as a whole.
        public var field: String
        public init(text: String, criterion: ReviewCriterion?, field: String) {
            self.text = text; self.criterion = criterion; self.field = field
        }
    }

    public struct Signals: Codable, Equatable, Sendable {
        /// Personal outcomes recorded in the person's own words (whose: person or child, or
        /// carer in a carer's plan; or, with no `whose`, written in the first person).
        public var ownWordsOutcomes: Int
        /// Personal outcomes that read as a task, a service or a need rather than an aim.
        public var taskLikeOutcomes: Int
        /// Sentences of the What Matters record (whatMatters and What Matters conversation
        /// notes) that state only needs, deficits, diagnoses, tasks or services.
        public var deficitOnlySentences: Int
        public var strengthsBySource: StrengthsBySource
        public var actionsBy: ActionsBy
        /// Share of actions that are services (0…1, two decimals); null with no actions.
        public var serviceActionShare: Double?
        /// For children's services: whether the child's own voice is recorded; null otherwise.
        public var childVoiceRecorded: Bool?
        public var readability: Readability

        enum CodingKeys: String, CodingKey {
            case ownWordsOutcomes, taskLikeOutcomes, deficitOnlySentences, strengthsBySource, actionsBy
            case serviceActionShare, childVoiceRecorded, readability
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            ownWordsOutcomes = try c.decode(Int.self, forKey: .ownWordsOutcomes)
            taskLikeOutcomes = try c.decode(Int.self, forKey: .taskLikeOutcomes)
            deficitOnlySentences = try c.decode(Int.self, forKey: .deficitOnlySentences)
            strengthsBySource = try c.decode(StrengthsBySource.self, forKey: .strengthsBySource)
            actionsBy = try c.decode(ActionsBy.self, forKey: .actionsBy)
            serviceActionShare = try c.decodeIfPresent(Double.self, forKey: .serviceActionShare)
            childVoiceRecorded = try c.decodeIfPresent(Bool.self, forKey: .childVoiceRecorded)
            readability = try c.decode(Readability.self, forKey: .readability)
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(ownWordsOutcomes, forKey: .ownWordsOutcomes)
            try c.encode(taskLikeOutcomes, forKey: .taskLikeOutcomes)
            try c.encode(deficitOnlySentences, forKey: .deficitOnlySentences)
            try c.encode(strengthsBySource, forKey: .strengthsBySource)
            try c.encode(actionsBy, forKey: .actionsBy)
            try c.encode(serviceActionShare, forKey: .serviceActionShare) // null when nil
            try c.encode(childVoiceRecorded, forKey: .childVoiceRecorded)
            try c.encode(readability, forKey: .readability)
        }

        init(ownWordsOutcomes: Int, taskLikeOutcomes: Int, deficitOnlySentences: Int, strengthsBySource: StrengthsBySource,
             actionsBy: ActionsBy, serviceActionShare: Double?, childVoiceRecorded: Bool?, readability: Readability) {
            self.ownWordsOutcomes = ownWordsOutcomes; self.taskLikeOutcomes = taskLikeOutcomes
            self.deficitOnlySentences = deficitOnlySentences; self.strengthsBySource = strengthsBySource
            self.actionsBy = actionsBy; self.serviceActionShare = serviceActionShare
            self.childVoiceRecorded = childVoiceRecorded; self.readability = readability
        }
    }

    public struct StrengthsBySource: Codable, Equatable, Sendable {
        public var person = 0, family = 0, network = 0, community = 0
        /// Strengths recorded without a source.
        public var unspecified = 0
        public var total: Int { person + family + network + community + unspecified }
    }

    public struct ActionsBy: Codable, Equatable, Sendable {
        public var person = 0, family = 0, network = 0, community = 0, practitioner = 0, service = 0
        public var partnerAgency = 0
        public var unspecified = 0
        enum CodingKeys: String, CodingKey {
            case person, family, network, community, practitioner, service
            case partnerAgency = "partner-agency"
            case unspecified
        }
    }

    /// A plain-language readability figure for the copy shared with the person: the
    /// whatMatters text, the personal outcome statements and the action descriptions.
    public struct Readability: Codable, Equatable, Sendable {
        /// `flesch-reading-ease` for English; for Welsh the same formula counting w and y as
        /// vowels (`flesch-reading-ease-cy`), a rough guide since no Welsh formula is standard.
        public var measure: String
        /// Higher is easier: 60 and above is plain language; below 50 is hard going.
        /// Null when there is no text.
        public var score: Double?
        public var words: Int
        public var sentences: Int
        public var wordsPerSentence: Double?

        enum CodingKeys: String, CodingKey { case measure, score, words, sentences, wordsPerSentence }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(measure, forKey: .measure)
            try c.encode(score, forKey: .score)
            try c.encode(words, forKey: .words)
            try c.encode(sentences, forKey: .sentences)
            try c.encode(wordsPerSentence, forKey: .wordsPerSentence)
        }
    }

    enum CodingKeys: String, CodingKey { case format, plan, criteria, signals, prompts }

    public init(plan: String, criteria: [CriterionResult], signals: Signals, prompts: [Prompt]) {
        self.format = PracticeReview.formatCode
        self.plan = plan; self.criteria = criteria; self.signals = signals; self.prompts = prompts
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        format = try c.decode(String.self, forKey: .format)
        plan = try c.decode(String.self, forKey: .plan)
        criteria = try c.decode([CriterionResult].self, forKey: .criteria)
        signals = try c.decode(Signals.self, forKey: .signals)
        prompts = try c.decode([String].self, forKey: .prompts).map { Prompt(text: $0, criterion: nil, field: "") }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(format, forKey: .format)
        try c.encode(plan, forKey: .plan)
        try c.encode(criteria, forKey: .criteria)
        try c.encode(signals, forKey: .signals)
        try c.encode(prompts.map(\.text), forKey: .prompts)
    }

    /// The verdict on one criterion.
    public func verdict(_ criterion: ReviewCriterion) -> ReviewVerdict? {
        criteria.first { $0.criterion == criterion }?.verdict
    }

    /// The review as `whatmatters.review/1` JSON, members in the format's order:
    /// pretty-printed (two-space indent) or compact on one line (for JSON Lines).
    public func json(pretty: Bool = true) -> String {
        let w = JSONWriter(pretty: pretty)
        w.object {
            w.member("format") { w.string(format) }
            w.member("plan") { w.string(plan) }
            w.member("criteria") {
                w.array(criteria) { c in
                    w.object {
                        w.member("criterion") { w.string(c.criterion.rawValue) }
                        w.member("verdict") { w.string(c.verdict.rawValue) }
                        w.member("reasons") { w.array(c.reasons) { w.string($0) } }
                    }
                }
            }
            w.member("signals") {
                let s = signals
                w.object {
                    w.member("ownWordsOutcomes") { w.int(s.ownWordsOutcomes) }
                    w.member("taskLikeOutcomes") { w.int(s.taskLikeOutcomes) }
                    w.member("deficitOnlySentences") { w.int(s.deficitOnlySentences) }
                    w.member("strengthsBySource") {
                        let b = s.strengthsBySource
                        w.object {
                            w.member("person") { w.int(b.person) }
                            w.member("family") { w.int(b.family) }
                            w.member("network") { w.int(b.network) }
                            w.member("community") { w.int(b.community) }
                            w.member("unspecified") { w.int(b.unspecified) }
                        }
                    }
                    w.member("actionsBy") {
                        let a = s.actionsBy
                        w.object {
                            w.member("person") { w.int(a.person) }
                            w.member("family") { w.int(a.family) }
                            w.member("network") { w.int(a.network) }
                            w.member("community") { w.int(a.community) }
                            w.member("practitioner") { w.int(a.practitioner) }
                            w.member("service") { w.int(a.service) }
                            w.member("partner-agency") { w.int(a.partnerAgency) }
                            w.member("unspecified") { w.int(a.unspecified) }
                        }
                    }
                    w.member("serviceActionShare") { w.double(s.serviceActionShare) }
                    w.member("childVoiceRecorded") { w.bool(s.childVoiceRecorded) }
                    w.member("readability") {
                        let r = s.readability
                        w.object {
                            w.member("measure") { w.string(r.measure) }
                            w.member("score") { w.double(r.score) }
                            w.member("words") { w.int(r.words) }
                            w.member("sentences") { w.int(r.sentences) }
                            w.member("wordsPerSentence") { w.double(r.wordsPerSentence) }
                        }
                    }
                }
            }
            w.member("prompts") { w.array(prompts) { w.string($0.text) } }
        }
        return w.output
    }
}

/// A small JSON writer that keeps members in the order written.
final class JSONWriter {
    let pretty: Bool
    var output = ""
    private var depth = 0
    private var first = [true]

    init(pretty: Bool) { self.pretty = pretty; output.reserveCapacity(4096) }

    private func newline() {
        guard pretty else { return }
        output.append("\n")
        output.append(String(repeating: " ", count: depth * 2))
    }

    private func separator() {
        if !first[first.count - 1] { output.append(",") }
        first[first.count - 1] = false
        newline()
    }

    func object(_ body: () -> Void) {
        output.append("{"); depth += 1; first.append(true)
        body()
        let empty = first.removeLast(); depth -= 1
        if !empty { newline() }
        output.append("}")
    }

    func array<T>(_ items: [T], _ item: (T) -> Void) {
        output.append("["); depth += 1; first.append(true)
        for x in items { separator(); item(x) }
        let empty = first.removeLast(); depth -= 1
        if !empty { newline() }
        output.append("]")
    }

    func member(_ key: String, _ value: () -> Void) {
        separator()
        string(key)
        output.append(pretty ? ": " : ":")
        value()
    }

    func string(_ s: String) {
        output.append("\"")
        for u in s.unicodeScalars {
            switch u {
            case "\"": output.append("\\\"")
            case "\\": output.append("\\\\")
            case "\n": output.append("\\n")
            case "\r": output.append("\\r")
            case "\t": output.append("\\t")
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    output.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                } else {
                    output.unicodeScalars.append(u)
                }
            }
        }
        output.append("\"")
    }

    func int(_ v: Int) { output.append(String(v)) }
    func bool(_ v: Bool?) { output.append(v.map { $0 ? "true" : "false" } ?? "null") }
    func double(_ v: Double?) {
        guard let v, v.isFinite else { output.append("null"); return }
        if v == v.rounded() && abs(v) < 1e15 { output.append(String(Int(v))) } else { output.append("\(v)") }
    }
}
