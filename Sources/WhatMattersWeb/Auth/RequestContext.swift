import Crypto
import FluentKit
import Foundation
import Vapor
import WhatMattersCore
import WhatMattersStore

/// What every handler needs to know about the request: who is signed in, in which language.
struct CurrentStaffKey: StorageKey { typealias Value = Staff }
struct LocaleKey: StorageKey { typealias Value = Locale2 }
struct WriterKey: StorageKey { typealias Value = DatabaseID }
struct StoreKey: StorageKey { typealias Value = Store }

enum SessionKeys {
    static let staff = "staff"
    static let csrf = "csrf"
    /// Seconds since 1970 of the last request, for the idle time-out.
    static let seen = "seen"
    /// Seconds since 1970 of sign-in, for the absolute time-out.
    static let started = "started"
    /// A member of staff whose password was right, waiting for their second-factor code.
    static let pending = "pending"
    static let pendingAt = "pendingAt"
    /// A new second-factor secret being set up, until a code confirms it.
    static let enrolling = "enrolling"
}

enum Cookies {
    static let language = "wm_lang"
    static let draft = "wm_draft"
}

extension Request {
    /// Reads on the request's connection; on SQLite, a page's plain reads on its thread's
    /// own connection (`SQLiteReads`) and writes on the connections kept for writing (see
    /// `DatabaseID.writer`). Made once per request: finding the databases takes locks.
    var store: Store {
        if let store = storage[StoreKey.self] { return store }
        let app = application.storage
        let reader = app[ReadsKey.self].map { $0.database(logger: logger, on: eventLoop) }
        // The driver's handles only when first used (most pages only read, on `reader`);
        // made as `Request.db` makes them, without holding on to the request.
        let databases = application.databases, log = logger, loop = eventLoop, writerID = app[WriterKey.self]
        let pageSizeLimit = application.fluent.pagination.pageSizeLimit
        let store = Store(reader: reader) {
            func handle(_ id: DatabaseID?) -> any Database {
                databases.database(id, logger: log, on: loop, history: nil, pageSizeLimit: pageSizeLimit)!
            }
            return (handle(nil), writerID.map(handle))
        }
        storage[StoreKey.self] = store
        return store
    }

    var staff: Staff? { storage[CurrentStaffKey.self] }

    func requireStaff() throws -> Staff {
        guard let s = staff else { throw WebError.notSignedIn }
        return s
    }

    /// A member of staff named on a record (who saved it, who is allocated): the one signed
    /// in, as read for this request, without asking the database again.
    func staffMember(_ id: UUID) async throws -> Staff? {
        if let s = staff, s.id == id { return s }
        return try await store.staff(id)
    }

    /// The signed-in member of staff, as the audit trail names them.
    func actor() throws -> AuditActor { AuditActor(try requireStaff()) }

    /// Appends a read or list to the audit trail; returns once it is committed. Reads that
    /// arrive together share one commit (`AuditWriter`).
    func audit(_ action: String, person: UUID? = nil, detail: String = "") async throws {
        let entry = AuditEntry(try actor(), action, person: person, detail: detail)
        if let writer = application.storage[AuditWriterKey.self] { try await writer.record(entry, resumingOn: eventLoop) }
        else { try await store.record(entry) }
    }

    var locale: Locale2 { storage[LocaleKey.self] ?? .en }
    var t: Localizer { Localizer(locale) }

    var isAPI: Bool { requestPath.hasPrefix("/api/") }

    /// The CSRF token of this session, made on first use.
    var csrfToken: String {
        if let t = session.data[SessionKeys.csrf] { return t }
        let t = Token.random()
        session.data[SessionKeys.csrf] = t
        return t
    }
}

enum Token {
    /// 32 random bytes, URL-safe base64.
    static func random() -> String {
        var g = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &g) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func sha256(_ text: String) -> String {
        AuditEvent.hex(SHA256.hash(data: Data(text.utf8)))
    }
}

