import Foundation
import Plot
import WhatMattersCore

extension PersonFormModel {
    func render(_ ctx: PageContext) -> HTMLPage {
        let t = ctx.t
        func field(_ name: String, _ value: String?) -> FieldState {
            FieldState(name: name, value: value ?? "", error: errors.message(for: name, t))
        }
        let title: String
        let back: (String, String)
        switch mode {
        case .new: title = t("personForm.newTitle"); back = (SiteRoute.people.path, t("nav.back"))
        case .edit(let id, _): title = t("personForm.editTitle"); back = (SiteRoute.person(id).path, t("nav.back"))
        }
        var hidden: [BodyNode] = [Components.csrf(ctx.csrf)]
        if case .edit(_, let version) = mode { hidden.append(Components.hidden("version", String(conflict?.version ?? version))) }
        if let draftID { hidden.append(Components.hidden("_draft", draftID.uuidString)) }
        return Layout.page(ctx, title: title, problems: errors.problems(t), notice: notice, back: back, [
            Components.heading(title),
            conflict.map { conflictPanel($0, t) } ?? H.group([]),
            H.el("form", ["method": "post", "action": action.path, "novalidate": ""], hidden + [
                Components.textInput(field("name", input.name), label: t("field.name"), hint: t("hint.name", ["limit": String(Limits.name)]),
                                     t: t, width: "govuk-input govuk-!-width-two-thirds", autocomplete: "off", spellcheck: false),
                Components.textInput(field("dateOfBirth", input.dateOfBirth), label: t("field.dateOfBirth"),
                                     hint: t("hint.date"), t: t, type: "date", width: "govuk-input govuk-input--width-10"),
                Components.radios(field("service", input.service), legend: t("field.service"),
                                  options: Components.options(Service.self, t), t: t, inline: true),
                Components.select(field("teamID", input.teamID), label: t("field.teamID"),
                                  options: [("", t("choose.team"))] + teams.map { ($0.id.uuidString, $0.name) }, t: t),
                Components.select(field("allocatedWorkerID", input.allocatedWorkerID), label: t("field.allocatedWorkerID"),
                                  hint: t("hint.allocatedWorkerID"),
                                  options: [("", t("choose.none"))] + workers.map { ($0.id.uuidString, $0.name) }, t: t),
                Components.radios(field("preferredLanguage", input.preferredLanguage), legend: t("field.preferredLanguage"),
                                  hint: t("hint.preferredLanguage"), options: Components.options(LanguageChoice.self, t), t: t, inline: true),
                Components.textInput(field("activeOfferMadeOn", input.activeOfferMadeOn), label: t("field.activeOfferMadeOn"),
                                     hint: t("hint.activeOfferMadeOn"), t: t, type: "date", width: "govuk-input govuk-input--width-10"),
                Components.textInput(field("activeOfferMadeBy", input.activeOfferMadeBy), label: t("field.activeOfferMadeBy"),
                                     t: t, width: "govuk-input govuk-!-width-one-half"),
                Components.textArea(field("communicationNeeds", input.communicationNeeds), label: t("field.communicationNeeds"),
                                    hint: t("hint.communicationNeeds", ["limit": String(Limits.communicationNeeds)]), t: t, rows: 3),
                Components.button(t("personForm.save")),
            ]),
        ])
    }

    private func conflictPanel(_ saved: Person, _ t: Localizer) -> BodyNode {
        let d = saved.details
        let mine = input
        let rows: [(String, String, String)] = [
            (t("field.name"), d.name, mine.name ?? ""),
            (t("field.dateOfBirth"), d.dateOfBirth?.description ?? "", mine.dateOfBirth ?? ""),
            (t("field.service"), t.label(d.service), Service(rawValue: mine.service ?? "").map(t.label) ?? ""),
            (t("field.preferredLanguage"), t.label(d.preferredLanguage), LanguageChoice(rawValue: mine.preferredLanguage ?? "").map(t.label) ?? ""),
            (t("field.activeOfferMadeOn"), d.activeOfferMadeOn?.description ?? "", mine.activeOfferMadeOn ?? ""),
            (t("field.activeOfferMadeBy"), d.activeOfferMadeBy, mine.activeOfferMadeBy ?? ""),
            (t("field.communicationNeeds"), d.communicationNeeds, mine.communicationNeeds ?? ""),
        ]
        return ConflictTable.render(t, rows: rows)
    }
}

/// Both versions side by side when someone else saved first, so that nothing is lost.
enum ConflictTable {
    static func render(_ t: Localizer, rows: [(String, String, String)]) -> BodyNode {
        H.el("div", ["class": "wm-conflict", "id": "conflict"], [
            H.el("h2", ["class": "govuk-heading-m"], text: t("conflict.title")),
            H.el("p", ["class": "govuk-body"], text: t("conflict.explain")),
            Components.table(caption: t("conflict.caption"), headers: [t("conflict.field"), t("conflict.saved"), t("conflict.yours")],
                             rows: rows.map { label, saved, yours in
                                 [H.text(label), H.paragraphs(saved), H.el("div", ["class": saved == yours ? nil : "wm-changed"], [H.paragraphs(yours)])]
                             }),
        ])
    }
}
