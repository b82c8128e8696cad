import Foundation
import Vapor
import XCTest
import WhatMattersCore
@testable import WhatMattersStore
@testable import WhatMattersWeb

/// The JSON API, as specifications: bearer tokens, paging, problem+json naming each field.
final class APITests: WebTestCase {
    var token: String!

    override func setUp() async throws {
        try await super.setUp()
        token = try await Accounts.createToken(app, email: "nia@example.org")
    }

    func call(_ method: HTTPMethod, _ path: String, json: String? = nil, token: String? = "default",
              language: String? = nil) async throws -> Browser.Result {
        var headers = HTTPHeaders()
        if let t = token == "default" ? self.token : token { headers.bearerAuthorization = BearerAuthorization(token: t) }
        if json != nil { headers.contentType = .json }
        if let language { headers.replaceOrAdd(name: .acceptLanguage, value: language) }
        return try await Browser(app).send(method, path, headers: headers, body: json)
    }

    func decode<T: Decodable>(_ type: T.Type, _ r: Browser.Result) throws -> T {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return try d.decode(T.self, from: Data(r.body.utf8))
    }

    func testWithoutAValidTokenTheAPIAnswers401AsAProblem() async throws {
        for t in [nil, "wm_not-a-token"] as [String?] {
            let r = try await call(.GET, "/api/v1/people", token: t)
            XCTAssertEqual(r.status, .unauthorized)
            XCTAssertEqual(r.headers.first(name: .contentType), "application/problem+json; charset=utf-8")
            XCTAssertEqual(try decode(ProblemDTO.self, r).status, 401)
        }
    }

    /// An address asked for with a method it does not take says so (405) and names the
    /// methods it does take, as a problem in the caller's language; the record is untouched.
    func testAMethodAnAddressDoesNotTakeIs405NamingTheOnesItDoes() async throws {
        let p = try await person()
        let r = try await call(.DELETE, "/api/v1/people/\(p.id)", language: "cy")
        XCTAssertEqual(r.status, .methodNotAllowed)
        XCTAssertEqual(r.headers.first(name: .allow), "GET, HEAD, PUT")
        XCTAssertEqual(r.headers.first(name: .contentType), "application/problem+json; charset=utf-8")
        let problem = try decode(ProblemDTO.self, r)
        XCTAssertEqual(problem.status, 405)
        XCTAssertEqual(problem.title, Localizer(.cy)("problem.methodNotAllowed"))
        let after = try await call(.GET, "/api/v1/people/\(p.id)")
        XCTAssertEqual(after.status, .ok, "still there")
        let search = try await call(.GET, "/api/v1/people/search")
        XCTAssertEqual(search.status, .methodNotAllowed)
        XCTAssertEqual(search.headers.first(name: .allow), "POST")
        let nowhere = try await call(.DELETE, "/api/v1/nowhere")
        XCTAssertEqual(nowhere.status, .notFound, "an address that does not exist is still 404")
    }

    func testTokensAreStoredOnlyAsHashes() async throws {
        let rows = try await APITokenModel.query(on: app.db).all()
        XCTAssertEqual(rows.count, 1)
        XCTAssertNotEqual(rows[0].tokenHash, token)
        XCTAssertEqual(rows[0].tokenHash, Token.sha256(token))
    }

    func testAPersonAndAConversationAreCreatedListedAndReadBack() async throws {
        let created = try await call(.POST, "/api/v1/people", json: """
            {"name":"Elin Ŵyn","dateOfBirth":"2015-06-01","service":"children","teamID":"\(adults.id)","preferredLanguage":"cy"}
            """)
        XCTAssertEqual(created.status, .created, created.body)
        let person = try decode(PersonDTO.self, created)
        XCTAssertEqual(created.location, "/api/v1/people/\(person.id)")
        XCTAssertEqual(person.name, "Elin Ŵyn")

        let convo = try await call(.POST, "/api/v1/people/\(person.id)/conversations", json: """
            {"date":"2025-04-01","kind":"what-matters","participants":["child","parent"],"language":"cy",
             "whatMatters":"Dw i eisiau chwarae pêl-droed gyda fy ffrindiau","whoseWords":"child","whatHappenedNext":"own-solution"}
            """)
        XCTAssertEqual(convo.status, .created, convo.body)
        let c = try decode(ConversationDTO.self, convo)
        let read = try decode(ConversationDTO.self, try await call(.GET, "/api/v1/conversations/\(c.id)"))
        XCTAssertEqual(read.whatMatters, "Dw i eisiau chwarae pêl-droed gyda fy ffrindiau")
        XCTAssertEqual(read.participants, ["child", "parent"])

        let list = try decode(PageDTO<ConversationDTO>.self, try await call(.GET, "/api/v1/people/\(person.id)/conversations"))
        XCTAssertEqual(list.total, 1)

        var update = try await call(.PUT, "/api/v1/people/\(person.id)", json: """
            {"name":"Elin Ŵyn Jones","service":"children","teamID":"\(adults.id)","preferredLanguage":"cy","version":1}
            """)
        XCTAssertEqual(update.status, .ok, update.body)
        update = try await call(.PUT, "/api/v1/people/\(person.id)", json: """
            {"name":"Elin Arall","service":"children","teamID":"\(adults.id)","preferredLanguage":"cy","version":1}
            """)
        XCTAssertEqual(update.status, .conflict)
        let reread = try await call(.GET, "/api/v1/people/\(person.id)")
        XCTAssertEqual(try decode(PersonDTO.self, reread).name, "Elin Ŵyn Jones")
    }

