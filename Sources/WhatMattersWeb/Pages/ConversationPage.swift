import Foundation
import Plot
import WhatMattersCore

/// One conversation, read back in full.
struct ConversationPageModel {
    var person: Person
    var conversation: Conversation
    var recordedBy: Staff?
    var notice: String?

    func render(_ ctx: PageContext) -> HTMLPage {
        let t = ctx.t
        let d = conversation.details
        let participants = d.participants.map(t.label).joined(separator: ", ")
        return Layout.page(ctx, title: t("conversation.heading", ["kind": t.label(d.kind), "date": t.date(d.date)]), notice: notice,
                           back: (SiteRoute.person(person.id).path, t("nav.back")), [
            Components.heading(t("conversation.heading", ["kind": t.label(d.kind), "date": t.date(d.date)]), caption: person.details.name),
            H.el("h2", ["class": "govuk-heading-m"], text: t("field.whatMatters")),
            Components.quoted(d.whatMatters, language: d.language),
            H.el("p", ["class": "govuk-body-s"], text: t("conversation.whose", ["whose": t.label(d.whoseWords)])),
            Components.summaryList([
                (t("field.participants"), H.text([participants, d.othersPresent].filter { !$0.isEmpty }.joined(separator: "; "))),
                (t("field.language"), H.text(t.label(d.language))),
                (t("field.narrative"), d.narrative.isEmpty ? H.text(t("person.none")) :
                    H.el("div", ["lang": d.language == .other ? nil : d.language.rawValue], [H.paragraphs(d.narrative)])),
                (t("field.whatHappenedNext"), H.text(t.label(d.whatHappenedNext))),
                (t("conversation.recordedBy"), H.text((recordedBy?.name ?? "") + " · " + t.dateTime(conversation.updatedAt))),
            ]),
            Components.linkButton(t("conversation.edit"), href: SiteRoute.conversationEdit(person.id, conversation.id).path, secondary: true),
            d.kind == .whatMatters ? H.el("form", ["method": "post", "action": SiteRoute.plan(person.id, .start).path], [
                Components.csrf(ctx.csrf), Components.hidden("conversationID", conversation.id.uuidString),
                Components.button(t("plan.startFromThis"), secondary: true),
            ]) : H.group([]),
        ])
    }
}
