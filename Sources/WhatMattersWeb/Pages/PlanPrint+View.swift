import Foundation
import Plot
import WhatMattersCore

extension PlanPrintModel {
    /// `ctx` is the reader's; the plan itself is written in the person's language.
    func render(_ ctx: PageContext) -> HTMLPage {
        let t = Localizer(language)
        let pageCtx = PageContext(t: t, staff: ctx.staff, csrf: ctx.csrf, path: ctx.path, teamNames: ctx.teamNames)
        let plan = record.plan
        let lang = plan.language
        let name = person.details.name
        let distance = DistanceTravelled.of(plan)
        var content: [BodyNode] = [
            H.el("div", ["class": "wm-print"], [
                Components.heading(t("print.title", ["name": name])),
                H.el("p", ["class": "govuk-body"], text: t("print.version", ["date": t.date(Day(record.savedAt)), "version": String(record.version)])),
                H.el("p", ["class": "govuk-body-s wm-noprint"], [
                    H.text(t("print.howTo") + " "),
                    H.el("a", ["href": SiteRoute.plan(person.id, .page).path, "class": "govuk-link"], text: t("print.back")),
                ]),
            ]),
        ]
        if let wm = plan.whatMatters, !wm.isEmpty {
            content += [H.el("h2", ["class": "govuk-heading-m"], text: t("print.whatMatters")), PlanComponents.words(wm, language: lang)]
        }
        if let v = plan.childsVoice, !v.words.isEmpty {
            content += [H.el("h2", ["class": "govuk-heading-m"], text: t("print.child")), PlanComponents.words(v.words, language: lang)]
        }
        if !plan.outcomes.isEmpty {
            content.append(H.el("h2", ["class": "govuk-heading-m"], text: t("print.outcomes")))
            content.append(H.el("ol", ["class": "wm-print-list"], plan.outcomes.map { o in
                let d = distance.first { $0.outcomeID == o.id }
                var parts: [BodyNode] = [PlanComponents.words(o.statement, language: lang)]
                if !o.whyItMatters.isEmpty { parts.append(H.el("p", ["class": "govuk-body", "lang": lang.rawValue], text: o.whyItMatters)) }
                var facts: [String] = [t.label(o.status)]
                if let b = d?.baseline { facts.append(t("print.scoreStart", ["score": String(b.value)])) }
                if let l = d?.latest { facts.append(t("print.scoreNow", ["score": String(l.value)])) }
                parts.append(H.el("p", ["class": "govuk-body-s"], text: facts.joined(separator: " · ")))
                return H.el("li", [:], parts)
            }))
        }
        if !plan.strengths.isEmpty {
            content.append(H.el("h2", ["class": "govuk-heading-m"], text: t("print.strengths")))
            content.append(H.el("ul", ["class": "govuk-list govuk-list--bullet"], plan.strengths.map {
                H.el("li", ["lang": lang.rawValue], text: $0.description)
            }))
        }
        if !plan.importantPeople.isEmpty {
            content.append(H.el("h2", ["class": "govuk-heading-m"], text: t("print.people")))
            content.append(H.el("ul", ["class": "govuk-list govuk-list--bullet"], plan.importantPeople.map { p in
                H.el("li", [:], text: [p.name, p.relationship ?? ""].filter { !$0.isEmpty }.joined(separator: " – "))
            }))
        }
        if !plan.actions.isEmpty {
            content.append(H.el("h2", ["class": "govuk-heading-m"], text: t("print.actions")))
            content.append(Components.table(caption: t("print.actionsCaption"), headers: [t("print.what"), t("print.who"), t("print.when"), t("print.forOutcome")],
                                            rows: plan.actions.map { a in [
                                                H.el("span", ["lang": lang.rawValue], text: a.description),
                                                H.text([a.by.map { t.label($0) }, a.who.isEmpty ? nil : a.who].compactMap { $0 }.joined(separator: ": ")),
                                                H.text(a.byWhen.map { t.date($0) } ?? ""),
                                                H.text((a.outcomeIDs ?? []).compactMap { id in plan.outcomes.firstIndex { $0.id == id }.map { String($0 + 1) } }
                                                    .joined(separator: ", ")),
                                            ] }))
        }
        if let v = plan.analysis.personView, !v.isEmpty {
            content += [H.el("h2", ["class": "govuk-heading-m"], text: t("print.myView")), PlanComponents.words(v, language: lang)]
        }
        if let last = plan.reviews.max(by: { $0.date < $1.date }) {
            content.append(H.el("h2", ["class": "govuk-heading-m"], text: t("print.lastReview")))
            content.append(H.el("p", ["class": "govuk-body"], text: t.date(last.date)))
        }
        content.append(H.el("h2", ["class": "govuk-heading-m"], text: t("print.agreement")))
        content.append(H.el("p", ["class": "govuk-body"], text: plan.agreement.map { a in
            t("print.agreedOn", ["date": t.date(a.date), "how": t.label(a.how).lowercased(), "who": a.name.isEmpty ? t.label(a.by) : a.name])
        } ?? t("print.notAgreed")))
        return Layout.page(pageCtx, title: t("print.title", ["name": name]), back: (SiteRoute.plan(person.id, .page).path, t("nav.back")),
                           printable: true, content)
    }
}
