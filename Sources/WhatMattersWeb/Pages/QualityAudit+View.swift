import Foundation
import Plot
import WhatMattersCore
import WhatMattersStore

enum QualityFormat {
    static let london: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "Europe/London")!
        return c
    }()

    /// The day a moment falls on in the UK.
    static func day(_ date: Date) -> Day {
        let c = london.dateComponents([.year, .month, .day], from: date)
        return Day(year: c.year!, month: c.month!, day: c.day!) ?? Day(date)
    }

    /// `67%`; nil shows as the given words.
    static func percent(_ share: Double?) -> String? {
        share.map { "\(Int(($0 * 100).rounded()))%" }
    }

    /// A verdict in words and colour, or "not reviewed".
    static func verdict(_ v: ReviewVerdict?, _ t: Localizer) -> BodyNode {
        v.map { PlanComponents.verdictTag($0, t: t) } ?? H.el("span", ["class": "govuk-body-s"], text: t("quality.notReviewed"))
    }
}

extension QualityAuditModel {
    func render(_ ctx: PageContext) -> HTMLPage {
        let t = ctx.t
        let title = t("quality.title")
        let teamNames = self.teamNames
        let allMet = goodPractice.count
        return Layout.page(ctx, title: title, [
            Components.heading(title, caption: authorityWide ? t("quality.caption.authority") : t("quality.caption.teams")),
            H.el("p", ["class": "govuk-body"], text: t("quality.intro")),
            H.el("div", ["class": "wm-stats"], [
                stat(String(plans.total), t("quality.stat.plans")),
                stat(QualityFormat.percent(agreement.overall.rate) ?? "–", t("quality.stat.agreement")),
                stat(String(agreement.moderatedPlans), t("quality.stat.moderated")),
            ]),
            filterForm(t),
            canExport ? H.el("p", ["class": "govuk-body"], [
                H.el("a", ["href": SiteRoute.qualityExport.path + Self.query(filter), "class": "govuk-link", "download": ""],
                     text: t("quality.export")),
                H.el("span", ["class": "govuk-hint"], text: " " + t("quality.exportHint")),
            ]) : H.group([]),
            plans.items.isEmpty ? H.el("p", ["class": "govuk-body"], text: t("quality.none")) :
                Components.table(caption: t("quality.count", ["count": String(plans.total)]),
                                 headers: [t("quality.col.person"), t("quality.col.team"), t("quality.col.saved")]
                                    + ReviewCriterion.allCases.map { t.label($0) } + [t("quality.col.moderation")],
                                 rows: plans.items.map { p in
                                     [H.el("a", ["href": SiteRoute.qualityPlan(p.personID).path, "class": "govuk-link"], text: p.personName),
                                      H.text(teamNames[p.teamID] ?? ""),
                                      H.text(t.date(QualityFormat.day(p.savedAt)))]
                                     + ReviewCriterion.allCases.map { QualityFormat.verdict(p.verdicts[$0], t) }
                                     + [H.text(p.moderations == 0 ? t("quality.notModerated") : t("quality.moderatedTimes", ["count": String(p.moderations)]))]
                                 }),
            Components.pagination(t, page: plans.page, pageCount: plans.pageCount) {
                SiteRoute.qualityAudit.path + Self.query(filter, page: $0)
            },
            trendSection(t),
            goodPracticeSection(t, teamNames: teamNames, count: allMet),
            agreementSection(t),
        ])
    }

    private func stat(_ value: String, _ label: String) -> BodyNode {
        H.el("div", ["class": "wm-stat"], [
            H.el("span", ["class": "wm-stat__value"], text: value),
            H.el("span", ["class": "wm-stat__label"], text: label),
        ])
    }

