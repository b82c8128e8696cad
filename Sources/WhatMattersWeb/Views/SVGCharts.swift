import Foundation
import Plot
import WhatMattersCore

/// Charts drawn on the server as inline SVG: a title, a description and `role="img"`, and
/// always the same facts in a table or list beside them (the caller's job). Presentation
/// attributes only, never `style` (the Content-Security-Policy forbids inline styles).
/// Every text goes through `H`, so it is escaped like any other.
enum SVGCharts {
    /// A coordinate: whole numbers as they are, others to one decimal place (as "%.1f"
    /// would write them, without the cost of a format string on every point).
    static func n(_ v: Double) -> String {
        if v == v.rounded() { return String(Int(v)) }
        let tenths = Int((abs(v) * 10).rounded(.toNearestOrEven))
        return (v < 0 && tenths != 0 ? "-" : "") + String(tenths / 10) + "." + String(tenths % 10)
    }

    // MARK: Eco-map

    /// The person in the centre and the people important to them around; the line's weight
    /// and pattern show the connection, arrows show which way support flows.
    static func ecoMap(person: String, people: [ImportantPersonItem], t: Localizer, id: String = "ecomap") -> BodyNode {
        let layout = EcoMapLayout(people)
        let title = t("plan.ecomap.title", ["name": person])
        let desc = people.isEmpty ? t("plan.ecomap.empty") : people.map { describe($0, person: person, t: t) }.joined(separator: " ")
        var nodes: [BodyNode] = [
            H.el("title", ["id": "\(id)-title"], text: title),
            H.el("desc", ["id": "\(id)-desc"], text: desc),
            H.el("defs", [:], [
                H.el("marker", ["id": "\(id)-arrow", "viewBox": "0 0 10 10", "refX": "9", "refY": "5", "markerWidth": "14",
                                "markerHeight": "14", "markerUnits": "userSpaceOnUse", "orient": "auto-start-reverse"], [
                    H.void("path", ["d": "M0,0 L10,5 L0,10 z", "fill": "#0b0c0c"]),
                ]),
            ]),
        ]
        let arrow = "url(#\(id)-arrow)"
        for (p, node) in zip(people, layout.nodes) {
            // From the edge of the person's circle to the edge of theirs.
            let dx = node.x - layout.centreX, dy = node.y - layout.centreY
            let length = max((dx * dx + dy * dy).squareRoot(), 1)
            let ux = dx / length, uy = dy / length
            let x1 = layout.centreX + ux * (layout.centreRadius + 4), y1 = layout.centreY + uy * (layout.centreRadius + 4)
            let x2 = node.x - ux * (layout.nodeRadius + 4), y2 = node.y - uy * (layout.nodeRadius + 4)
            let (width, dash, colour) = stroke(p.connection)
            let (start, end): (String?, String?) = {
                switch p.direction {
                case .toPerson?: return (arrow, nil)
                case .fromPerson?: return (nil, arrow)
                case .bothWays?: return (arrow, arrow)
                case nil: return (nil, nil)
                }
            }()
            nodes.append(H.void("line", ["x1": n(x1), "y1": n(y1), "x2": n(x2), "y2": n(y2), "stroke": colour,
                                         "stroke-width": width, "stroke-dasharray": dash, "marker-start": start, "marker-end": end,
                                         "class": lineClass(p.connection)]))
        }
        nodes.append(H.void("circle", ["cx": n(layout.centreX), "cy": n(layout.centreY), "r": n(layout.centreRadius),
                                       "fill": "#1d70b8", "stroke": "#0b0c0c", "stroke-width": "2"]))
        // Names wrap onto two lines that fit inside their circle (white text outside the blue
        // one would vanish); the whole name is in the description and the table beside.
        let centreLines = wrap(person, width: 11)
        for (i, line) in centreLines.enumerated() {
            let y = layout.centreY + 5 + (Double(i) - Double(centreLines.count - 1) / 2) * 17
            nodes.append(H.el("text", ["x": n(layout.centreX), "y": n(y), "text-anchor": "middle", "fill": "#ffffff",
                                       "font-size": "15", "font-weight": "bold"], text: line))
        }
        for (p, node) in zip(people, layout.nodes) {
            let nameLines = wrap(p.name, width: 9)
            var parts: [BodyNode] = [H.void("circle", ["cx": n(node.x), "cy": n(node.y), "r": n(layout.nodeRadius), "fill": "#f3f2f1",
                                                       "stroke": "#0b0c0c", "stroke-width": "2"])]
            for (i, line) in nameLines.enumerated() {
                parts.append(H.el("text", ["x": n(node.x), "y": n(node.y - 2 - Double(nameLines.count - 1 - i) * 15), "text-anchor": "middle",
                                           "fill": "#0b0c0c", "font-size": "13", "font-weight": "bold"], text: line))
            }
            parts.append(H.el("text", ["x": n(node.x), "y": n(node.y + 15), "text-anchor": "middle", "fill": "#0b0c0c", "font-size": "12"],
                              text: shorten(p.relationship ?? "", 11)))
            nodes.append(H.el("g", ["class": "wm-ecomap__node"], parts))
        }
        return H.el("svg", ["xmlns": "http://www.w3.org/2000/svg", "viewBox": "0 0 \(n(layout.width)) \(n(layout.height))",
                            "role": "img", "aria-labelledby": "\(id)-title \(id)-desc", "class": "wm-chart wm-ecomap",
                            "font-family": "Arial, Helvetica, sans-serif"], nodes)
    }

