import Foundation

/// Limits of the plan's fields, stated in every message that enforces them.
public enum PlanLimits {
    public static let statement = 1_000
    public static let text = 10_000
    public static let name = Limits.name
    public static let hoursPerWeek = 168.0
    public static let weeklyCostPounds = 100_000
}

/// What a form or API body for one part of the plan carries, before checking: each field
/// as typed (single values by name, repeated values such as checkboxes by name), so that a
/// form returned with errors shows exactly what was entered.
public struct PlanFormInput: Equatable, Sendable, Codable {
    public var values: [String: String]
    public var lists: [String: [String]]
    public init(values: [String: String] = [:], lists: [String: [String]] = [:]) { self.values = values; self.lists = lists }
    public subscript(_ name: String) -> String? {
        get { values[name] }
        set { values[name] = newValue }
    }
    public func list(_ name: String) -> [String] { lists[name] ?? [] }
}

extension Checker {
    /// An optional number, such as hours per week: `7.5`, `7,5`.
    mutating func number(_ field: String, _ value: String?, max: Double) -> Double? {
        guard let raw = value?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        guard let n = Double(raw.replacingOccurrences(of: ",", with: ".")), n.isFinite, n >= 0 else {
            add(FieldError(field, .invalidNumber)); return nil
        }
        if n > max { add(FieldError(field, .tooLarge, limit: Int(max))); return nil }
        return n
    }

    /// An optional amount of money in pounds (`£125.50`, `125`), as pence.
    mutating func pence(_ field: String, _ value: String?, maxPounds: Int) -> Int? {
        guard var raw = value?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        raw = raw.replacingOccurrences(of: "£", with: "").replacingOccurrences(of: ",", with: "")
        let parts = raw.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let pounds = Int(parts[0].isEmpty ? "0" : String(parts[0])), pounds >= 0,
              parts[0].allSatisfy(\.isNumber),
              parts.count == 1 || (parts[1].count <= 2 && parts[1].allSatisfy(\.isNumber)) else {
            add(FieldError(field, .invalidNumber)); return nil
        }
        if pounds > maxPounds { add(FieldError(field, .tooLarge, limit: maxPounds)); return nil }
        var pence = pounds * 100
        if parts.count == 2, !parts[1].isEmpty {
            let p = String(parts[1])
            pence += Int(p.count == 1 ? p + "0" : p) ?? 0
        }
        return pence
    }

    /// A date that may be in the future (a target date).
    mutating func anyDay(_ field: String, _ value: String?, required: Bool) -> Day? {
        guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            if required { add(FieldError(field, .required)) }
            return nil
        }
        guard let day = Day(value.trimmingCharacters(in: .whitespaces)) else { add(FieldError(field, .invalidDate)); return nil }
        if day.year < 2000 { add(FieldError(field, .tooLongAgo)); return nil }
        return day
    }

    /// Ids chosen from a known set (the plan's outcomes).
    mutating func ids(_ field: String, _ values: [String], known: [String]) -> [String] {
        var out: [String] = []
        for v in values where !v.isEmpty {
            guard known.contains(v) else { add(FieldError(field, .invalidChoice)); return [] }
            if !out.contains(v) { out.append(v) }
        }
        return out
    }

    /// Text that may be left empty, kept as typed; nil when empty.
    mutating func optionalText(_ field: String, _ value: String?, limit: Int) -> String? {
        let v = text(field, value, required: false, limit: limit)
        return v.isEmpty ? nil : v
    }
}

/// Checking each part of the plan. Every function returns the new or changed item, or
/// every problem found, in the order of the form's fields; the plan itself is not changed.
public enum PlanValidation {
    // MARK: Outcomes