    /// Filters travel in the query string (GET): they are not personal data.
    private func filterForm(_ t: Localizer) -> BodyNode {
        H.el("form", ["method": "get", "action": SiteRoute.qualityAudit.path, "class": "wm-search", "novalidate": ""], [
            H.el("h2", ["class": "govuk-heading-m"], text: t("quality.filters")),
            H.el("p", ["class": "govuk-hint"], text: t("quality.filter.hint")),
            Components.select(FieldState(name: "criterion", value: filter.criterion?.rawValue ?? ""), label: t("quality.filter.criterion"),
                              options: [("", t("quality.filter.anyCriterion"))] + Components.options(ReviewCriterion.self, t), t: t),
            Components.select(FieldState(name: "verdict", value: filter.verdict?.rawValue ?? ""), label: t("quality.filter.verdict"),
                              options: [("", t("quality.filter.anyVerdict"))] + Components.options(ReviewVerdict.self, t), t: t),
            Components.select(FieldState(name: "team", value: filter.teamID?.uuidString ?? ""), label: t("quality.filter.team"),
                              options: [("", t("quality.filter.anyTeam"))] + teams.map { ($0.id.uuidString, $0.name) }, t: t),
            Components.select(FieldState(name: "service", value: filter.service?.rawValue ?? ""), label: t("quality.filter.service"),
                              options: [("", t("quality.filter.anyService"))] + Components.options(Service.self, t), t: t),
            Components.select(FieldState(name: "worker", value: filter.workerID?.uuidString ?? ""), label: t("quality.filter.worker"),
                              options: [("", t("quality.filter.anyWorker"))] + workers.map { ($0.id.uuidString, $0.name) }, t: t),
            H.el("div", ["class": "govuk-button-group"], [
                Components.button(t("quality.filter.apply"), secondary: true),
                filter.isEmpty ? H.group([]) : H.el("a", ["href": SiteRoute.qualityAudit.path, "class": "govuk-link"], text: t("quality.filter.clear")),
            ]),
        ])
    }

    private func trendSection(_ t: Localizer) -> BodyNode {
        H.el("section", ["aria-labelledby": "quality-trend"], [
            H.el("h2", ["class": "govuk-heading-m", "id": "quality-trend"], text: t("quality.trend")),
            H.el("p", ["class": "govuk-body-s"], text: t("quality.trendExplain")),
            Components.table(caption: t("quality.trendCaption"),
                             headers: [t("quality.col.month"), t("quality.col.plans")] + ReviewCriterion.allCases.map { t.label($0) },
                             rows: trend.map { m in
                                 [H.text("\(t("month.\(m.month)")) \(m.year)"), H.text(String(m.plans))]
                                 + ReviewCriterion.allCases.map { H.text(QualityFormat.percent(m.share($0)) ?? t("quality.noShare")) }
                             }, numericColumns: Set(1...6)),
        ])
    }

    private func goodPracticeSection(_ t: Localizer, teamNames: [UUID: String], count: Int) -> BodyNode {
        H.el("section", ["aria-labelledby": "quality-good-practice"], [
            H.el("h2", ["class": "govuk-heading-m", "id": "quality-good-practice"], text: t("quality.goodPractice")),
            H.el("p", ["class": "govuk-body-s"], text: t("quality.goodPracticeExplain")),
            goodPractice.isEmpty ? H.el("p", ["class": "govuk-body"], text: t("quality.goodPracticeNone")) :
                H.el("ul", ["class": "govuk-list govuk-list--bullet"], goodPractice.map { p in
                    H.el("li", [:], [
                        H.el("a", ["href": SiteRoute.plan(p.personID, .page).path, "class": "govuk-link"], text: p.personName),
                        H.text(" – " + t("quality.goodPracticeItem", ["team": teamNames[p.teamID] ?? "",
                                                                      "date": t.date(QualityFormat.day(p.savedAt))])),
                    ])
                }),
        ])
    }

