// swift-tools-version: 6.0
// Examples of plancast as a library: a package that depends on plancast by path, as any other
// Swift package would by URL. Built and run by .ci/run (scratch path .build-examples), so the
// public API it uses cannot rot unnoticed.
import PackageDescription

let package = Package(
    name: "plancast-examples",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "plancast", path: ".."),
    ],
    targets: [
        // One executable per library layer, each the runnable example of that module's DocC page.
        .executableTarget(name: "least-squares", dependencies: [.product(name: "LinearAlgebra", package: "plancast")]),
        .executableTarget(name: "fit-trend", dependencies: [.product(name: "Forecasting", package: "plancast")]),
        .executableTarget(
            name: "plan-in-code",
            dependencies: [.product(name: "Forecasting", package: "plancast"), .product(name: "Planning", package: "plancast")]
        ),
        .executableTarget(
            name: "assess-langson",
            dependencies: [
                .product(name: "DataFiles", package: "plancast"),
                .product(name: "Reports", package: "plancast"),
                .product(name: "Forecasting", package: "plancast"),
                .product(name: "Planning", package: "plancast"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