    public static func outcome(_ input: PlanFormInput, id: String, existing: PersonalOutcomeItem?,
                               reference: NationalOutcomesReference = .bundled) -> Result<PersonalOutcomeItem, FieldErrors> {
        var c = Checker()
        let statement = c.text("statement", input["statement"], required: true, limit: PlanLimits.statement)
        let whose = c.choice("whose", input["whose"], as: Whose.self)
        let importance = c.choice("importance", input["importance"], as: Importance.self)
        let why = c.text("whyItMatters", input["whyItMatters"], required: false, limit: PlanLimits.text)
        let national = c.choices("nationalOutcomes", input.list("nationalOutcomes"), as: NationalOutcome.self)
        // "I" statements are kept only under an aspect that was chosen.
        let allowed = Set(national.flatMap { reference.aspect($0)?.statements ?? [] })
        var statements: [String] = []
        for s in input.list("iStatements") where !s.isEmpty {
            guard reference.allStatements.contains(s) else { c.add(FieldError("iStatements", .invalidChoice)); break }
            if allowed.contains(s), !statements.contains(s) { statements.append(s) }
        }
        let status = c.choice("outcomeStatus", input["outcomeStatus"], as: OutcomeStatus.self)
        guard c.errors.isEmpty, let whose, let importance, let status else { return .failure(FieldErrors(c.errors)) }
        return .success(PersonalOutcomeItem(id: id, statement: statement, whose: whose, importance: importance, whyItMatters: why,
                                            nationalOutcomes: national, iStatements: statements, status: status))
    }

    public static func input(_ o: PersonalOutcomeItem) -> PlanFormInput {
        PlanFormInput(values: ["statement": o.statement, "whose": o.whose?.rawValue ?? "", "importance": o.importance?.rawValue ?? "",
                               "whyItMatters": o.whyItMatters, "outcomeStatus": o.status.rawValue],
                      lists: ["nationalOutcomes": (o.nationalOutcomes ?? []).map(\.rawValue), "iStatements": o.iStatements])
    }

    // MARK: Strengths

    public static func strength(_ input: PlanFormInput, id: String, plan: CarePlan) -> Result<StrengthItem, FieldErrors> {
        var c = Checker()
        let description = c.text("strengthDescription", input["strengthDescription"], required: true, limit: PlanLimits.text)
        let source = c.choice("strengthSource", input["strengthSource"], as: StrengthSource.self)
        let linked = c.ids("supportsOutcomes", input.list("supportsOutcomes"), known: plan.outcomes.map(\.id))
        guard c.errors.isEmpty, let source else { return .failure(FieldErrors(c.errors)) }
        return .success(StrengthItem(id: id, description: description, source: source, outcomeIDs: linked))
    }

    public static func input(_ s: StrengthItem) -> PlanFormInput {
        PlanFormInput(values: ["strengthDescription": s.description, "strengthSource": s.source?.rawValue ?? ""],
                      lists: ["supportsOutcomes": s.outcomeIDs])
    }

    // MARK: Important people

    public static func importantPerson(_ input: PlanFormInput, id: String) -> Result<ImportantPersonItem, FieldErrors> {
        var c = Checker()
        let name = c.text("importantName", input["importantName"], required: true, limit: PlanLimits.name)
        let relationship = c.text("relationship", input["relationship"], required: false, limit: PlanLimits.name)
        let connection = c.choice("connection", input["connection"], as: Connection.self)
        let direction = c.choice("direction", input["direction"], as: SupportDirection.self)
        let gives = c.choices("gives", input.list("gives"), as: Support.self)
        guard c.errors.isEmpty, let connection, let direction else { return .failure(FieldErrors(c.errors)) }
        return .success(ImportantPersonItem(id: id, name: name, relationship: relationship, connection: connection,
                                            direction: direction, gives: gives))
    }

    public static func input(_ p: ImportantPersonItem) -> PlanFormInput {
        PlanFormInput(values: ["importantName": p.name, "relationship": p.relationship ?? "", "connection": p.connection?.rawValue ?? "",
                               "direction": p.direction?.rawValue ?? ""],
                      lists: ["gives": (p.gives ?? []).map(\.rawValue)])
    }

    // MARK: Worries

    public static func worry(_ input: PlanFormInput, id: String) -> Result<Worry, FieldErrors> {
        var c = Checker()
        let description = c.text("worry", input["worry"], required: true, limit: PlanLimits.text)
        let raisedBy = c.choice("raisedBy", input["raisedBy"], as: ConcernRaisedBy.self)
        let who = c.text("whoIsWorried", input["whoIsWorried"], required: false, limit: PlanLimits.name)
        guard c.errors.isEmpty, let raisedBy else { return .failure(FieldErrors(c.errors)) }
        return .success(Worry(id: id, description: description, raisedBy: raisedBy, whoIsWorried: who))
    }

