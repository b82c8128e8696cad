import Foundation
import Vapor
import WhatMattersCore
import WhatMattersStore

/// The plan's pages: query → view model → view, like every other page. Access is the
/// person's: read to see the plan, write to change it. Every save is a new version; a save
/// from a stale form is refused and both versions are shown.
enum PlanControllers {
    static func today() -> Day { Day(Date()) }

    static func reviewLanguage(_ req: Request) -> ReviewLanguage { req.locale == .cy ? .cy : .en }

    /// The practice review runs on every save; its verdicts go on the plan row. It never
    /// stops a save.
    static func verdicts(_ plan: CarePlan) -> PlanVerdicts { PlanVerdicts(plan.practiceReview(language: .en)) }

    static func notice(_ req: Request) -> String? {
        guard let saved = req.queryValue("saved") else { return nil }
        switch saved {
        case "started": return req.t("notice.planStarted")
        case "plan": return req.t("notice.planSaved")
        case "removed-outcomes": return req.t("notice.removed.outcomes")
        case "removed-strengths": return req.t("notice.removed.strengths")
        case "removed-people": return req.t("notice.removed.people")
        case "removed-worries": return req.t("notice.removed.worries")
        case "removed-differences": return req.t("notice.removed.differences")
        case "removed-actions": return req.t("notice.removed.actions")
        default: return nil
        }
    }

    // MARK: The plan page, its versions and the printed plan

    static func page(_ req: Request) async throws -> Response {
        let person = try await PageControllers.person(req, .read)
        try await req.audit("plan.read", person: person.id)
        let record = try await req.store.plan(personID: person.id)
        var model = PlanPageModel(person: person, record: record, latestVersion: record?.version,
                                  savedBy: try await record?.savedBy.asyncMap { try await req.staffMember($0) } ?? nil,
                                  review: record.map { ReviewCache.shared.review(of: $0, language: reviewLanguage(req)) }, notice: notice(req))
        if record == nil {
            model.conversations = try await req.store.conversations(personID: person.id).items.filter { $0.details.kind == .whatMatters }
        }
        return req.html(model.render(await req.pageContext()))
    }

    static func version(_ req: Request) async throws -> Response {
        let person = try await PageControllers.person(req, .read)
        guard let v = req.parameters.get(PlanRoute.versionParam, as: Int.self),
              let record = try await req.store.plan(personID: person.id, version: v),
              let latest = try await req.store.plan(personID: person.id) else { throw WebError.notFound }
        try await req.audit("plan.read", person: person.id, detail: "version \(v)")
        let model = PlanPageModel(person: person, record: record, latestVersion: latest.version,
                                  savedBy: try await record.savedBy.asyncMap { try await req.staffMember($0) } ?? nil,
                                  review: ReviewCache.shared.review(of: record, language: reviewLanguage(req)))
        return req.html(model.render(await req.pageContext()))
    }

    static func versions(_ req: Request) async throws -> Response {
        let person = try await PageControllers.person(req, .read)
        try await req.audit("plan.versions", person: person.id)
        let versions = try await req.store.planVersions(personID: person.id)
        var names: [UUID: String] = [:]
        for id in Set(versions.compactMap(\.savedBy)) { names[id] = try await req.store.staff(id)?.name }
        return req.html(PlanVersionsModel(person: person, versions: versions, staffNames: names).render(await req.pageContext()))
    }

    static func print(_ req: Request) async throws -> Response {
        let person = try await PageControllers.person(req, .read)
        guard let record = try await req.store.plan(personID: person.id) else { throw WebError.notFound }
        try await req.audit("plan.print", person: person.id)
        return req.html(PlanPrintModel(person: person, record: record).render(await req.pageContext()))
    }

    // MARK: Starting a plan

    /// A new plan in the person's language, growing out of a What Matters conversation
    /// when one is chosen (its words become what matters; the conversation travels with it).
    static func start(_ req: Request, _ form: FormBody) async throws -> Response {
        let person = try await PageControllers.person(req, .write)
        if try await req.store.plan(personID: person.id) != nil {
            return req.redirect(to: SiteRoute.plan(person.id, .page).path)
        }
        let language: Locale2 = person.details.preferredLanguage == .cy ? .cy : .en
        var plan = CarePlan.new(documentID: person.id.uuidString.lowercased(), service: person.details.service, language: language)
        if let raw = form["conversationID"], !raw.isEmpty {
            guard let id = UUID(uuidString: raw), let c = try await req.store.conversation(id), c.personID == person.id else {
                throw WebError.notFound
            }
            let d = c.details
            plan.whatMatters = d.whatMatters
            if d.language != .other, let l = Locale2(rawValue: d.language.rawValue) { plan.language = l }
            plan.documentConversations = [PlanDocument.Conversation(
                date: d.date, kind: d.kind, with: d.participants,
                notes: [d.whatMatters, d.narrative].filter { !$0.isEmpty }.joined(separator: "\n\n"))]
            if person.details.service == .children && d.whoseWords == .child {
                plan.childsVoice = ChildsVoice(words: d.whatMatters, howHeard: [.directly])
            }
        }
        do {
            _ = try await req.store.savePlan(personID: person.id, plan, expectedVersion: 0, verdicts: verdicts(plan), by: try req.actor())
        } catch StoreError.conflict {
            // Someone started it a moment ago: theirs is the plan.
        }
        return req.redirect(to: SiteRoute.plan(person.id, .page).path + "?saved=started")
    }

