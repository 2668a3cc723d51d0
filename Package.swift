// swift-tools-version: 6.0
// plancast: trend forecasting and scenario simulation for planning targets.
import PackageDescription

let package = Package(
    name: "plancast",
    platforms: [.macOS(.v13)],
    products: [
        // The libraries another Swift package can depend on (see Examples/ and ARCHITECTURE.md), lowest first.
        .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
        .library(name: "Forecasting", targets: ["Forecasting"]),
        .library(name: "Planning", targets: ["Planning"]),
        .library(name: "DataFiles", targets: ["DataFiles"]),
        .library(name: "Reports", targets: ["Reports"]),
        // Both of the above under the name earlier releases had.
        .library(name: "PlancastIO", targets: ["PlancastIO"]),
        .library(name: "PlancastCLI", targets: ["PlancastCLI"]),
        .executable(name: "plancast", targets: ["plancast"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/drmohundro/SWXMLHash", exact: "8.1.1"),
    ],
    targets: [
        // Lowest layer: the C interface to LAPACKE (OpenBLAS). Only LinearAlgebra imports it.
        .systemLibrary(
            name: "CLAPACKE",
            pkgConfig: "lapacke",
            providers: [.apt(["liblapacke-dev", "libopenblas-dev"])]
        ),
        // libm by name: LinearAlgebra imports no Foundation, so a package that uses it alone (Examples/
        // least-squares) would otherwise fail to link `sqrt` on Linux.
        .target(name: "LinearAlgebra", dependencies: ["CLAPACKE"], linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]),
        .target(name: "Forecasting", dependencies: ["LinearAlgebra"]),
        .target(name: "Planning", dependencies: ["Forecasting"]),
        // Reading (CSV, workbooks, scenario files, plan documents) and safe writing (atomic files, results folders).
        .target(name: "DataFiles", dependencies: ["Planning", "Forecasting", .product(name: "Yams", package: "Yams"),
                                                 .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                                                 .product(name: "SWXMLHash", package: "SWXMLHash")]),
        // Rendering a run: CSV, JSON, Markdown, HTML with its charts, workbooks, the terminal table; the messages in vi and en.
        .target(name: "Reports", dependencies: ["DataFiles", "Planning", "Forecasting"]),
        // DataFiles and Reports re-exported, for code written against the one module of earlier releases.
        .target(name: "PlancastIO", dependencies: ["DataFiles", "Reports", "Forecasting"]),
        .target(
            name: "PlancastCLI",
            dependencies: ["Reports", "DataFiles", "Planning", "Forecasting", "LinearAlgebra",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "plancast", dependencies: ["PlancastCLI"]),

        // What the test targets share (as swift-numerics' _TestSupport): the repository's fixtures,
        // temporary files, running programs and the built plancast, tolerances, the long-file readers.
        .target(name: "PlancastTestSupport", dependencies: ["DataFiles"], path: "Tests/PlancastTestSupport"),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "PlancastTestSupport"]),
        .testTarget(name: "ForecastingTests", dependencies: ["Forecasting", "LinearAlgebra", "PlancastTestSupport",
                                                             .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "PlanningTests", dependencies: ["Planning", "Forecasting", "PlancastTestSupport",
                                                          .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "PlancastIOTests", dependencies: ["DataFiles", "Reports", "PlancastIO", "Planning", "Forecasting", "PlancastTestSupport"],
                    exclude: ["Golden", "Workbooks"]),
        .testTarget(name: "PlancastCLITests", dependencies: ["PlancastCLI", "DataFiles", "Reports", "Forecasting", "PlancastTestSupport"]),
        // Reads Sources/ itself: imports point down, LAPACK stays behind LinearAlgebra, no flags below the CLI.
        .testTarget(name: "ArchitectureTests", dependencies: ["PlancastTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
