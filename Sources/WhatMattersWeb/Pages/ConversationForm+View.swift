import Foundation
import Plot
import WhatMattersCore

extension ConversationFormModel {
    func render(_ ctx: PageContext) -> HTMLPage {
        let t = ctx.t
        func field(_ name: String, _ value: String?) -> FieldState {
            FieldState(name: name, value: value ?? "", error: errors.message(for: name, t))
        }
        let title: String
        switch mode {
        case .new: title = t("conversationForm.newTitle")
        case .edit: title = t("conversationForm.editTitle")
        }
        var hidden: [BodyNode] = [Components.csrf(ctx.csrf)]
        if case .edit(_, let version) = mode { hidden.append(Components.hidden("version", String(conflict?.version ?? version))) }
        if let draftID { hidden.append(Components.hidden("_draft", draftID.uuidString)) }
        // The person's words are marked with the language they were spoken in.
        let textLang = LanguageChoice(rawValue: input.language ?? "").flatMap { $0 == .other ? nil : $0.rawValue }
        return Layout.page(ctx, title: title, problems: errors.problems(t), notice: notice,
                           back: (SiteRoute.person(person.id).path, t("nav.back")), [
            Components.heading(title, caption: person.details.name),
            conflict.map { saved in
                ConflictTable.render(t, rows: [
                    (t("field.date"), saved.details.date.description, input.date ?? ""),
                    (t("field.kind"), t.label(saved.details.kind), ConversationKind(rawValue: input.kind ?? "").map(t.label) ?? ""),
                    (t("field.whatMatters"), saved.details.whatMatters, input.whatMatters ?? ""),
                    (t("field.narrative"), saved.details.narrative, input.narrative ?? ""),
                    (t("field.whatHappenedNext"), t.label(saved.details.whatHappenedNext),
                     WhatHappenedNext(rawValue: input.whatHappenedNext ?? "").map(t.label) ?? ""),
                ])
            } ?? H.group([]),
            H.el("form", ["method": "post", "action": action.path, "novalidate": ""], hidden + [
                Components.textInput(field("date", input.date), label: t("field.date"), hint: t("hint.date"), t: t,
                                     type: "date", width: "govuk-input govuk-input--width-10"),
                Components.radios(field("kind", input.kind), legend: t("field.kind"),
                                  options: Components.options(ConversationKind.self, t), t: t),
                Components.checkboxes(name: "participants", selected: input.participants,
                                      error: errors.message(for: "participants", t), legend: t("field.participants"),
                                      options: Components.options(Participant.self, t), t: t),
                Components.textInput(field("othersPresent", input.othersPresent), label: t("field.othersPresent"),
                                     hint: t("hint.othersPresent"), t: t),
                Components.radios(field("language", input.language), legend: t("field.language"),
                                  options: Components.options(LanguageChoice.self, t), t: t, inline: true),
                Components.textArea(field("whatMatters", input.whatMatters), label: t("field.whatMatters"),
                                    hint: t("hint.whatMatters", ["limit": String(Limits.whatMatters)]), t: t, rows: 6, lang: textLang),
                Components.radios(field("whoseWords", input.whoseWords), legend: t("field.whoseWords"),
                                  options: Components.options(Whose.self, t), t: t, inline: true),
                Components.textArea(field("narrative", input.narrative), label: t("field.narrative"),
                                    hint: t("hint.narrative", ["limit": String(Limits.narrative)]), t: t, rows: 8, lang: textLang),
                Components.radios(field("whatHappenedNext", input.whatHappenedNext), legend: t("field.whatHappenedNext"),
                                  hint: t("hint.whatHappenedNext"), options: Components.options(WhatHappenedNext.self, t), t: t),
                Components.button(t("conversationForm.save")),
            ]),
        ])
    }
}
