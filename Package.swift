// swift-tools-version: 6.1
import PackageDescription

// Dependencies point one way: core <- database <- capabilities <- CLI.
// Only the executable imports swift-argument-parser.
let package = Package(
    name: "inclusion-warehouse",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "warehouse", targets: ["warehouse"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.7.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
    ],
    targets: [
        .target(
            name: "WarehouseCore",
            dependencies: [.product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "WarehouseDatabase",
            dependencies: [
                "WarehouseCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "WarehouseLoaders",
            dependencies: [
                "WarehouseCore", "WarehouseDatabase",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        .target(
            name: "WarehouseModels",
            dependencies: [
                "WarehouseCore", "WarehouseDatabase",
                .product(name: "Yams", package: "Yams"),
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        .target(
            name: "WarehousePipeline",
            dependencies: [
                "WarehouseCore", "WarehouseDatabase", "WarehouseLoaders", "WarehouseModels",
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        // Producers' files checked against the v1 (or v0) schema with the marts' rules, nothing written.
        .target(
            name: "WarehouseValidation",
            dependencies: [
                "WarehouseCore",
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // Foundation only: realistic raw snapshots with a truth file, for the dedup benchmark.
        .target(name: "WarehouseGenerator"),
        .target(
            name: "WarehouseAPI",
            dependencies: [
                "WarehouseCore", "WarehouseDatabase", "WarehouseValidation",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ]
        ),
        // Fetching the sources from their producers into a snapshot archive (URLSession).
        .target(
            name: "WarehouseFetch",
            dependencies: [
                "WarehouseCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The reporting schema's upkeep (event partitions, retention) and `warehouse report`.
        .target(name: "WarehouseReporting", dependencies: ["WarehouseCore", "WarehouseDatabase"]),
        .executableTarget(
            name: "warehouse",
            dependencies: [
                "WarehouseCore", "WarehouseDatabase", "WarehouseLoaders", "WarehouseModels", "WarehousePipeline",
                "WarehouseAPI", "WarehouseGenerator", "WarehouseValidation", "WarehouseFetch", "WarehouseReporting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "WarehouseTestSupport",
            dependencies: ["WarehouseCore", "WarehouseDatabase", "WarehousePipeline"],
            path: "Tests/WarehouseTestSupport"
        ),
        .testTarget(
            name: "WarehouseTests",
            dependencies: [
                "WarehouseCore", "WarehouseDatabase", "WarehouseLoaders", "WarehouseModels",
                "WarehousePipeline", "WarehouseTestSupport", "WarehouseAPI", "WarehouseGenerator", "WarehouseValidation",
                "WarehouseFetch", "WarehouseReporting",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
    ]
)
