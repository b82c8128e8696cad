import Foundation
import WhatMattersCore

struct SignInModel {
    var email: String = ""
    var problems: [FormProblem] = []
    /// A form's text was kept when the session ended; say so.
    var kept: Bool = false
    var signedOut: Bool = false
    var next: String?
}
