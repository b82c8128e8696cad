import Foundation
import Plot
import WhatMattersCore

/// One field of a plan form: its name (also its label's and error's key), its kind and choices.
struct PlanField {
    enum Kind { case text, narrow, textarea(rows: Int), date, radios(inline: Bool), checkboxes, nationalOutcomes }
    var name: String
    var kind: Kind
    var options: [(String, String)] = []
    /// True for the person's own words (marked with the record's language).
    var words = false
    var hint: String?
}

extension PlanFormModel {
    func fields(_ t: Localizer) -> [PlanField] {
        let outcomes = plan.outcomes.enumerated().map { i, o in (o.id, "\(i + 1). " + SVGCharts.shorten(o.statement, 90)) }
        switch section {
        case .about:
            return [PlanField(name: "whatMatters", kind: .textarea(rows: 8), words: true, hint: t("hint.planWhatMatters")),
                    PlanField(name: "recordLanguage", kind: .radios(inline: true), options: Components.options(Locale2.self, t))]
        case .outcomes:
            return [PlanField(name: "statement", kind: .textarea(rows: 3), words: true, hint: t("hint.statement")),
                    PlanField(name: "whose", kind: .radios(inline: true), options: Components.options(Whose.self, t)),
                    PlanField(name: "importance", kind: .radios(inline: false), options: Components.options(Importance.self, t), hint: t("hint.importance")),
                    PlanField(name: "whyItMatters", kind: .textarea(rows: 3), words: true),
                    PlanField(name: "nationalOutcomes", kind: .nationalOutcomes, hint: t("hint.nationalOutcomes")),
                    PlanField(name: "outcomeStatus", kind: .radios(inline: true), options: Components.options(OutcomeStatus.self, t))]
        case .strengths:
            return [PlanField(name: "strengthDescription", kind: .textarea(rows: 3), words: true, hint: t("hint.strengthDescription")),
                    PlanField(name: "strengthSource", kind: .radios(inline: true), options: Components.options(StrengthSource.self, t)),
                    PlanField(name: "supportsOutcomes", kind: .checkboxes, options: outcomes)]
        case .people:
            return [PlanField(name: "importantName", kind: .text),
                    PlanField(name: "relationship", kind: .text, hint: t("hint.relationship")),
                    PlanField(name: "connection", kind: .radios(inline: true), options: Components.options(Connection.self, t)),
                    PlanField(name: "direction", kind: .radios(inline: false),
                              options: SupportDirection.allCases.map { ($0.rawValue, t("plan.ecomap.direction.\($0.rawValue)", ["name": person.details.name])) }),
                    PlanField(name: "gives", kind: .checkboxes, options: Components.options(Support.self, t))]
        case .worries:
            return [PlanField(name: "worry", kind: .textarea(rows: 3), words: true),
                    PlanField(name: "raisedBy", kind: .radios(inline: true), options: Components.options(ConcernRaisedBy.self, t)),
                    PlanField(name: "whoIsWorried", kind: .text, hint: t("hint.whoIsWorried"))]
        case .differences:
            return [PlanField(name: "differenceAbout", kind: .textarea(rows: 2), words: true),
                    PlanField(name: "differenceWhose", kind: .radios(inline: true), options: Components.options(Whose.self, t)),
                    PlanField(name: "theirView", kind: .textarea(rows: 4), words: true, hint: t("hint.theirView")),
                    PlanField(name: "practitionerView", kind: .textarea(rows: 4), words: true)]
        case .analysis:
            return [PlanField(name: "workingWell", kind: .textarea(rows: 5), words: true),
                    PlanField(name: "needsToHappen", kind: .textarea(rows: 5), words: true),
                    PlanField(name: "personView", kind: .textarea(rows: 4), words: true, hint: t("hint.personView")),
                    PlanField(name: "familyView", kind: .textarea(rows: 4), words: true, hint: t("hint.personView")),
                    PlanField(name: "analysisSummary", kind: .textarea(rows: 6), words: true, hint: t("hint.analysisSummary"))]
        case .actions:
            return [PlanField(name: "actionWhat", kind: .textarea(rows: 3), words: true),
                    PlanField(name: "actionBy", kind: .radios(inline: false), options: Components.options(ActionBy.self, t), hint: t("hint.actionBy")),
                    PlanField(name: "actionWho", kind: .text, hint: t("hint.actionWho")),
                    PlanField(name: "servesOutcomes", kind: .checkboxes, options: outcomes, hint: t("hint.servesOutcomes")),
                    PlanField(name: "byWhen", kind: .date, hint: t("hint.date")),
                    PlanField(name: "actionStatus", kind: .radios(inline: true), options: Components.options(ActionStatus.self, t)),
                    PlanField(name: "isService", kind: .radios(inline: true), options: [("no", t("plan.no")), ("yes", t("plan.yes"))]),
                    PlanField(name: "serviceType", kind: .text, hint: t("hint.serviceType")),
                    PlanField(name: "hoursPerWeek", kind: .narrow, hint: t("hint.hoursPerWeek")),
                    PlanField(name: "weeklyCost", kind: .narrow, hint: t("hint.weeklyCost"))]
        case .scores:
            let scale = ScoreScale.standard
            return [PlanField(name: "scoreOutcome", kind: .radios(inline: false), options: outcomes),
                    PlanField(name: "scoreKind", kind: .radios(inline: true), options: Components.options(PlanScoreKind.self, t)),
                    PlanField(name: "scoreValue", kind: .radios(inline: true), options: scale.range.map { (String($0), String($0)) },
                              hint: t("hint.scoreValue", ["low": String(scale.lowest), "lowLabel": scale.lowestLabel[t.locale] ?? "",
                                                          "high": String(scale.highest), "highLabel": scale.highestLabel[t.locale] ?? ""])),
                    PlanField(name: "scoreDate", kind: .date, hint: t("hint.date")),
                    PlanField(name: "scoredBy", kind: .radios(inline: true), options: Components.options(PlanScorer.self, t)),
                    PlanField(name: "scoreComment", kind: .textarea(rows: 3), words: true, hint: t("hint.scoreComment"))]
        case .reviews:
            return [PlanField(name: "reviewDate", kind: .date, hint: t("hint.date")),
                    PlanField(name: "reviewParticipants", kind: .checkboxes, options: Components.options(Participant.self, t)),
                    PlanField(name: "reviewOthers", kind: .text, hint: t("hint.othersPresent")),
                    PlanField(name: "reviewSummary", kind: .textarea(rows: 4), words: true),
                    PlanField(name: "reviewScoredBy", kind: .radios(inline: true), options: Components.options(PlanScorer.self, t))]
        case .child:
            return [PlanField(name: "childWords", kind: .textarea(rows: 6), words: true, hint: t("hint.childWords")),
                    PlanField(name: "howHeard", kind: .checkboxes, options: Components.options(HowHeard.self, t))]
        case .agreement:
            return [PlanField(name: "agreedOn", kind: .date, hint: t("hint.date")),
                    PlanField(name: "agreedBy", kind: .radios(inline: true), options: Components.options(AgreedBy.self, t)),
                    PlanField(name: "agreedName", kind: .text, hint: t("hint.agreedName")),
                    PlanField(name: "agreedHow", kind: .radios(inline: true), options: Components.options(AgreementMethod.self, t)),
                    PlanField(name: "agreedComment", kind: .textarea(rows: 3), words: true)]
        }
    }

