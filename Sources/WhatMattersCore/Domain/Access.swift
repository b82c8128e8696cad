import Foundation

/// Who may do what with a person's record. One place, pure, so that pages and API decide alike.
/// For now (the foundation): staff see and change the records of people allocated to their
/// own teams. Anything not allowed here is denied.
public enum Access {
    public enum Action: String, Sendable { case list, read, write }

    public static func allows(_ staff: Staff, _ action: Action, personInTeam teamID: UUID) -> Bool {
        guard staff.active else { return false }
        return staff.teamIDs.contains(teamID)
    }

    public static func canSeeTeam(_ staff: Staff, _ teamID: UUID) -> Bool {
        staff.active && staff.teamIDs.contains(teamID)
    }

    /// Staff who can be allocated people.
    public static func allocatable(_ role: Role) -> Bool {
        [.practitioner, .teamManager, .mentor].contains(role)
    }
}
