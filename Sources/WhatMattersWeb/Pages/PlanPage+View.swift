import Foundation
import Plot
import WhatMattersCore

extension PlanPageModel {
    func render(_ ctx: PageContext) -> HTMLPage {
        let t = ctx.t
        let name = person.details.name
        guard let record else {
            return Layout.page(ctx, title: t("plan.title"), notice: notice, back: (SiteRoute.person(person.id).path, t("nav.back")), [
                Components.heading(t("plan.title"), caption: name),
                H.el("p", ["class": "govuk-body"], text: t("plan.none")),
                startForm(ctx, conversation: nil, label: t("plan.start")),
                conversations.isEmpty ? H.group([]) : H.group([
                    H.el("h2", ["class": "govuk-heading-m"], text: t("plan.startFromHeading")),
                    H.el("ul", ["class": "govuk-list"], conversations.map { c in
                        H.el("li", ["class": "wm-timeline__item"], [
                            H.el("p", ["class": "govuk-body-s"],
                                 text: t("conversation.heading", ["kind": t.label(c.details.kind), "date": t.date(c.details.date)])),
                            Components.quoted(c.details.whatMatters, language: c.details.language),
                            startForm(ctx, conversation: c.id, label: t("plan.startFromThis")),
                        ])
                    }),
                ]),
            ])
        }
        let title = isHistorical ? t("plan.versionTitle", ["version": String(record.version)]) : t("plan.title")
        // While a request is answered, the main content is kept once written (it is most of
        // the page's time); the layout around it, with the viewer's name and form tokens,
        // is written afresh every time.
        let content: [BodyNode]
        if H.eager, let contentCache {
            content = contentCache.content(of: self, record: record, locale: t.locale) { planContent(record, title: title, t: t) }
        } else {
            content = planContent(record, title: title, t: t)
        }
        return Layout.page(ctx, title: title + " – " + name, notice: notice, back: (SiteRoute.person(person.id).path, t("nav.back")), content)
    }

