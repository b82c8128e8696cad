import Foundation
import Vapor
import WhatMattersCore
import WhatMattersStore

/// Page handlers: query → view model → view. Each is a thin function.
enum PageControllers {
    static func today() -> Day { Day(Date()) }

    // MARK: Home, sign-in, language

    static func home(_ req: Request) async throws -> Response {
        req.redirect(to: req.staff == nil ? SiteRoute.signIn.path : SiteRoute.caseload.path)
    }

    static func signInForm(_ req: Request) async throws -> Response {
        let model = SignInModel(kept: req.queryValue("kept") == "1",
                                signedOut: req.queryValue("out") == "1",
                                next: safeNext(req.queryValue("next")))
        return req.html(model.render(await req.pageContext()))
    }

    /// Sign-in throttling: this many failures in the window locks an account, or an address.
    static let throttleWindow: TimeInterval = 15 * 60
    static let maxFailuresPerAccount = 5
    static let maxFailuresPerAddress = 20

    /// Only paths on this site may be returned to after sign-in.
    static func safeNext(_ next: String?) -> String? {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"),
              // A browser drops tabs and newlines from a URL, so "/\t/evil.example" would go to //evil.example.
              !next.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return nil }
        return next
    }

    static func signIn(_ req: Request, _ form: FormBody) async throws -> Response {
        let t = req.t
        let email = form["email"] ?? ""
        let password = form["password"] ?? ""
        var model = SignInModel(email: email, next: safeNext(form["next"]))
        if email.trimmingCharacters(in: .whitespaces).isEmpty { model.problems.append(FormProblem(field: "email", message: t("signIn.emailRequired"))) }
        // No address holds NUL, and PostgreSQL cannot even be asked about one: name the field instead.
        else if email.unicodeScalars.contains("\u{0}") { model.problems.append(FormProblem(field: "email", message: t("error.invalidCharacters", ["field": t("signIn.email")]))) }
        if password.isEmpty { model.problems.append(FormProblem(field: "password", message: t("signIn.passwordRequired"))) }
        let address = req.remoteAddress?.ipAddress ?? ""
        if model.problems.isEmpty {
            // Throttle guessing, per account and per address, before looking at the password.
            let failures = try await req.store.failedSignIns(email: email.trimmingCharacters(in: .whitespaces), address: address,
                                                             since: Date().addingTimeInterval(-throttleWindow))
            if failures.account >= maxFailuresPerAccount || failures.address >= maxFailuresPerAddress {
                model.problems.append(FormProblem(field: "email", message: t("signIn.throttled", ["minutes": String(Int(throttleWindow / 60))])))
                return req.html(model.render(await req.pageContext()), status: .tooManyRequests)
            }
            if let (staff, hash) = try await req.store.staffForSignIn(email: email.trimmingCharacters(in: .whitespaces)),
               staff.active, (try? await req.password.async.verify(password, created: hash)) == true {
                let secondFactor = try await req.store.secondFactor(staffID: staff.id)
                if secondFactor == nil && staff.role == .administrator {
                    model.problems.append(FormProblem(field: "email", message: t("signIn.adminNeedsSecondFactor")))
                    return req.html(model.render(await req.pageContext()), status: .forbidden)
                }
                if secondFactor != nil {
                    // Password right: now the code from their authenticator app.
                    req.session.data[SessionKeys.pending] = staff.id.uuidString
                    req.session.data[SessionKeys.pendingAt] = String(Int(Date().timeIntervalSince1970))
                    return req.redirect(to: SiteRoute.signInCode.path + (model.next.map { "?next=" + Layout.queryValue(path: $0) } ?? ""))
                }
                return try await completeSignIn(req, staff, next: model.next)
            }
            try await req.store.record(AuditEntry(AuditActor(id: nil, label: email.trimmingCharacters(in: .whitespaces).lowercased()),
                                                  "signin.failed", detail: address))
            model.problems.append(FormProblem(field: "email", message: t("signIn.wrong")))
        }
        return req.html(model.render(await req.pageContext()), status: .unprocessableEntity)
    }

    /// A new session id at sign-in, so a session fixed before sign-in is worthless.
    static func completeSignIn(_ req: Request, _ staff: Staff, next: String?) async throws -> Response {
        if let old = req.session.id { _ = try? await req.application.sessions.driver.deleteSession(old, for: req).get() }
        req.session.id = nil
        req.session.data = SessionData()
        req.session.data[SessionKeys.staff] = staff.id.uuidString
        req.session.data[SessionKeys.seen] = String(Int(Date().timeIntervalSince1970))
        req.session.data[SessionKeys.started] = String(Int(Date().timeIntervalSince1970))
        req.session.data[SessionKeys.csrf] = Token.random()
        try await req.store.record(AuditEntry(AuditActor(staff), "signin"))
        let res = req.redirect(to: next ?? SiteRoute.caseload.path)
        if req.cookie(Cookies.language) == nil, let l = staff.locale {
            res.cookies[Cookies.language] = languageCookie(l)
        }
        return res
    }

    static func signOut(_ req: Request, _ form: FormBody) async throws -> Response {
        if let staff = req.staff { try await req.store.record(AuditEntry(AuditActor(staff), "signout")) }
        req.session.destroy()
        return req.redirect(to: SiteRoute.signIn.path + "?out=1")
    }

    static func languageCookie(_ l: Locale2) -> HTTPCookies.Value {
        HTTPCookies.Value(string: l.rawValue, maxAge: 60 * 60 * 24 * 365, path: "/", isHTTPOnly: true, sameSite: .lax)
    }

    static func language(_ req: Request) async throws -> Response {
        guard let raw = req.parameters.get(SiteRoute.localeParam), let l = Locale2(rawValue: raw) else { throw WebError.notFound }
        if let s = req.staff { try await req.store.setLocale(staffID: s.id, l) }
        let res = req.redirect(to: safeNext(req.queryValue("back")) ?? SiteRoute.home.path)
        res.cookies[Cookies.language] = languageCookie(l)
        return res
    }

    // MARK: Lists

    static func caseload(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let page = try await req.store.caseload(workerID: staff.id, visibleTo: Viewer(staff), page: req.pageNumber, per: 50)
        try await req.audit("people.list", detail: "caseload page \(page.page): \(page.items.count) people")
        let model = PeopleListModel(kind: .caseload, people: page.items, page: page.page, pageCount: page.pageCount,
                                    total: page.total, teams: try await teamsByID(req, for: page.items))
        return req.html(model.render(await req.pageContext()))
    }

    static func people(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let page = try await req.store.people(visibleTo: Viewer(staff), page: req.pageNumber, per: 50)
        try await req.audit("people.list", detail: "team list page \(page.page): \(page.items.count) people")
        let model = PeopleListModel(kind: .people, people: page.items, page: page.page, pageCount: page.pageCount,
                                    total: page.total, teams: try await teamsByID(req, for: page.items))
        return req.html(model.render(await req.pageContext()))
    }

    static func search(_ req: Request, _ form: FormBody) async throws -> Response {
        let staff = try req.requireStaff()
        let query = form["query"] ?? ""
        if query.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || query.count > Limits.name {
            let error = query.count > Limits.name ? req.t.message(FieldError("query", .tooLong, limit: Limits.name))
                : req.t("search.required")
            let model = PeopleListModel(kind: .search, people: [], total: 0, teams: [:], query: query, queryError: error)
            return req.html(model.render(await req.pageContext()), status: .unprocessableEntity)
        }
        let found = try await req.store.searchPeople(query, visibleTo: Viewer(staff))
        try await req.audit("people.search", detail: "\(found.count) found")
        let model = PeopleListModel(kind: .search, people: found, total: found.count, teams: try await teamsByID(req, for: found), query: query)
        return req.html(model.render(await req.pageContext()))
    }

    /// The teams of the people listed (a list shows each person's team).
    static func teamsByID(_ req: Request, for people: [Person]) async throws -> [UUID: Team] {
        Dictionary(uniqueKeysWithValues: try await req.store.teams(ids: Array(Set(people.map(\.details.teamID)))).map { ($0.id, $0) })
    }

    static func team(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        guard let id = req.parameters.get(SiteRoute.teamParam, as: UUID.self), let team = try await req.store.team(id) else { throw WebError.notFound }
        guard Access.canSeeTeam(staff, id) else { throw WebError.forbidden }
        let model = TeamPageModel(team: team, staff: try await req.store.staff(inTeams: [id]),
                                  peopleCount: try await req.store.peopleCount(teamID: id, visibleTo: Viewer(staff)),
                                  counts: try await req.store.conversationCounts(teamID: id, viewerID: staff.id),
                                  notices: staff.role == .teamManager ? try await req.store.teamNotices(teamID: id) : [])
        return req.html(model.render(await req.pageContext()))
    }

    // MARK: People

    /// The person named in the path, if this member of staff may act on their record.
    static func person(_ req: Request, _ action: Access.Action) async throws -> Person {
        try await req.authorizePerson(action).person
    }

    static func personPage(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let grant = try await req.authorizePerson(.read)
        let person = grant.person
        try await req.audit("person.read", person: person.id, detail: grant.relationship == .breakGlass ? "break-glass" : "")
        let model = PersonPageModel(person: person, team: try await req.store.team(person.details.teamID),
                                    worker: try await person.details.allocatedWorkerID.asyncMap { try await req.staffMember($0) } ?? nil,
                                    conversations: try await req.store.conversations(personID: person.id).items,
                                    notice: noticeFromQuery(req),
                                    breakGlass: try await req.store.breakGlassHistory(personID: person.id),
                                    lookedAt: Access.canRestrict(staff.role) ? try await req.store.auditTrail(personID: person.id, limit: 50) : nil,
                                    canRestrict: Access.canRestrict(staff.role) && grant.relationship != .breakGlass)
        return req.html(model.render(await req.pageContext()))
    }

    static func noticeFromQuery(_ req: Request) -> String? {
        switch req.queryValue("saved") {
        case "person": return req.t("notice.personSaved")
        case "conversation": return req.t("notice.conversationSaved")
        default: return nil
        }
    }

    static func personFormModel(_ req: Request, mode: PersonFormModel.Mode, input: PersonInput) async throws -> PersonFormModel {
        let staff = try req.requireStaff()
        // The person's current team stays on offer when someone outside it (break-glass) edits.
        let teams = try await req.store.teams().filter { staff.teamIDs.contains($0.id) || $0.id.uuidString == input.teamID }
        let workers = try await req.store.staff(inTeams: teams.map(\.id)).filter { Access.allocatable($0.role) }
        return PersonFormModel(mode: mode, input: input, teams: teams, workers: workers)
    }

    static func newPersonForm(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let input = PersonInput(teamID: staff.teamIDs.count == 1 ? staff.teamIDs[0].uuidString : nil,
                                allocatedWorkerID: Access.allocatable(staff.role) ? staff.id.uuidString : nil)
        return req.html(try await personFormModel(req, mode: .new, input: input).render(await req.pageContext()))
    }

    static func personInput(_ form: FormBody) -> PersonInput {
        PersonInput(name: form["name"], dateOfBirth: form["dateOfBirth"], service: form["service"], teamID: form["teamID"],
                    allocatedWorkerID: form["allocatedWorkerID"], preferredLanguage: form["preferredLanguage"],
                    activeOfferMadeOn: form["activeOfferMadeOn"], activeOfferMadeBy: form["activeOfferMadeBy"],
                    communicationNeeds: form["communicationNeeds"])
    }

    static func createPerson(_ req: Request, _ form: FormBody) async throws -> Response {
        let input = personInput(form)
        var model = try await personFormModel(req, mode: .new, input: input)
        model.draftID = form.draftID
        switch input.validate(today: today(), teams: Set(model.teams.map(\.id)), workers: Set(model.workers.map(\.id))) {
        case .failure(let errors):
            model.errors = errors
            return req.html(model.render(await req.pageContext()), status: .unprocessableEntity)
        case .success(let details):
            let person = try await req.store.createPerson(details, by: try req.actor())
            try await discardDraft(req, form)
            return req.redirect(to: SiteRoute.person(person.id).path + "?saved=person")
        }
    }

    static func editPersonForm(_ req: Request) async throws -> Response {
        let person = try await person(req, .write)
        try await req.audit("person.read", person: person.id, detail: "edit form")
        let model = try await personFormModel(req, mode: .edit(person.id, version: person.version), input: PersonInput(person.details))
        return req.html(model.render(await req.pageContext()))
    }

    static func updatePerson(_ req: Request, _ form: FormBody) async throws -> Response {
        let person = try await person(req, .write)
        let input = personInput(form)
        let version = form["version"].flatMap(Int.init)
        var model = try await personFormModel(req, mode: .edit(person.id, version: version ?? person.version), input: input)
        model.draftID = form.draftID
        let teams = Set(model.teams.map(\.id) + [person.details.teamID])
        let workers = Set(model.workers.map(\.id) + [person.details.allocatedWorkerID].compactMap { $0 })
        switch input.validate(today: today(), teams: teams, workers: workers) {
        case .failure(let errors):
            model.errors = errors
            return req.html(model.render(await req.pageContext()), status: .unprocessableEntity)
        case .success(let details):
            do {
                _ = try await req.store.updatePerson(person.id, details, expectedVersion: version, by: try req.actor())
            } catch StoreError.conflict {
                model.conflict = try await req.store.person(person.id)
                return req.html(model.render(await req.pageContext()), status: .conflict)
            }
            try await discardDraft(req, form)
            return req.redirect(to: SiteRoute.person(person.id).path + "?saved=person")
        }
    }

    // MARK: Conversations

    static func conversationInput(_ form: FormBody) -> ConversationInput {
        ConversationInput(date: form["date"], kind: form["kind"], participants: form.all("participants"),
                          othersPresent: form["othersPresent"], language: form["language"], whatMatters: form["whatMatters"],
                          whoseWords: form["whoseWords"], narrative: form["narrative"], whatHappenedNext: form["whatHappenedNext"])
    }

    static func newConversationForm(_ req: Request) async throws -> Response {
        let person = try await person(req, .write)
        let model = ConversationFormModel(person: person, mode: .new, input: ConversationFormModel.blank(for: person, today: today()))
        return req.html(model.render(await req.pageContext()))
    }

    static func createConversation(_ req: Request, _ form: FormBody) async throws -> Response {
        let person = try await person(req, .write)
        let input = conversationInput(form)
        switch input.validate(today: today()) {
        case .failure(let errors):
            let model = ConversationFormModel(person: person, mode: .new, input: input, errors: errors, draftID: form.draftID)
            return req.html(model.render(await req.pageContext()), status: .unprocessableEntity)
        case .success(let details):
            _ = try await req.store.addConversation(personID: person.id, details, by: try req.actor())
            try await discardDraft(req, form)
            return req.redirect(to: SiteRoute.person(person.id).path + "?saved=conversation")
        }
    }

    static func conversation(_ req: Request, person: Person) async throws -> Conversation {
        guard let id = req.parameters.get(SiteRoute.conversationParam, as: UUID.self),
              let c = try await req.store.conversation(id), c.personID == person.id else { throw WebError.notFound }
        return c
    }

    static func conversationPage(_ req: Request) async throws -> Response {
        let person = try await person(req, .read)
        let c = try await conversation(req, person: person)
        try await req.audit("conversation.read", person: person.id, detail: c.id.uuidString)
        let model = ConversationPageModel(person: person, conversation: c,
                                          recordedBy: try await c.recordedBy.asyncMap { try await req.staffMember($0) } ?? nil)
        return req.html(model.render(await req.pageContext()))
    }

    static func editConversationForm(_ req: Request) async throws -> Response {
        let person = try await person(req, .write)
        let c = try await conversation(req, person: person)
        try await req.audit("conversation.read", person: person.id, detail: c.id.uuidString + " edit form")
        let model = ConversationFormModel(person: person, mode: .edit(c.id, version: c.version), input: ConversationInput(c.details))
        return req.html(model.render(await req.pageContext()))
    }

    static func updateConversation(_ req: Request, _ form: FormBody) async throws -> Response {
        let person = try await person(req, .write)
        let c = try await conversation(req, person: person)
        let input = conversationInput(form)
        let version = form["version"].flatMap(Int.init)
        var model = ConversationFormModel(person: person, mode: .edit(c.id, version: version ?? c.version), input: input,
                                          draftID: form.draftID)
        switch input.validate(today: today()) {
        case .failure(let errors):
            model.errors = errors
            return req.html(model.render(await req.pageContext()), status: .unprocessableEntity)
        case .success(let details):
            do {
                _ = try await req.store.updateConversation(c.id, personID: person.id, details, expectedVersion: version, by: try req.actor())
            } catch StoreError.conflict {
                model.conflict = try await req.store.conversation(c.id)
                return req.html(model.render(await req.pageContext()), status: .conflict)
            }
            try await discardDraft(req, form)
            return req.redirect(to: SiteRoute.conversation(person.id, c.id).path + "?saved=conversation")
        }
    }

    // MARK: Drafts kept when a session ended

    static func discardDraft(_ req: Request, _ form: FormBody) async throws {
        if let id = form.draftID { try await req.store.deleteDraft(id) }
    }

    /// Offers back what was typed when the session ended, in the form it was typed into.
    static func draft(_ req: Request) async throws -> Response {
        _ = try req.requireStaff()
        guard let id = req.parameters.get(SiteRoute.draftParam, as: UUID.self),
              req.cookie(Cookies.draft) == id.uuidString,
              let (path, json) = try await req.store.draft(id),
              let form = try? JSONDecoder().decode(FormBody.self, from: Data(json.utf8)) else { throw WebError.notFound }
        let parts = path.split(separator: "/").map(String.init)
        let notice = req.t("notice.draftRestored")
        // /people/new, /people/:id/edit, /people/:id/conversations/new, /people/:id/conversations/:cid/edit
        if parts == ["people", "new"] {
            var model = try await personFormModel(req, mode: .new, input: personInput(form))
            model.draftID = id
            model.notice = notice
            return req.html(model.render(await req.pageContext()))
        }
        guard parts.count >= 3, parts[0] == "people", let personID = UUID(uuidString: parts[1]) else { throw WebError.notFound }
        let person = try await req.authorize(personID: personID, .write).person
        if parts.count == 3, parts[2] == "edit" {
            var model = try await personFormModel(req, mode: .edit(person.id, version: form["version"].flatMap(Int.init) ?? person.version),
                                                  input: personInput(form))
            model.draftID = id
            model.notice = notice
            return req.html(model.render(await req.pageContext()))
        }
        if parts.count == 4, parts[2] == "conversations", parts[3] == "new" {
            let model = ConversationFormModel(person: person, mode: .new, input: conversationInput(form), draftID: id, notice: notice)
            return req.html(model.render(await req.pageContext()))
        }
        if parts.count == 5, parts[2] == "conversations", let cid = UUID(uuidString: parts[3]), parts[4] == "edit",
           let c = try await req.store.conversation(cid), c.personID == person.id {
            let model = ConversationFormModel(person: person, mode: .edit(c.id, version: form["version"].flatMap(Int.init) ?? c.version),
                                              input: conversationInput(form), draftID: id, notice: notice)
            return req.html(model.render(await req.pageContext()))
        }
        if parts.count >= 4, parts[2] == "plan" {
            return try await PlanControllers.restoreDraft(req, person: person, parts: Array(parts[3...]), form: form, draftID: id, notice: notice)
        }
        throw WebError.notFound
    }
}

extension Optional {
    func asyncMap<T>(_ f: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let v = self else { return nil }
        return try await f(v)
    }
}