    // MARK: The forms

    /// The part and item named in the path, checked against the route's shape.
    static func target(_ req: Request, shape: PlanShape) throws -> (PlanSection, String?) {
        guard let raw = req.parameters.get(PlanRoute.sectionParam), let section = PlanSection(rawValue: raw) else { throw WebError.notFound }
        switch shape {
        case .part: guard !section.isList else { throw WebError.notFound }
            return (section, nil)
        case .new: guard section.isList else { throw WebError.notFound }
            return (section, nil)
        case .item:
            guard section.isList, !section.isAppendOnly, let id = req.parameters.get(PlanRoute.itemParam), !id.isEmpty else { throw WebError.notFound }
            return (section, id)
        }
    }

    enum PlanShape { case part, new, item }

    static func formPage(_ req: Request, shape: PlanShape) async throws -> Response {
        let person = try await PageControllers.person(req, .write)
        let (section, itemID) = try target(req, shape: shape)
        let record = try await req.store.plan(personID: person.id)
        let plan = record?.plan ?? newPlan(for: person)
        guard let input = PlanFormModel.initialInput(section, plan: plan, itemID: itemID, person: person, today: today(),
                                                     corrects: req.queryValue("corrects")) else { throw WebError.notFound }
        try await req.audit("plan.read", person: person.id, detail: "\(section.rawValue) form")
        let model = PlanFormModel(person: person, plan: plan, version: record?.version ?? 0, section: section, itemID: itemID, input: input,
                                  review: record.map { ReviewCache.shared.review(of: $0, language: reviewLanguage(req)) })
        return req.html(model.render(await req.pageContext()))
    }

    static func partForm(_ req: Request) async throws -> Response { try await formPage(req, shape: .part) }
    static func newItemForm(_ req: Request) async throws -> Response { try await formPage(req, shape: .new) }
    static func itemForm(_ req: Request) async throws -> Response { try await formPage(req, shape: .item) }

    static func newPlan(for person: Person) -> CarePlan {
        CarePlan.new(documentID: person.id.uuidString.lowercased(), service: person.details.service,
                     language: person.details.preferredLanguage == .cy ? .cy : .en)
    }

    static func save(_ req: Request, _ form: FormBody, shape: PlanShape) async throws -> Response {
        let person = try await PageControllers.person(req, .write)
        let (section, itemID) = try target(req, shape: shape)
        let version = form["version"].flatMap(Int.init)
        let input = PlanFormModel.input(form)
        // The form applies to the plan as it was when opened; if that is no longer the
        // latest, the save is refused below.
        let current = try await req.store.plan(personID: person.id)
        var base: CarePlan
        if let version, version > 0 {
            guard let opened = try await req.store.plan(personID: person.id, version: version) else { throw WebError.notFound }
            base = opened.plan
        } else {
            base = current?.plan ?? newPlan(for: person)
        }
        if let itemID, PlanFormModel.initialInput(section, plan: base, itemID: itemID, person: person, today: today()) == nil {
            throw WebError.notFound
        }
        var model = PlanFormModel(person: person, plan: base, version: version ?? current?.version ?? 0, section: section, itemID: itemID,
                                  input: input, review: current.map { ReviewCache.shared.review(of: $0, language: reviewLanguage(req)) }, draftID: form.draftID)
        switch PlanFormModel.apply(section, input: input, itemID: itemID, to: base, today: today()) {
        case .failure(let errors):
            model.errors = errors
            return req.html(model.render(await req.pageContext()), status: .unprocessableEntity)
        case .success(let plan):
            do {
                _ = try await req.store.savePlan(personID: person.id, plan, expectedVersion: version ?? current?.version ?? 0,
                                                 verdicts: verdicts(plan), by: try req.actor())
            } catch StoreError.conflict {
                model.conflict = try await req.store.plan(personID: person.id)
                if let saved = model.conflict { model.plan = saved.plan; model.review = ReviewCache.shared.review(of: saved, language: reviewLanguage(req)) }
                return req.html(model.render(await req.pageContext()), status: .conflict)
            }
            if let id = form.draftID { try await req.store.deleteDraft(id) }
            return req.redirect(to: SiteRoute.plan(person.id, .page).path + "?saved=plan#" + section.anchor)
        }
    }

    // MARK: Removing an item added by mistake

