import RegistreModel
import Testing
@testable import RegistreRules

/// Runs the whole audit on every corpus fiche and measures it against the DPD's expectations:
/// a finding counts as (rule, subject); anything found on the case's subject that is not
/// expected is a false positive, anything expected and not found a false negative.
@Suite struct CorpusTests {
  struct Tally {
    var truePositives = 0, falsePositives = 0, falseNegatives = 0
    var precision: Double {
      truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives)
    }
    var recall: Double {
      truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives)
    }
  }

  static func measure() -> (total: Tally, byClass: [Int: Tally], misses: [String]) {
    var total = Tally()
    var byClass: [Int: Tally] = [:]
    var misses: [String] = []
    for item in Corpus.cases {
      let report = Audit.run(item.register, context: Fixture.context)
      // The corpus fiches were written for the weakness classes of issue 16 and do not record what
      // a notice needs (origin, mandatory provision): `notice-incomplete` has its own two-way tests.
      let found = Set(
        report.findings.filter { $0.subject == item.subject && $0.rule != "notice-incomplete" }.map(\.rule))
      var tally = byClass[item.weaknessClass] ?? Tally()
      let tp = found.intersection(item.expected).count
      let fp = found.subtracting(item.expected)
      let fn = item.expected.subtracting(found)
      tally.truePositives += tp
      tally.falsePositives += fp.count
      tally.falseNegatives += fn.count
      total.truePositives += tp
      total.falsePositives += fp.count
      total.falseNegatives += fn.count
      byClass[item.weaknessClass] = tally
      if !fp.isEmpty { misses.append("\(item.name): en trop \(fp.sorted())") }
      if !fn.isEmpty { misses.append("\(item.name): manquant \(fn.sorted())") }
    }
    return (total, byClass, misses)
  }

  @Test func corpusHasAtLeastThirtyCitedRecords() {
    #expect(Corpus.cases.count >= 30)
    #expect(Corpus.cases.allSatisfy { $0.source.hasPrefix("http") })
    #expect(Set(Corpus.cases.map(\.name)).count == Corpus.cases.count)
  }

  @Test func precisionAndRecallOnTheCorpus() {
    let (total, byClass, misses) = Self.measure()
    func pct(_ x: Double) -> String { String(Int((x * 1000).rounded()) / 10) + "." + String(Int((x * 1000).rounded()) % 10) + " %" }
    print("Corpus : \(Corpus.cases.count) fiches, précision \(pct(total.precision)), rappel \(pct(total.recall)) (VP \(total.truePositives), FP \(total.falsePositives), FN \(total.falseNegatives))")
    for cls in byClass.keys.sorted() {
      let t = byClass[cls] ?? Tally()
      print("  classe \(cls) : précision \(pct(t.precision)), rappel \(pct(t.recall)) (VP \(t.truePositives), FP \(t.falsePositives), FN \(t.falseNegatives))")
    }
    for line in misses { print("  écart — \(line)") }
    #expect(total.precision >= 0.95, "précision \(total.precision) : \(misses)")
    #expect(total.recall >= 0.95, "rappel \(total.recall) : \(misses)")
  }
}
