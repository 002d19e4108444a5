// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "sfncost",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "sfncost", targets: ["sfncost"]),
        .library(name: "SFNCostKit", targets: ["SFNCostKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(
            name: "SFNCostKit",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        .executableTarget(
            name: "sfncost",
            dependencies: [
                "SFNCostKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "SFNCostKitTests",
            dependencies: ["SFNCostKit"],
            // Read by path from the tests (oracle results, price-list samples), not bundled.
            exclude: ["Fixtures"]
        ),
        // Runs the built `sfncost` binary: exit codes, stderr locations, the README's commands.
        .testTarget(
            name: "sfncostCLITests",
            dependencies: ["sfncost"]
        ),
    ]
)