    public static func input(_ w: Worry) -> PlanFormInput {
        PlanFormInput(values: ["worry": w.description, "raisedBy": w.raisedBy?.rawValue ?? "", "whoIsWorried": w.whoIsWorried])
    }

    // MARK: Differing views

    public static func differingView(_ input: PlanFormInput, id: String) -> Result<DifferingView, FieldErrors> {
        var c = Checker()
        let about = c.text("differenceAbout", input["differenceAbout"], required: true, limit: PlanLimits.statement)
        let whose = c.choice("differenceWhose", input["differenceWhose"], as: Whose.self)
        let theirs = c.text("theirView", input["theirView"], required: true, limit: PlanLimits.text)
        let ours = c.text("practitionerView", input["practitionerView"], required: true, limit: PlanLimits.text)
        guard c.errors.isEmpty, let whose else { return .failure(FieldErrors(c.errors)) }
        return .success(DifferingView(id: id, about: about, whose: whose, theirView: theirs, practitionerView: ours))
    }

    public static func input(_ d: DifferingView) -> PlanFormInput {
        PlanFormInput(values: ["differenceAbout": d.about, "differenceWhose": d.whose.rawValue, "theirView": d.theirView,
                               "practitionerView": d.practitionerView])
    }

    // MARK: Actions

    public static func action(_ input: PlanFormInput, id: String, plan: CarePlan, existing: ActionItem?) -> Result<ActionItem, FieldErrors> {
        var c = Checker()
        let description = c.text("actionWhat", input["actionWhat"], required: true, limit: PlanLimits.statement)
        let by = c.choice("actionBy", input["actionBy"], as: ActionBy.self)
        let who = c.text("actionWho", input["actionWho"], required: false, limit: PlanLimits.name)
        // Ids an imported action named that are not outcomes of this plan are kept as they were.
        let known = plan.outcomes.map(\.id) + (existing?.outcomeIDs ?? [])
        let serves = c.ids("servesOutcomes", input.list("servesOutcomes"), known: known)
        let byWhen = c.anyDay("byWhen", input["byWhen"], required: false)
        let status = c.choice("actionStatus", input["actionStatus"], as: ActionStatus.self)
        let isService = input["isService"] == "yes"
        let type = c.text("serviceType", input["serviceType"], required: isService, limit: PlanLimits.name)
        let hours = c.number("hoursPerWeek", input["hoursPerWeek"], max: PlanLimits.hoursPerWeek)
        let cost = c.pence("weeklyCost", input["weeklyCost"], maxPounds: PlanLimits.weeklyCostPounds)
        guard c.errors.isEmpty, let by, let status else { return .failure(FieldErrors(c.errors)) }
        let service = isService ? ServiceDetails(type: type, hoursPerWeek: hours, weeklyCostPence: cost) : nil
        return .success(ActionItem(id: id, description: description, by: by, who: who, outcomeIDs: serves, byWhen: byWhen,
                                   status: status, isService: isService, service: service))
    }

    public static func input(_ a: ActionItem) -> PlanFormInput {
        PlanFormInput(values: ["actionWhat": a.description, "actionBy": a.by?.rawValue ?? "", "actionWho": a.who,
                               "byWhen": a.byWhen?.description ?? "", "actionStatus": a.status?.rawValue ?? "",
                               "isService": a.isAService ? "yes" : "no", "serviceType": a.service?.type ?? "",
                               "hoursPerWeek": a.service?.hoursPerWeek.map(formatHours) ?? "",
                               "weeklyCost": a.service?.weeklyCostPence.map(formatPence) ?? ""],
                      lists: ["servesOutcomes": a.outcomeIDs ?? []])
    }

    /// Hours as typed back into the form: `7`, `7.5`, `7.25` (to two places, no trailing 0).
    public static func formatHours(_ h: Double) -> String {
        if h == h.rounded() { return String(Int(h)) }
        let hundredths = Int((abs(h) * 100).rounded(.toNearestOrEven))
        var text = (h < 0 ? "-" : "") + String(hundredths / 100) + "." + Day.padded(hundredths % 100, 2)
        if text.hasSuffix("0") { text.removeLast() }
        return text
    }

