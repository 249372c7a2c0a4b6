import Foundation
import Hummingbird

/// Pages that call the library's workflows: tool evaluation and documents.
struct WorkflowPages: Sendable {
  let site: Site

  func register(on router: Router<BasicRequestContext>) {
    router.get("/evaluer") { _, _ in
      site.page("pending", title: "Évaluer un outil", data: ["heading": "Évaluer un outil"], current: "/evaluer")
    }
    router.get("/documents") { _, _ in
      site.page("pending", title: "Documents", data: ["heading": "Documents"], current: "/documents")
    }
  }
}
