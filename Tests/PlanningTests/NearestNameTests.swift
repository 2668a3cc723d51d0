import Testing
import Planning

// Issue 12, item 9: a name that is a whole part of a longer one is suggested, as a typo is.
@Suite("The nearest name")
struct NearestNameTests {
    @Test("a typo, then a whole part at the start or end of a name, else nothing",
          arguments: [("visitrs", "visitors"), ("poverty", "poverty_rate"), ("arrivals", "tourist_arrivals"),
                      ("grdp_growth_rate", "grdp_growth"), ("Poverty", "poverty_rate"), ("pov", nil), ("gdp", nil),
                      ("rate", "poverty_rate"), ("forest", nil)] as [(String, String?)])
    func nearest(_ word: String, _ expected: String?) {
        let names = ["visitors", "poverty_rate", "poverty_gap_index", "tourist_arrivals", "grdp_growth", "forestcover"]
        #expect(nearestName(word, among: names) == expected)
    }
}
