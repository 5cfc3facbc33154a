// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Daicho",
    products: [
        .executable(name: "daicho", targets: ["daicho"]),
        .library(name: "DaichoCore", targets: ["DaichoCore"]),
        .library(name: "DaichoRender", targets: ["DaichoRender"]),
        .library(name: "DaichoSite", targets: ["DaichoSite"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.20.0"),
    ],
    targets: [
        // The C library cmark-gfm (Debian libcmark-gfm-dev, libcmark-gfm-extensions-dev).
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // glibc's mallopt, to tune the allocator for national-scale builds (no library to link).
        .systemLibrary(name: "CMalloc"),
        // renameat2's exchange, to swap a finished site in at once (no library to link).
        .systemLibrary(name: "CLinux"),
        // Domain model, parsing, validation and analysis: pure, no file writes, no C.
        .target(name: "DaichoCore", dependencies: [.product(name: "Yams", package: "Yams")]),
        // Markdown, templates and pages, all in memory.
        .target(
            name: "DaichoRender",
            dependencies: ["DaichoCore", "CCmarkGFM", .product(name: "Mustache", package: "swift-mustache")]
        ),
        // The file system: loading a project from disk and writing outputs atomically.
        .target(
            name: "DaichoSite",
            dependencies: ["DaichoCore", "DaichoRender", "CLinux", .product(name: "FlyingFox", package: "FlyingFox")]
        ),
        // Argument parsing only.
        .executableTarget(
            name: "daicho",
            dependencies: [
                "DaichoCore", "DaichoRender", "DaichoSite", "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "DaichoCoreTests", dependencies: ["DaichoCore"]),
        .testTarget(
            name: "DaichoRenderTests",
            dependencies: ["DaichoCore", "DaichoRender", .product(name: "Mustache", package: "swift-mustache")]
        ),
        .testTarget(
            name: "DaichoSiteTests",
            dependencies: ["DaichoCore", "DaichoRender", "DaichoSite", "CLinux", .product(name: "FlyingFox", package: "FlyingFox")],
            exclude: ["Snapshots"]
        ),
        .testTarget(name: "DaichoCLITests", dependencies: ["DaichoCore", "DaichoSite"], exclude: ["Snapshots"]),
    ],
    swiftLanguageModes: [.v6]
)
