import Foundation
import HTTPTypes
import RegistreServer
import RegistreTestSupport
import Testing

/// A `multipart/form-data` body with text fields and one file.
func multipart(_ fields: [(String, String)], file: (name: String, filename: String, content: String)?, boundary: String) -> String {
  var body = ""
  for (name, value) in fields {
    body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
  }
  if let file {
    body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"\r\n"
    body += "Content-Type: application/json\r\n\r\n\(file.content)\r\n"
  }
  return body + "--\(boundary)--\r\n"
}

@Suite("registre serveur : préparer l'AIPD et importer une AIPD terminée, comme « registre aipd »")
struct DPIAPagesTests {
  static let boundary = "registre-test-frontiere"
  static var multipartHeaders: HTTPFields { [.contentType: "multipart/form-data; boundary=\(boundary)"] }

  @Test func prepareThenImportFromTheTreatmentPage() async throws {
    let demo = try DemoCopy()
    defer { demo.remove() }
    let id = "applications-hors-gar"
    let cli = try RegistreCLI.run(
      ["aipd", "preparer", demo.folder.path, "--traitement", id, "--sortie", demo.folder.deletingLastPathComponent().appendingPathComponent("cli.json").path],
      environment: ["SOURCE_DATE_EPOCH": "1790000000"])
    #expect(cli.status == 0, "\(cli.errors)")
    let expected = try String(contentsOf: demo.folder.deletingLastPathComponent().appendingPathComponent("cli.json"), encoding: .utf8)
    setenv("SOURCE_DATE_EPOCH", "1790000000", 1)
    defer { unsetenv("SOURCE_DATE_EPOCH") }
    try await serve(demo.folder) { client in
      let page = try await client.execute(uri: "/traitements/\(id)", method: .get)
      #expect(page.text.contains("AIPD requise"))
      #expect(page.text.contains("aipd-requise-manquante"))
      #expect(page.text.contains("/traitements/\(id)/aipd.json"))
      let token = try #require(hidden("_csrf", in: page.text))
      // The download is the file the CLI writes, byte for byte.
      let download = try await client.execute(uri: "/traitements/\(id)/aipd.json", method: .get)
      #expect(download.status == .ok)
      #expect(download.headers[.contentDisposition] == "attachment; filename=\"pia-\(id).json\"")
      #expect(download.text == expected)
      // The finished PIA, as the PIA software exports it.
      var json = try #require(try JSONSerialization.jsonObject(with: Data(download.text.utf8)) as? [String: Any])
      var pia = try #require(json["pia"] as? [String: Any])
      pia["status"] = 2
      pia["dpo_status"] = 1
      pia["updated_at"] = "2026-11-20T09:30:00.000Z"
      json["pia"] = pia
      let finished = String(decoding: try JSONSerialization.data(withJSONObject: json), as: UTF8.self)
      // Without the CSRF token: refused, nothing written.
      let forged = try await client.execute(
        uri: "/traitements/\(id)/aipd", method: .post, headers: Self.multipartHeaders,
        body: multipart([("_csrf", "faux")], file: ("pia", "pia.json", finished), boundary: Self.boundary))
      #expect(forged.status == .forbidden)
      #expect(!FileManager.default.fileExists(atPath: demo.folder.appendingPathComponent("aipd").path))
      // Without a file: said so.
      let empty = try await client.execute(
        uri: "/traitements/\(id)/aipd", method: .post, headers: Self.multipartHeaders,
        body: multipart([("_csrf", token)], file: nil, boundary: Self.boundary))
      #expect(empty.status == .unprocessableContent)
      #expect(empty.text.contains("Choisissez le fichier JSON"))
      // A hostile file: refused with the reader's French message.
      let hostile = try await client.execute(
        uri: "/traitements/\(id)/aipd", method: .post, headers: Self.multipartHeaders,
        body: multipart([("_csrf", token)], file: ("pia", "pia.json", #"{"pia": 3}"#), boundary: Self.boundary))
      #expect(hostile.status == .unprocessableContent)
      #expect(hostile.text.contains("pas un fichier du logiciel PIA"))
      let imported = try await client.execute(
        uri: "/traitements/\(id)/aipd", method: .post, headers: Self.multipartHeaders,
        body: multipart([("_csrf", token)], file: ("pia", "pia.json", finished), boundary: Self.boundary))
      #expect(imported.status == .ok, "\(imported.text)")
      #expect(imported.text.contains("aipd.statut : realisee"))
      // The page is re-audited: the missing-DPIA finding is gone.
      #expect(!imported.text.contains("aipd-requise-manquante"))
    }
    #expect(try demo.file("traitements/\(id).yaml").contains("  statut: realisee"))
    let stored = try #require(try JSONSerialization.jsonObject(with: Data(demo.file("aipd/\(id).json").utf8)) as? [String: Any])
    #expect((stored["pia"] as? [String: Any])?["status"] as? Int == 2)
  }
}
