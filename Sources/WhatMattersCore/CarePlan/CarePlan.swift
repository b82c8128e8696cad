import Foundation

/// A person's outcomes-focused plan (care and support plan, support plan, or a child's
/// plan): personal outcomes in the words said, strengths and resources, important people,
/// an analysis that holds both voices, jointly agreed actions, scores, reviews and the
/// agreement. A plain value: the store keeps every saved version of it.
///
/// Items in lists have stable string ids (`o1`, `a3`…): a personal outcome's id is the id
/// it has in the plan document, so that actions and scores can point at it.
///
/// Members the plan document format (`whatmatters.plan/1`) allows to be absent are
/// optional here where the difference between "absent" and "empty" must survive an
/// import and an export; `absentFromDocument` remembers which top-level lists were absent.
public struct CarePlan: Codable, Equatable, Sendable {
    /// The plan document's `id` (the external id used in exchange).
    public var documentID: String
    public var service: Service
    /// The language the record is written in.
    public var language: Locale2
    /// The document's `person` block, kept as received.
    public var documentPerson: PlanDocument.Person?
    /// The document's conversations, kept as received.
    public var documentConversations: [PlanDocument.Conversation]?
    /// What matters to the person, ideally in their own words.
    public var whatMatters: String?
    public var outcomes: [PersonalOutcomeItem]
    public var strengths: [StrengthItem]
    public var importantPeople: [ImportantPersonItem]
    public var analysis: Analysis
    public var actions: [ActionItem]
    /// Every score ever entered, in order. Never changed: a correction is a new entry.
    public var scores: [ScoreEntry]
    public var reviews: [PlanReview]
    public var childsVoice: ChildsVoice?
    public var agreement: Agreement?
    /// Top-level members of the imported document that were absent (not merely empty),
    /// sorted: `strengths`, `scores`, `views`…
    public var absentFromDocument: [String]
    /// For each kind of item (by id prefix, `o`, `a`…), the highest id number an earlier
    /// version held that this one no longer shows (an item removed, or left out of an
    /// imported document), so that a new item never takes an id that meant another item
    /// before (see `newID`). Absent while nothing has gone; never part of the plan document.
    public var idHighWaterMarks: [String: Int]?

    public init(documentID: String, service: Service, language: Locale2, documentPerson: PlanDocument.Person? = nil,
                documentConversations: [PlanDocument.Conversation]? = nil, whatMatters: String? = nil,
                outcomes: [PersonalOutcomeItem] = [], strengths: [StrengthItem] = [],
                importantPeople: [ImportantPersonItem] = [], analysis: Analysis = Analysis(),
                actions: [ActionItem] = [], scores: [ScoreEntry] = [], reviews: [PlanReview] = [],
                childsVoice: ChildsVoice? = nil, agreement: Agreement? = nil, absentFromDocument: [String] = []) {
        self.documentID = documentID; self.service = service; self.language = language
        self.documentPerson = documentPerson; self.documentConversations = documentConversations
        self.whatMatters = whatMatters; self.outcomes = outcomes; self.strengths = strengths
        self.importantPeople = importantPeople; self.analysis = analysis; self.actions = actions
        self.scores = scores; self.reviews = reviews; self.childsVoice = childsVoice; self.agreement = agreement
        self.absentFromDocument = absentFromDocument
    }

    /// A new, empty plan for a person.
    public static func new(documentID: String, service: Service, language: Locale2) -> CarePlan {
        CarePlan(documentID: documentID, service: service, language: language, whatMatters: "",
                 absentFromDocument: [])
    }
}

/// A personal outcome: what the person wants to achieve, in the words said.
public struct PersonalOutcomeItem: Codable, Equatable, Sendable, Identifiable {
    public var id: String
    /// The statement, verbatim.
    public var statement: String
    /// Whose words the statement records.
    public var whose: Whose?
    public var importance: Importance?
    /// Why it matters to them.
    public var whyItMatters: String
    /// The national well-being aspects it contributes to (nil: absent from the document).
    public var nationalOutcomes: [NationalOutcome]?
    /// Provisional "I" statements chosen beneath the aspects (reference data, marked provisional).
    public var iStatements: [String]
    public var status: OutcomeStatus