    /// The page's main content for a saved version. Made from the person, the version, who
    /// saved it, its review and the language alone (not the viewer, the notice or the request),
    /// so that `PlanContentCache` may keep it.
    func planContent(_ record: PlanRecord, title: String, t: Localizer) -> [BodyNode] {
        let name = person.details.name
        let plan = record.plan
        let concerned = PlanComponents.ConcernedPrompts(plan: plan, review: review)
        let editable = !isHistorical
        func edit(_ label: String, _ route: PlanRoute, hidden: String) -> BodyNode {
            editable ? H.el("p", ["class": "govuk-body-s wm-edit"], [PlanComponents.link(label, .plan(person.id, route), hidden: hidden)]) : H.group([])
        }
        func add(_ label: String, _ section: PlanSection) -> BodyNode {
            editable ? Components.linkButton(label, href: SiteRoute.plan(person.id, .newItem(section)).path, secondary: true) : H.group([])
        }
        let lang = plan.language
        let distance = DistanceTravelled.of(plan)

        var content: [BodyNode] = [
            Components.heading(title, caption: name),
            H.el("p", ["class": "govuk-body-s"], text: t("plan.savedVersion", ["version": String(record.version), "when": t.dateTime(record.savedAt),
                                                                              "name": savedBy?.name ?? t("plan.someone")])),
            isHistorical ? H.el("div", ["class": "govuk-notification-banner", "role": "note"], [
                H.el("p", ["class": "govuk-notification-banner__heading"], [
                    H.text(t("plan.historical") + " "),
                    PlanComponents.link(t("plan.seeLatest"), .plan(person.id, .page)),
                ]),
            ]) : H.group([]),
            H.el("div", ["class": "govuk-button-group"], [
                Components.linkButton(t("plan.print"), href: SiteRoute.plan(person.id, .print).path, secondary: true),
                Components.linkButton(t("plan.versions"), href: SiteRoute.plan(person.id, .versions).path, secondary: true),
            ]),
            contents(t),
        ]

        // Practice review.
        if let review {
            content.append(H.el("section", ["id": "plan-review", "class": "wm-review", "aria-labelledby": "plan-review-heading"], [
                H.el("h2", ["class": "govuk-heading-m", "id": "plan-review-heading"], text: t("plan.review.heading")),
                H.el("p", ["class": "govuk-body-s"], text: t("plan.review.explain")),
                H.el("dl", ["class": "govuk-summary-list"], review.criteria.map { c in
                    H.el("div", ["class": "govuk-summary-list__row"], [
                        H.el("dt", ["class": "govuk-summary-list__key"], text: t.label(c.criterion)),
                        H.el("dd", ["class": "govuk-summary-list__value"], [
                            PlanComponents.verdictTag(c.verdict, t: t),
                            c.reasons.isEmpty ? H.group([]) : H.el("details", ["class": "govuk-details"], [
                                H.el("summary", ["class": "govuk-details__summary"], text: t("plan.review.why")),
                                H.el("ul", ["class": "govuk-list govuk-body-s"], c.reasons.map { H.el("li", [:], text: $0) }),
                            ]),
                        ]),
                    ])
                }),
                PlanComponents.prompts(concerned(""), t: t),
            ]))
        }

        // What matters.
        content.append(section(.about, t("plan.whatMatters"), [
            (plan.whatMatters ?? "").isEmpty ? H.el("p", ["class": "govuk-body"], text: t("plan.notYet")) : PlanComponents.words(plan.whatMatters ?? "", language: lang),
            PlanComponents.prompts(concerned("whatMatters"), t: t),
            H.el("p", ["class": "govuk-body-s"], text: t("plan.recordLanguage", ["language": t.label(lang)])),
            edit(t("plan.change"), .part(.about), hidden: t("plan.whatMatters")),
        ]))

        // The child's voice.
        if plan.service == .children || plan.childsVoice != nil {
            content.append(section(.child, t("plan.child"), [
                plan.childsVoice.map { v in H.group([
                    PlanComponents.words(v.words, language: lang),
                    H.el("p", ["class": "govuk-body-s"], text: t("plan.howHeardWas", ["how": v.howHeard.map { t.label($0) }.joined(separator: ", ")])),
                ]) } ?? H.el("p", ["class": "govuk-body"], text: t("plan.childNotYet")),
                edit(t("plan.change"), .part(.child), hidden: t("plan.child")),
            ]))
        }

        // Personal outcomes.
        content.append(section(.outcomes, t("plan.outcomes"), [
            plan.outcomes.isEmpty ? H.el("p", ["class": "govuk-body"], text: t("plan.outcomesNone")) :
                H.el("ol", ["class": "wm-outcomes"], plan.outcomes.enumerated().map { i, o in
                    outcomeCard(o, index: i, plan: plan, distance: distance.first { $0.outcomeID == o.id }, t: t, concerned: concerned,
                                edit: edit(t("plan.change"), .item(.outcomes, o.id), hidden: t("plan.outcomeN", ["n": String(i + 1)])))
                }),
            PlanComponents.prompts(concerned("personalOutcomes"), t: t),
            add(t("plan.addOutcome"), .outcomes),
        ]))

        // Strengths and resources.
        content.append(section(.strengths, t("plan.strengths"), [
            plan.strengths.isEmpty ? H.el("p", ["class": "govuk-body"], text: t("plan.strengthsNone")) :
                Components.table(caption: t("plan.strengthsCaption"), headers: [t("field.strengthDescription"), t("field.strengthSource"),
                                                                                   t("field.supportsOutcomes"), t("plan.actionsColumn")],
                                 rows: plan.strengths.map { s in [
                                    PlanComponents.paragraphs(s.description, language: lang),
                                    H.text(s.source.map { t.label($0) } ?? t("plan.notSaid")),
                                    s.outcomeIDs.isEmpty ? H.text("") : PlanComponents.outcomeList(s.outcomeIDs, plan: plan, t: t),
                                    editable ? PlanComponents.link(t("plan.change"), .plan(person.id, .item(.strengths, s.id)),
                                                                   hidden: SVGCharts.shorten(s.description, 30)) : H.text(""),
                                 ] }),
            PlanComponents.prompts(concerned("strengths"), t: t),
            add(t("plan.addStrength"), .strengths),
        ]))

        // Important people: the eco-map and the same facts in a table beside it.
        content.append(section(.people, t("plan.people"), [
            H.el("div", ["class": "wm-chart-pair"], [
                H.el("div", ["class": "wm-chart-pair__chart"], [SVGCharts.ecoMap(person: name, people: plan.importantPeople, t: t)]),
                H.el("div", ["class": "wm-chart-pair__facts"], [peopleTable(plan, t: t, editable: editable)]),
            ]),
            add(t("plan.addPerson"), .people),
        ]))

        // Analysis.
        let a = plan.analysis
        content.append(section(.analysis, t("plan.analysis"), [
            H.el("h3", ["class": "govuk-heading-s"], text: t("field.workingWell")),
            a.workingWell.isEmpty ? H.el("p", ["class": "govuk-body"], text: t("plan.notYet")) : PlanComponents.paragraphs(a.workingWell, language: lang),
            H.el("h3", ["class": "govuk-heading-s", "id": "plan-worries"], text: t("plan.worries")),
            a.worries.isEmpty ? H.el("p", ["class": "govuk-body"], text: t("plan.worriesNone")) :
                H.el("ul", ["class": "govuk-list wm-worries"], a.worries.map { w in
                    H.el("li", [:], [
                        PlanComponents.paragraphs(w.description, language: lang),
                        H.el("p", ["class": "govuk-body-s"], [
                            H.text(t("plan.worriedWho", ["who": [w.raisedBy.map { t.label($0) }, w.whoIsWorried.isEmpty ? nil : w.whoIsWorried]
                                .compactMap { $0 }.joined(separator: ": ")])),
                            editable ? H.group([H.text(" · "), PlanComponents.link(t("plan.change"), .plan(person.id, .item(.worries, w.id)),
                                                                                    hidden: SVGCharts.shorten(w.description, 30))]) : H.group([]),
                        ]),
                    ])
                }),
            add(t("plan.addWorry"), .worries),
            H.el("h3", ["class": "govuk-heading-s"], text: t("field.needsToHappen")),
            a.needsToHappen.isEmpty ? H.el("p", ["class": "govuk-body"], text: t("plan.notYet")) : PlanComponents.paragraphs(a.needsToHappen, language: lang),
            H.el("h3", ["class": "govuk-heading-s"], text: t("field.personView")),
            a.personView.map { PlanComponents.words($0, language: lang) } ?? H.el("p", ["class": "govuk-body"], text: t("plan.notYet")),
            H.el("h3", ["class": "govuk-heading-s"], text: t("field.familyView")),
            a.familyView.map { PlanComponents.words($0, language: lang) } ?? H.el("p", ["class": "govuk-body"], text: t("plan.notYet")),
            H.el("h3", ["class": "govuk-heading-s"], text: t("field.analysisSummary")),
            (a.summary ?? "").isEmpty ? H.el("p", ["class": "govuk-body"], text: t("plan.notYet")) : PlanComponents.paragraphs(a.summary ?? "", language: lang),
            PlanComponents.prompts(concerned("analysis")
                                   + concerned("views")
                                   + concerned("concerns"), t: t),
            edit(t("plan.changeAnalysis"), .part(.analysis), hidden: ""),
            H.el("h3", ["class": "govuk-heading-s", "id": "plan-differences"], text: t("plan.differences")),
            a.differingViews.isEmpty ? H.el("p", ["class": "govuk-body"], text: t("plan.differencesNone")) :
                Components.table(caption: t("plan.differencesCaption"), headers: [t("field.differenceAbout"), t("plan.theirView"),
                                                                                     t("field.practitionerView"), t("plan.actionsColumn")],
                                 rows: a.differingViews.map { d in [
                                    PlanComponents.paragraphs(d.about, language: lang),
                                    H.group([H.el("p", ["class": "govuk-body-s"], text: t.label(d.whose)), PlanComponents.paragraphs(d.theirView, language: lang)]),
                                    PlanComponents.paragraphs(d.practitionerView, language: lang),
                                    editable ? PlanComponents.link(t("plan.change"), .plan(person.id, .item(.differences, d.id)),
                                                                   hidden: SVGCharts.shorten(d.about, 30)) : H.text(""),
                                 ] }),
            add(t("plan.addDifference"), .differences),
        ]))

        // Actions.
        content.append(section(.actions, t("plan.actions"), [
            plan.actions.isEmpty ? H.el("p", ["class": "govuk-body"], text: t("plan.actionsNone")) :
                H.el("ol", ["class": "wm-actions"], plan.actions.map { act in
                    actionCard(act, plan: plan, t: t, concerned: concerned,
                               edit: edit(t("plan.change"), .item(.actions, act.id), hidden: SVGCharts.shorten(act.description, 30)))
                }),
            weeklyCost(plan, t: t),
            PlanComponents.prompts(concerned("actions"), t: t),
            add(t("plan.addAction"), .actions),
        ]))

        // Scores and distance travelled.
        content.append(section(.scores, t("plan.scores"), [
            H.el("p", ["class": "govuk-body-s"], text: t("plan.scoresExplain", ["low": ScoreScale.standard.lowestLabel[t.locale] ?? "",
                                                                                 "high": ScoreScale.standard.highestLabel[t.locale] ?? ""])),
            plan.scores.isEmpty ? H.el("p", ["class": "govuk-body"], text: t("plan.scoresNone")) : scoresTable(plan, t: t, editable: editable),
            PlanComponents.prompts(concerned("scores"), t: t),
            add(t("plan.addScore"), .scores),
            H.el("h3", ["class": "govuk-heading-s", "id": "plan-distance"], text: t("plan.distance")),
            plan.outcomes.isEmpty ? H.el("p", ["class": "govuk-body"], text: t("plan.outcomesNone")) :
                H.el("div", ["class": "wm-chart-pair"], [
                    H.el("div", ["class": "wm-chart-pair__chart"], [SVGCharts.distance(distance, t: t)]),
                    H.el("div", ["class": "wm-chart-pair__facts"], [Self.distanceNarrative(distance, plan: plan, t: t)]),
                ]),
        ]))

        // Reviews.
        content.append(section(.reviews, t("plan.reviews"), [
            plan.reviews.isEmpty ? H.el("p", ["class": "govuk-body"], text: t("plan.reviewsNone")) :
                H.el("ol", ["class": "wm-timeline"], plan.reviews.sorted { $0.date > $1.date }.map { r in reviewItem(r, plan: plan, t: t) }),
            add(t("plan.addReview"), .reviews),
        ]))

        // Agreement.
        content.append(section(.agreement, t("plan.agreement"), [
            plan.agreement.map { ag in
                Components.summaryList([
                    (t("field.agreedOn"), H.text(t.date(ag.date))),
                    (t("field.agreedBy"), H.text([t.label(ag.by), ag.name].filter { !$0.isEmpty }.joined(separator: ": "))),
                    (t("field.agreedHow"), H.text(t.label(ag.how))),
                    (t("field.agreedComment"), ag.comment.isEmpty ? H.text(t("person.none")) : PlanComponents.paragraphs(ag.comment, language: lang)),
                ])
            } ?? H.el("p", ["class": "govuk-body"], text: t("plan.agreementNotYet")),
            edit(plan.agreement == nil ? t("plan.recordAgreement") : t("plan.change"), .part(.agreement), hidden: t("plan.agreement")),
        ]))

        return content
    }

