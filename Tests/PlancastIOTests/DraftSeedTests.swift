import Foundation
import Testing
import PlancastTestSupport
import Planning
@testable import DataFiles
@testable import Reports

/// `plancast draft` on the seed programme (Lạng Sơn, 2020–2025) against the 38 targets read by hand
/// (`Tests/Data/draft/targets-2025.csv`, the readings of `Scenarios/langson-2025.yaml`).
@Suite("Draft: the seed programme")
struct DraftSeedTests {
    static let folder = Fixtures.data("draft")
    static let seedPath = folder.appendingPathComponent("langson-action-program-2020-2025.txt").path

    static func draft() throws -> PlanDraft {
        let text = try planDocumentText(try Data(contentsOf: URL(fileURLWithPath: seedPath)), file: seedPath)
        return try draftPlan(text: text, file: seedPath)
    }

    /// What a target must be read as: value(s), comparison, kind, year and bound (the columns the issue scores).
    struct Expected {
        var id: String, kind: String, comparison: String, value: Double?, high: Double?, year: Int, bound: Double?
    }

    static func expected() throws -> [Expected] {
        let table = try readCSV(at: folder.appendingPathComponent("targets-2025.csv").path)
        func column(_ name: String) -> Int { table.header.firstIndex(of: name)! }
        return table.rows.map { row in
            Expected(id: row[column("id")], kind: row[column("kind")], comparison: row[column("comparison")],
                     value: Double(row[column("value")]), high: Double(row[column("value_high")]),
                     year: Int(row[column("target_year")])!, bound: Double(row[column("bound")]))
        }
    }

    /// How a drafted target differs from the expected one, or nil when it is exact.
    static func difference(_ e: Expected, _ entry: PlanDraft.Entry?) -> String? {
        guard let entry else { return "\(e.id): not drafted" }
        let r = entry.reading
        var wrong: [String] = []
        if r.kind.rawValue != e.kind { wrong.append("kind \(r.kind.rawValue) ≠ \(e.kind)") }
        if r.year != e.year { wrong.append("year \(r.year) ≠ \(e.year)") }
        if e.kind != "milestone" {
            if r.comparison?.rawValue != e.comparison { wrong.append("comparison \(r.comparison?.rawValue ?? "none") ≠ \(e.comparison)") }
            if r.value != e.value { wrong.append("value \(r.value.map { "\($0)" } ?? "none") ≠ \(e.value.map { "\($0)" } ?? "none")") }
            if r.valueHigh != e.high { wrong.append("value_high \(r.valueHigh.map { "\($0)" } ?? "none") ≠ \(e.high.map { "\($0)" } ?? "none")") }
            if r.upperBound != e.bound { wrong.append("bound \(r.upperBound.map { "\($0)" } ?? "none") ≠ \(e.bound.map { "\($0)" } ?? "none")") }
        }
        return wrong.isEmpty ? nil : "\(e.id) (line \(entry.line)): " + wrong.joined(separator: ", ")
    }

    @Test("at least 37 of the 38 targets exactly as read by hand; the misses are listed")
    func score() throws {
        let draft = try Self.draft()
        let expected = try Self.expected()
        #expect(expected.count == 38)
        let misses = expected.compactMap { e in Self.difference(e, draft.entries.first { $0.id == e.id }) }
        let exact = expected.count - misses.count
        print("draft seed score: \(exact) of \(expected.count) exact" + (misses.isEmpty ? "" : "; misses: " + misses.joined(separator: " | ")))
        #expect(exact >= 37, "misses: \(misses)")
        // No target beyond the 38: in particular none from the tasks sections.
        #expect(draft.entries.map(\.id) == expected.map(\.id))
    }

