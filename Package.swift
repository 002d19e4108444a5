// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "sfncost",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "sfncost", targets: ["sfncost"]),
        .library(name: "SFNCostKit", targets: ["SFNCostKit"]),
    ],
    // Pinned to exact versions: the build environment ignores Package.resolved (it is not
    // committed), so the manifest itself is what makes every build use the same code.
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    ],
    targets: [
        .target(
            name: "SFNCostKit",
            // Yams also brings libyaml as the C module CYaml, which YAMLEventReader reads events from.
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
