import Foundation
import WhatMattersStore
import Vapor
import WhatMattersCore

/// Every page and API operation, once. The same table registers the routes and builds
/// every link, so a link cannot point at a route that does not exist.
public enum SiteRoute: Hashable, Sendable {
    case home
    case signIn
    case signOut
    case signInCode
    case secondFactor
    case passwordChange
    case language(Locale2)
    case caseload
    case people
    case peopleSearch
    case personNew
    case person(UUID)
    case personEdit(UUID)
    case conversationNew(UUID)
    case conversation(UUID, UUID)
    case conversationEdit(UUID, UUID)
    case plan(UUID, PlanRoute)
    case team(UUID)
    /// The quality audit: every plan a quality lead or manager may list, with its verdicts.
    case qualityAudit
    case qualityExport
    /// One plan's practice review and its moderation by quality leads.
    case qualityPlan(UUID)
    case breakGlass(UUID)
    case restriction(UUID)
    case subjectAccess(UUID)
    case draft(UUID)
    case asset(String)
    case healthz
    case openAPI
    case api(APIRoute)

    public enum APIRoute: Hashable, Sendable {
        case teams
        case people
        case peopleSearch
        case person(UUID)
        case conversations(UUID)
        case conversation(UUID)
        case plan(UUID)
        case subjectAccess(UUID)
    }

    enum Segment { case constant(String), parameter(String, String) }

    static let personParam = "personID", conversationParam = "conversationID", teamParam = "teamID",
               draftParam = "draftID", localeParam = "locale", fileParam = "file"

    var segments: [Segment] {
        switch self {
        case .home: return []
        case .signIn: return [.constant("sign-in")]
        case .signOut: return [.constant("sign-out")]
        case .signInCode: return [.constant("sign-in"), .constant("code")]
        case .secondFactor: return [.constant("account"), .constant("second-factor")]
        case .passwordChange: return [.constant("account"), .constant("password")]
        case .language(let l): return [.constant("language"), .parameter(Self.localeParam, l.rawValue)]
        case .caseload: return [.constant("caseload")]
        case .people: return [.constant("people")]
        case .peopleSearch: return [.constant("people"), .constant("search")]
        case .personNew: return [.constant("people"), .constant("new")]
        case .person(let id): return [.constant("people"), .parameter(Self.personParam, id.pathString)]
        case .personEdit(let id): return SiteRoute.person(id).segments + [.constant("edit")]
        case .conversationNew(let id): return SiteRoute.person(id).segments + [.constant("conversations"), .constant("new")]
        case .conversation(let p, let c):
            return SiteRoute.person(p).segments + [.constant("conversations"), .parameter(Self.conversationParam, c.pathString)]
        case .conversationEdit(let p, let c): return SiteRoute.conversation(p, c).segments + [.constant("edit")]
        case .plan(let p, let r): return SiteRoute.person(p).segments + r.segments
        case .team(let id): return [.constant("teams"), .parameter(Self.teamParam, id.pathString)]
        case .qualityAudit: return [.constant("quality")]
        case .qualityExport: return [.constant("quality"), .constant("export.csv")]
        case .qualityPlan(let id): return [.constant("quality"), .constant("plans"), .parameter(Self.personParam, id.pathString)]
        case .breakGlass(let id): return SiteRoute.person(id).segments + [.constant("break-glass")]
        case .restriction(let id): return SiteRoute.person(id).segments + [.constant("restriction")]
        case .subjectAccess(let id): return SiteRoute.person(id).segments + [.constant("subject-access")]
        case .draft(let id): return [.constant("drafts"), .parameter(Self.draftParam, id.pathString)]
        case .asset(let f): return [.constant("assets"), .parameter(Self.fileParam, f)]
        case .healthz: return [.constant("healthz")]
        case .openAPI: return [.constant("api"), .constant("openapi.json")]
        case .api(let r):
            let base: [Segment] = [.constant("api"), .constant("v1")]
            switch r {
            case .teams: return base + [.constant("teams")]
            case .people: return base + [.constant("people")]
            case .peopleSearch: return base + [.constant("people"), .constant("search")]
            case .person(let id): return base + [.constant("people"), .parameter(Self.personParam, id.pathString)]
            case .conversations(let id): return SiteRoute.api(.person(id)).segments + [.constant("conversations")]
            case .conversation(let id): return base + [.constant("conversations"), .parameter(Self.conversationParam, id.pathString)]
            case .plan(let id): return SiteRoute.api(.person(id)).segments + [.constant("plan")]
            case .subjectAccess(let id): return SiteRoute.api(.person(id)).segments + [.constant("subject-access")]
            }
        }
    }

    /// The link to this route.
    public var path: String {
        // Appended into one string grown once: mapping the segments to strings and joining
        // them was a visible share of rendering a page full of links.
        var path = ""
        path.reserveCapacity(80)
        switch self {
        // A plan page links to its parts dozens of times: their paths are written without
        // making the segments' arrays.
        case .plan(let person, let route):
            path.append("/people")
            Self.append(parameter: person.pathString, to: &path)
            route.appendPath(to: &path)
            assert(path == Self.path(segments), "PlanRoute.appendPath and segments disagree for \(self)")
            return path
        default:
            return Self.path(segments)
        }
    }

    /// The segments' path, each parameter percent-encoded as a path segment.
    static func path(_ segments: [Segment]) -> String {
        var path = ""
        path.reserveCapacity(80)
        for s in segments {
            switch s {
            case .constant(let c): path.append("/"); path.append(c)
            case .parameter(_, let v): append(parameter: v, to: &path)
            }
        }
        return path.isEmpty ? "/" : path
    }

    /// "/" and a parameter's value.
    static func append(parameter v: String, to path: inout String) {
        path.append("/")
        // Ids and codes need no escaping; percent-encoding them anyway cost a visible
        // share of rendering a page full of links.
        if v.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A)
                               || $0 == 0x2D || $0 == 0x2E || $0 == 0x5F || $0 == 0x7E }) { path.append(v) }
        else { path.append(v.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? v) }
    }

    /// The pattern Vapor matches, with `:name` for each parameter.
    var pathComponents: [PathComponent] {
        segments.map { s in
            switch s {
            case .constant(let c): return .constant(c)
            case .parameter(let name, _): return .parameter(name)
            }
        }
    }

    /// The OpenAPI form of the pattern, `{name}` for each parameter.
    var openAPIPath: String {
        "/" + segments.map { s -> String in
            switch s {
            case .constant(let c): return c
            case .parameter(let name, _): return "{\(name)}"
            }
        }.joined(separator: "/")
    }
}

extension UUID {
    /// `uuidString`, without Foundation's formatting (`UUIDText`): links put ids in paths.
    var pathString: String { UUIDText.string(self) }
}
