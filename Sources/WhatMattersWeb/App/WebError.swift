import Foundation
import Vapor
import WhatMattersCore
import WhatMattersStore

/// The one error type of the web layer. Mapped once, by `ErrorPages`, to an HTML page or to
/// `application/problem+json`.
public enum WebError: Error, Sendable {
    case notSignedIn
    case forbidden
    case notFound
    case badRequest(String)
    case invalid(FieldErrors)
    case conflict(currentVersion: Int)
    case csrf
    case unavailable
    /// Not this member of staff's record, but emergency access may be asked for.
    case breakGlassAvailable(UUID)
    /// Too many attempts; try again after the given number of seconds.
    case throttled(seconds: Int)
    /// The address exists, but not for this method (the answer names the ones it takes).
    case methodNotAllowed(allowed: [HTTPMethod])

    var status: HTTPStatus {
        switch self {
        case .notSignedIn: return .unauthorized
        case .forbidden: return .forbidden
        case .notFound: return .notFound
        case .badRequest: return .badRequest
        case .invalid: return .unprocessableEntity
        case .conflict: return .conflict
        case .csrf: return .forbidden
        case .unavailable: return .serviceUnavailable
        case .breakGlassAvailable: return .forbidden
        case .throttled: return .tooManyRequests
        case .methodNotAllowed: return .methodNotAllowed
        }
    }

    /// The key of the sentence that explains the error.
    var titleKey: String {
        switch self {
        case .notSignedIn: return "problem.notSignedIn"
        case .forbidden: return "problem.forbidden"
        case .notFound: return "problem.notFound"
        case .badRequest: return "problem.badRequest"
        case .invalid: return "problem.invalid"
        case .conflict: return "problem.conflict"
        case .csrf: return "problem.csrf"
        case .unavailable: return "problem.unavailable"
        case .breakGlassAvailable: return "problem.forbidden"
        case .throttled: return "problem.throttled"
        case .methodNotAllowed: return "problem.methodNotAllowed"
        }
    }

    static func from(_ error: any Error) -> WebError? {
        if let e = error as? WebError { return e }
        if let e = error as? StoreError {
            switch e {
            case .notFound: return .notFound
            case .conflict(let v): return .conflict(currentVersion: v)
            default: return nil
            }
        }
        if let e = error as? any AbortError {
            switch e.status {
            case .notFound: return .notFound
            case .unauthorized: return .notSignedIn
            case .forbidden: return .forbidden
            case .badRequest, .payloadTooLarge, .unsupportedMediaType, .methodNotAllowed, .uriTooLong: return .badRequest(e.reason)
            default: return nil
            }
        }
        if error is DecodingError { return .badRequest("body") }
        return nil
    }
}