    private func agreementSection(_ t: Localizer) -> BodyNode {
        func row(_ label: String, _ tally: AgreementTally) -> [BodyNode] {
            [H.text(label), H.text(String(tally.total)), H.text(String(tally.agreed)),
             H.text(QualityFormat.percent(tally.rate) ?? t("quality.noAgreement"))]
        }
        return H.el("section", ["aria-labelledby": "quality-agreement"], [
            H.el("h2", ["class": "govuk-heading-m", "id": "quality-agreement"], text: t("quality.agreement")),
            H.el("p", ["class": "govuk-body-s"], text: t("quality.agreementExplain")),
            agreement.overall.total == 0 ? H.el("p", ["class": "govuk-body"], text: t("quality.agreementNone")) :
                Components.table(caption: t("quality.agreementCaption", ["count": String(agreement.moderatedPlans)]),
                                 headers: [t("quality.col.criterion"), t("quality.col.compared"), t("quality.col.agreed"), t("quality.col.rate")],
                                 rows: ReviewCriterion.allCases.map { row(t.label($0), agreement.byCriterion[$0] ?? AgreementTally()) }
                                    + [row(t("quality.overall"), agreement.overall)],
                                 numericColumns: [1, 2, 3]),
        ])
    }

    // MARK: CSV

    /// The filtered list as CSV (RFC 4180, CRLF, UTF-8 with a byte-order mark so that
    /// spreadsheets read Welsh letters rightly), headers in the viewer's language.
    func csv(_ rows: [QualityPlanRow], t: Localizer) -> String {
        let teamNames = self.teamNames, workerNames = self.workerNames
        var lines: [[String]] = [[t("quality.csv.person"), t("quality.csv.record"), t("quality.col.team"), t("quality.filter.service"),
                                  t("quality.filter.worker"), t("quality.csv.version"), t("quality.col.saved")]
                                 + ReviewCriterion.allCases.map { t.label($0) }]
        let time = DateFormatter()
        time.calendar = QualityFormat.london
        time.timeZone = QualityFormat.london.timeZone
        time.locale = Locale(identifier: "en_GB_POSIX")
        time.dateFormat = "yyyy-MM-dd HH:mm"
        for r in rows {
            lines.append([r.personName, r.personID.uuidString.lowercased(), teamNames[r.teamID] ?? "", t.label(r.service),
                          r.workerID.flatMap { workerNames[$0] } ?? "", String(r.version), time.string(from: r.savedAt)]
                         + ReviewCriterion.allCases.map { r.verdicts[$0].map { t.label($0) } ?? t("quality.notReviewed") })
        }
        return "\u{FEFF}" + lines.map { $0.map(CSV.cell).joined(separator: ",") + "\r\n" }.joined()
    }
}

/// CSV cells, safe to open in a spreadsheet.
enum CSV {
    /// A cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return) would be
    /// read as a formula: it is prefixed with `'`. Then the cell is quoted when it holds a
    /// comma, a quote or a line break, with quotes doubled.
    static func cell(_ value: String) -> String {
        var v = value
        if let first = v.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) { v = "'" + v }
        if v.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return v
    }
}

