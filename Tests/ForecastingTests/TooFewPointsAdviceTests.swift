import Testing
import Forecasting

/// The advice of "too few points" is one a user can follow: a simpler model only where one would fit.
@Suite("Too few points: advice that can be followed")
struct TooFewPointsAdviceTests {
    @Test("the fewest points of any model are a linear trend's: 3")
    func fewestPoints() {
        #expect(TrendModel.fewestPoints == 3)
        #expect(TrendModel.fewestPoints == PlanningForecaster.minimumPoints)
        #expect(TrendModel.fewestPoints == AnnualForecaster.minimumPoints)
    }

    @Test("below 3 points only more data helps; from 3 on a simpler model is offered", arguments: [
        (0, 3, "add data: no model fits fewer than 3 points"),
        (2, 3, "add data: no model fits fewer than 3 points"),
        (3, 4, "add data or choose a simpler model (a linear trend needs 3)"),
    ])
    func advice(have: Int, need: Int, advice: String) throws {
        let message = ForecastingError.tooFewPoints(series: "tourists", model: "quadratic", have: have, need: need).description
        #expect(message.hasSuffix(advice), "\(message)")
        #expect(message.hasPrefix("series 'tourists' has \(have) point"))
    }

    @Test("a fit to fewer points than any model needs says so")
    func fitWithTwoPoints() throws {
        let series = try Series(name: "tourists", observations: [Observation(year: 2019, value: 1), Observation(year: 2020, value: 2)])
        #expect(throws: ForecastingError.tooFewPoints(series: "tourists", model: "linear", have: 2, need: 3)) {
            try TrendModel(shape: .linear).fit(series)
        }
    }
}
