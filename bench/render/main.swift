// Page rendering (the CPU a request spends turning a page model into its response body):
// the demo practitioner's plan pages and caseload, made from the demo authority, rendered
// on one thread as a request renders them. Plan pages twice: written afresh ("plan"), and
// with their main content kept once written, as the server keeps it ("plan.kept").
//
//   swift run -c release --scratch-path .build-release render-benchmark [RENDERS]   (default 3000 of each page)
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import WhatMattersCore
import WhatMattersWeb

func threadCPU() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

let renders = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 3000
let only = ProcessInfo.processInfo.environment["RENDER_ONLY"]  // "plan" or "caseload", for profilers

let start = threadCPU()
var samples: [(String, [SamplePage])] = []
let demo = SamplePages.demo()
for locale in Locale2.allCases {
    let (caseload, plans, keptPlans) = demo[locale]!
    if only != "caseload" {
        samples.append(("plan.\(locale.rawValue)", plans))
        samples.append(("plan.kept.\(locale.rawValue)", keptPlans))
    }
    if only != "plan" { samples.append(("caseload.\(locale.rawValue)", [caseload])) }
}
print(String(format: "pages made from the demo authority in %.1f s (CPU)", threadCPU() - start))

/// Renders the pages `renders` times in turn; µs of thread CPU per page and the mean body size.
func measure(_ pages: [SamplePage]) -> (Double, Int) {
    var bytes = 0
    for page in pages { bytes += page.render() }  // warm up
    let t0 = threadCPU()
    var sink = 0
    for i in 0..<renders { sink &+= pages[i % pages.count].render() }
    let t = threadCPU() - t0
    precondition(sink > 0)
    return (t / Double(renders) * 1e6, bytes / pages.count)
}

for (name, pages) in samples {
    let (us, bytes) = measure(pages)
    print(name.padding(toLength: 14, withPad: " ", startingAt: 0)
          + String(format: " %8.1f µs/page  (%d pages rotating, %d bytes on average, %d renders)", us, pages.count, bytes, renders))
}
