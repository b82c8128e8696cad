import Foundation
import Plot
import WhatMattersCore
import WhatMattersStore

/// Shown instead of a record the member of staff has no relationship with.
struct BreakGlassOffer {
    var personID: UUID

    func render(_ ctx: PageContext) -> HTMLPage {
        let t = ctx.t
        return Layout.page(ctx, title: t("problem.forbidden"), [
            Components.heading(t("problem.forbidden")),
            H.el("p", ["class": "govuk-body"], text: t("breakGlass.offer")),
            Components.linkButton(t("breakGlass.title"), href: SiteRoute.breakGlass(personID).path, secondary: true),
        ])
    }
}

/// Emergency access: a reason and a fresh password, for a limited time, marked on the record.
struct BreakGlassFormModel {
    var personID: UUID
    var reason: String = ""
    var problems: [FormProblem] = []

    func render(_ ctx: PageContext) -> HTMLPage {
        let t = ctx.t
        func error(_ f: String) -> String? { problems.first { $0.field == f }?.message }
        return Layout.page(ctx, title: t("breakGlass.title"), problems: problems, [
            Components.heading(t("breakGlass.title")),
            H.el("div", ["class": "govuk-warning-text"], [
                H.el("strong", ["class": "govuk-warning-text__text"], text: t("breakGlass.warning", ["minutes": String(TrustControllers.breakGlassMinutes)])),
            ]),
            H.el("form", ["method": "post", "action": SiteRoute.breakGlass(personID).path, "novalidate": ""], [
                Components.csrf(ctx.csrf),
                Components.textArea(FieldState(name: "reason", value: reason, error: error("reason")), label: t("field.reason"),
                                    hint: t("hint.reason"), t: t, rows: 3),
                Components.textInput(FieldState(name: "password", value: "", error: error("password")), label: t("field.password"),
                                     hint: t("hint.password"), t: t, type: "password", width: "govuk-input govuk-!-width-one-half",
                                     autocomplete: "current-password"),
                Components.button(t("breakGlass.button")),
            ]),
        ])
    }
}

/// Sealing a record and naming the staff who may still see it.
struct RestrictionFormModel {
    var person: Person
    var staff: [Staff]
    var named: [UUID]

    func render(_ ctx: PageContext) -> HTMLPage {
        let t = ctx.t
        return Layout.page(ctx, title: t("restriction.title"), back: (SiteRoute.person(person.id).path, t("nav.back")), [
            Components.heading(t("restriction.title"), caption: person.details.name),
            H.el("p", ["class": "govuk-body"], text: t("restriction.explain")),
            H.el("form", ["method": "post", "action": SiteRoute.restriction(person.id).path, "novalidate": ""], [
                Components.csrf(ctx.csrf),
                Components.radios(FieldState(name: "restricted", value: person.restricted ? "yes" : "no", error: nil),
                                  legend: t("restriction.legend"), options: [("no", t("restriction.no")), ("yes", t("restriction.yes"))], t: t),
                Components.checkboxes(name: "named", selected: named.map(\.uuidString), error: nil, legend: t("restriction.named"),
                                      hint: t("restriction.namedHint"), options: staff.map { ($0.id.uuidString, "\($0.name) (\(t.label($0.role)))") }, t: t),
                Components.button(t("personForm.save")),
            ]),
        ])
    }
}

/// Everything held about a person, including who has looked at their record (subject access).
struct SubjectAccessModel {
    var person: Person
    var team: Team?
    var conversations: [Conversation]
    var trail: [AuditEvent]
    var breakGlass: [BreakGlass]

    func render(_ ctx: PageContext) -> HTMLPage {
        let t = ctx.t
        let d = person.details
        return Layout.page(ctx, title: t("sar.title", ["name": d.name]), back: (SiteRoute.person(person.id).path, t("nav.back")), [
            Components.heading(t("sar.title", ["name": d.name])),
            H.el("p", ["class": "govuk-body"], text: t("sar.explain")),
            Components.summaryList([
                (t("field.name"), H.text(d.name)),
                (t("field.dateOfBirth"), H.text(d.dateOfBirth.map { t.date($0) } ?? t("person.notRecorded"))),
                (t("field.service"), H.text(t.label(d.service))),
                (t("field.teamID"), H.text(team?.name ?? "")),
                (t("field.preferredLanguage"), H.text(t.label(d.preferredLanguage))),
                (t("person.activeOffer"), H.text(d.activeOfferMadeOn.map { t.date($0) + " · " + d.activeOfferMadeBy } ?? t("person.offerNotRecorded"))),
                (t("field.communicationNeeds"), H.paragraphs(d.communicationNeeds)),
            ]),
            H.el("h2", ["class": "govuk-heading-m"], text: t("person.conversations")),
            H.group(conversations.map { c in
                H.el("section", ["class": "wm-sar-item"], [
                    H.el("h3", ["class": "govuk-heading-s"], text: t("conversation.heading", ["kind": t.label(c.details.kind), "date": t.date(c.details.date)])),
                    Components.quoted(c.details.whatMatters, language: c.details.language),
                    H.paragraphs(c.details.narrative),
                    H.el("p", ["class": "govuk-body-s"], text: t("field.whatHappenedNext") + ": " + t.label(c.details.whatHappenedNext)),
                ])
            }),
            H.el("h2", ["class": "govuk-heading-m"], text: t("person.lookedAt")),
            Components.table(caption: t("person.lookedAtCaption"), headers: [t("audit.when"), t("audit.who"), t("audit.what")],
                             rows: trail.map { e in [H.text(e.at.prefix(16).replacingOccurrences(of: "T", with: " ")), H.text(e.actor), H.text(e.action)] }),
        ])
    }
}

/// The same, as JSON, for the API and the command line.
public struct SubjectAccessDTO: Codable, Sendable {
    public var format = "whatmatters.subject-access/1"
    var person: PersonDTO
    var conversations: [ConversationDTO]
    var breakGlass: [BreakGlassDTO]
    var accessLog: [AuditDTO]

    struct BreakGlassDTO: Codable { var staff: String; var reason: String; var startedAt: Date; var expiresAt: Date }
    struct AuditDTO: Codable { var seq: Int; var at: String; var actor: String; var action: String; var detail: String }

    init(person: Person, conversations: [Conversation], trail: [AuditEvent], breakGlass: [BreakGlass]) {
        self.person = PersonDTO(person)
        self.conversations = conversations.map(ConversationDTO.init)
        self.breakGlass = breakGlass.map { BreakGlassDTO(staff: $0.staffName, reason: $0.reason, startedAt: $0.startedAt, expiresAt: $0.expiresAt) }
        self.accessLog = trail.map { AuditDTO(seq: $0.seq, at: $0.at, actor: $0.actor, action: $0.action, detail: $0.detail) }
    }

    /// Gathers everything held about one person.
    public static func gather(_ store: Store, personID: UUID) async throws -> SubjectAccessDTO? {
        guard let person = try await store.person(personID) else { return nil }
        return SubjectAccessDTO(person: person, conversations: try await store.conversations(personID: personID, page: 1, per: 100_000).items,
                                trail: try await store.auditTrail(personID: personID, limit: 1_000_000),
                                breakGlass: try await store.breakGlassHistory(personID: personID))
    }
}
