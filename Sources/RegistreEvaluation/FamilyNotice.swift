public import Foundation
import RegistreFormats
public import RegistreModel
import RegistreXML

/// The draft notice for families of a tool under evaluation: the Art. 13 items the sheet
/// allows, « À COMPLÉTER » where it does not. Built once as a structure, then written as
/// Markdown (`text`) or as the XML that `Templates/note-familles-outil.xsl` lays out as a PDF.
public enum FamilyNotice {
  static let m = Format.marqueurACompleter

  /// One block of the note.
  public enum Block: Sendable, Equatable {
    case paragraph(String)
    case bullets([String])
  }

  /// A titled part of the note (no heading for the introduction).
  public struct Section: Sendable, Equatable {
    public var heading: String?
    public var blocks: [Block]
  }

  /// The whole note: a title, the draft warning, then the sections.
  public struct Note: Sendable, Equatable {
    public var title: String
    public var draftWarning: String
    public var sections: [Section]
  }

  /// The notice as Markdown; `registre` supplies the school and its DPD when given.
  public static func text(_ evaluation: Evaluation, registre: Register?) -> String {
    markdown(note(evaluation, registre: registre))
  }

  /// The notice as XML for the PDF template.
  public static func xml(_ evaluation: Evaluation, registre: Register?) -> Data {
    let n = note(evaluation, registre: registre)
    var s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<note-familles>\n"
    s += "<titre>\(x(n.title))</titre>\n<avertissement>\(x(n.draftWarning))</avertissement>\n"
    for section in n.sections {
      s += section.heading.map { "<section titre=\"\(x($0))\">\n" } ?? "<section>\n"
      for block in section.blocks {
        switch block {
        case .paragraph(let p): s += "<paragraphe>\(x(p))</paragraphe>\n"
        case .bullets(let items): s += "<liste>" + items.map { "<element>\(x($0))</element>" }.joined() + "</liste>\n"
        }
      }
      s += "</section>\n"
    }
    return Data((s + "</note-familles>\n").utf8)
  }

  static func x(_ text: String) -> String { XMLText.escape(text) }

  static func markdown(_ n: Note) -> String {
    var s = "# \(n.title)\n\n> \(n.draftWarning)\n\n"
    for section in n.sections {
      if let heading = section.heading { s += "## \(heading)\n\n" }
      for block in section.blocks {
        switch block {
        case .paragraph(let p): s += p + "\n\n"
        case .bullets(let items): s += items.map { "- \($0)\n" }.joined() + "\n"
        }
      }
    }
    return s
  }

