import Foundation
import RegistreTestSupport
import Testing

@testable import RegistreDocuments

/// Issue 15: the families' notice as an accessible HTML page, from the same register XML and the
/// same templates as the PDF. Structure checked with Python's own HTML parser: lang="fr", one h1,
/// no skipped heading level, the landmarks, header cells, no duplicate id. (The axe-core scan in a
/// headless browser belongs with the web server's browser tests.)
@Suite("Notices : page HTML accessible")
struct NoticeHTMLTests {
  static func html(_ fixture: String, parameters: [String: String] = [:]) throws -> String {
    let stylesheet = try Tools.builtInTemplates.folder.appendingPathComponent("notice-familles-html.xsl")
    let data = try LibXSLTTransformer().transform(
      try Tools.fixture(fixture), stylesheet: stylesheet,
      parameters: ["date-document": "2026-09-01"].merging(parameters) { $1 })
    return String(decoding: data, as: UTF8.self)
  }

  /// Python's `html.parser` reads the page the way a browser tokenises it; the script prints one
  /// line per structural problem.
  static func structuralProblems(_ page: String) throws -> [String] {
    let python = try Checkers.require("python3", package: "python3")
    let script = #"""
      import sys
      from html.parser import HTMLParser
      VOID = {"meta", "link", "br", "img", "input", "hr"}
      class P(HTMLParser):
          def __init__(self):
              super().__init__(); self.stack = []; self.problems = []; self.headings = []; self.ids = set()
              self.lang = None; self.landmarks = []; self.th = 0; self.tables = 0; self.title = False; self.doctype = False
          def handle_decl(self, decl):
              if decl.lower().startswith("doctype html"): self.doctype = True
          def handle_starttag(self, tag, attrs):
              a = dict(attrs)
              if tag == "html": self.lang = a.get("lang")
              if tag in ("header", "nav", "main", "footer"): self.landmarks.append(tag)
              if tag in ("h1", "h2", "h3", "h4"): self.headings.append(int(tag[1]))
              if tag == "th":
                  self.th += 1
                  if a.get("scope") not in ("col", "row"): self.problems.append("th sans scope")
              if tag == "table": self.tables += 1
              if tag == "title": self.title = True
              if tag == "a" and not a.get("href"): self.problems.append("lien sans adresse")
              if "id" in a:
                  if a["id"] in self.ids: self.problems.append("id en double : " + a["id"])
                  self.ids.add(a["id"])
              if tag == "p" and "p" in self.stack: self.problems.append("p dans p")
              if tag not in VOID: self.stack.append(tag)
          def handle_endtag(self, tag):
              if tag in VOID: return
              if not self.stack or self.stack[-1] != tag:
                  self.problems.append("balise fermante inattendue : " + tag + " (ouvertes : " + "/".join(self.stack) + ")")
                  if tag in self.stack:
                      while self.stack and self.stack.pop() != tag: pass
              else: self.stack.pop()
      p = P(); p.feed(open(sys.argv[1], encoding="utf-8").read()); p.close()
      if not p.doctype: p.problems.append("pas de <!DOCTYPE html>")
      if p.lang != "fr": p.problems.append("lang : " + str(p.lang))
      if not p.title: p.problems.append("pas de title")
      for landmark in ("header", "main", "footer"):
          if p.landmarks.count(landmark) != 1: p.problems.append(landmark + " : " + str(p.landmarks.count(landmark)))
      if p.headings[:1] != [1] or p.headings.count(1) != 1: p.problems.append("titres : " + str(p.headings))
      for before, after in zip(p.headings, p.headings[1:]):
          if after > before + 1: p.problems.append("niveau de titre sauté : " + str(p.headings))
      if p.tables and not p.th: p.problems.append("tableaux sans en-têtes")
      for id in ("annexe", "droits"):
          if p.headings and id not in p.ids and p.tables: p.problems.append("cible absente : " + id)
      if p.stack: p.problems.append("non fermées : " + "/".join(p.stack))
      print("\n".join(p.problems))
      """#
    let file = try Tools.temporaryFile(Data(page.utf8), suffix: ".html")
    defer { try? FileManager.default.removeItem(at: file) }
    let (status, output) = try Tools.run(python, ["-c", script, file.path])
    #expect(status == 0, "\(output)")
    return output.split(separator: "\n").map(String.init)
  }

  @Test(arguments: ["registre-mini.xml", "notices-pieges.xml"])
  func pageIsStructured(fixture: String) throws {
    let page = try Self.html(fixture)
    #expect(page.hasPrefix("<!DOCTYPE html"))
    #expect(page.contains("<html lang=\"fr\">"))
    #expect(page.contains("<main>") && page.contains("<header>") && page.contains("<footer>"))
    #expect(page.contains("<nav aria-label=\"Dans cette page\">"))
    #expect(page.contains("<h1>Information des familles sur les données personnelles</h1>"))
    #expect(page.contains("<h2 id=\"annexe\">Annexe – le détail, traitement par traitement</h2>"))
    #expect(page.contains("<th scope=\"col\">Usage et finalité</th>"))
    #expect(!page.contains("fo:"), "reste du FO dans la page")
    let problems = try Self.structuralProblems(page)
    #expect(problems.isEmpty, "\(fixture) : \(problems)")
  }

  /// Same wording as the PDF: the sentences the truth tests pin are in the page too.
  @Test func sameWordsAsThePDF() throws {
    let page = try Self.html("notices-pieges.xml", parameters: ["traitement": "logiciel-sans-contrat"])
      .replacingOccurrences(of: "\u{A0}", with: " ").replacingOccurrences(of: "\u{202F}", with: " ")
    let pdf = try NoticeTruthTests.text(.noticeFamilies, treatment: "logiciel-sans-contrat")
    let sentence = "Éditeur Sans Contrat SAS (sous-traitant qui fournit ou héberge le service)"
    #expect(pdf.contains(sentence))
    #expect(page.contains(sentence))
    #expect(!page.contains("contrat de sous-traitance"))
    for heading in ["Vos droits, et qui contacter", "Qui est responsable ?", "Combien de temps ?"] {
      #expect(pdf.contains(heading))
      #expect(page.contains(heading), "« \(heading) » absent de la page")
    }
  }

  /// The « Document incomplet » box names the left-out fiches in the page as in the PDF.
  @Test func incompleteFichesAreNamed() throws {
    let page = try Self.html("registre-mini.xml", parameters: ["fiches-incompletes": "cantine"])
    #expect(page.contains("Document incomplet"))
    #expect(page.contains("cantine"))
    #expect(!(try Self.html("registre-mini.xml")).contains("Document incomplet"))
  }

  /// A broken page is caught: the checker itself fails on a page without lang or with a skipped level.
  @Test func checkerCatchesABrokenPage() throws {
    let broken = "<!DOCTYPE html><html><head><title>x</title></head><body><main><h1>a</h1><h3>b</h3></main></body></html>"
    let problems = try Self.structuralProblems(broken)
    #expect(problems.contains("lang : None"))
    #expect(problems.contains { $0.hasPrefix("niveau de titre sauté") })
    #expect(problems.contains("header : 0"))
  }
}