    func heading(_ t: Localizer) -> String {
        let adding = section.isList && itemID == nil
        switch section {
        case .about: return t("planForm.about")
        case .analysis: return t("planForm.analysis")
        case .child: return t("planForm.child")
        case .agreement: return t("planForm.agreement")
        case .outcomes: return adding ? t("planForm.addOutcome") : t("planForm.changeOutcome")
        case .strengths: return adding ? t("planForm.addStrength") : t("planForm.changeStrength")
        case .people: return adding ? t("planForm.addPerson") : t("planForm.changePerson")
        case .worries: return adding ? t("planForm.addWorry") : t("planForm.changeWorry")
        case .differences: return adding ? t("planForm.addDifference") : t("planForm.changeDifference")
        case .actions: return adding ? t("planForm.addAction") : t("planForm.changeAction")
        case .scores: return input["corrects"].map { $0.isEmpty ? t("planForm.addScore") : t("planForm.correctScore") } ?? t("planForm.addScore")
        case .reviews: return t("planForm.addReview")
        }
    }

    /// A message naming the field; per-outcome fields (`change-o1`) take their base field's label.
    static func message(_ e: FieldError, _ t: Localizer) -> String {
        var base = e
        if let dash = e.field.firstIndex(of: "-") { base.field = String(e.field[..<dash]) }
        return t.message(base)
    }

