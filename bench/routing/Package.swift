// swift-tools-version:6.0
import PackageDescription

// The routing benchmark, kept out of the main package (which exports only the `okno`
// executable). `OknoDomain` here is a symlink to ../../Sources/OknoDomain, compiled as its own
// module exactly as in the main package. Run it with ../routing.sh.
let package = Package(
    name: "routing-bench",
    targets: [
        .target(name: "OknoDomain", path: "OknoDomain"),
        .executableTarget(name: "RoutingBench", dependencies: ["OknoDomain"]),
    ],
    swiftLanguageModes: [.v6]
)
