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
        .package(url: "https://github.com/apple/swift-nio-ssh", from: "0.15.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-crypto", "1.0.0"..<"5.0.0"),
    ],
    targets: [
        // Release builds skip the run-time exclusivity checks in the two hot modules (the compiler
        // still checks statically); they cost about 5 % of a game.
        .target(name: "GameCore", swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
        .target(name: "ScenarioFormat", dependencies: ["GameCore", .product(name: "Yams", package: "Yams")]),
        .target(name: "Strategy", dependencies: ["GameCore"],
                swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
        .target(name: "Interface", dependencies: ["GameCore", "Strategy", "ScenarioFormat", "Report"]),
        .target(name: "Persistence", dependencies: ["GameCore", "ScenarioFormat"]),
        .target(name: "Report", dependencies: ["GameCore"]),
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        .target(name: "Terminal", dependencies: ["Interface", "CNcursesw"]),
        // The workshop room: seats, join codes, the clock, simultaneous turns, the journal of
        // sealed orders. Knows the game; knows nothing of SSH or terminals.
        .target(name: "Room", dependencies: ["Interface", "GameCore", "Strategy", "Persistence", "ScenarioFormat"]),
        // The SSH front door: authenticates seats, refuses what is not served, and relays each
        // seat's bytes to a terminal of its own. Knows nothing of the rules.
        .target(name: "Server", dependencies: [
            "Room", "Terminal", "Interface",
            .product(name: "NIOSSH", package: "swift-nio-ssh"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .executableTarget(
            name: "entangled",
            dependencies: [
                "GameCore", "ScenarioFormat", "Strategy", "Interface", "Terminal", "Persistence", "Report", "Room", "Server",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // mimalloc (Debian: libmimalloc-dev) replaces the C library's malloc in the program:
            // a game allocates tens of thousands of small arrays and strings, and mimalloc plays
            // a forecast about a sixth faster (docs/performance.md).
            linkerSettings: [.linkedLibrary("mimalloc", .when(platforms: [.linux]))]
        ),
        .testTarget(name: "GameCoreTests", dependencies: ["GameCore", "ScenarioFormat", "Strategy"]),
        .testTarget(name: "ScenarioFormatTests", dependencies: ["ScenarioFormat", "GameCore"]),
        .testTarget(name: "StrategyTests", dependencies: ["Strategy", "GameCore", "ScenarioFormat"]),
        .testTarget(name: "InterfaceTests", dependencies: ["Interface", "GameCore", "ScenarioFormat", "Strategy"],
                    exclude: ["Snapshots"]),
        .testTarget(name: "PersistenceTests", dependencies: ["Persistence", "GameCore", "ScenarioFormat", "Strategy"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "GameCore", "ScenarioFormat", "Strategy"],
                    exclude: ["Golden"]),
        .testTarget(name: "ServerTests", dependencies: ["Server", "Room", "Interface", "Terminal"]),
        .testTarget(name: "EndToEndTests", dependencies: ["entangled"]),
        .testTarget(name: "RoomTests", dependencies: ["Room", "Interface", "GameCore", "ScenarioFormat", "Strategy", "Persistence"]),
    ],
    swiftLanguageModes: [.v6]
)
