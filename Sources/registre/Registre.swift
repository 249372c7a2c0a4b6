import ArgumentParser

@main
struct Registre: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "registre",
    abstract: "Registre des activités de traitement d'un EPLE : valider, auditer, documenter, signer.",
    version: "0.1.0",
    subcommands: [Sonder.self]
  )
}