    /// `1234` → `12.34`.
    public static func formatPence(_ p: Int) -> String {
        (p < 0 ? "-" : "") + String(abs(p) / 100) + "." + Day.padded(abs(p) % 100, 2)
    }

    // MARK: Scores

    public static func score(_ input: PlanFormInput, id: String, plan: CarePlan, today: Day) -> Result<ScoreEntry, FieldErrors> {
        var c = Checker()
        let known = plan.outcomes.map(\.id)
        var outcome = input["scoreOutcome"] ?? ""
        if outcome.isEmpty { c.add(FieldError("scoreOutcome", .choiceRequired)) }
        else if !known.contains(outcome) { c.add(FieldError("scoreOutcome", .invalidChoice)); outcome = "" }
        let kind = c.choice("scoreKind", input["scoreKind"], as: PlanScoreKind.self)
        let scale = ScoreScale.standard
        var value: Int?
        if let raw = input["scoreValue"], !raw.isEmpty {
            if let v = Int(raw), scale.range.contains(v) { value = v } else { c.add(FieldError("scoreValue", .invalidChoice)) }
        } else { c.add(FieldError("scoreValue", .choiceRequired)) }
        let date = c.day("scoreDate", input["scoreDate"], required: true, today: today, notBefore: 2000)
        let scoredBy = c.choice("scoredBy", input["scoredBy"], as: PlanScorer.self)
        let comment = c.text("scoreComment", input["scoreComment"], required: false, limit: PlanLimits.text)
        var corrects: String?
        if let raw = input["corrects"], !raw.isEmpty {
            if let old = plan.scores.first(where: { $0.id == raw }) {
                corrects = raw
                if !outcome.isEmpty && old.outcomeID != outcome { c.add(FieldError("scoreOutcome", .invalidChoice)) }
            } else { c.add(FieldError("corrects", .invalidChoice)) }
        }
        guard c.errors.isEmpty, let kind, let value, let scoredBy else { return .failure(FieldErrors(c.errors)) }
        return .success(ScoreEntry(id: id, outcomeID: outcome, date: date, kind: kind, scale: scale.id, value: value,
                                   scoredBy: scoredBy, comment: comment, corrects: corrects))
    }

    // MARK: Reviews

    /// A review and the review scores given at it. Per outcome: `change-<id>`,
    /// `reviewScore-<id>`, `reviewStatus-<id>`.
    public static func review(_ input: PlanFormInput, id: String, plan: CarePlan, today: Day,
                              nextScoreID: (Int) -> String) -> Result<(PlanReview, [ScoreEntry]), FieldErrors> {
        var c = Checker()
        let date = c.day("reviewDate", input["reviewDate"], required: true, today: today, notBefore: 2000)
        let participants = c.choices("reviewParticipants", input.list("reviewParticipants"), as: Participant.self)
        let others = c.text("reviewOthers", input["reviewOthers"], required: false, limit: Limits.shortText)
        let summary = c.text("reviewSummary", input["reviewSummary"], required: false, limit: PlanLimits.text)
        let scoredBy = c.choice("reviewScoredBy", input["reviewScoredBy"], as: PlanScorer.self, required: false)
        var outcomes: [OutcomeReview] = []
        var scores: [ScoreEntry] = []
        for o in plan.outcomes {
            let change = c.text("change-\(o.id)", input["change-\(o.id)"], required: false, limit: PlanLimits.text)
            let status = c.choice("reviewStatus-\(o.id)", input["reviewStatus-\(o.id)"], as: OutcomeStatus.self, required: false)
            if let raw = input["reviewScore-\(o.id)"], !raw.isEmpty {
                if let v = Int(raw), ScoreScale.standard.range.contains(v) {
                    scores.append(ScoreEntry(id: nextScoreID(scores.count), outcomeID: o.id, date: date, kind: .review, value: v,
                                             scoredBy: scoredBy, reviewID: id))
                } else { c.add(FieldError("reviewScore-\(o.id)", .invalidChoice)) }
            }
            if !change.isEmpty || status != nil { outcomes.append(OutcomeReview(outcomeID: o.id, change: change, status: status)) }
        }
        if !scores.isEmpty && scoredBy == nil { c.add(FieldError("reviewScoredBy", .choiceRequired)) }
        guard c.errors.isEmpty, let date else { return .failure(FieldErrors(c.errors)) }
        return .success((PlanReview(id: id, date: date, participants: participants, others: others, summary: summary, outcomes: outcomes), scores))
    }

