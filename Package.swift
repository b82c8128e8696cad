// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "WhatMatters",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "whatmatters", targets: ["whatmatters"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.100.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.6.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.8.0"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.3.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.0.0" ..< "5.0.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.65.0"),
    ],
    targets: [
        // Domain types, reference data, practice review, measures. Foundation only, no I/O frameworks.
        .target(
            name: "WhatMattersCore",
            resources: [.copy("Resources")],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        // Persistence: models, migrations, queries on SQLite and PostgreSQL.
        .target(
            name: "WhatMattersStore",
            dependencies: [
                "WhatMattersCore",
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        // The HTTP application: routes, pages, JSON API, sessions, access, i18n.
        .target(
            name: "WhatMattersWeb",
            dependencies: [
                "WhatMattersCore",
                "WhatMattersStore",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Plot", package: "Plot"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        // The command line: a thin executable over the libraries.
        .executableTarget(
            name: "whatmatters",
            dependencies: [
                "WhatMattersWeb",
                "WhatMattersStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        // Practice review throughput over a generated corpus (issue 4). Core only.
        .executableTarget(
            name: "review-benchmark",
            dependencies: ["WhatMattersCore"],
            path: "bench/review",
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        // Page rendering CPU per page (plan and caseload) from the demo authority. Web only.
        .executableTarget(
            name: "render-benchmark",
            dependencies: ["WhatMattersCore", "WhatMattersWeb"],
            path: "bench/render",
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .testTarget(name: "WhatMattersCoreTests", dependencies: ["WhatMattersCore"],
                    swiftSettings: [.swiftLanguageMode(.v5)]),
        .testTarget(name: "WhatMattersStoreTests", dependencies: ["WhatMattersStore"],
                    swiftSettings: [.swiftLanguageMode(.v5)]),
        .testTarget(
            name: "WhatMattersWebTests",
            dependencies: ["WhatMattersWeb", .product(name: "XCTVapor", package: "vapor")],
            exclude: ["__Snapshots__"],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
    ]
)