extension QualityPlanModel {
    func render(_ ctx: PageContext) -> HTMLPage {
        let t = ctx.t
        let title = t("quality.plan.title")
        let latest = Dictionary(history.map { ($0.criterion, $0) }, uniquingKeysWith: { a, _ in a })  // history is newest first
        var content: [BodyNode] = [
            Components.heading(title, caption: person.details.name),
            H.el("p", ["class": "govuk-body"], [
                H.text(t("quality.plan.summary", ["version": String(record.version), "when": t.dateTime(record.savedAt)]) + " "),
                H.text(teamName.map { $0 + ". " } ?? ""),
                H.el("a", ["href": SiteRoute.plan(person.id, .page).path, "class": "govuk-link"], text: t("quality.plan.open")),
            ]),
            H.el("p", ["class": "govuk-body-s"], text: canModerate ? t("quality.plan.explain") : t("plan.review.explain")),
        ]
        var sections: [BodyNode] = []
        for c in review.criteria {
            let key = c.criterion.rawValue
            var nodes: [BodyNode] = [
                H.el("h2", ["class": "govuk-heading-m", "id": "criterion-" + key], text: t.label(c.criterion)),
                Components.summaryList([
                    (t("quality.plan.reviewVerdict"), H.group([
                        PlanComponents.verdictTag(c.verdict, t: t),
                        c.reasons.isEmpty ? H.group([]) : H.el("details", ["class": "govuk-details"], [
                            H.el("summary", ["class": "govuk-details__summary"], text: t("plan.review.why")),
                            H.el("ul", ["class": "govuk-list govuk-body-s"], c.reasons.map { H.el("li", [:], text: $0) }),
                        ]),
                    ])),
                ] + (latest[c.criterion].map { m in
                    [(t("quality.plan.latestHeading"), H.group([
                        PlanComponents.verdictTag(m.verdict, t: t),
                        H.text(" " + t("quality.plan.latest", ["name": m.moderatorName ?? t("plan.someone"), "when": t.dateTime(m.moderatedAt),
                                                               "version": String(m.planVersion)])),
                        m.comment.isEmpty ? H.group([]) : H.paragraphs(m.comment, class: "govuk-body-s"),
                    ]))]
                } ?? [])),
            ]
            if canModerate {
                let vf = QualityPlanModel.verdictField(c.criterion), cf = QualityPlanModel.commentField(c.criterion)
                let label = t.label(c.criterion)
                nodes.append(Components.radios(FieldState(name: vf, value: values[vf] ?? "", error: problems.first { $0.field == vf }?.message),
                                               legend: t("quality.plan.yourVerdict", ["criterion": label]),
                                               options: Components.options(ReviewVerdict.self, t), t: t, inline: true))
                nodes.append(Components.textArea(FieldState(name: cf, value: values[cf] ?? "", error: problems.first { $0.field == cf }?.message),
                                                 label: t("quality.plan.yourComment", ["criterion": label]),
                                                 hint: t("quality.plan.commentHint", ["limit": String(QualityPlanModel.commentLimit)]), t: t, rows: 3))
            }
            sections.append(H.el("section", ["class": "wm-review-outcome", "aria-labelledby": "criterion-" + key], nodes))
        }
        if canModerate {
            content.append(H.el("form", ["method": "post", "action": SiteRoute.qualityPlan(person.id).path, "novalidate": ""], [
                Components.csrf(ctx.csrf),
                Components.hidden("version", String(record.version)),
            ] + sections + [Components.button(t("quality.plan.record"))]))
        } else {
            content += sections
        }
        content.append(H.el("h2", ["class": "govuk-heading-m"], text: t("quality.plan.history")))
        content.append(history.isEmpty ? H.el("p", ["class": "govuk-body"], text: t("quality.plan.historyNone")) :
            Components.table(caption: t("quality.plan.historyCaption"),
                             headers: [t("audit.when"), t("audit.who"), t("field.version"), t("quality.col.criterion"),
                                       t("quality.plan.reviewVerdict"), t("quality.col.theirVerdict"), t("quality.col.comment")],
                             rows: history.map { m in
                                 [H.text(t.dateTime(m.moderatedAt)), H.text(m.moderatorName ?? t("plan.someone")), H.text(String(m.planVersion)),
                                  H.text(t.label(m.criterion)), QualityFormat.verdict(m.engineVerdict, t), PlanComponents.verdictTag(m.verdict, t: t),
                                  m.comment.isEmpty ? H.group([]) : H.paragraphs(m.comment, class: "govuk-body-s")]
                             }))
        return Layout.page(ctx, title: title + " – " + person.details.name, problems: problems, notice: notice,
                           back: (SiteRoute.qualityAudit.path, t("quality.plan.back")), content)
    }
}