/// Works out the language and the signed-in member of staff for every request.
/// Pages use the session; the API uses a bearer token only (so cookies cannot be used to
/// call it from another site).
struct RequestContextMiddleware: AsyncMiddleware {
    let idleSeconds: Double
    /// However active, a session ends this long after sign-in.
    var absoluteSeconds: Double = 10 * 60 * 60
    /// How often the last request's time is written to the session.
    static let seenResolution: Double = 60

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if req.isAPI {
            if let bearer = req.headers.bearerAuthorization?.token,
               let s = try await req.store.staff(forTokenHash: Token.sha256(bearer)), s.active {
                req.storage[CurrentStaffKey.self] = s
            }
        } else if req.hasSession, let raw = req.session.data[SessionKeys.staff], let id = UUID(uuidString: raw) {
            let now = Date().timeIntervalSince1970
            let seen = req.session.data[SessionKeys.seen].flatMap(Double.init) ?? 0
            let started = req.session.data[SessionKeys.started].flatMap(Double.init) ?? 0
            if now - seen > idleSeconds || now - started > absoluteSeconds {
                req.session.data[SessionKeys.staff] = nil
            } else if let s = try await req.store.staff(id), s.active {
                req.storage[CurrentStaffKey.self] = s
                // Recorded at most once a minute: the session is saved only when it changes,
                // and saving it on every request would be a database write per page.
                if now - seen >= Self.seenResolution, SeenRecorder.shared.claim(req.session.id?.string ?? raw, now: now, within: Self.seenResolution) {
                    req.session.data[SessionKeys.seen] = String(Int(now))
                }
            } else {
                req.session.data[SessionKeys.staff] = nil
            }
        }
        req.storage[LocaleKey.self] = Self.locale(for: req)
        // Pages made for this response are written out as they are built (see H.eager).
        return try await H.$eager.withValue(true) { try await next.respond(to: req) }
    }

    /// Chosen language: the switch (a cookie), then the account, then the browser, then English.
    static func locale(for req: Request) -> Locale2 {
        if let c = req.cookie(Cookies.language), let l = Locale2(rawValue: c) { return l }
        if let l = req.staff?.locale { return l }
        if let accept = req.headers.first(name: .acceptLanguage)?.lowercased() {
            let first = accept.split(separator: ",").first.map { $0.split(separator: ";")[0].trimmingCharacters(in: .whitespaces) } ?? ""
            if first.hasPrefix("cy") { return .cy }
        }
        return .en
    }
}

/// Which sessions this process has just recorded as seen. Requests of one session that
/// arrive together all read the same last-seen time; without this each of them wrote the
/// session, one after another on the connections kept for writes, while the audit trail's
/// writer was taking SQLite's write lock between them.
final class SeenRecorder: @unchecked Sendable {
    static let shared = SeenRecorder()
    private let lock = NSLock()
    private var recorded: [String: Double] = [:]

    /// True for the first request of a session to ask within `within` seconds.
    func claim(_ session: String, now: Double, within: Double) -> Bool {
        lock.withLock {
            if let at = recorded[session], now - at < within { return false }
            if recorded.count >= 10_000 { recorded = recorded.filter { now - $0.value < within } }
            recorded[session] = now
            return true
        }
    }
}

extension Request {
    /// True when the request carries a session cookie (so reading the session costs nothing new).
    var hasSession: Bool { cookie("wm_session") != nil }

    /// One cookie's value, read straight from the `Cookie` headers (the last of that name,
    /// unquoted, as Vapor's `cookies` gives it). Vapor parses every cookie into a dictionary
    /// each time `cookies` is asked for, and its session middleware does so already; a page
    /// wants one or two.
    func cookie(_ name: String) -> String? {
        var found: Substring?
        for header in headers[.cookie] {
            // Byte by byte: splitting the header by Character walked its grapheme clusters.
            let u = header.utf8
            var start = u.startIndex
            while start < u.endIndex {
                let end = u[start...].firstIndex(of: UInt8(ascii: ";")) ?? u.endIndex
                if let eq = u[start..<end].firstIndex(of: UInt8(ascii: "=")),
                   u[start..<eq].drop(while: Self.isSpace).elementsEqual(name.utf8) {
                    var value = u[u.index(after: eq)..<end].drop(while: Self.isSpace)
                    while let last = value.last, Self.isSpace(last) { value = value.dropLast() }
                    if value.count >= 2, value.first == UInt8(ascii: "\""), value.last == UInt8(ascii: "\"") {
                        value = value.dropFirst().dropLast()
                    }
                    found = Substring(value)
                }
                start = end == u.endIndex ? end : u.index(after: end)
            }
        }
        return found.map(String.init)
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") }
}
