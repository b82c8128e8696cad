import Foundation
import Plot
import WhatMattersCore

extension PersonPageModel {
    func render(_ ctx: PageContext) -> HTMLPage {
        let t = ctx.t
        let d = person.details
        let offer: String = {
            guard let on = d.activeOfferMadeOn else { return t("person.offerNotRecorded") }
            return d.activeOfferMadeBy.isEmpty ? t("person.offerOn", ["date": t.date(on)])
                : t("person.offerOnBy", ["date": t.date(on), "name": d.activeOfferMadeBy])
        }()
        return Layout.page(ctx, title: d.name, notice: notice, back: (SiteRoute.people.path, t("nav.back")), [
            Components.heading(d.name, caption: t.label(d.service)),
            person.restricted ? H.el("p", ["class": "wm-tag wm-tag--restricted"], text: t("person.restricted")) : H.group([]),
            breakGlass.isEmpty ? H.group([]) : H.el("div", ["class": "wm-breakglass", "role": "note"], [
                H.el("h2", ["class": "govuk-heading-s"], text: t("breakGlass.marked")),
                H.el("ul", ["class": "govuk-list"], breakGlass.map { g in
                    H.el("li", [:], text: t("breakGlass.entry", ["name": g.staffName, "when": t.dateTime(g.startedAt), "reason": g.reason]))
                }),
            ]),
            Components.summaryList([
                (t("field.dateOfBirth"), H.text(d.dateOfBirth.map { t.date($0) } ?? t("person.notRecorded"))),
                (t("field.teamID"), team.map { H.el("a", ["href": SiteRoute.team($0.id).path, "class": "govuk-link"], text: $0.name) } ?? H.text("")),
                (t("field.allocatedWorkerID"), H.text(worker?.name ?? t("person.unallocated"))),
                (t("field.preferredLanguage"), H.text(t.label(d.preferredLanguage))),
                (t("person.activeOffer"), H.text(offer)),
                (t("field.communicationNeeds"), d.communicationNeeds.isEmpty ? H.text(t("person.none")) : H.paragraphs(d.communicationNeeds)),
            ]),
            H.el("div", ["class": "govuk-button-group"], [
                Components.linkButton(t("person.recordConversation"), href: SiteRoute.conversationNew(person.id).path),
                Components.linkButton(t("person.edit"), href: SiteRoute.personEdit(person.id).path, secondary: true),
                Components.linkButton(t("person.plan"), href: SiteRoute.plan(person.id, .page).path, secondary: true),
            ]),
            canRestrict ? H.el("p", ["class": "govuk-body"], [
                H.el("a", ["href": SiteRoute.restriction(person.id).path, "class": "govuk-link"], text: t("restriction.link")),
                H.text(" · "),
                H.el("a", ["href": SiteRoute.subjectAccess(person.id).path, "class": "govuk-link"], text: t("sar.link")),
            ]) : H.group([]),
            H.el("h2", ["class": "govuk-heading-m"], text: t("person.conversations")),
            conversations.isEmpty ? H.el("p", ["class": "govuk-body"], text: t("person.noConversations")) :
                H.el("ol", ["class": "wm-timeline"], conversations.map { c in
                    H.el("li", ["class": "wm-timeline__item"], [
                        H.el("h3", ["class": "govuk-heading-s"], [
                            H.el("a", ["href": SiteRoute.conversation(person.id, c.id).path, "class": "govuk-link"],
                                 text: t("conversation.heading", ["kind": t.label(c.details.kind), "date": t.date(c.details.date)])),
                        ]),
                        Components.quoted(c.details.whatMatters, language: c.details.language),
                        H.el("p", ["class": "govuk-body-s"], [
                            H.el("strong", [:], text: t("field.whatHappenedNext") + ": "), H.text(t.label(c.details.whatHappenedNext)),
                        ]),
                    ])
                }),
            lookedAt.map { events in
                H.group([
                    H.el("h2", ["class": "govuk-heading-m"], text: t("person.lookedAt")),
                    Components.table(caption: t("person.lookedAtCaption"), headers: [t("audit.when"), t("audit.who"), t("audit.what")],
                                     rows: events.map { e in [H.text(e.at.prefix(16).replacingOccurrences(of: "T", with: " ")), H.text(e.actor), H.text(e.action)] }),
                ])
            } ?? H.group([]),
        ])
    }
}
