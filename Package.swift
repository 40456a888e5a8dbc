// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "okno",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "okno", targets: ["okno"])
    ],
    targets: [
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CLinux"),
        .target(name: "OknoHTTP", dependencies: ["CLinux"]),
        .target(name: "OknoDomain"),
        .target(name: "OknoJSON"),
        .target(
            name: "OknoStore", dependencies: ["CSQLite", "CLinux", "OknoDomain"], resources: [.process("Migrations")]),
        .target(
            name: "OknoAPI", dependencies: ["OknoHTTP", "OknoJSON", "OknoDomain", "OknoStore"],
            resources: [.copy("Resources/openapi.json")]
        ),
        .target(
            name: "OknoApp",
            dependencies: ["CLinux", "OknoHTTP", "OknoJSON", "OknoDomain", "OknoStore", "OknoAPI"],
            resources: [.copy("Resources/directory.json")]
        ),
        .executableTarget(name: "okno", dependencies: ["OknoApp"]),
        .testTarget(name: "OknoHTTPTests", dependencies: ["OknoHTTP", "OknoDomain"]),
        .testTarget(name: "OknoDomainTests", dependencies: ["OknoDomain"]),
        .testTarget(name: "OknoStoreTests", dependencies: ["OknoStore", "OknoDomain"]),
        .testTarget(name: "OknoJSONTests", dependencies: ["OknoJSON"]),
        .testTarget(name: "EndToEndTests", dependencies: ["OknoApp", "OknoHTTP"]),
    ],
    swiftLanguageModes: [.v6]
)
