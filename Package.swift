// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "EntangledStates",
    products: [
        .executable(name: "entangled", targets: ["entangled"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .target(name: "GameCore"),
        .target(name: "ScenarioFormat", dependencies: ["GameCore", .product(name: "Yams", package: "Yams")]),
        .target(name: "Strategy", dependencies: ["GameCore"]),
        .target(name: "Interface", dependencies: ["GameCore", "Strategy", "ScenarioFormat"]),
        .target(name: "Persistence", dependencies: ["GameCore", "ScenarioFormat"]),
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        .target(name: "Terminal", dependencies: ["Interface", "CNcursesw"]),
        .executableTarget(
            name: "entangled",
            dependencies: [
                "GameCore", "ScenarioFormat", "Strategy", "Interface", "Terminal", "Persistence",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "GameCoreTests", dependencies: ["GameCore", "ScenarioFormat", "Strategy"]),
        .testTarget(name: "ScenarioFormatTests", dependencies: ["ScenarioFormat", "GameCore"]),
        .testTarget(name: "StrategyTests", dependencies: ["Strategy", "GameCore", "ScenarioFormat"]),
        .testTarget(name: "InterfaceTests", dependencies: ["Interface", "GameCore", "ScenarioFormat", "Strategy"]),
        .testTarget(name: "PersistenceTests", dependencies: ["Persistence", "GameCore", "ScenarioFormat", "Strategy"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "EndToEndTests", dependencies: ["entangled"]),
    ],
    swiftLanguageModes: [.v6]
)