    func startForm(_ ctx: PageContext, conversation: UUID?, label: String) -> BodyNode {
        H.el("form", ["method": "post", "action": SiteRoute.plan(person.id, .start).path], [
            Components.csrf(ctx.csrf),
            conversation.map { Components.hidden("conversationID", $0.uuidString) } ?? H.group([]),
            Components.button(label),
        ])
    }

    func contents(_ t: Localizer) -> BodyNode {
        let sections: [(String, String)] = [("plan-review", t("plan.review.heading")), ("plan-about", t("plan.whatMatters")),
                                            ("plan-outcomes", t("plan.outcomes")), ("plan-strengths", t("plan.strengths")),
                                            ("plan-people", t("plan.people")), ("plan-analysis", t("plan.analysis")),
                                            ("plan-actions", t("plan.actions")), ("plan-scores", t("plan.scores")),
                                            ("plan-reviews", t("plan.reviews")), ("plan-agreement", t("plan.agreement"))]
        return H.el("nav", ["class": "wm-contents", "aria-label": t("plan.contents")], [
            H.el("ul", ["class": "govuk-list wm-contents__list"], sections.filter { $0.0 != "plan-review" || review != nil }.map { id, label in
                H.el("li", [:], [H.el("a", ["href": "#\(id)", "class": "govuk-link"], text: label)])
            }),
        ])
    }

