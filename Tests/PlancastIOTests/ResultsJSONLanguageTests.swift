import Foundation
import Testing
import PlancastTestSupport
import Planning
import DataFiles
import Reports

@Suite("results.json speaks the run's language")
struct ResultsJSONLanguageTests {
    /// The province fixture (every target kind, no-data reasons, a fallback note), run once.
    static func run() throws -> PlanResult {
        try LoadedScenario(contentsOf: Fixtures.data("province/province.yaml").path).run(RunOptions(draws: 400))
    }

    @Test("each assessment's explanation in results.json is the explanation column of targets.csv, in Vietnamese and in English",
          arguments: ["vi", "en"])
    func explanationsFollowTheLanguage(language: String) throws {
        let result = try Self.run()
        let json = try #require(JSONSerialization.jsonObject(with: try result.resultsJSON(language: language)) as? [String: Any])
        #expect(json["language"] as? String == language)
        let assessments = try #require(json["assessments"] as? [[String: Any]])
        let table = try parseCSV(String(decoding: result.targetsCSV(language: language), as: UTF8.self), file: "targets.csv")
        let column = try #require(table.column("explanation"))
        #expect(assessments.count == table.rows.count)
        for (entry, row) in zip(assessments, table.rows) {
            #expect(entry["explanation"] as? String == row[column])
        }
        // The keys and the structured reasons stay the English contract whatever the language.
        #expect(assessments.allSatisfy { $0["reason"] != nil && $0["targetID"] != nil })
        let english = try #require(JSONSerialization.jsonObject(with: try result.resultsJSON(language: "en")) as? [String: Any])
        #expect(Set(json.keys) == Set(english.keys))
    }
}