    /// The list and item named in the path: only lists whose items may be removed (never
    /// scores or reviews).
    static func removeTarget(_ req: Request) throws -> (PlanSection, RemovablePlanItem, String) {
        guard let raw = req.parameters.get(PlanRoute.sectionParam), let section = PlanSection(rawValue: raw), let kind = section.removable,
              let id = req.parameters.get(PlanRoute.itemParam), !id.isEmpty else { throw WebError.notFound }
        return (section, kind, id)
    }

    /// The confirmation: what will be removed, what goes with it, or why it cannot be.
    static func removeItemPage(_ req: Request) async throws -> Response {
        let person = try await PageControllers.person(req, .write)
        let (section, kind, itemID) = try removeTarget(req)
        guard let record = try await req.store.plan(personID: person.id), record.plan.contains(kind, id: itemID) else { throw WebError.notFound }
        return try await confirmation(req, person: person, record: record, section: section, itemID: itemID)
    }

    /// The confirmation page for the plan as `record` holds it (audited as a read).
    static func confirmation(_ req: Request, person: Person, record: PlanRecord, section: PlanSection, itemID: String,
                             staleVersion: Int? = nil, refused: Bool = false, status: HTTPStatus = .ok) async throws -> Response {
        try await req.audit("plan.read", person: person.id, detail: "\(section.rawValue) remove")
        var model = PlanRemoveModel(person: person, plan: record.plan, version: record.version, section: section, itemID: itemID)
        model.staleVersion = staleVersion
        model.refused = refused
        return req.html(model.render(await req.pageContext()), status: status)
    }

    /// Removes the item from the version the confirmation showed, saving a new version like
    /// any other save. A stale version is refused with both versions named; an outcome with
    /// scores or reviews is refused and nothing is saved.
    static func removeItem(_ req: Request, _ form: FormBody) async throws -> Response {
        let person = try await PageControllers.person(req, .write)
        let (section, kind, itemID) = try removeTarget(req)
        guard let version = form["version"].flatMap(Int.init) else { throw WebError.badRequest("version") }
        guard let current = try await req.store.plan(personID: person.id) else { throw WebError.notFound }
        func stale(_ record: PlanRecord) async throws -> Response {
            try await confirmation(req, person: person, record: record, section: section, itemID: itemID, staleVersion: version, status: .conflict)
        }
        if version != current.version { return try await stale(current) }
        switch current.plan.removing(kind, id: itemID) {
        case .failure(.notFound):
            throw WebError.notFound
        case .failure(.outcomeHasScoresOrReviews):
            return try await confirmation(req, person: person, record: current, section: section, itemID: itemID,
                                          refused: true, status: .unprocessableEntity)
        case .success(let plan):
            do {
                _ = try await req.store.savePlan(personID: person.id, plan, expectedVersion: version, verdicts: verdicts(plan), by: try req.actor())
            } catch StoreError.conflict {
                guard let now = try await req.store.plan(personID: person.id) else { throw WebError.notFound }
                return try await stale(now)
            }
            return req.redirect(to: SiteRoute.plan(person.id, .page).path + "?saved=removed-\(section.rawValue)#" + section.anchor)
        }
    }

    /// Offers back a plan form typed when the session ended (`parts`: the path after `/plan/`).
    static func restoreDraft(_ req: Request, person: Person, parts: [String], form: FormBody, draftID: UUID, notice: String) async throws -> Response {
        guard let section = PlanSection(rawValue: parts[0]) else { throw WebError.notFound }
        if parts.count == 3, parts[2] == "remove", section.removable != nil {
            // Nothing was typed: ask again, against the plan as it is now.
            try await req.store.deleteDraft(draftID)
            return req.redirect(to: SiteRoute.plan(person.id, .removeItem(section, parts[1])).path)
        }
        let itemID: String?
        switch (section.isList, parts.count) {
        case (false, 1): itemID = nil
        case (true, 2) where parts[1] == "new": itemID = nil
        case (true, 2) where !section.isAppendOnly: itemID = parts[1]
        default: throw WebError.notFound
        }
        let version = form["version"].flatMap(Int.init) ?? 0
        let current = try await req.store.plan(personID: person.id)
        let opened = version > 0 ? try await req.store.plan(personID: person.id, version: version) : nil
        let model = PlanFormModel(person: person, plan: opened?.plan ?? current?.plan ?? newPlan(for: person), version: version,
                                  section: section, itemID: itemID, input: PlanFormModel.input(form), draftID: draftID, notice: notice)
        return req.html(model.render(await req.pageContext()))
    }

    static func savePart(_ req: Request, _ form: FormBody) async throws -> Response { try await save(req, form, shape: .part) }
    static func saveNewItem(_ req: Request, _ form: FormBody) async throws -> Response { try await save(req, form, shape: .new) }
    static func saveItem(_ req: Request, _ form: FormBody) async throws -> Response { try await save(req, form, shape: .item) }
}