    // MARK: Whole-plan parts

    /// What matters and the language of the record.
    public static func about(_ input: PlanFormInput) -> Result<(String, Locale2), FieldErrors> {
        var c = Checker()
        let wm = c.text("whatMatters", input["whatMatters"], required: false, limit: Limits.whatMatters)
        let language = c.choice("recordLanguage", input["recordLanguage"], as: Locale2.self)
        guard c.errors.isEmpty, let language else { return .failure(FieldErrors(c.errors)) }
        return .success((wm, language))
    }

    /// The analysis in three parts and both voices (worries and differing views are lists of their own).
    public static func analysis(_ input: PlanFormInput, existing: Analysis) -> Result<Analysis, FieldErrors> {
        var c = Checker()
        let well = c.text("workingWell", input["workingWell"], required: false, limit: PlanLimits.text)
        let needs = c.text("needsToHappen", input["needsToHappen"], required: false, limit: PlanLimits.text)
        let summary = c.text("analysisSummary", input["analysisSummary"], required: false, limit: PlanLimits.text)
        let person = c.optionalText("personView", input["personView"], limit: PlanLimits.text)
        let family = c.optionalText("familyView", input["familyView"], limit: PlanLimits.text)
        guard c.errors.isEmpty else { return .failure(FieldErrors(c.errors)) }
        var a = existing
        a.workingWell = well; a.needsToHappen = needs
        // An analysis that was absent stays absent until something is written.
        a.summary = summary.isEmpty && existing.summary == nil ? nil : summary
        a.personView = person; a.familyView = family
        return .success(a)
    }

    public static func input(_ a: Analysis) -> PlanFormInput {
        PlanFormInput(values: ["workingWell": a.workingWell, "needsToHappen": a.needsToHappen, "analysisSummary": a.summary ?? "",
                               "personView": a.personView ?? "", "familyView": a.familyView ?? ""])
    }

    public static func childsVoice(_ input: PlanFormInput) -> Result<ChildsVoice?, FieldErrors> {
        var c = Checker()
        let words = c.text("childWords", input["childWords"], required: false, limit: PlanLimits.text)
        let how = c.choices("howHeard", input.list("howHeard"), as: HowHeard.self)
        if !words.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty && how.isEmpty { c.add(FieldError("howHeard", .choiceRequired)) }
        guard c.errors.isEmpty else { return .failure(FieldErrors(c.errors)) }
        return .success(words.isEmpty && how.isEmpty ? nil : ChildsVoice(words: words, howHeard: how))
    }

    public static func input(_ v: ChildsVoice?) -> PlanFormInput {
        PlanFormInput(values: ["childWords": v?.words ?? ""], lists: ["howHeard": (v?.howHeard ?? []).map(\.rawValue)])
    }

    public static func agreement(_ input: PlanFormInput, today: Day) -> Result<Agreement, FieldErrors> {
        var c = Checker()
        let date = c.day("agreedOn", input["agreedOn"], required: true, today: today, notBefore: 2000)
        let by = c.choice("agreedBy", input["agreedBy"], as: AgreedBy.self)
        let name = c.text("agreedName", input["agreedName"], required: false, limit: PlanLimits.name)
        let how = c.choice("agreedHow", input["agreedHow"], as: AgreementMethod.self)
        let comment = c.text("agreedComment", input["agreedComment"], required: false, limit: PlanLimits.text)
        guard c.errors.isEmpty, let date, let by, let how else { return .failure(FieldErrors(c.errors)) }
        return .success(Agreement(date: date, by: by, name: name, how: how, comment: comment))
    }

    public static func input(_ a: Agreement?) -> PlanFormInput {
        PlanFormInput(values: ["agreedOn": a?.date.description ?? "", "agreedBy": a?.by.rawValue ?? "", "agreedName": a?.name ?? "",
                               "agreedHow": a?.how.rawValue ?? "", "agreedComment": a?.comment ?? ""])
    }
}
