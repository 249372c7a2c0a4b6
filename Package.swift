// swift-tools-version: 6.0
import PackageDescription

/// Settings shared by every Swift target: Swift 6 language mode (complete
/// concurrency checking) is the default of tools version 6.0.
let swiftSettings: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
  name: "Registre",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "registre", targets: ["registre"]),
    .library(name: "RegistreModel", targets: ["RegistreModel"]),
    .library(name: "RegistreFormats", targets: ["RegistreFormats"]),
    .library(name: "RegistreRules", targets: ["RegistreRules"]),
    .library(name: "RegistreDocuments", targets: ["RegistreDocuments"]),
    .library(name: "RegistreSignature", targets: ["RegistreSignature"]),
    .library(name: "RegistreProbe", targets: ["RegistreProbe"]),
    .library(name: "RegistreEvaluation", targets: ["RegistreEvaluation"]),
    .library(name: "RegistreWorkflows", targets: ["RegistreWorkflows"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
  ],
  targets: [
    // MARK: C libraries, found with pkg-config

    .systemLibrary(
      name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
    .systemLibrary(
      name: "CLibXSLT", pkgConfig: "libexslt", providers: [.apt(["libxslt1-dev"])]),
    .systemLibrary(
      name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
    .systemLibrary(name: "CSystemZlib", providers: [.apt(["zlib1g-dev"])]),
    /** Process limits in C: the counting allocator behind XSLT memory bounds, core-dump switch. */
    .target(name: "CRegistreLimits"),

    // MARK: Library

    /** Value types of the register: établissement, traitements, sous-traitants, violations. No I/O. */
    .target(name: "RegistreModel", swiftSettings: swiftSettings),

    /** File-system helpers shared by every writer: atomic writes, no symlink following. */
    .target(name: "RegistreSupport", dependencies: ["CRegistreLimits"], swiftSettings: swiftSettings),

    /** Small Swift owners of libxml2 / libxslt pointers: safe parsing, XSD validation, XSLT. */
    .target(
      name: "RegistreXML", dependencies: ["CLibXML2", "CLibXSLT", "CRegistreLimits"], swiftSettings: swiftSettings),

    /** Register folder (YAML) ⇄ model ⇄ canonical XML; the format descriptor; diagnostics. */
    .target(
      name: "RegistreFormats",
      dependencies: [
        "RegistreModel", "RegistreXML", "RegistreSupport", .product(name: "Yams", package: "Yams"),
      ],
      swiftSettings: swiftSettings),

    /** Bundled catalogue of typical EPLE processing activities and the demo register. */
    .target(
      name: "RegistreCatalogue",
      dependencies: [
        "RegistreModel", "RegistreFormats", "RegistreRules", "RegistreSupport",
      ],
      resources: [.copy("Resources/demo"), .copy("Resources/catalogue")],
      swiftSettings: swiftSettings),

    /** The audit: one rule per file, pure functions of the model; DPIA screening; scores. */
    .target(name: "RegistreRules", dependencies: ["RegistreModel"], swiftSettings: swiftSettings),

    /** XSLT templates to XSL-FO, and the Renderer protocol with its Apache FOP implementation. */
    .target(
      name: "RegistreDocuments", dependencies: ["RegistreSupport", "RegistreXML", "CRegistreLimits"],
      // Java/: the warm rendering service's source (WarmFOPRenderer), run as is by `java`.
      resources: [.copy("Resources/Templates"), .copy("Java")],
      swiftSettings: swiftSettings),

    /** The crypto door: the one digest, X.509 reading and trust store, small owners of OpenSSL pointers. */
    .target(name: "RegistreCrypto", dependencies: ["COpenSSL"], swiftSettings: swiftSettings),

    /** PDF reader, incremental writer and PAdES signatures (CMS with OpenSSL), verification. */
    .target(
      name: "RegistreSignature", dependencies: ["RegistreCrypto", "RegistreSupport", "COpenSSL", "CSystemZlib"],
      swiftSettings: swiftSettings),

    /** TLS probe of a vendor's endpoints with libssl, judged against ANSSI's TLS guide. */
    .target(name: "RegistreProbe", dependencies: ["RegistreCrypto", "RegistreSupport", "COpenSSL"], swiftSettings: swiftSettings),

    /** Batch audit of many registers in parallel; reports of a batch. */
    .target(
      name: "RegistreBatch",
      dependencies: [
        "RegistreModel", "RegistreFormats", "RegistreRules", "RegistreCatalogue", "RegistreSupport", "RegistreXML",
      ],
      swiftSettings: swiftSettings),

    /** Synthetic registers for tests and benchmarks: deterministic generator (SplitMix64), completed catalogue entries. */
    .target(
      name: "RegistreGenerator",
      dependencies: ["RegistreModel", "RegistreFormats", "RegistreRules", "RegistreCatalogue", "RegistreSupport"],
      swiftSettings: swiftSettings),

    /** Pre-adoption check of a digital tool: verdict, draft register entry, notice for families. */
    .target(
      name: "RegistreEvaluation",
      dependencies: ["RegistreModel", "RegistreFormats", "RegistreRules", "RegistreProbe", "RegistreXML"],
      swiftSettings: swiftSettings),

    /** Import of an existing register (CNIL model .ods, MADIS CSV, any spreadsheet with a mapping) into
        register drafts with a report; the CNIL-layout spreadsheet export. Zip through ZIPFoundation, bounded. */
    .target(
      name: "RegistreImport",
      dependencies: [
        "RegistreModel", "RegistreFormats", "RegistreXML", "RegistreSupport", "CSystemZlib",
        .product(name: "ZIPFoundation", package: "ZIPFoundation"), .product(name: "Yams", package: "Yams"),
      ],
      swiftSettings: swiftSettings),

    /** Yearly sealed export: changes between registers, yearly review, CSV/ODS, manifest, verification. */
    .target(
      name: "RegistreArchive",
      dependencies: [
        "RegistreModel", "RegistreFormats", "RegistreRules", "RegistreSignature", "RegistreDocuments",
        "RegistreSupport", "RegistreXML", "RegistreCrypto", "CSystemZlib", "RegistreImport", "RegistreTeam",
      ],
      swiftSettings: swiftSettings),

    /** Entry points for every job a user can ask for (audit, documents, signing, export, opinion, demo):
        plain values in, typed results or French errors out; the CLI and the web server both call them. */
    .target(
      name: "RegistreWorkflows",
      dependencies: [
        "RegistreModel", "RegistreFormats", "RegistreCatalogue", "RegistreRules", "RegistreDocuments",
        "RegistreSignature", "RegistreSupport", "RegistreArchive", "RegistreEvaluation", "RegistreBatch",
        "RegistreProbe", "RegistreXML", "RegistreCrypto", "RegistrePIA", "RegistreImport", "RegistreTeam",
      ],
      swiftSettings: swiftSettings),

    /** Team work (issue 18): accounts (bcrypt hashes), roles, the review workflow and the hash-chained journal. */
    .target(
      name: "RegistreTeam",
      dependencies: [
        "RegistreCrypto", "RegistreSupport", "RegistreFormats",
        .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
        .product(name: "Yams", package: "Yams"),
      ],
      swiftSettings: swiftSettings),

    /** The CNIL's PIA software: a PIA prefilled from a fiche, and a finished PIA read back. */
    .target(
      name: "RegistrePIA",
      dependencies: ["RegistreModel", "RegistreRules"],
      swiftSettings: swiftSettings),

    /** `registre serveur`: the register as a local web application (Hummingbird, Mustache templates). */
    .target(
      name: "RegistreServer",
      dependencies: [
        "RegistreModel", "RegistreFormats", "RegistreCatalogue", "RegistreRules", "RegistreDocuments",
        "RegistreSignature", "RegistreSupport", "RegistreEvaluation", "RegistreArchive", "RegistreWorkflows",
        "RegistrePIA", "RegistreTeam", "RegistreBatch",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Mustache", package: "swift-mustache"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "MultipartKit", package: "multipart-kit"),
      ],
      resources: [.copy("Resources/templates"), .copy("Resources/static")],
      swiftSettings: swiftSettings),

    // MARK: Command-line tool

    /** `registre`: thin French subcommands over the library. */
    .executableTarget(
      name: "registre",
      dependencies: [
        "RegistreModel", "RegistreFormats", "RegistreCatalogue", "RegistreRules",
        "RegistreDocuments", "RegistreSignature", "RegistreProbe", "RegistreSupport", "RegistreArchive",
        "RegistreEvaluation", "RegistreBatch", "RegistreGenerator", "RegistreWorkflows", "RegistreServer", "RegistreImport", "RegistreTeam",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: swiftSettings),

    // MARK: Tests

    /** What every test target shares: one process runner, temporary folders, the test PKI, local TLS/HTTP
        servers, the `registre` CLI runner and the policy for missing external checkers. Not a product. */
    .target(
      name: "RegistreTestSupport", path: "Tests/RegistreTestSupport", resources: [.copy("Resources")],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "RegistrePIATests",
      dependencies: [
        "RegistreTestSupport", "RegistrePIA", "RegistreWorkflows", "RegistreCatalogue", "RegistreModel",
        "RegistreRules", "RegistreFormats",
      ],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "RegistreTeamTests",
      dependencies: [
        "RegistreTestSupport", "RegistreTeam", "RegistreWorkflows", "RegistreCatalogue", "RegistreArchive",
        "RegistreFormats", "registre",
      ],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "RegistreCryptoTests", dependencies: ["RegistreTestSupport", "RegistreCrypto"],
      swiftSettings: swiftSettings),

    .testTarget(
      name: "RegistreXMLTests", dependencies: ["RegistreTestSupport", "RegistreXML"], swiftSettings: swiftSettings),
    .testTarget(
      name: "RegistreFormatsTests",
      dependencies: ["RegistreTestSupport", "RegistreFormats"],
      exclude: ["Fixtures"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "RegistreCLITests", dependencies: ["RegistreTestSupport", "registre", "RegistreFormats"], exclude: ["Fixtures"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "RegistreDocumentsTests", dependencies: ["RegistreTestSupport", "RegistreDocuments", "RegistreSupport"],
      exclude: ["Golden"],
      resources: [.copy("Fixtures")],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "RegistreSignatureTests", dependencies: ["RegistreTestSupport", "RegistreSignature", "RegistreCrypto"],
      resources: [.copy("Fixtures")],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "RegistreCatalogueTests",
      dependencies: ["RegistreTestSupport", 
        "RegistreCatalogue", "RegistreModel", "RegistreFormats", "RegistreRules",
        .product(name: "Yams", package: "Yams"),
      ],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "RegistreBatchTests",
      dependencies: [
        "RegistreTestSupport", "RegistreBatch", "RegistreGenerator", "RegistreModel", "RegistreFormats", "RegistreRules", "RegistreXML",
        "RegistreWorkflows",
      ],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "RegistreProbeTests", dependencies: ["RegistreTestSupport", "RegistreProbe", "RegistreSupport"], swiftSettings: swiftSettings),
    .testTarget(
      name: "RegistreEvaluationTests",
      dependencies: ["RegistreTestSupport", "RegistreEvaluation", "RegistreModel", "RegistreFormats", "RegistreProbe"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "RegistreArchiveTests",
      dependencies: ["RegistreTestSupport", 
        "registre", "RegistreArchive", "RegistreModel", "RegistreFormats", "RegistreSignature", "RegistreCatalogue",
        "RegistreSupport", "RegistreCrypto", "RegistreWorkflows",
      ],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "RegistreServerTests",
      dependencies: [
        "RegistreTestSupport", "RegistreServer", "RegistreFormats", "RegistreCatalogue", "RegistreSupport",
        "RegistreWorkflows", "RegistreSignature", "registre",
        .product(name: "HTTPTypes", package: "swift-http-types"),
      ],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "RegistreImportTests",
      dependencies: [
        "RegistreTestSupport", "RegistreImport", "RegistreFormats", "RegistreModel", "RegistreWorkflows", "RegistreArchive", "registre",
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ],
      resources: [.copy("Fixtures")],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "RegistreRulesTests", dependencies: ["RegistreTestSupport", "RegistreRules", "RegistreModel", "RegistreSupport"],
      swiftSettings: swiftSettings),
  ]
)

// MARK: Fuzzing harnesses (libFuzzer), only declared for scripts/fuzz.sh

// They have no `main`: libFuzzer supplies it when linked with `-sanitize=fuzzer`, so a
// plain `swift build` must not see them. scripts/fuzz.sh sets REGISTRE_FUZZ=1.
if Context.environment["REGISTRE_FUZZ"] != nil {
  package.targets += [
    .target(name: "FuzzDriver", path: "Fuzz/FuzzDriver", swiftSettings: swiftSettings),
    .executableTarget(
      name: "FuzzYAML", dependencies: ["FuzzDriver", "RegistreFormats", "RegistreModel", "RegistreRules"],
      path: "Fuzz/FuzzYAML", swiftSettings: swiftSettings),
    .executableTarget(
      name: "FuzzXML", dependencies: ["FuzzDriver", "RegistreFormats"], path: "Fuzz/FuzzXML", swiftSettings: swiftSettings),
    .executableTarget(
      name: "FuzzToolSheet", dependencies: ["FuzzDriver", "RegistreEvaluation", "RegistreModel"], path: "Fuzz/FuzzToolSheet",
      swiftSettings: swiftSettings),
    .executableTarget(
      name: "FuzzPDF", dependencies: ["FuzzDriver", "RegistreSignature"], path: "Fuzz/FuzzPDF", swiftSettings: swiftSettings),
    .executableTarget(
      name: "FuzzImport", dependencies: ["FuzzDriver", "RegistreImport"], path: "Fuzz/FuzzImport", swiftSettings: swiftSettings),
    .executableTarget(
      name: "FuzzModele", dependencies: ["FuzzDriver", "RegistreXML"], path: "Fuzz/FuzzModele", swiftSettings: swiftSettings),
  ]
}
