import Foundation
import Vapor
import WhatMattersCore
import WhatMattersStore

/// Break-glass, sealed records and subject access.
enum TrustControllers {
    static let breakGlassMinutes = 60

    static func personID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get(SiteRoute.personParam, as: UUID.self) else { throw WebError.notFound }
        return id
    }

    static func breakGlassForm(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        guard Access.mayBreakGlass(staff.role), let p = try await req.store.person(try personID(req)), !p.restricted else { throw WebError.notFound }
        return req.html(BreakGlassFormModel(personID: p.id).render(await req.pageContext()))
    }

    static func breakGlass(_ req: Request, _ form: FormBody) async throws -> Response {
        let staff = try req.requireStaff()
        guard Access.mayBreakGlass(staff.role), let person = try await req.store.person(try personID(req)), !person.restricted else {
            throw WebError.notFound
        }
        let t = req.t
        let reason = form["reason"] ?? ""
        var model = BreakGlassFormModel(personID: person.id, reason: reason)
        if reason.trimmingCharacters(in: .whitespacesAndNewlines).count < 10 {
            model.problems.append(FormProblem(field: "reason", message: t("breakGlass.reasonRequired")))
        } else if reason.count > Limits.shortText {
            model.problems.append(FormProblem(field: "reason", message: t.message(FieldError("reason", .tooLong, limit: Limits.shortText))))
        } else if reason.unicodeScalars.contains("\u{0}") {
            // PostgreSQL cannot store NUL in text: say so rather than fail on save.
            model.problems.append(FormProblem(field: "reason", message: t.message(FieldError("reason", .invalidCharacters))))
        }
        // A fresh password: whoever is at the keyboard must know it now.
        let hash = try await req.store.staffForSignIn(email: staff.email)?.1
        let passwordOK: Bool
        if let hash { passwordOK = (try? await req.password.async.verify(form["password"] ?? "", created: hash)) ?? false } else { passwordOK = false }
        if !passwordOK { model.problems.append(FormProblem(field: "password", message: t("breakGlass.passwordWrong"))) }
        guard model.problems.isEmpty else { return req.html(model.render(await req.pageContext()), status: .unprocessableEntity) }
        _ = try await req.store.breakGlass(staff: staff, person: person, reason: reason, minutes: breakGlassMinutes, by: try req.actor())
        return req.redirect(to: SiteRoute.person(person.id).path)
    }

    static func restrictionForm(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let grant = try await req.authorizePerson(.write)
        guard Access.canRestrict(staff.role), grant.relationship != .breakGlass else { throw WebError.forbidden }
        let model = RestrictionFormModel(person: grant.person, staff: try await req.store.staff(inTeams: [grant.person.details.teamID]),
                                         named: try await req.store.namedStaff(personID: grant.person.id))
        return req.html(model.render(await req.pageContext()))
    }

    static func restrict(_ req: Request, _ form: FormBody) async throws -> Response {
        let staff = try req.requireStaff()
        let grant = try await req.authorizePerson(.write)
        guard Access.canRestrict(staff.role), grant.relationship != .breakGlass else { throw WebError.forbidden }
        let restricted = form["restricted"] == "yes"
        // The manager sealing a record is always named on it, so it cannot be lost to everyone.
        let named = Array(Set(form.all("named").compactMap { UUID(uuidString: $0) } + [staff.id]))
        try await req.store.setRestriction(personID: grant.person.id, restricted: restricted, named: named, by: try req.actor())
        return req.redirect(to: SiteRoute.person(grant.person.id).path + "?saved=person")
    }

    static func subjectAccessPage(_ req: Request) async throws -> Response {
        let grant = try await req.authorizePerson(.export)
        try await req.audit("person.export", person: grant.person.id, detail: "subject access page")
        let p = grant.person
        let model = SubjectAccessModel(person: p, team: try await req.store.team(p.details.teamID),
                                       conversations: try await req.store.conversations(personID: p.id, page: 1, per: 100_000).items,
                                       trail: try await req.store.auditTrail(personID: p.id, limit: 1_000_000),
                                       breakGlass: try await req.store.breakGlassHistory(personID: p.id))
        return req.html(model.render(await req.pageContext()))
    }

    static func subjectAccessJSON(_ req: Request) async throws -> Response {
        let grant = try await req.authorizePerson(.export)
        try await req.audit("person.export", person: grant.person.id, detail: "subject access api")
        guard let dto = try await SubjectAccessDTO.gather(req.store, personID: grant.person.id) else { throw WebError.notFound }
        return try APIControllers.json(dto)
    }
}