    func section(_ s: PlanSection, _ heading: String, _ body: [BodyNode]) -> BodyNode {
        H.el("section", ["id": s.anchor, "class": "wm-plan-section", "aria-labelledby": s.anchor + "-heading"], [
            H.el("h2", ["class": "govuk-heading-m", "id": s.anchor + "-heading"], text: heading),
        ] + body)
    }

    func outcomeCard(_ o: PersonalOutcomeItem, index: Int, plan: CarePlan, distance: DistanceTravelled?, t: Localizer,
                     concerned: PlanComponents.ConcernedPrompts, edit: BodyNode) -> BodyNode {
        let ref = NationalOutcomesReference.bundled
        var rows: [(String, BodyNode)] = [
            (t("field.whose"), H.text(o.whose.map { t.label($0) } ?? t("plan.notSaid"))),
            (t("field.importance"), H.text(o.importance.map { t.label($0) } ?? t("plan.notSaid"))),
        ]
        if !o.whyItMatters.isEmpty { rows.append((t("field.whyItMatters"), PlanComponents.paragraphs(o.whyItMatters, language: plan.language))) }
        rows.append((t("field.nationalOutcomes"), (o.nationalOutcomes ?? []).isEmpty ? H.el("strong", ["class": "wm-tag wm-tag--warning"], text: t("plan.noNationalOutcome")) :
            H.el("ul", ["class": "govuk-list"], (o.nationalOutcomes ?? []).map { n in
                H.el("li", [:], text: ref.aspect(n)?.name[t.locale] ?? t.label(n))
            })))
        if !o.iStatements.isEmpty {
            rows.append((t("field.iStatements"), H.group([
                H.el("strong", ["class": "wm-tag"], text: t("plan.provisional")),
                H.el("ul", ["class": "govuk-list"], o.iStatements.map { H.el("li", ["lang": "en"], text: $0) }),
            ])))
        }
        rows.append((t("field.outcomeStatus"), H.text(t.label(o.status))))
        if let d = distance {
            let text: String
            switch (d.baseline, d.latest) {
            case let (b?, l?): text = t("plan.scoreNow", ["baseline": String(b.value), "latest": String(l.value)])
            case let (b?, nil): text = t("plan.scoreBaselineOnly", ["baseline": String(b.value)])
            default: text = t("plan.scoreMissing")
            }
            rows.append((t("plan.scores"), H.text(text)))
        }
        return H.el("li", ["class": "wm-outcome", "id": "outcome-\(o.id)"], [
            H.el("h3", ["class": "govuk-heading-s"], text: t("plan.outcomeN", ["n": String(index + 1)])),
            PlanComponents.words(o.statement, language: plan.language),
            Components.summaryList(rows),
            PlanComponents.prompts(concerned("personalOutcomes", itemID: o.id), t: t),
            edit,
        ])
    }

