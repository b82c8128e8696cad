import Foundation
import Vapor
import WhatMattersCore
import WhatMattersStore

/// JSON API handlers, the same thin shape as the pages: query → DTO.
enum APIControllers {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.dateEncodingStrategy = .iso8601
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    static func json<T: Encodable>(_ value: T, status: HTTPStatus = .ok) throws -> Response {
        let res = Response(status: status, body: .init(data: try encoder.encode(value)))
        res.headers.contentType = .json
        return res
    }

    /// Decodes a JSON body; a body of the wrong shape is a 400/422 naming the field.
    static func decode<T: Decodable>(_ type: T.Type, _ req: Request) throws -> T {
        guard req.headers.contentType?.subType == "json" || req.headers.contentType == nil else {
            throw WebError.badRequest("content-type")
        }
        guard var body = req.body.data, let data = body.readData(length: body.readableBytes), !data.isEmpty else {
            throw WebError.badRequest("body")
        }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let DecodingError.typeMismatch(_, ctx) {
            throw WebError.invalid(FieldErrors([FieldError(fieldName(ctx.codingPath), .wrongType)]))
        } catch let DecodingError.valueNotFound(_, ctx) {
            throw WebError.invalid(FieldErrors([FieldError(fieldName(ctx.codingPath), .wrongType)]))
        } catch {
            throw WebError.badRequest("body")
        }
    }

    static func fieldName(_ path: [any CodingKey]) -> String {
        path.first?.stringValue ?? "body"
    }

    static func paging(_ req: Request) throws -> (Int, Int) {
        // Present but not a whole number in range is an error, not a silent page 1.
        func number(_ name: String, default value: Int, _ range: ClosedRange<Int>, _ errors: inout [FieldError]) -> Int {
            guard let raw = req.queryValue(name) else { return value }
            guard let n = Int(raw), range.contains(n) else { errors.append(FieldError(name, .invalidChoice)); return value }
            return n
        }
        var errors: [FieldError] = []
        let page = number("page", default: 1, 1...1_000_000, &errors)
        let per = number("per", default: 50, 1...200, &errors)
        if !errors.isEmpty { throw WebError.invalid(FieldErrors(errors)) }
        return (page, per)
    }

    // MARK: Teams

    static func teams(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        return try json(try await req.store.teams().filter { staff.teamIDs.contains($0.id) }.map(TeamDTO.init))
    }

    // MARK: People

    static func people(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let (page, per) = try paging(req)
        let result = try await req.store.people(visibleTo: Viewer(staff), page: page, per: per)
        try await req.audit("people.list", detail: "api page \(page): \(result.items.count) people")
        return try json(PageDTO(items: result.items.map(PersonDTO.init), page: page, per: per, total: result.total))
    }

    static func search(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let body = try decode(SearchDTO.self, req)
        var c = Checker()
        let query = c.text("query", body.query, required: true, limit: Limits.name)
        if !c.errors.isEmpty { throw WebError.invalid(FieldErrors(c.errors)) }
        let found = try await req.store.searchPeople(query, visibleTo: Viewer(staff))
        try await req.audit("people.search", detail: "api: \(found.count) found")
        return try json(PageDTO(items: found.map(PersonDTO.init), page: 1, per: max(found.count, 1), total: found.count))
    }

    static func person(_ req: Request, _ action: Access.Action) async throws -> Person {
        try await req.authorizePerson(action).person
    }

    static func getPerson(_ req: Request) async throws -> Response {
        let p = try await person(req, .read)
        try await req.audit("person.read", person: p.id, detail: "api")
        return try json(PersonDTO(p))
    }

    static func allowed(_ req: Request) async throws -> (teams: Set<UUID>, workers: Set<UUID>) {
        let staff = try req.requireStaff()
        let workers = try await req.store.staff(inTeams: staff.teamIDs).filter { Access.allocatable($0.role) }
        return (Set(staff.teamIDs), Set(workers.map(\.id)))
    }

    static func createPerson(_ req: Request) async throws -> Response {
        _ = try req.requireStaff()
        let body = try decode(PersonWriteDTO.self, req)
        let (teams, workers) = try await allowed(req)
        switch body.input.validate(today: Day(Date()), teams: teams, workers: workers) {
        case .failure(let e): throw WebError.invalid(e)
        case .success(let details):
            let p = try await req.store.createPerson(details, by: try req.actor())
            let res = try json(PersonDTO(p), status: .created)
            res.headers.replaceOrAdd(name: .location, value: SiteRoute.api(.person(p.id)).path)
            return res
        }
    }

    static func updatePerson(_ req: Request) async throws -> Response {
        let p = try await person(req, .write)
        let body = try decode(PersonWriteDTO.self, req)
        let (teams, workers) = try await allowed(req)
        // The person's current team and worker stay valid choices for whoever may edit them.
        switch body.input.validate(today: Day(Date()), teams: teams.union([p.details.teamID]),
                                   workers: workers.union([p.details.allocatedWorkerID].compactMap { $0 })) {
        case .failure(let e): throw WebError.invalid(e)
        case .success(let details):
            return try json(PersonDTO(try await req.store.updatePerson(p.id, details, expectedVersion: body.version, by: try req.actor())))
        }
    }

    // MARK: Conversations

    static func conversations(_ req: Request) async throws -> Response {
        let p = try await person(req, .read)
        let (page, per) = try paging(req)
        let result = try await req.store.conversations(personID: p.id, page: page, per: per)
        try await req.audit("conversation.list", person: p.id, detail: "api page \(page)")
        return try json(PageDTO(items: result.items.map(ConversationDTO.init), page: page, per: per, total: result.total))
    }

    static func createConversation(_ req: Request) async throws -> Response {
        let p = try await person(req, .write)
        let body = try decode(ConversationWriteDTO.self, req)
        switch body.input.validate(today: Day(Date())) {
        case .failure(let e): throw WebError.invalid(e)
        case .success(let details):
            let c = try await req.store.addConversation(personID: p.id, details, by: try req.actor())
            let res = try json(ConversationDTO(c), status: .created)
            res.headers.replaceOrAdd(name: .location, value: SiteRoute.api(.conversation(c.id)).path)
            return res
        }
    }

    static func conversation(_ req: Request, _ action: Access.Action) async throws -> Conversation {
        _ = try req.requireStaff()
        guard let id = req.parameters.get(SiteRoute.conversationParam, as: UUID.self),
              let c = try await req.store.conversation(id) else { throw WebError.notFound }
        _ = try await req.authorize(personID: c.personID, action)
        return c
    }

    static func getConversation(_ req: Request) async throws -> Response {
        let c = try await conversation(req, .read)
        try await req.audit("conversation.read", person: c.personID, detail: "api \(c.id.uuidString)")
        return try json(ConversationDTO(c))
    }

    static func updateConversation(_ req: Request) async throws -> Response {
        let c = try await conversation(req, .write)
        let body = try decode(ConversationWriteDTO.self, req)
        switch body.input.validate(today: Day(Date())) {
        case .failure(let e): throw WebError.invalid(e)
        case .success(let details):
            return try json(ConversationDTO(try await req.store.updateConversation(c.id, personID: c.personID, details, expectedVersion: body.version, by: try req.actor())))
        }
    }
}
