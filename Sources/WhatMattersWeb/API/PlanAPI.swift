import Foundation
import Vapor
import WhatMattersCore
import WhatMattersStore

/// A person's plan as a plan document (`whatmatters.plan/1`). The version travels in the
/// `ETag` header; a `PUT` with `If-Match` is refused with 409 when someone saved since.
enum PlanAPI {
    static func etag(_ version: Int) -> String { "\"\(version)\"" }

    static func document(_ record: PlanRecord, person: Person) -> Response {
        let doc = record.plan.document(for: person.details, today: Day(Date()))
        let res = Response(status: .ok, body: .init(data: doc.encode()))
        res.headers.contentType = .json
        res.headers.replaceOrAdd(name: .eTag, value: etag(record.version))
        return res
    }

    static func getPlan(_ req: Request) async throws -> Response {
        let person = try await APIControllers.person(req, .read)
        guard let record = try await req.store.plan(personID: person.id) else { throw WebError.notFound }
        try await req.audit("plan.read", person: person.id, detail: "api")
        return document(record, person: person)
    }

    /// Every problem of an invalid document, each named by its JSON pointer.
    static func problems(_ errors: PlanDocumentErrors, _ req: Request) -> Response {
        let t = req.t
        let problem = PlanProblemDTO(
            type: "about:blank", title: t("problem.invalidDocument"), status: 422,
            detail: t("problem.invalidDocumentDetail", ["count": String(errors.problems.count)]),
            errors: errors.problems.map { .init(field: $0.pointer.isEmpty ? "/" : $0.pointer, pointer: $0.pointer, code: "invalidDocument",
                                                message: $0.reason) })
        let res = Response(status: .unprocessableEntity, body: .init(data: (try? APIControllers.encoder.encode(problem)) ?? Data()))
        res.headers.replaceOrAdd(name: .contentType, value: "application/problem+json; charset=utf-8")
        res.headers.replaceOrAdd(name: .contentLanguage, value: t.locale.rawValue)
        return res
    }

    static func putPlan(_ req: Request) async throws -> Response {
        let person = try await APIControllers.person(req, .write)
        guard req.headers.contentType?.subType == "json" || req.headers.contentType == nil else { throw WebError.badRequest("content-type") }
        guard var body = req.body.data, let data = body.readData(length: body.readableBytes), !data.isEmpty else { throw WebError.badRequest("body") }
        var expected: Int?
        if let match = req.headers.first(name: .ifMatch) {
            guard let v = Int(match.trimmingCharacters(in: CharacterSet(charactersIn: "\" W/"))) else { throw WebError.badRequest("If-Match") }
            expected = v
        }
        let doc: PlanDocument
        switch PlanDocument.decode(data) {
        case .failure(let errors): return problems(errors, req)
        case .success(let d): doc = d
        }
        let current = try await req.store.plan(personID: person.id)
        if let expected, expected != (current?.version ?? 0) { throw WebError.conflict(currentVersion: current?.version ?? 0) }
        let plan = CarePlan.merging(doc, into: current?.plan)
        let saved = try await req.store.savePlan(personID: person.id, plan, expectedVersion: expected ?? current?.version ?? 0,
                                                 verdicts: PlanControllers.verdicts(plan), by: try req.actor())
        return document(saved, person: person)
    }
}

/// Problem details for an invalid plan document: each problem with its JSON pointer.
struct PlanProblemDTO: Codable, Equatable {
    struct InvalidField: Codable, Equatable {
        /// The JSON pointer (`/` for the whole document).
        var field: String
        /// The JSON pointer as RFC 6901 writes it (`""` for the whole document).
        var pointer: String
        var code: String
        var message: String
    }
    var type: String
    var title: String
    var status: Int
    var detail: String?
    var errors: [InvalidField]
}