    func testListsArePaged() async throws {
        for i in 0..<5 { _ = try await person("Person \(i)") }
        let page = try decode(PageDTO<PersonDTO>.self, try await call(.GET, "/api/v1/people?page=2&per=2"))
        XCTAssertEqual(page.total, 5)
        XCTAssertEqual(page.items.map(\.name), ["Person 2", "Person 3"])
        let bad = try await call(.GET, "/api/v1/people?per=5000")
        XCTAssertEqual(bad.status, .unprocessableEntity)
        XCTAssertEqual(try decode(ProblemDTO.self, bad).errors?.map(\.field), ["per"])
    }

    func testInvalidFieldsAreEachNamedInTheCallersLanguage() async throws {
        let body = """
            {"name":"","dateOfBirth":"1950-13-01","service":"elderly","teamID":"\(children.id)","preferredLanguage":"cy"}
            """
        let en = try await call(.POST, "/api/v1/people", json: body)
        XCTAssertEqual(en.status, .unprocessableEntity)
        let problem = try decode(ProblemDTO.self, en)
        XCTAssertEqual(problem.errors?.map(\.field), ["name", "dateOfBirth", "service", "teamID"])
        XCTAssertEqual(problem.errors?.first?.message, "Enter full name")
        let cy = try decode(ProblemDTO.self, try await call(.POST, "/api/v1/people", json: body, language: "cy-GB,cy;q=0.9"))
        XCTAssertEqual(cy.errors?.first?.message, "Rhowch enw llawn")
        let wrongType = try await call(.POST, "/api/v1/people", json: #"{"name": 42}"#)
        XCTAssertEqual(try decode(ProblemDTO.self, wrongType).errors?.map(\.field), ["name"])
        let actual1 = try await call(.POST, "/api/v1/people", json: "{not json").status
        XCTAssertEqual(actual1, .badRequest)
    }

    func testPeopleOutsideTheCallersTeamsDoNotExistForThem() async throws {
        let p = try await person()
        let otherToken = try await Accounts.createToken(app, email: "tom@example.org")
        let actual2 = try await call(.GET, "/api/v1/people/\(p.id)", token: otherToken).status
        XCTAssertEqual(actual2, .notFound)
        let actual3 = try await call(.GET, "/api/v1/people/\(p.id)/conversations", token: otherToken).status
        XCTAssertEqual(actual3, .notFound)
        let list = try decode(PageDTO<PersonDTO>.self, try await call(.GET, "/api/v1/people", token: otherToken))
        XCTAssertEqual(list.total, 0)
        let search = try await call(.POST, "/api/v1/people/search", json: #"{"query":"gwenllian"}"#, token: otherToken)
        XCTAssertEqual(try decode(PageDTO<PersonDTO>.self, search).total, 0)
        let mine = try await call(.POST, "/api/v1/people/search", json: #"{"query":"gwenllian"}"#)
        XCTAssertEqual(try decode(PageDTO<PersonDTO>.self, mine).items.map(\.id), [p.id])
    }

    /// The OpenAPI document and the route table describe the same operations.
    func testTheOpenAPIDocumentDescribesExactlyTheAPIRoutes() async throws {
        let res = try await call(.GET, "/api/openapi.json", token: nil)
        XCTAssertEqual(res.status, .ok)
        let doc = try JSONSerialization.jsonObject(with: Data(res.body.utf8)) as! [String: Any]
        XCTAssertEqual(doc["openapi"] as? String, "3.1.0")
        let paths = doc["paths"] as! [String: [String: Any]]
        var described = Set<String>()
        for (path, ops) in paths where path.hasPrefix("/api/v1") {
            for method in ops.keys where ["get", "post", "put", "delete", "patch"].contains(method) {
                described.insert("\(method.uppercased()) \(path)")
            }
        }
        let routed = Set(Endpoints.all.filter { $0.route.path.hasPrefix("/api/v1") }.map { "\($0.method.rawValue) \($0.route.openAPIPath)" })
        XCTAssertEqual(described, routed)
    }
}
