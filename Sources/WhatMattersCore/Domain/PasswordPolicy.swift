import Foundation

/// Passwords as the NCSC advises: long enough, not one of the commonest, not the account's
/// own name or email; no forced complexity, no forced rotation.
public enum PasswordPolicy {
    public static let minimumLength = 10
    /// bcrypt reads at most 72 bytes of a password; a longer one would be cut short unseen.
    public static let maximumLength = 64, maximumBytes = 72

    public enum Problem: String, Sendable, Equatable {
        case invalidCharacters, tooLong, tooShort, common, personal
    }

    /// The deny-list, from `Resources/common-passwords.txt`.
    public static let common: Set<String> = {
        guard let url = Bundle.module.url(forResource: "common-passwords", withExtension: "txt", subdirectory: "Resources"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return Set(text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") })
    }()

    public static func problems(_ password: String, email: String = "", name: String = "") -> [Problem] {
        var out: [Problem] = []
        // bcrypt stops at a NUL: everything after it would not count.
        if password.unicodeScalars.contains("\u{0}") { out.append(.invalidCharacters) }
        if password.count > maximumLength || password.utf8.count > maximumBytes { out.append(.tooLong) }
        if password.count < minimumLength { out.append(.tooShort) }
        let lowered = password.lowercased()
        // "Password123!" is as common as "password123": ignore trailing digits and symbols.
        let stem = String(lowered.reversed().drop { !$0.isLetter }.reversed())
        if common.contains(lowered) || common.contains(stem) || (!stem.isEmpty && Set(stem).count <= 2) { out.append(.common) }
        let local = email.split(separator: "@").first.map { $0.lowercased() } ?? ""
        let nameParts = name.lowercased().split(separator: " ").map(String.init).filter { $0.count >= 4 }
        if (!local.isEmpty && lowered.contains(local)) || nameParts.contains(where: { lowered.contains($0) }) { out.append(.personal) }
        return out
    }
}