    /// Strong: thick; moderate: medium; weak: dashed; stressful: dotted and red (never colour alone).
    static func stroke(_ c: Connection?) -> (String, String?, String) {
        switch c {
        case .strong?: return ("6", nil, "#0b0c0c")
        case .moderate?: return ("3", nil, "#0b0c0c")
        case .weak?: return ("2", "8 6", "#505a5f")
        case .stressful?: return ("3", "2 4", "#d4351c")
        case nil: return ("1", "1 3", "#505a5f")
        }
    }

    /// The line's classes, named for its connection: literals, made once.
    static func lineClass(_ c: Connection?) -> String {
        let cls: String
        switch c {
        case .strong?: cls = "wm-ecomap__line wm-ecomap__line--strong"
        case .moderate?: cls = "wm-ecomap__line wm-ecomap__line--moderate"
        case .weak?: cls = "wm-ecomap__line wm-ecomap__line--weak"
        case .stressful?: cls = "wm-ecomap__line wm-ecomap__line--stressful"
        case nil: cls = "wm-ecomap__line wm-ecomap__line--unknown"
        }
        assert(cls == "wm-ecomap__line wm-ecomap__line--\(c?.rawValue ?? "unknown")")
        return cls
    }

    /// One sentence per important person, the same facts as the table.
    static func describe(_ p: ImportantPersonItem, person: String, t: Localizer) -> String {
        var parts = [p.name]
        if let r = p.relationship, !r.isEmpty { parts[0] += " (\(r))" }
        parts.append(p.connection.map { t("plan.ecomap.connection", ["connection": t.label($0)]) } ?? t("plan.ecomap.connectionUnknown"))
        if let d = p.direction { parts.append(t("plan.ecomap.direction.\(d.rawValue)", ["name": person])) }
        if let g = p.gives, !g.isEmpty { parts.append(t("plan.ecomap.gives", ["kinds": g.map { t.label($0) }.joined(separator: ", ")])) }
        return parts.joined(separator: "; ") + "."
    }

    static func shorten(_ s: String, _ max: Int) -> String {
        s.count <= max ? s : String(s.prefix(max - 1)) + "…"
    }

    /// Words on at most `lines` lines of at most `width` characters; a word longer than a
    /// line, or words left over, end the last line with "…".
    static func wrap(_ s: String, width: Int, lines: Int = 2) -> [String] {
        var out: [String] = []
        var current = ""
        var words = s.split(whereSeparator: \.isWhitespace).map(String.init)[...]
        while let word = words.first {
            let candidate = current.isEmpty ? word : current + " " + word
            if candidate.count <= width { current = candidate; words = words.dropFirst(); continue }
            if current.isEmpty { current = word; words = words.dropFirst() }  // too long: shortened below
            if out.count == lines - 1 { break }
            out.append(shorten(current, width))
            current = ""
        }
        if !current.isEmpty || out.isEmpty {
            out.append(words.isEmpty ? shorten(current, width) : shorten(current + " " + words.joined(separator: " "), width))
        }
        return out
    }

    // MARK: Distance travelled

