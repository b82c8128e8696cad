import Foundation
import Plot
import Vapor
import WhatMattersCore

extension Request {
    func pageContext() -> PageContext {
        PageContext(t: t, staff: staff, csrf: csrfToken, path: url.path)
    }

    /// An HTML response. Pages hold personal data, so nothing is cached anywhere.
    func html(_ page: HTML, status: HTTPStatus = .ok) -> Response {
        let res = Response(status: status, body: .init(string: page.render()))
        res.headers.contentType = .html
        return res
    }

    /// A page number from the query string, at least 1.
    var pageNumber: Int { max(1, min((try? query.get(Int.self, at: "page")) ?? 1, 100_000)) }
}

extension FieldErrors {
    func problems(_ t: Localizer) -> [FormProblem] { errors.map { FormProblem(field: $0.field, message: t.message($0)) } }
    func message(for field: String, _ t: Localizer) -> String? { first(for: field).map(t.message) }
}
