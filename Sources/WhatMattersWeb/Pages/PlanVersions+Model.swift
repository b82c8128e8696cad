import Foundation
import WhatMattersCore

/// Every saved version of a plan: when, by whom, and what it held.
struct PlanVersionsModel {
    var person: Person
    var versions: [PlanVersionSummary]
    var staffNames: [UUID: String]
}
