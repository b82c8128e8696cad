import Foundation
import Vapor
import WhatMattersCore
import WhatMattersStore

/// One row of the route table: a route, a method and its handler.
struct Endpoint: Sendable {
    var route: SiteRoute
    var method: HTTPMethod
    var handler: @Sendable (Request) async throws -> Response
}

enum Endpoints {
    /// Every endpoint. Parameters in these routes are placeholders: only the shape matters.
    static var all: [Endpoint] {
        let id = UUID(uuidString: "00000000-0000-0000-0000-000000000000")!
        func guarded(_ signIn: Bool, _ h: @escaping FormGuard.FormHandler) -> @Sendable (Request) async throws -> Response {
            FormGuard.guarded(requireSignIn: signIn, h)
        }
        return [
            Endpoint(route: .home, method: .GET, handler: PageControllers.home),
            Endpoint(route: .signIn, method: .GET, handler: PageControllers.signInForm),
            Endpoint(route: .signIn, method: .POST, handler: guarded(false, PageControllers.signIn)),
            Endpoint(route: .signOut, method: .POST, handler: guarded(false, PageControllers.signOut)),
            Endpoint(route: .signInCode, method: .GET, handler: SecondFactorControllers.codeForm),
            Endpoint(route: .signInCode, method: .POST, handler: guarded(false, SecondFactorControllers.checkCode)),
            Endpoint(route: .secondFactor, method: .GET, handler: SecondFactorControllers.setupForm),
            Endpoint(route: .secondFactor, method: .POST, handler: guarded(true, SecondFactorControllers.setup)),
            Endpoint(route: .passwordChange, method: .GET, handler: PasswordChangeControllers.form),
            Endpoint(route: .passwordChange, method: .POST, handler: guarded(true, PasswordChangeControllers.change)),
            Endpoint(route: .language(.en), method: .GET, handler: PageControllers.language),
            Endpoint(route: .caseload, method: .GET, handler: PageControllers.caseload),
            Endpoint(route: .people, method: .GET, handler: PageControllers.people),
            Endpoint(route: .peopleSearch, method: .POST, handler: guarded(true, PageControllers.search)),
            Endpoint(route: .personNew, method: .GET, handler: PageControllers.newPersonForm),
            Endpoint(route: .personNew, method: .POST, handler: guarded(true, PageControllers.createPerson)),
            Endpoint(route: .person(id), method: .GET, handler: PageControllers.personPage),
            Endpoint(route: .personEdit(id), method: .GET, handler: PageControllers.editPersonForm),
            Endpoint(route: .personEdit(id), method: .POST, handler: guarded(true, PageControllers.updatePerson)),
            Endpoint(route: .conversationNew(id), method: .GET, handler: PageControllers.newConversationForm),
            Endpoint(route: .conversationNew(id), method: .POST, handler: guarded(true, PageControllers.createConversation)),
            Endpoint(route: .conversation(id, id), method: .GET, handler: PageControllers.conversationPage),
            Endpoint(route: .conversationEdit(id, id), method: .GET, handler: PageControllers.editConversationForm),
            Endpoint(route: .conversationEdit(id, id), method: .POST, handler: guarded(true, PageControllers.updateConversation)),
            Endpoint(route: .plan(id, .page), method: .GET, handler: PlanControllers.page),
            Endpoint(route: .plan(id, .start), method: .POST, handler: guarded(true, PlanControllers.start)),
            Endpoint(route: .plan(id, .print), method: .GET, handler: PlanControllers.print),
            Endpoint(route: .plan(id, .versions), method: .GET, handler: PlanControllers.versions),
            Endpoint(route: .plan(id, .version(1)), method: .GET, handler: PlanControllers.version),
            Endpoint(route: .plan(id, .part(.about)), method: .GET, handler: PlanControllers.partForm),
            Endpoint(route: .plan(id, .part(.about)), method: .POST, handler: guarded(true, PlanControllers.savePart)),
            Endpoint(route: .plan(id, .newItem(.outcomes)), method: .GET, handler: PlanControllers.newItemForm),
            Endpoint(route: .plan(id, .newItem(.outcomes)), method: .POST, handler: guarded(true, PlanControllers.saveNewItem)),
            Endpoint(route: .plan(id, .item(.outcomes, "o1")), method: .GET, handler: PlanControllers.itemForm),
            Endpoint(route: .plan(id, .item(.outcomes, "o1")), method: .POST, handler: guarded(true, PlanControllers.saveItem)),
            Endpoint(route: .plan(id, .removeItem(.outcomes, "o1")), method: .GET, handler: PlanControllers.removeItemPage),
            Endpoint(route: .plan(id, .removeItem(.outcomes, "o1")), method: .POST, handler: guarded(true, PlanControllers.removeItem)),
            Endpoint(route: .team(id), method: .GET, handler: PageControllers.team),
            Endpoint(route: .qualityAudit, method: .GET, handler: QualityControllers.audit),
            Endpoint(route: .qualityExport, method: .GET, handler: QualityControllers.export),
            Endpoint(route: .qualityPlan(id), method: .GET, handler: QualityControllers.planReview),
            Endpoint(route: .qualityPlan(id), method: .POST, handler: guarded(true, QualityControllers.moderate)),
            Endpoint(route: .breakGlass(id), method: .GET, handler: TrustControllers.breakGlassForm),
            Endpoint(route: .breakGlass(id), method: .POST, handler: guarded(true, TrustControllers.breakGlass)),
            Endpoint(route: .restriction(id), method: .GET, handler: TrustControllers.restrictionForm),
            Endpoint(route: .restriction(id), method: .POST, handler: guarded(true, TrustControllers.restrict)),
            Endpoint(route: .subjectAccess(id), method: .GET, handler: TrustControllers.subjectAccessPage),
            Endpoint(route: .draft(id), method: .GET, handler: PageControllers.draft),
            Endpoint(route: .asset("app.css"), method: .GET, handler: Assets.serve),
            Endpoint(route: .healthz, method: .GET, handler: Health.check),
            Endpoint(route: .openAPI, method: .GET, handler: OpenAPIDocument.serve),
            Endpoint(route: .api(.teams), method: .GET, handler: APIControllers.teams),
            Endpoint(route: .api(.people), method: .GET, handler: APIControllers.people),
            Endpoint(route: .api(.people), method: .POST, handler: APIControllers.createPerson),
            Endpoint(route: .api(.peopleSearch), method: .POST, handler: APIControllers.search),
            Endpoint(route: .api(.person(id)), method: .GET, handler: APIControllers.getPerson),
            Endpoint(route: .api(.person(id)), method: .PUT, handler: APIControllers.updatePerson),
            Endpoint(route: .api(.conversations(id)), method: .GET, handler: APIControllers.conversations),
            Endpoint(route: .api(.conversations(id)), method: .POST, handler: APIControllers.createConversation),
            Endpoint(route: .api(.conversation(id)), method: .GET, handler: APIControllers.getConversation),
            Endpoint(route: .api(.conversation(id)), method: .PUT, handler: APIControllers.updateConversation),
            Endpoint(route: .api(.plan(id)), method: .GET, handler: PlanAPI.getPlan),
            Endpoint(route: .api(.plan(id)), method: .PUT, handler: PlanAPI.putPlan),
            Endpoint(route: .api(.subjectAccess(id)), method: .GET, handler: TrustControllers.subjectAccessJSON),
        ]
    }

