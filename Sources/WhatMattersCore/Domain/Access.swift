import Foundation

/// Who may do what with a person's record: deny by default, decided in this one place for
/// pages and API alike. Pure, so that it can be read and tested as a table.
public enum Access {
    public enum Action: String, Sendable, CaseIterable { case list, read, write, export }

    /// How a member of staff stands to a person.
    public enum Relationship: String, Sendable, CaseIterable {
        /// No link: the person is in none of the staff member's teams.
        case none
        /// The person is in one of the staff member's teams.
        case team
        /// The person is allocated to this member of staff.
        case allocated
        /// Emergency access, with a reason and a fresh password, for a limited time.
        case breakGlass
    }

    public enum Sensitivity: String, Sendable, CaseIterable { case ordinary, restricted }

    /// Roles that read across the whole authority.
    public static func readsAuthority(_ role: Role) -> Bool { role == .qualityLead || role == .seniorLeader }

    /// Roles that may use break-glass at all, and what it then allows.
    public static func mayBreakGlass(_ role: Role) -> Bool { role != .evaluator }

    /// The decision. `named` is true when the staff member is named on a restricted record.
    public static func allows(role: Role, relationship: Relationship, sensitivity: Sensitivity, named: Bool = false,
                              action: Action) -> Bool {
        // A restricted record is for its named staff only: invisible to everyone else,
        // break-glass included.
        if sensitivity == .restricted && !named { return false }
        let inTeam = relationship == .team || relationship == .allocated
        switch role {
        case .practitioner, .mentor, .teamManager:
            if inTeam { return true }
            if relationship == .breakGlass { return action == .read || action == .write }
            return false
        case .qualityLead:
            // Audits need every plan; quality leads read and export, and do not change records.
            return action != .write
        case .seniorLeader:
            return action == .list || action == .read
        case .administrator, .panelMember:
            // Administrators manage accounts, not records; panel members see only what is
            // submitted to their panel (no submissions exist yet).
            return relationship == .breakGlass && action == .read
        case .evaluator:
            // Evaluators see anonymised exports only, never a person's record.
            return false
        }
    }

    /// Staff who can be allocated people.
    public static func allocatable(_ role: Role) -> Bool {
        [.practitioner, .teamManager, .mentor].contains(role)
    }

    /// Who sees a team's page: its members, and those who read across the authority.
    public static func canSeeTeam(_ staff: Staff, _ teamID: UUID) -> Bool {
        staff.active && (staff.teamIDs.contains(teamID) || readsAuthority(staff.role))
    }

    /// Who may restrict a record or name staff on it.
    public static func canRestrict(_ role: Role) -> Bool { role == .teamManager }
}
