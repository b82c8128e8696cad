import Foundation
import Plot
import Vapor
import WhatMattersCore
import WhatMattersStore

extension Request {
    /// What the base layout needs from this request, with the names of the signed-in member
    /// of staff's teams for the navigation (kept in memory: see `TeamNames`).
    func pageContext() async -> PageContext {
        var ctx = PageContext(t: t, staff: staff, csrf: csrfToken, path: requestPath)
        if let staff, !staff.teamIDs.isEmpty {
            ctx.teamNames = await TeamNames.shared.names(staff.teamIDs, store: store, logger: logger)
        }
        return ctx
    }

    /// An HTML response. Pages hold personal data, so nothing is cached anywhere.
    func html(_ page: HTMLPage, status: HTTPStatus = .ok) -> Response {
        let res = Response(status: status, body: Self.htmlBody(page))
        res.headers.contentType = .html
        return res
    }

    static func htmlBody(_ page: HTMLPage) -> Response.Body { .init(buffer: page.bytes) }

    /// A page number from the query string, at least 1.
    var pageNumber: Int {
        guard hasQuery else { return 1 }
        return max(1, min((try? query.get(Int.self, at: "page")) ?? 1, 100_000))
    }

    /// A value from the query string. Most pages are asked for without one, and Vapor decodes
    /// the whole query string again for each value asked for.
    func queryValue(_ name: String) -> String? {
        guard hasQuery else { return nil }
        return query[String.self, at: name]
    }

    private var hasQuery: Bool { !(url.query ?? "").isEmpty }

    /// The request's path, worked out once: Vapor's `url.path` rebuilds it on every call.
    var requestPath: String {
        if let path = storage[PathKey.self] { return path }
        let path = url.path
        storage[PathKey.self] = path
        return path
    }
}

struct PathKey: StorageKey { typealias Value = String }

extension FieldErrors {
    func problems(_ t: Localizer) -> [FormProblem] { errors.map { FormProblem(field: $0.field, message: t.message($0)) } }
    func message(for field: String, _ t: Localizer) -> String? { first(for: field).map(t.message) }
}

/// The names of teams, for the navigation of every page, kept in memory so that a page does
/// not read them again: each team's name is read at most once every `lifetime`. Teams are
/// not renamed in WhatMatters; the lifetime bounds how long a name changed in the database
/// some other way is shown as it was. By team id, so one cache serves the whole process.
final class TeamNames: @unchecked Sendable {
    static let shared = TeamNames()
    let lifetime: TimeInterval = 5 * 60
    /// Beyond this many names, those past their lifetime are dropped.
    let capacity = 10_000
    private let lock = NSLock()
    private var kept: [UUID: (name: String, readAt: Date)] = [:]

    /// The names of these teams: from memory, and those not yet known (or kept too long) in
    /// one query. When that query fails the names it would have read are missing (the
    /// navigation says "Team"): a page is not refused for the sake of its navigation.
    func names(_ ids: [UUID], store: Store, logger: Logger, now: Date = Date()) async -> [UUID: String] {
        var (names, missing) = known(ids, now: now)
        guard !missing.isEmpty else { return names }
        do {
            let teams = try await store.teams(ids: missing)
            keep(teams, now: now)
            for team in teams { names[team.id] = team.name }
        } catch {
            logger.warning("team names for the navigation could not be read: \(String(reflecting: error))")
        }
        return names
    }

    private func known(_ ids: [UUID], now: Date) -> ([UUID: String], missing: [UUID]) {
        lock.withLock {
            var names: [UUID: String] = [:]
            var missing: [UUID] = []
            for id in ids {
                if let k = kept[id], now.timeIntervalSince(k.readAt) < lifetime { names[id] = k.name } else { missing.append(id) }
            }
            return (names, missing)
        }
    }

    private func keep(_ teams: [Team], now: Date) {
        lock.withLock {
            if kept.count + teams.count > capacity { kept = kept.filter { now.timeIntervalSince($0.value.readAt) < lifetime } }
            for team in teams { kept[team.id] = (team.name, now) }
        }
    }
}