    func peopleTable(_ plan: CarePlan, t: Localizer, editable: Bool) -> BodyNode {
        guard !plan.importantPeople.isEmpty else { return H.el("p", ["class": "govuk-body"], text: t("plan.peopleNone")) }
        return Components.table(caption: t("plan.peopleCaption"), headers: [t("field.importantName"), t("field.relationship"), t("field.connection"),
                                                                             t("field.direction"), t("field.gives")],
                                rows: plan.importantPeople.map { p in [
                                    H.group([H.text(p.name), editable ? H.group([H.void("br"), PlanComponents.link(t("plan.change"),
                                        .plan(person.id, .item(.people, p.id)), hidden: p.name)]) : H.group([])]),
                                    H.text(p.relationship ?? ""),
                                    H.text(p.connection.map { t.label($0) } ?? t("plan.notSaid")),
                                    H.text(p.direction.map { t("plan.ecomap.direction.\($0.rawValue)", ["name": person.details.name]) } ?? t("plan.notSaid")),
                                    H.text((p.gives ?? []).map { t.label($0) }.joined(separator: ", ")),
                                ] })
    }

    func actionCard(_ a: ActionItem, plan: CarePlan, t: Localizer, concerned: PlanComponents.ConcernedPrompts, edit: BodyNode) -> BodyNode {
        var rows: [(String, BodyNode)] = [
            (t("field.actionBy"), H.text([a.by.map { t.label($0) }, a.who.isEmpty ? nil : a.who].compactMap { $0 }.joined(separator: ": "))),
            (t("field.servesOutcomes"), PlanComponents.outcomeList(a.outcomeIDs ?? [], plan: plan, t: t)),
        ]
        if let d = a.byWhen { rows.append((t("field.byWhen"), H.text(t.date(d)))) }
        if let s = a.status { rows.append((t("field.actionStatus"), H.text(t.label(s)))) }
        if let s = a.service {
            rows.append((t("plan.service"), H.text([s.type, s.hoursPerWeek.map { t("plan.hoursPerWeek", ["hours": PlanValidation.formatHours($0)]) },
                                                    s.weeklyCostPence.map { t("plan.perWeek", ["cost": PlanComponents.money($0)]) }]
                                                    .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · "))))
        } else if a.isService == true {
            rows.append((t("plan.service"), H.text(t("plan.yes"))))
        }
        return H.el("li", ["class": "wm-action", "id": "action-\(a.id)"], [
            PlanComponents.paragraphs(a.description, language: plan.language),
            Components.summaryList(rows),
            PlanComponents.prompts(concerned("actions", itemID: a.id), t: t),
            edit,
        ])
    }

    func weeklyCost(_ plan: CarePlan, t: Localizer) -> BodyNode {
        let services = plan.actions.compactMap(\.service)
        guard !services.isEmpty else { return H.group([]) }
        let pence = services.compactMap(\.weeklyCostPence).reduce(0, +)
        let hours = services.compactMap(\.hoursPerWeek).reduce(0, +)
        return H.el("p", ["class": "govuk-body"], text: t("plan.serviceTotals", ["hours": PlanValidation.formatHours(hours),
                                                                                 "cost": PlanComponents.money(pence)]))
    }

    func scoresTable(_ plan: CarePlan, t: Localizer, editable: Bool) -> BodyNode {
        let corrected = Set(plan.scores.compactMap(\.corrects))
        return Components.table(caption: t("plan.scoresCaption"),
                                headers: [t("plan.outcomeColumn"), t("field.scoreDate"), t("field.scoreKind"), t("field.scoreValue"),
                                          t("field.scoredBy"), t("field.scoreComment"), t("plan.actionsColumn")],
                                rows: plan.scores.map { s in
                                    let index = plan.outcomes.firstIndex { $0.id == s.outcomeID }
                                    var note: [BodyNode] = []
                                    if corrected.contains(s.id) { note.append(H.el("strong", ["class": "wm-tag"], text: t("plan.corrected"))) }
                                    if let c = s.corrects, let old = plan.scores.first(where: { $0.id == c }) {
                                        note.append(H.el("p", ["class": "govuk-body-s"], text: t("plan.corrects", ["value": String(old.value)])))
                                    }
                                    return [
                                        H.text(index.map { t("plan.outcomeN", ["n": String($0 + 1)]) } ?? t("plan.unknownOutcome", ["id": s.outcomeID])),
                                        H.text(s.date.map { t.date($0) } ?? ""),
                                        H.text(t.label(s.kind)),
                                        H.el("span", [:], [H.text(String(s.value))] + note),
                                        H.text(s.scoredBy.map { t.label($0) } ?? t("plan.notSaid")),
                                        s.comment.isEmpty ? H.text("") : PlanComponents.paragraphs(s.comment, language: plan.language),
                                        editable && !corrected.contains(s.id) ? H.el("a", ["href": SiteRoute.plan(person.id, .newItem(.scores)).path + "?corrects=" + s.id,
                                                                                           "class": "govuk-link"], text: t("plan.correct")) : H.text(""),
                                    ]
                                }, numericColumns: [3])
    }

    /// The words beside the chart: each outcome, its baseline and latest score, and what changed.
    static func distanceNarrative(_ items: [DistanceTravelled], plan: CarePlan, t: Localizer) -> BodyNode {
        H.el("ol", ["class": "govuk-list wm-narrative"], items.enumerated().map { i, d in
            var nodes: [BodyNode] = [
                H.el("p", ["class": "govuk-body-s"], [
                    H.el("strong", [:], text: t("plan.chart.outcomeN", ["n": String(i + 1)]) + ": "),
                    PlanComponents.inline(d.statement, language: plan.language),
                ]),
            ]
            switch (d.baseline, d.latest) {
            case let (b?, l?):
                nodes.append(H.el("p", ["class": "govuk-body-s"], text: t("plan.distanceBoth", [
                    "baseline": String(b.value), "baselineDate": b.date.map { t.date($0) } ?? "", "latest": String(l.value),
                    "latestDate": l.date.map { t.date($0) } ?? "", "change": (l.value - b.value > 0 ? "+" : "") + String(l.value - b.value)])))
            case let (b?, nil):
                nodes.append(H.el("p", ["class": "govuk-body-s"], text: t("plan.distanceBaseline", ["baseline": String(b.value),
                                                                                                    "baselineDate": b.date.map { t.date($0) } ?? ""])))
            case let (nil, l?):
                nodes.append(H.el("p", ["class": "govuk-body-s"], text: t("plan.distanceNoBaseline", ["latest": String(l.value)])))
            case (nil, nil):
                nodes.append(H.el("p", ["class": "govuk-body-s"], text: t("plan.scoreMissing")))
            }
            for n in d.narrative {
                nodes.append(H.el("blockquote", ["class": "wm-quote", "lang": plan.language.rawValue], [
                    H.el("p", ["class": "govuk-body-s"], [H.el("strong", [:], text: t.date(n.date) + ": "), H.text(n.change)]),
                ]))
            }
            return H.el("li", [:], nodes)
        })
    }

    func reviewItem(_ r: PlanReview, plan: CarePlan, t: Localizer) -> BodyNode {
        let who = (r.participants.map { t.label($0) } + (r.others.isEmpty ? [] : [r.others])).joined(separator: ", ")
        return H.el("li", ["class": "wm-timeline__item"], [
            H.el("h3", ["class": "govuk-heading-s"], text: t("plan.reviewOn", ["date": t.date(r.date)])),
            who.isEmpty ? H.group([]) : H.el("p", ["class": "govuk-body-s"], text: t("plan.reviewWho", ["who": who])),
            r.summary.isEmpty ? H.group([]) : PlanComponents.paragraphs(r.summary, language: plan.language),
            H.el("ul", ["class": "govuk-list"], r.outcomes.map { o in
                let index = plan.outcomes.firstIndex { $0.id == o.outcomeID }
                let score = plan.scores.first { $0.reviewID == r.id && $0.outcomeID == o.outcomeID }
                return H.el("li", [:], [
                    H.el("strong", [:], text: (index.map { t("plan.outcomeN", ["n": String($0 + 1)]) } ?? o.outcomeID) + ": "),
                    o.change.isEmpty ? H.group([]) : PlanComponents.inline(o.change, language: plan.language),
                    H.text([score.map { " " + t("plan.reviewScore", ["score": String($0.value)]) }, o.status.map { " (" + t.label($0) + ")" }]
                        .compactMap { $0 }.joined()),
                ])
            }),
        ])
    }
}