    /// Which form field a practice review prompt belongs beside (by the last part of its pointer).
    static func field(forPrompt pointer: String, section: PlanSection) -> String? {
        let last = pointer.split(separator: "/").last.map(String.init) ?? ""
        switch (section, last) {
        case (.about, "whatMatters"): return "whatMatters"
        case (.outcomes, "statement"), (.outcomes, "whose"), (.outcomes, "importance"): return "statement"
        case (.outcomes, "nationalOutcomes"): return "nationalOutcomes"
        case (.actions, "outcomes"): return "servesOutcomes"
        case (.actions, "description"), (.actions, "by"), (.actions, "isService"): return "actionWhat"
        case (.analysis, "analysis"): return "analysisSummary"
        case (.analysis, "views"), (.analysis, "person"): return "personView"
        case (.analysis, "family"): return "familyView"
        default: return nil
        }
    }

    /// The prompts of the saved plan that concern this form.
    var relevantPrompts: [PracticeReview.Prompt] {
        guard let review else { return [] }
        return review.prompts.filter { p in
            let (member, item) = plan.itemConcerned(by: p.field)
            switch section {
            case .about: return member == "whatMatters"
            case .outcomes: return member == "personalOutcomes" && (item == itemID || item == nil) && itemID != nil
            case .actions: return member == "actions" && (item == itemID || item == nil) && itemID != nil
            case .analysis: return member == "analysis" || member == "views"
            case .strengths: return member == "strengths" && item == nil
            case .scores: return member == "scores"
            default: return false
            }
        }
    }

    func render(_ ctx: PageContext) -> HTMLPage {
        let t = ctx.t
        let title = heading(t)
        let problems = errors.errors.map { FormProblem(field: $0.field, message: Self.message($0, t)) }
        let prompts = relevantPrompts
        var byField: [String: [PracticeReview.Prompt]] = [:]
        var general: [PracticeReview.Prompt] = []
        for p in prompts {
            if let f = Self.field(forPrompt: p.field, section: section) { byField[f, default: []].append(p) } else { general.append(p) }
        }
        var hidden: [BodyNode] = [Components.csrf(ctx.csrf), Components.hidden("version", String(conflict?.version ?? version))]
        if let draftID { hidden.append(Components.hidden("_draft", draftID.uuidString)) }
        if section == .scores, let c = input["corrects"], !c.isEmpty { hidden.append(Components.hidden("corrects", c)) }
        var body: [BodyNode] = []
        if section == .scores, let c = input["corrects"], let old = plan.scores.first(where: { $0.id == c }) {
            body.append(H.el("p", ["class": "govuk-inset-text"], text: t("planForm.correcting", ["value": String(old.value),
                                                                                             "date": old.date.map { t.date($0) } ?? ""])))
        }
        for f in fields(t) {
            body.append(render(f, t: t))
            body.append(PlanComponents.prompts(byField[f.name] ?? [], t: t))
        }
        if section == .reviews { body.append(contentsOf: reviewOutcomeFields(t)) }
        return Layout.page(ctx, title: title, problems: problems, notice: notice,
                           back: (SiteRoute.plan(person.id, .page).path + "#" + section.anchor, t("nav.back")), [
            Components.heading(title, caption: person.details.name),
            section.isAppendOnly ? H.el("p", ["class": "govuk-body-s"], text: t("planForm.appendOnly")) : H.group([]),
            conflict.map { conflictPanel($0, t) } ?? H.group([]),
            PlanComponents.prompts(general, t: t),
            H.el("form", ["method": "post", "action": action.path, "novalidate": ""], hidden + body + [saveButtons(t)]),
        ])
    }