  /// The note's content, once.
  public static func note(_ evaluation: Evaluation, registre: Register?) -> Note {
    let f = evaluation.fiche
    let etab = registre?.etablissement
    let title = "Information des familles : utilisation de \(f.nom)"
    let warning =
      "Brouillon produit par « registre evaluer » le \(evaluation.date). Les passages « \(m) » sont à remplir avant diffusion."

    if f.accesParLeGAR {
      return Note(
        title: title, draftWarning: warning,
        sections: [
          Section(
            heading: nil,
            blocks: [
              .paragraph(
                "\(f.nom) est une ressource numérique accessible par le Gestionnaire d'accès aux ressources (GAR) "
                  + "du ministère de l'Éducation nationale. Le responsable du traitement est le ministre chargé de "
                  + "l'éducation nationale (arrêté du 18 décembre 2017 modifié) ; l'éditeur, \(f.editeur), n'agit que "
                  + "pour son compte et ne reçoit qu'un identifiant pseudonyme et les données strictement nécessaires."),
              .paragraph(
                "Les informations complètes sur ce traitement et sur vos droits sont publiées par le ministère : "
                  + "https://gar.education.fr."),
              .paragraph("Utilisation dans l'établissement : \(f.finalite)."),
            ])
        ])
    }

    var sections: [Section] = []
    let nomEtab = etab?.nom ?? "\(m) : nom de l'établissement"
    let chef =
      etab.map { "\($0.responsableTraitement.nom)\($0.responsableTraitement.fonction.map { ", \($0)" } ?? "")" }
      ?? "\(m) : nom du chef d'établissement"
    let dpd: String
    if let d = etab?.dpd {
      dpd = "Délégué à la protection des données (DPD) : " + [d.nom, d.courriel, d.adresse].compactMap { $0 }.joined(separator: ", ") + "."
    } else {
      dpd = "Délégué à la protection des données (DPD) : \(m) : coordonnées du DPD de l'académie."
    }
    sections.append(
      Section(
        heading: "Qui est responsable ?",
        blocks: [
          .paragraph("Le chef d'établissement de \(nomEtab) (\(chef)) est responsable de ce traitement."),
          .paragraph(dpd),
        ]))

    sections.append(
      Section(
        heading: "Pourquoi ?",
        blocks: [
          .paragraph("\(f.finalite)."),
          .paragraph("Base légale : mission d'intérêt public de l'établissement (art. 6.1.e du RGPD), \(m) : texte qui la fonde."),
        ]))

    let donnees =
      f.donneesCollectees.isEmpty
      ? ["\(m) : liste des données collectées (à obtenir de l'éditeur)"]
      : f.donneesCollectees.map { "\($0.categorie.libelle)\($0.description.map { " : \($0)" } ?? "")" }
    sections.append(Section(heading: "Quelles données ?", blocks: [.bullets(donnees)]))

    var acces = [
      "les enseignants et personnels habilités de l'établissement ;",
      "l'éditeur \(f.editeur), qui agit pour le compte de l'établissement (sous-traitant) ;",
    ]
    for st in f.sousTraitantsUlterieurs {
      acces.append("\(st.nom) (\(st.pays))\(st.services.map { ", \($0)" } ?? ""), sous-traitant de l'éditeur ;")
    }
    sections.append(Section(heading: "Qui y a accès ?", blocks: [.bullets(acces)]))

    let ou: String
    if let h = f.hebergement {
      let prestataire = h.prestataire.map { " chez \($0)" } ?? ""
      if Country.isInEEA(h.pays) {
        ou = "Les données sont hébergées dans l'Union européenne (\(h.pays))\(prestataire)."
      } else {
        let garantie: String
        if Country.adequation.contains(h.pays) {
          garantie = "pays reconnu par la Commission européenne comme offrant une protection adéquate"
        } else if h.pays == "US", f.certificationDPF == true {
          garantie = "transfert encadré par le Data Privacy Framework (décision (UE) 2023/1795)"
        } else if let g = f.garantieTransfert {
          garantie = "transfert encadré par : \(g.libelle)"
        } else {
          garantie = "\(m) : garantie du transfert"
        }
        ou =
          "Les données sont hébergées hors de l'Union européenne (\(h.pays))\(prestataire) : \(garantie). "
          + "Vous pouvez en obtenir une copie auprès de l'établissement."
      }
    } else {
      ou = "\(m) : pays d'hébergement des données (à obtenir de l'éditeur)."
    }
    sections.append(Section(heading: "Où sont les données ?", blocks: [.paragraph(ou)]))

    let duree: String
    if let c = f.conservation, c.estDefinie {
      duree = retentionText(c)
    } else {
      duree = "\(m) : durée de conservation."
    }
    sections.append(Section(heading: "Combien de temps ?", blocks: [.paragraph(duree)]))

    let ia = f.fonctionnalitesIA.filter { $0 != .aucune }
    if !ia.isEmpty {
      sections.append(
        Section(
          heading: "Intelligence artificielle",
          blocks: [
            .paragraph(
              "L'outil comporte les fonctionnalités suivantes : " + ia.map { lowercase($0.libelle) }.joined(separator: ", ")
                + ". \(m) : dire si une décision concernant votre enfant peut être prise sans intervention humaine.")
          ]))
    }

    sections.append(
      Section(
        heading: "Vos droits",
        blocks: [
          .paragraph(
            "Vous pouvez accéder aux données de votre enfant, les faire rectifier ou effacer, en demander la limitation et "
              + "vous opposer à leur traitement pour des raisons tenant à votre situation particulière (art. 15 à 21 du RGPD). "
              + "Adressez-vous au chef d'établissement ou au DPD. Vous pouvez aussi introduire une réclamation auprès de la "
              + "CNIL (www.cnil.fr)."),
          .paragraph(
            "\(m) : l'utilisation de l'outil est-elle obligatoire ? Que se passe-t-il en cas de refus (activité de remplacement) ?"),
        ]))
    sections.append(
      Section(
        heading: "Pour les élèves",
        blocks: [
          .paragraph(
            "En classe, tu utilises \(f.nom) pour : \(lowercase(f.finalite)). "
              + "Ton professeur et l'éditeur de l'outil voient ce que tu y fais. Tu peux demander à voir tes données ou à les "
              + "faire corriger, avec l'aide de tes parents.")
        ]))
    return Note(title: title, draftWarning: warning, sections: sections)
  }

  /// The retention as the sheet gives it; what happens at the end is said only when the sheet says it.
  static func retentionText(_ c: Retention) -> String {
    var parties: [String] = []
    if let d = c.duree { parties.append(d.description) }
    if let critere = c.critere { parties.append(critere) }
    var texte = "Les données sont conservées " + parties.joined(separator: ", ")
    if let depart = c.pointDeDepart { texte += " à compter de : \(depart)" }
    if let archive = c.archivageIntermediaire { texte += ", puis \(archive) en archivage intermédiaire" }
    switch c.sortFinal {
    case .destruction?: return texte + ", puis supprimées."
    case .anonymisation?: return texte + ", puis anonymisées."
    case .archives?: return texte + ", puis versées aux archives."
    case .tri?: return texte + ", puis triées (conservation partielle, visa des archives départementales)."
    case nil: return texte + ". \(m) : ce que deviennent les données ensuite."
    }
  }
}