    public init(id: String, statement: String, whose: Whose? = nil, importance: Importance? = nil, whyItMatters: String = "",
                nationalOutcomes: [NationalOutcome]? = nil, iStatements: [String] = [], status: OutcomeStatus = .active) {
        self.id = id; self.statement = statement; self.whose = whose; self.importance = importance
        self.whyItMatters = whyItMatters; self.nationalOutcomes = nationalOutcomes; self.iStatements = iStatements
        self.status = status
    }
}

/// A strength or resource of the person, their family, network or community.
public struct StrengthItem: Codable, Equatable, Sendable, Identifiable {
    public var id: String
    public var description: String
    public var source: StrengthSource?
    /// Ids of the personal outcomes it supports.
    public var outcomeIDs: [String]
    public init(id: String, description: String, source: StrengthSource? = nil, outcomeIDs: [String] = []) {
        self.id = id; self.description = description; self.source = source; self.outcomeIDs = outcomeIDs
    }
}

/// Someone important to the person (one node of the eco-map).
public struct ImportantPersonItem: Codable, Equatable, Sendable, Identifiable {
    public var id: String
    public var name: String
    public var relationship: String?
    public var connection: Connection?
    public var direction: SupportDirection?
    /// Kinds of support (nil: absent from the document).
    public var gives: [Support]?
    public init(id: String, name: String, relationship: String? = nil, connection: Connection? = nil,
                direction: SupportDirection? = nil, gives: [Support]? = nil) {
        self.id = id; self.name = name; self.relationship = relationship; self.connection = connection
        self.direction = direction; self.gives = gives
    }
}

/// The analysis, in three parts, with the person's and family's views.
public struct Analysis: Codable, Equatable, Sendable {
    public var workingWell: String
    /// What we are worried about, and who is worried.
    public var worries: [Worry]
    public var needsToHappen: String
    /// The practitioner's analysis weighing both perspectives (the document's `analysis`).
    public var summary: String?
    /// The person's view, in their own words.
    public var personView: String?
    /// The family's view, in their own words.
    public var familyView: String?
    /// Where the person and the practitioner see something differently.
    public var differingViews: [DifferingView]

    public init(workingWell: String = "", worries: [Worry] = [], needsToHappen: String = "", summary: String? = nil,
                personView: String? = nil, familyView: String? = nil, differingViews: [DifferingView] = []) {
        self.workingWell = workingWell; self.worries = worries; self.needsToHappen = needsToHappen; self.summary = summary
        self.personView = personView; self.familyView = familyView; self.differingViews = differingViews
    }
}

/// Something someone is worried about (a document `concern`).
public struct Worry: Codable, Equatable, Sendable, Identifiable {
    public var id: String
    public var description: String
    public var raisedBy: ConcernRaisedBy?
    /// Who is worried, in words ("the falls team").
    public var whoIsWorried: String
    public init(id: String, description: String, raisedBy: ConcernRaisedBy? = nil, whoIsWorried: String = "") {
        self.id = id; self.description = description; self.raisedBy = raisedBy; self.whoIsWorried = whoIsWorried
    }
}

/// One matter on which views differ, each view attributed.
public struct DifferingView: Codable, Equatable, Sendable, Identifiable {
    public var id: String
    public var about: String
    /// Whose view the first is (usually the person, or a parent for a child).
    public var whose: Whose
    public var theirView: String
    public var practitionerView: String
    public init(id: String, about: String, whose: Whose = .person, theirView: String, practitionerView: String) {
        self.id = id; self.about = about; self.whose = whose; self.theirView = theirView; self.practitionerView = practitionerView
    }
}

/// What a service action adds: its type, hours per week and weekly cost.
public struct ServiceDetails: Codable, Equatable, Sendable {
    public var type: String
    /// Hours per week, in quarter hours.
    public var hoursPerWeek: Double?
    /// Weekly cost in pence.
    public var weeklyCostPence: Int?
    public init(type: String, hoursPerWeek: Double? = nil, weeklyCostPence: Int? = nil) {
        self.type = type; self.hoursPerWeek = hoursPerWeek; self.weeklyCostPence = weeklyCostPence
    }
}