    /// Save; on the change page of an item that can be removed, "Remove this …" beside it.
    func saveButtons(_ t: Localizer) -> BodyNode {
        guard let itemID, let kind = section.removable, plan.contains(kind, id: itemID) else { return Components.button(t("planForm.save")) }
        return H.el("div", ["class": "govuk-button-group"], [
            Components.button(t("planForm.save")),
            Components.linkButton(PlanRemoveModel.removeLabel(section, t), href: SiteRoute.plan(person.id, .removeItem(section, itemID)).path,
                                  secondary: true),
        ])
    }

    func error(_ name: String, _ t: Localizer) -> String? { errors.first(for: name).map { Self.message($0, t) } }

    func render(_ f: PlanField, t: Localizer) -> BodyNode {
        let label = t("field.\(f.name)")
        let state = FieldState(name: f.name, value: input[f.name] ?? "", error: error(f.name, t))
        let lang = f.words ? plan.language.rawValue : nil
        switch f.kind {
        case .text:
            return Components.textInput(state, label: label, hint: f.hint, t: t, width: "govuk-input govuk-!-width-two-thirds")
        case .narrow:
            return Components.textInput(state, label: label, hint: f.hint, t: t, width: "govuk-input govuk-input--width-10", inputmode: "decimal")
        case .date:
            return Components.textInput(state, label: label, hint: f.hint, t: t, type: "date", width: "govuk-input govuk-input--width-10")
        case .textarea(let rows):
            return Components.textArea(state, label: label, hint: f.hint, t: t, rows: rows, lang: lang)
        case .radios(let inline):
            return Components.radios(state, legend: label, hint: f.hint, options: f.options, t: t, inline: inline)
        case .checkboxes:
            guard !f.options.isEmpty else {
                return H.el("div", ["class": "govuk-form-group"], [
                    H.el("p", ["class": "govuk-label govuk-label--s"], text: label),
                    H.el("p", ["class": "govuk-hint"], text: t("planForm.noOutcomesYet")),
                ])
            }
            return Components.checkboxes(name: f.name, selected: input.list(f.name), error: state.error, legend: label, hint: f.hint,
                                         options: f.options, t: t)
        case .nationalOutcomes:
            return nationalOutcomes(label: label, hint: f.hint, t: t)
        }
    }

    /// The twelve aspects, each with its provisional "I" statements beneath it (no script:
    /// all are shown; statements under an aspect that is not ticked are not kept).
    func nationalOutcomes(label: String, hint: String?, t: Localizer) -> BodyNode {
        let ref = NationalOutcomesReference.bundled
        let chosen = input.list("nationalOutcomes"), statements = input.list("iStatements")
        let err = error("nationalOutcomes", t) ?? error("iStatements", t)
        let applies: (NationalOutcomesReference.Aspect) -> Bool = { a in
            a.appliesTo == "everyone" || (a.appliesTo == "children") == (self.plan.service == .children) || chosen.contains(a.outcome.rawValue)
        }
        return H.el("div", ["class": err == nil ? "govuk-form-group" : "govuk-form-group govuk-form-group--error"], [
            H.el("fieldset", ["class": "govuk-fieldset", "aria-describedby": "nationalOutcomes-hint"], [
                H.el("legend", ["class": "govuk-fieldset__legend govuk-fieldset__legend--s"], text: label),
                H.el("div", ["id": "nationalOutcomes-hint", "class": "govuk-hint"], text: (hint ?? "") + " " + t("planForm.iStatementsProvisional")),
                err.map { H.el("p", ["id": "nationalOutcomes-error", "class": "govuk-error-message"], [
                    H.el("span", ["class": "govuk-visually-hidden"], text: t("layout.errorPrefix") + " "), H.text($0)]) } ?? H.group([]),
                H.el("div", ["class": "govuk-checkboxes govuk-checkboxes--small"], ref.aspects.filter(applies).enumerated().map { i, a in
                    let id = i == 0 ? "nationalOutcomes" : "nationalOutcomes-\(i + 1)"
                    return H.el("div", ["class": "wm-aspect"], [
                        H.el("div", ["class": "govuk-checkboxes__item"], [
                            H.void("input", ["class": "govuk-checkboxes__input", "id": id, "name": "nationalOutcomes", "type": "checkbox",
                                             "value": a.outcome.rawValue, "checked": chosen.contains(a.outcome.rawValue) ? "" : nil]),
                            H.el("label", ["class": "govuk-label govuk-checkboxes__label", "for": id], text: a.name[t.locale] ?? a.outcome.rawValue),
                        ]),
                        a.statements.isEmpty ? H.group([]) : H.el("div", ["class": "wm-aspect__statements"], a.statements.enumerated().map { j, s in
                            let sid = "\(id)-s\(j + 1)"
                            return H.el("div", ["class": "govuk-checkboxes__item"], [
                                H.void("input", ["class": "govuk-checkboxes__input", "id": sid, "name": "iStatements", "type": "checkbox",
                                                 "value": s, "checked": statements.contains(s) ? "" : nil]),
                                H.el("label", ["class": "govuk-label govuk-checkboxes__label", "for": sid, "lang": "en"], text: s),
                            ])
                        }),
                    ])
                }),
            ]),
        ])
    }

