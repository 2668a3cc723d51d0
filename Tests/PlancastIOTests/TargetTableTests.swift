import Foundation
import Testing
import Forecasting
@testable import Planning
@testable import DataFiles
@testable import Reports

/// What the terminal table and `summary.md` say, in both languages, whatever their layout.
@Suite("Terminal table and summary.md")
struct TargetTableTests {
    static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test("a programme split over the file is one group in the terminal, summary.md and report.html", arguments: ["en", "vi"])
    func groupedByProgramme(language: String) throws {
        let result = try ReportFixture.result()
        // Programme 1 holds arrivals (first) and planting (last), with programme 2 between them.
        #expect(result.plan.targets.map { $0.target.programme } == [1, 1, 1, 1, 2, 2, 2, 1, 1])
        let word = language == "vi" ? "Chương trình" : "Programme"
        let terminal = result.terminalTable(colour: false, language: language)
        #expect(Self.count("\n\(word) 1\n", in: terminal) == 1)
        #expect(Self.count("\n\(word) 2\n", in: terminal) == 1)
        // F.1 (programme 1) comes before the programme 2 heading.
        #expect(terminal.range(of: "F.1")!.lowerBound < terminal.range(of: "\n\(word) 2\n")!.lowerBound)
        let md = result.summaryMarkdown(language: language)
        #expect(Self.count("## \(word) 1\n", in: md) == 1)
        let html = htmlReport(result, language: language)
        #expect(Self.count("scope=\"rowgroup\">\(word) 1</th>", in: html) == 1)
    }

    @Test("the tally counts targets per scenario, not rows of every scenario together")
    func tallyPerScenario() throws {
        let result = try ReportFixture.result()
        let terminal = result.terminalTable(colour: false, language: "en")
        let targets = result.plan.targets.count
        for scenario in result.scenarioNames {
            let line = try #require(terminal.split(separator: "\n").first { $0.hasPrefix("\(scenario): ") }, "no tally for \(scenario)")
            #expect(line.hasSuffix("(\(targets) targets)"))
            let numbers = line.dropFirst(scenario.count + 2).split(separator: "(")[0].split(separator: "·")
                .compactMap { Int($0.split(separator: " ").last!) }
            #expect(numbers.reduce(0, +) == targets, "\(line)")
        }
    }

    @Test("growth targets carry %/year and the historical and required growth; an observation is never called a forecast",
          arguments: ["en", "vi"])
    func unitsAndObservations(language: String) throws {
        let result = try ReportFixture.result()
        let vi = language == "vi"
        let terminal = result.terminalTable(colour: false, language: language)
        let line = try #require(terminal.split(separator: "\n").first { $0.contains("A.4") })
        #expect(line.contains(vi ? "≥ 10%/năm" : "≥ 10%/yr"))
        #expect(line.contains(vi ? "12.2%/năm" : "12.2%/yr"))
        #expect(line.contains("21.64 → 10.00"))
        let flow = try #require(terminal.split(separator: "\n").first { $0.contains("F.1") })
        #expect(flow.contains("3.06 → -3.85"))
        // The observed values: marked so, no P(meet), under a column that says "observed".
        let observed = try #require(terminal.split(separator: "\n").first { $0.contains("F.0") })
        #expect(observed.contains(vi ? "1080 (thực tế)" : "1080 (observed)"))
        #expect(observed.contains(vi ? "không đạt" : "missed"))
        #expect(!observed.contains("0.00"))
        #expect(terminal.contains(vi ? "Dự báo / thực tế" : "Projected / observed"))
        let md = result.summaryMarkdown(language: language)
        #expect(md.contains("| 21.64 (2015–2018) | 10.00 |"))
        #expect(md.contains(vi ? "1080 (thực tế)" : "1080 (observed)"))
    }

    @Test("targets before the term are flagged, and 'no data' always comes with its reason", arguments: ["en", "vi"])
    func flagsAndReasons(language: String) throws {
        let result = try ReportFixture.result()
        let vi = language == "vi"
        let terminal = result.terminalTable(colour: false, language: language)
        #expect(terminal.contains(vi ? "F.0: năm mục tiêu 2017 không thuộc giai đoạn kế hoạch 2019–2021"
                                     : "F.0: the target year 2017 is outside the plan's term 2019–2021"))
        #expect(terminal.contains(vi ? "A.3: năm mục tiêu 2018" : "A.3: the target year 2018"))
        #expect(terminal.contains(vi ? "B.1 — không có số liệu: 1 điểm số liệu đến năm 2018: mô hình logistic(trần 100) cần ít nhất 3 điểm"
                                     : "B.1 — no data: 1 point up to 2018: the logistic(cap 100) model needs at least 3 points; add data: no model fits fewer than 3 points"))
        #expect(terminal.contains(vi ? "C.2 — không có số liệu: chỉ tiêu này không gắn với chuỗi số liệu nào"
                                     : "C.2 — no data: no data series is given for this indicator"))
        let html = htmlReport(result, language: language)
        #expect(html.contains(vi ? "<span class=\"why\">1 điểm số liệu đến năm 2018" : "<span class=\"why\">1 point up to 2018"))
    }

    @Test("English output is English and Vietnamese output Vietnamese, in every human-readable file")
    func languages() throws {
        let result = try ReportFixture.result()
        let english = [result.terminalTable(colour: false, language: "en"), result.summaryMarkdown(language: "en"),
                       String(decoding: result.targetsCSV(language: "en"), as: UTF8.self)]
        for text in english {
            for word in ["Chương trình", "Kịch bản", "Đánh giá", "đúng hướng", "không có số liệu", "mọi kịch bản", "P(đạt)"] {
                #expect(!text.contains(word), "English output holds '\(word)'")
            }
        }
        // Indicator names follow the language: name_en in English, the plan's own name in Vietnamese.
        #expect(english[0].contains("Visitors <international> & domest…") && !english[0].contains("Khách du lịch"))
        #expect(english[1].contains("New forest planted"))
        let csv = String(decoding: result.targetsCSV(language: "vi"), as: UTF8.self)
        // The CSV's status column is the English contract (on track, no data …); its explanations follow the language.
        let table = try parseCSV(csv, file: "targets.csv")
        let explanations = try #require(table.column("explanation"))
        let vietnamese = [result.terminalTable(colour: false, language: "vi"), result.summaryMarkdown(language: "vi"),
                          htmlReport(result, language: "vi"), csv]
        for text in vietnamese.dropLast() + [table.rows.map { $0[explanations] }.joined(separator: "\n")] {
            for fragment in ["P(meet)", "simulated paths", "shock −40%", "on track", "off track", "no data series", "points up to",
                             "Programme", "linear trend", "milestone: status"] {
                #expect(!text.contains(fragment), "Vietnamese output holds '\(fragment)'")
            }
        }
        #expect(vietnamese[2].contains("cú sốc −40% năm 2020") && vietnamese[2].contains("Xu hướng tuyến tính"))
        // CSV headers are the same in both languages.
        let header = { (csv: String) in csv.split(separator: "\n")[0] }
        #expect(header(english[2]) == header(vietnamese[3]))
        // The English report names the indicator in English with the Vietnamese name as its subtitle.
        let html = htmlReport(result, language: "en")
        #expect(html.contains("<h3>New forest planted <span class=\"id\">(planting)</span></h3>\n<p class=\"name-en\" lang=\"vi\">Diện tích trồng rừng mới</p>"))
    }
}
