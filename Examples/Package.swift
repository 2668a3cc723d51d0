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
        .executableTarget(
            name: "assess-langson",
            dependencies: [
                .product(name: "PlancastIO", package: "plancast"),
                .product(name: "Planning", package: "plancast"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
