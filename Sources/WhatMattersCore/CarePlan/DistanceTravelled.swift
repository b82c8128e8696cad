import Foundation

/// How far the person has come on one outcome: the baseline beside the latest score, with
/// every score in date order and the words said at reviews (the number never stands alone).
public struct DistanceTravelled: Equatable, Sendable {
    public var outcomeID: String
    public var statement: String
    public var baseline: ScoreEntry?
    /// The latest score that is not the baseline, if any.
    public var latest: ScoreEntry?
    /// Every effective score of the outcome, oldest first.
    public var timeline: [ScoreEntry]
    /// What changed, in words, at each review (oldest first).
    public var narrative: [(date: Day, change: String)]

    public static func == (a: DistanceTravelled, b: DistanceTravelled) -> Bool {
        a.outcomeID == b.outcomeID && a.statement == b.statement && a.baseline == b.baseline && a.latest == b.latest
            && a.timeline == b.timeline && a.narrative.map(\.date) == b.narrative.map(\.date)
            && a.narrative.map(\.change) == b.narrative.map(\.change)
    }

    /// Latest minus baseline (positive is better on the default scale); nil without both.
    public var change: Int? {
        guard let b = baseline, let l = latest else { return nil }
        return l.value - b.value
    }

    /// One per outcome, in the plan's order.
    public static func of(_ plan: CarePlan) -> [DistanceTravelled] {
        let scores = plan.effectiveScores
        return plan.outcomes.map { o in
            // Stable sort: by date (undated last), then entry order.
            let mine = scores.enumerated().filter { $0.element.outcomeID == o.id }.sorted { x, y in
                switch (x.element.date, y.element.date) {
                case let (a?, b?) where a != b: return a < b
                case (nil, _?): return false
                case (_?, nil): return true
                default: return x.offset < y.offset
                }
            }.map(\.element)
            let baseline = mine.first { $0.kind == .baseline }
            let latest = mine.last { $0.kind != .baseline && $0.id != baseline?.id }
            let narrative = plan.reviews.sorted { $0.date < $1.date }.compactMap { r -> (Day, String)? in
                guard let c = r.outcomes.first(where: { $0.outcomeID == o.id }), !c.change.isEmpty else { return nil }
                return (r.date, c.change)
            }
            return DistanceTravelled(outcomeID: o.id, statement: o.statement, baseline: baseline, latest: latest,
                                     timeline: mine, narrative: narrative.map { (date: $0.0, change: $0.1) })
        }
    }
}

/// What an SVG chart of distance travelled needs, computed once, in pixels: one row per
/// outcome with the baseline and latest marks on a shared axis. Labels are supplied by the
/// caller in the reader's language.
public struct DistanceChartLayout: Equatable, Sendable {
    public struct Row: Equatable, Sendable {
        public var outcomeID: String
        public var y: Double
        public var baselineX: Double?
        public var latestX: Double?
        public var baseline: Int?
        public var latest: Int?
    }
    public var width: Double
    public var height: Double
    public var axisLeft: Double
    public var axisRight: Double
    public var axisY: Double
    /// Tick positions and values along the axis.
    public var ticks: [(x: Double, value: Int)]
    public var rows: [Row]

    public static func == (a: DistanceChartLayout, b: DistanceChartLayout) -> Bool {
        a.width == b.width && a.height == b.height && a.rows == b.rows && a.ticks.map(\.value) == b.ticks.map(\.value)
            && a.ticks.map(\.x) == b.ticks.map(\.x) && a.axisLeft == b.axisLeft && a.axisRight == b.axisRight && a.axisY == b.axisY
    }

    public init(_ items: [DistanceTravelled], scale: ScoreScale = .standard, width: Double = 640, rowHeight: Double = 56,
                labelWidth: Double = 40) {
        self.width = width
        let top = 30.0
        let left = labelWidth + 20, right = width - 20
        axisLeft = left
        axisRight = right
        let span = Double(scale.highest - scale.lowest)
        let x = { (v: Int) -> Double in left + (right - left) * Double(v - scale.lowest) / max(span, 1) }
        rows = items.enumerated().map { i, d in
            Row(outcomeID: d.outcomeID, y: top + Double(i) * rowHeight + rowHeight / 2,
                baselineX: d.baseline.map { x($0.value) }, latestX: d.latest.map { x($0.value) },
                baseline: d.baseline?.value, latest: d.latest?.value)
        }
        axisY = top + Double(max(items.count, 1)) * rowHeight + 10
        height = axisY + 40
        ticks = scale.range.map { (x: x($0), value: $0) }
    }
}

/// What an SVG eco-map needs: the person in the centre and each important person on a
/// circle around them, in pixels.
public struct EcoMapLayout: Equatable, Sendable {
    public struct Node: Equatable, Sendable {
        public var id: String
        public var x: Double
        public var y: Double
    }
    public var width: Double
    public var height: Double
    public var centreX: Double
    public var centreY: Double
    public var centreRadius: Double
    public var nodeRadius: Double
    public var nodes: [Node]

    public init(_ people: [ImportantPersonItem], width: Double = 640, height: Double = 480) {
        self.width = width; self.height = height
        centreX = width / 2; centreY = height / 2
        centreRadius = 48; nodeRadius = 40
        let ring = min(width, height) / 2 - nodeRadius - 30
        let n = max(people.count, 1)
        nodes = people.enumerated().map { i, p in
            // Start at the top and go clockwise; round to tenths so the drawing is stable.
            let angle = -Double.pi / 2 + 2 * Double.pi * Double(i) / Double(n)
            let r = { (v: Double) in (v * 10).rounded() / 10 }
            return Node(id: p.id, x: r(width / 2 + ring * cos(angle)), y: r(height / 2 + ring * sin(angle)))
        }
    }
}
