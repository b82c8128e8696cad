import Foundation

/// A small seedable pseudo-random generator (SplitMix64, Steele, Lea & Flood 2014).
///
/// The demo data must be the same on every run and every platform, so nothing here uses
/// Swift's per-process randomised hashing, `SystemRandomNumberGenerator`, or the standard
/// library's `random(in:using:)` (whose algorithm is not promised to stay the same across
/// Swift versions). Every draw is plain 64-bit integer arithmetic.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A generator for one named stream of a seed, e.g. the generator of person 1234.
    /// Streams with different `parts` are statistically independent.
    public init(seed: UInt64, _ parts: UInt64...) {
        var s = SplitMix64.mix(seed ^ 0x5745_4C53_4844_454D) // "WELSHDEM"
        for p in parts { s = SplitMix64.mix(s ^ SplitMix64.mix(p &+ 0x9E37_79B9_7F4A_7C15)) }
        state = s
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// The SplitMix64 finaliser: a bijective 64-bit mix.
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A stable 64-bit hash of a text (FNV-1a over UTF-8, then mixed), for naming streams.
    public static func hash(_ text: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return mix(h)
    }

    // MARK: Draws

    /// A uniform integer in `0..<bound` (Lemire's multiply-and-reject, unbiased).
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let n = UInt64(bound)
        var m = next().multipliedFullWidth(by: n)
        if m.low < n {
            let threshold = (0 &- n) % n
            while m.low < threshold { m = next().multipliedFullWidth(by: n) }
        }
        return Int(m.high)
    }

    /// A uniform integer in a closed range.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// A uniform double in `[0, 1)`, 53 bits.
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// True with the given probability.
    public mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// One element, uniformly.
    public mutating func pick<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }

    /// An index chosen with the given (non-negative) weights.
    public mutating func weightedIndex(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var x = unit() * total
        for (i, w) in weights.enumerated() {
            if x < w { return i }
            x -= w
        }
        return weights.count - 1
    }

    /// One element chosen with weights.
    public mutating func weighted<T>(_ items: [(T, Double)]) -> T {
        items[weightedIndex(items.map(\.1))].0
    }

    /// A Fisher–Yates shuffle with this generator.
    public mutating func shuffled<T>(_ items: [T]) -> [T] {
        var a = items
        if a.count < 2 { return a }
        for i in stride(from: a.count - 1, to: 0, by: -1) {
            let j = below(i + 1)
            if i != j { a.swapAt(i, j) }
        }
        return a
    }

    /// A version 4 (random) UUID built from two draws, so ids are stable for a seed.
    public mutating func uuid() -> UUID {
        let a = next(), b = next()
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<8 {
            bytes[i] = UInt8(truncatingIfNeeded: a >> (56 - 8 * UInt64(i)))
            bytes[8 + i] = UInt8(truncatingIfNeeded: b >> (56 - 8 * UInt64(i)))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40 // version 4
        bytes[8] = (bytes[8] & 0x3F) | 0x80 // RFC 4122 variant
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}

/// Whole-day arithmetic on `Day` without Foundation's calendar (which depends on the
/// platform's time-zone data): days are counted from 1970-01-01 with Howard Hinnant's
/// civil-date algorithms.
enum DemoCalendar {
    static func serial(_ d: Day) -> Int {
        let y = d.month <= 2 ? d.year - 1 : d.year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (d.month + 9) % 12
        let doy = (153 * mp + 2) / 5 + d.day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func day(_ serial: Int) -> Day {
        let z = serial + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return Day(year: y, month: m, day: d)!
    }

    static func adding(_ days: Int, to d: Day) -> Day { day(serial(d) + days) }

    /// 0 = Monday … 6 = Sunday.
    static func weekday(_ d: Day) -> Int { ((serial(d) % 7) + 7 + 3) % 7 }
}