    /// For each outcome: what changed, a new score and where it stands now.
    func reviewOutcomeFields(_ t: Localizer) -> [BodyNode] {
        let distance = DistanceTravelled.of(plan)
        let scale = ScoreScale.standard
        return plan.outcomes.enumerated().map { i, o in
            let d = distance.first { $0.outcomeID == o.id }
            let latest = d?.latest ?? d?.baseline
            return H.el("fieldset", ["class": "govuk-fieldset wm-review-outcome"], [
                H.el("legend", ["class": "govuk-fieldset__legend govuk-fieldset__legend--m"], text: t("plan.outcomeN", ["n": String(i + 1)])),
                PlanComponents.words(o.statement, language: plan.language),
                H.el("p", ["class": "govuk-body-s"], text: latest.map { t("planForm.lastScore", ["score": String($0.value)]) } ?? t("plan.scoreMissing")),
                Components.textArea(FieldState(name: "change-\(o.id)", value: input["change-\(o.id)"] ?? "", error: error("change-\(o.id)", t)),
                                    label: t("field.change"), hint: t("hint.change"), t: t, rows: 3, lang: plan.language.rawValue),
                Components.select(FieldState(name: "reviewScore-\(o.id)", value: input["reviewScore-\(o.id)"] ?? "", error: error("reviewScore-\(o.id)", t)),
                                  label: t("field.reviewScore"), options: [("", t("planForm.noScore"))] + scale.range.map { (String($0), String($0)) }, t: t),
                Components.radios(FieldState(name: "reviewStatus-\(o.id)", value: input["reviewStatus-\(o.id)"] ?? "", error: error("reviewStatus-\(o.id)", t)),
                                  legend: t("field.reviewStatus"), options: Components.options(OutcomeStatus.self, t), t: t, inline: true),
            ])
        }
    }

    /// What is saved now beside what this user typed, field by field.
    func conflictPanel(_ saved: PlanRecord, _ t: Localizer) -> BodyNode {
        let savedInput = Self.initialInput(section, plan: saved.plan, itemID: itemID, person: person, today: Day(saved.savedAt)) ?? PlanFormInput()
        let isNew = section.isList && itemID == nil
        func display(_ f: PlanField, _ i: PlanFormInput) -> String {
            switch f.kind {
            case .checkboxes, .nationalOutcomes:
                let values = i.list(f.name)
                if case .nationalOutcomes = f.kind {
                    return values.compactMap { NationalOutcome(rawValue: $0).flatMap { NationalOutcomesReference.bundled.aspect($0)?.name[t.locale] } }
                        .joined(separator: "; ")
                }
                return values.map { v in f.options.first { $0.0 == v }?.1 ?? v }.joined(separator: "; ")
            case .radios:
                let v = i[f.name] ?? ""
                return f.options.first { $0.0 == v }?.1 ?? v
            default:
                return i[f.name] ?? ""
            }
        }
        let rows = fields(t).map { f in (t("field.\(f.name)"), isNew ? "" : display(f, savedInput), display(f, input)) }
        return H.group([
            ConflictTable.render(t, rows: rows),
            H.el("p", ["class": "govuk-body"], [
                H.text(t("planForm.conflictSeePlan", ["version": String(saved.version)]) + " "),
                H.el("a", ["href": SiteRoute.plan(person.id, .page).path, "class": "govuk-link"], text: t("planForm.openSaved")),
            ]),
        ])
    }
}
