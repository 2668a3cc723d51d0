import Foundation
import Testing

// Issue 12, item 9: the smaller ones, each as a user meets it.
@Suite("Issue 12, the small ones")
struct SmallFixesTests {
    /// A poverty rate in % falling towards 0, and tourist arrivals.
    static let shares = """
    series,year,value,unit
    poverty_rate,2014,6.1,%
    poverty_rate,2015,4.9,%
    poverty_rate,2016,3.7,%
    poverty_rate,2017,2.6,%
    poverty_rate,2018,1.9,%
    poverty_rate,2019,1.1,%
    poverty_rate,2020,0.6,%
    tourists,2016,1.1,million
    tourists,2017,1.3,million
    tourists,2018,1.4,million
    tourists,2019,1.7,million
    tourists,2020,1.9,million

    """

    @Test("fit --series poverty suggests poverty_rate")
    func nearestSeriesName() throws {
        let folder = try ForecastCommandTests.folder(["data.csv": Self.shares])
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try PlancastProcess.run(["fit", "data.csv", "--series", "poverty"], in: folder)
        #expect(run.status == 64)
        #expect(run.standardError.contains("has no series 'poverty'; did you mean 'poverty_rate'?"), "\(run.standardError)")
    }

}