    /// One row per outcome (numbered as in the list beside the chart): the baseline as an
    /// open circle, the latest score as a filled one, an arrow between them.
    static func distance(_ items: [DistanceTravelled], t: Localizer, id: String = "distance") -> BodyNode {
        let scale = ScoreScale.standard
        let layout = DistanceChartLayout(items, scale: scale, labelWidth: 110)
        let lowLabel = scale.lowestLabel[t.locale] ?? "", highLabel = scale.highestLabel[t.locale] ?? ""
        let desc = items.enumerated().map { i, d -> String in
            let label = t("plan.chart.outcomeN", ["n": String(i + 1)])
            switch (d.baseline, d.latest) {
            case let (b?, l?): return t("plan.chart.descBoth", ["outcome": label, "baseline": String(b.value), "latest": String(l.value)])
            case let (b?, nil): return t("plan.chart.descBaseline", ["outcome": label, "baseline": String(b.value)])
            case let (nil, l?): return t("plan.chart.descLatest", ["outcome": label, "latest": String(l.value)])
            case (nil, nil): return t("plan.chart.descNone", ["outcome": label])
            }
        }.joined(separator: " ")
        var nodes: [BodyNode] = [
            H.el("title", ["id": "\(id)-title"], text: t("plan.chart.title")),
            H.el("desc", ["id": "\(id)-desc"], text: t("plan.chart.scale", ["low": String(scale.lowest), "lowLabel": lowLabel,
                                                                               "high": String(scale.highest), "highLabel": highLabel]) + " " + desc),
            H.el("defs", [:], [
                H.el("marker", ["id": "\(id)-arrow", "viewBox": "0 0 10 10", "refX": "9", "refY": "5", "markerWidth": "6",
                                "markerHeight": "6", "orient": "auto"], [
                    H.void("path", ["d": "M0,0 L10,5 L0,10 z", "fill": "#1d70b8"]),
                ]),
            ]),
            // Legend.
            H.void("circle", ["cx": n(layout.axisLeft), "cy": "12", "r": "6", "fill": "#ffffff", "stroke": "#0b0c0c", "stroke-width": "2"]),
            H.el("text", ["x": n(layout.axisLeft + 12), "y": "17", "font-size": "13", "fill": "#0b0c0c"], text: t("plan.chart.baseline")),
            H.void("circle", ["cx": n(layout.axisLeft + 150), "cy": "12", "r": "6", "fill": "#1d70b8", "stroke": "#0b0c0c", "stroke-width": "2"]),
            H.el("text", ["x": n(layout.axisLeft + 162), "y": "17", "font-size": "13", "fill": "#0b0c0c"], text: t("plan.chart.latest")),
        ]
        for (i, row) in layout.rows.enumerated() {
            nodes.append(H.el("text", ["x": "10", "y": n(row.y + 5), "font-size": "14", "fill": "#0b0c0c", "font-weight": "bold"],
                              text: t("plan.chart.outcomeN", ["n": String(i + 1)])))
            nodes.append(H.void("line", ["x1": n(layout.axisLeft), "y1": n(row.y), "x2": n(layout.axisRight), "y2": n(row.y),
                                         "stroke": "#b1b4b6", "stroke-width": "1"]))
            if let b = row.baselineX, let l = row.latestX, abs(l - b) > 14 {
                let dir: Double = l > b ? 1 : -1
                nodes.append(H.void("line", ["x1": n(b + dir * 8), "y1": n(row.y), "x2": n(l - dir * 9), "y2": n(row.y),
                                             "stroke": "#1d70b8", "stroke-width": "3", "marker-end": "url(#\(id)-arrow)"]))
            }
            if let b = row.baselineX {
                nodes.append(H.void("circle", ["cx": n(b), "cy": n(row.y), "r": "7", "fill": "#ffffff", "stroke": "#0b0c0c", "stroke-width": "2"]))
            }
            if let l = row.latestX {
                nodes.append(H.void("circle", ["cx": n(l), "cy": n(row.y), "r": "7", "fill": "#1d70b8", "stroke": "#0b0c0c", "stroke-width": "2"]))
            }
            if row.baselineX == nil && row.latestX == nil {
                nodes.append(H.el("text", ["x": n(layout.axisLeft + 4), "y": n(row.y - 6), "font-size": "12", "fill": "#505a5f"],
                                  text: t("plan.chart.notScored")))
            }
        }
        nodes.append(H.void("line", ["x1": n(layout.axisLeft), "y1": n(layout.axisY), "x2": n(layout.axisRight), "y2": n(layout.axisY),
                                     "stroke": "#0b0c0c", "stroke-width": "1"]))
        for tick in layout.ticks {
            nodes.append(H.void("line", ["x1": n(tick.x), "y1": n(layout.axisY), "x2": n(tick.x), "y2": n(layout.axisY + 5),
                                         "stroke": "#0b0c0c", "stroke-width": "1"]))
            nodes.append(H.el("text", ["x": n(tick.x), "y": n(layout.axisY + 20), "text-anchor": "middle", "font-size": "13",
                                       "fill": "#0b0c0c"], text: String(tick.value)))
        }
        nodes.append(H.el("text", ["x": n(layout.axisLeft), "y": n(layout.axisY + 36), "font-size": "12", "fill": "#505a5f"],
                          text: "\(scale.lowest) = \(lowLabel)"))
        nodes.append(H.el("text", ["x": n(layout.axisRight), "y": n(layout.axisY + 36), "font-size": "12", "fill": "#505a5f",
                                   "text-anchor": "end"], text: "\(scale.highest) = \(highLabel)"))
        return H.el("svg", ["xmlns": "http://www.w3.org/2000/svg", "viewBox": "0 0 \(n(layout.width)) \(n(layout.height))",
                            "role": "img", "aria-labelledby": "\(id)-title \(id)-desc", "class": "wm-chart wm-distance",
                            "font-family": "Arial, Helvetica, sans-serif"], nodes)
    }
}