    @Test("no target comes from a tasks section ('Nhiệm vụ, giải pháp') or from outside the target sections")
    func onlyTargetSections() throws {
        let lines = try String(contentsOfFile: Self.seedPath, encoding: .utf8).components(separatedBy: "\n")
        var inTargets = false
        var targetLines = Set<Int>()
        for (i, line) in lines.enumerated() {
            if line.contains("Mục tiêu cụ thể") { inTargets = true; continue }
            if line.contains("Nhiệm vụ, giải pháp") || line.contains("Chương trình") && line.count < 200 { inTargets = false }
            if inTargets { targetLines.insert(i + 1) }
        }
        let draft = try Self.draft()
        #expect(!draft.entries.isEmpty)
        for entry in draft.entries { #expect(targetLines.contains(entry.line), "\(entry.id) from line \(entry.line)") }
        #expect(draft.unread.allSatisfy { targetLines.contains($0.line) })
    }

    @Test("the term 2020–2025 gives as_of 2020, base_year 2020, horizon 2025; programmes numbered as in the text")
    func term() throws {
        let draft = try Self.draft()
        #expect(draft.asOf == 2020 && draft.baseYear == 2020 && draft.horizon == 2025)
        #expect(Set(draft.entries.map(\.programme)) == [1, 2, 3, 4, 5])
        #expect(draft.language == .vi)
    }
}

/// The draft of the seed, given the series and models of `Scenarios/langson-2025.yaml` and its data,
/// assesses every identically read target as the hand-written file does.
@Suite("Draft: the seed's draft runs like the hand-written scenario")
struct DraftRunTests {
    @Test("same status, P(meet) within Monte Carlo error and projection for every target read identically")
    func sameAssessments() throws {
        let langson = try readScenarioFile(at: Fixtures.repository("Scenarios/langson-2025.yaml").path)
        let table = try readSeriesTable(try readCSV(at: langson.dataPath))
        let draft = try DraftSeedTests.draft()
        var plan = try parseScenarioText(draft.scenarioYAML(dataFile: "unused.csv", source: "seed"), file: "draft.yaml").plan
        plan.draws = langson.plan.draws
        plan.seed = langson.plan.seed
        var identical: [String] = []
        for (i, indicator) in plan.indicators.enumerated() {
            let target = indicator.targets[0]
            guard let hand = langson.plan.indicators.first(where: { $0.targets.contains { $0.id == target.id } }),
                  let handTarget = hand.targets.first(where: { $0.id == target.id }) else { continue }
            guard target.kind == handTarget.kind, target.comparison == handTarget.comparison, target.value == handTarget.value,
                  target.valueHigh == handTarget.valueHigh, target.year == handTarget.year,
                  indicator.upperBound == hand.upperBound || target.kind != .cumulativeCount && target.kind != .share else { continue }
            plan.indicators[i].series = hand.series
            plan.indicators[i].model = hand.model
            if target.kind == .milestone { plan.indicators[i].targets[0].milestoneStatus = handTarget.milestoneStatus }
            identical.append(target.id)
        }
        #expect(identical.count == 37)
        let drafted = try runPlan(plan, data: table.series)
        let written = try runPlan(langson.plan, data: table.series, scenarios: ["baseline"])
        var simulated = 0
        for id in identical {
            let a = try #require(drafted.assessments.first { $0.targetID == id && $0.scenario == "baseline" })
            let b = try #require(written.assessments.first { $0.targetID == id && $0.scenario == "baseline" })
            #expect(a.status == b.status, "\(id): \(a.status) vs \(b.status)")
            #expect(a.observed == b.observed, "\(id)")
            if let p = a.probabilityOfMeeting, let q = b.probabilityOfMeeting, !a.observed {
                // Different indicator ids seed different streams: 10,000 draws, so 4 standard errors ≤ 0.02.
                #expect(abs(p - q) <= 0.02, "\(id): P(meet) \(p) vs \(q)")
                if let x = a.projected, let y = b.projected { #expect(abs(x - y) <= 0.02 * abs(y), "\(id): \(x) vs \(y)") }
                simulated += 1
            } else {
                #expect(a.probabilityOfMeeting == b.probabilityOfMeeting && a.projected == b.projected, "\(id)")
            }
        }
        print("draft run: \(identical.count) targets read identically, \(simulated) of them simulated, statuses \(Set(identical.compactMap { id in drafted.assessments.first { $0.targetID == id }?.status }))")
    }
}