/// A jointly agreed action: what, who, which outcomes it serves, by when, where it stands.
public struct ActionItem: Codable, Equatable, Sendable, Identifiable {
    public var id: String
    public var description: String
    public var by: ActionBy?
    /// Who, by name ("Siân", "Care & Repair").
    public var who: String
    /// Ids of the personal outcomes it serves (nil: absent from the document).
    public var outcomeIDs: [String]?
    public var byWhen: Day?
    public var status: ActionStatus?
    public var isService: Bool?
    public var service: ServiceDetails?

    public init(id: String, description: String, by: ActionBy? = nil, who: String = "", outcomeIDs: [String]? = nil,
                byWhen: Day? = nil, status: ActionStatus? = nil, isService: Bool? = nil, service: ServiceDetails? = nil) {
        self.id = id; self.description = description; self.by = by; self.who = who; self.outcomeIDs = outcomeIDs
        self.byWhen = byWhen; self.status = status; self.isService = isService; self.service = service
    }

    /// True for a service (marked so, or with service details).
    public var isAService: Bool { service != nil || isService == true }
}

/// One score of one outcome. Never changed once saved.
public struct ScoreEntry: Codable, Equatable, Sendable, Identifiable {
    public var id: String
    public var outcomeID: String
    public var date: Day?
    public var kind: PlanScoreKind
    /// The scale's id (`ScoreScale.default`).
    public var scale: String
    public var value: Int
    public var scoredBy: PlanScorer?
    public var comment: String
    /// The entry this one corrects, if any.
    public var corrects: String?
    /// The review it was given at, if any.
    public var reviewID: String?

    public init(id: String, outcomeID: String, date: Day? = nil, kind: PlanScoreKind, scale: String = ScoreScale.standard.id,
                value: Int, scoredBy: PlanScorer? = nil, comment: String = "", corrects: String? = nil, reviewID: String? = nil) {
        self.id = id; self.outcomeID = outcomeID; self.date = date; self.kind = kind; self.scale = scale; self.value = value
        self.scoredBy = scoredBy; self.comment = comment; self.corrects = corrects; self.reviewID = reviewID
    }
}

/// A review of the plan: who took part, and for each outcome what changed.
public struct PlanReview: Codable, Equatable, Sendable, Identifiable {
    public var id: String
    public var date: Day
    public var participants: [Participant]
    public var others: String
    public var summary: String
    public var outcomes: [OutcomeReview]
    public init(id: String, date: Day, participants: [Participant] = [], others: String = "", summary: String = "",
                outcomes: [OutcomeReview] = []) {
        self.id = id; self.date = date; self.participants = participants; self.others = others; self.summary = summary
        self.outcomes = outcomes
    }
}

public struct OutcomeReview: Codable, Equatable, Sendable {
    public var outcomeID: String
    /// What changed, in words.
    public var change: String
    public var status: OutcomeStatus?
    public init(outcomeID: String, change: String, status: OutcomeStatus? = nil) {
        self.outcomeID = outcomeID; self.change = change; self.status = status
    }
}

/// A child's own words and how they were heard.
public struct ChildsVoice: Codable, Equatable, Sendable {
    public var words: String
    public var howHeard: [HowHeard]
    public init(words: String, howHeard: [HowHeard] = []) { self.words = words; self.howHeard = howHeard }
}

/// The person's (or their representative's) agreement to the plan.
public struct Agreement: Codable, Equatable, Sendable {
    public var date: Day
    public var by: AgreedBy
    /// The name of whoever agreed.
    public var name: String
    public var how: AgreementMethod
    public var comment: String
    public init(date: Day, by: AgreedBy, name: String = "", how: AgreementMethod, comment: String = "") {
        self.date = date; self.by = by; self.name = name; self.how = how; self.comment = comment
    }
}

// MARK: - Reading the plan

extension CarePlan {
    public func outcome(_ id: String) -> PersonalOutcomeItem? { outcomes.first { $0.id == id } }

    /// Score entries that are not corrected by a later entry, in entry order.
    public var effectiveScores: [ScoreEntry] {
        let corrected = Set(scores.compactMap(\.corrects))
        return scores.filter { !corrected.contains($0.id) }
    }

    /// Actions that serve no outcome of this plan.
    public var unlinkedActions: [ActionItem] {
        let ids = Set(outcomes.map(\.id))
        return actions.filter { !($0.outcomeIDs ?? []).contains(where: ids.contains) }
    }
}