    static func register(on routes: any RoutesBuilder) {
        let endpoints = all
        for e in endpoints {
            routes.on(e.method, e.route.pathComponents, body: .collect(maxSize: "4mb"), use: e.handler)
        }
        // An address asked for with a method it does not take answers 405 naming the ones it
        // does (HTTP says so; a 404 would say the address does not exist).
        var methodsByPath: [String: (path: [PathComponent], methods: [HTTPMethod])] = [:]
        for e in endpoints {
            let key = e.route.pathComponents.map(\.description).joined(separator: "/")
            methodsByPath[key, default: (e.route.pathComponents, [])].methods.append(e.method)
        }
        for (_, entry) in methodsByPath {
            var allowed = entry.methods
            if allowed.contains(.GET) { allowed.insert(.HEAD, at: allowed.firstIndex(of: .GET)! + 1) }
            for method in [HTTPMethod.GET, .POST, .PUT, .PATCH, .DELETE] where !allowed.contains(method) {
                routes.on(method, entry.path, body: .collect(maxSize: "4mb")) { _ async throws -> Response in
                    throw WebError.methodNotAllowed(allowed: allowed)
                }
            }
        }
    }
}

enum Health {
    /// 200 only when the database answers.
    static func check(_ req: Request) async throws -> Response {
        let ok = await req.store.ping()
        let res = Response(status: ok ? .ok : .serviceUnavailable, body: .init(string: ok ? "ok\n" : "database unavailable\n"))
        res.headers.contentType = .plainText
        return res
    }
}

enum Assets {
    static let files: [String: (Data, HTTPMediaType)] = {
        var out: [String: (Data, HTTPMediaType)] = [:]
        for (name, type) in [("app.css", HTTPMediaType.css)] {
            if let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Resources/assets"),
               let data = try? Data(contentsOf: url) { out[name] = (data, type) }
        }
        return out
    }()

    static func serve(_ req: Request) async throws -> Response {
        guard let name = req.parameters.get(SiteRoute.fileParam), let (data, type) = files[name] else { throw WebError.notFound }
        let res = Response(status: .ok, body: .init(data: data))
        res.headers.contentType = type
        res.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return res
    }
}

enum OpenAPIDocument {
    static let data: Data = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "Resources"),
              let data = try? Data(contentsOf: url) else { fatalError("Resources/openapi.json is missing") }
        return data
    }()

    static func serve(_ req: Request) async throws -> Response {
        let res = Response(status: .ok, body: .init(data: data))
        res.headers.contentType = .json
        return res
    }
}
