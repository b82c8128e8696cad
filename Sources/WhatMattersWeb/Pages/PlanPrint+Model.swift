import Foundation
import WhatMattersCore

/// The plan as the person keeps it: short, in their preferred language, their words verbatim.
struct PlanPrintModel {
    var person: Person
    var record: PlanRecord

    /// The language of the printed plan: the person's choice; Welsh or English only
    /// (a person who chose another language gets the language the record is written in).
    var language: Locale2 {
        switch person.details.preferredLanguage {
        case .cy: return .cy
        case .en: return .en
        case .other: return record.plan.language
        }
    }
}
