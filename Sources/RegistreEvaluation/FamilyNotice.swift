import Foundation
import RegistreFormats
public import RegistreModel

/// The draft notice for families (Markdown, plain French): the Art. 13 items
/// the sheet allows, « À COMPLÉTER » where it does not.
public enum FamilyNotice {
  static let m = Format.marqueurACompleter

  /// The notice for `evaluation`; `registre` supplies the school and its DPD when given.
  public static func texte(_ evaluation: Evaluation, registre: Register?) -> String {
    let f = evaluation.fiche
    let etab = registre?.etablissement
    var s = "# Information des familles : utilisation de \(f.nom)\n\n"
    s += "> Brouillon produit par `registre evaluer` le \(evaluation.date). Les passages « \(m) » sont à remplir avant diffusion.\n\n"

    if f.accesParLeGAR {
      s += """
        \(f.nom) est une ressource numérique accessible par le **Gestionnaire d'accès aux ressources (GAR)** \
        du ministère de l'Éducation nationale. Le responsable du traitement est le **ministre chargé de l'éducation \
        nationale** (arrêté du 18 décembre 2017 modifié) ; l'éditeur, \(f.editeur), n'agit que pour son compte et ne \
        reçoit qu'un identifiant pseudonyme et les données strictement nécessaires.

        Les informations complètes sur ce traitement et sur vos droits sont publiées par le ministère : \
        https://gar.education.fr.

        Utilisation dans l'établissement : \(f.finalite).

        """
      return s
    }

    let nomEtab = etab?.nom ?? "\(m) : nom de l'établissement"
    let chef = etab.map { "\($0.responsableTraitement.nom)\($0.responsableTraitement.fonction.map { ", \($0)" } ?? "")" }
      ?? "\(m) : nom du chef d'établissement"
    s += "## Qui est responsable ?\n\n"
    s += "Le chef d'établissement de \(nomEtab) (\(chef)) est responsable de ce traitement.\n\n"
    s += "Délégué à la protection des données (DPD) : "
    if let dpd = etab?.dpd {
      s += [dpd.nom, dpd.courriel, dpd.adresse].compactMap { $0 }.joined(separator: ", ") + ".\n\n"
    } else {
      s += "\(m) : coordonnées du DPD de l'académie.\n\n"
    }

    s += "## Pourquoi ?\n\n\(f.finalite).\n\n"
    s += "Base légale : mission d'intérêt public de l'établissement (art. 6.1.e du RGPD), \(m) : texte qui la fonde.\n\n"

    s += "## Quelles données ?\n\n"
    if f.donneesCollectees.isEmpty {
      s += "- \(m) : liste des données collectées (à obtenir de l'éditeur)\n"
    } else {
      for d in f.donneesCollectees {
        s += "- \(d.categorie.libelle)\(d.description.map { " : \($0)" } ?? "")\n"
      }
    }
    s += "\n"

    s += "## Qui y a accès ?\n\n"
    s += "- les enseignants et personnels habilités de l'établissement ;\n"
    s += "- l'éditeur \(f.editeur), qui agit pour le compte de l'établissement (sous-traitant) ;\n"
    for st in f.sousTraitantsUlterieurs {
      s += "- \(st.nom) (\(st.pays))\(st.services.map { ", \($0)" } ?? ""), sous-traitant de l'éditeur ;\n"
    }
    s += "\n"

    s += "## Où sont les données ?\n\n"
    if let h = f.hebergement {
      let prestataire = h.prestataire.map { " chez \($0)" } ?? ""
      if Country.isInEEA(h.pays) {
        s += "Les données sont hébergées dans l'Union européenne (\(h.pays))\(prestataire).\n\n"
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
        s += "Les données sont hébergées hors de l'Union européenne (\(h.pays))\(prestataire) : \(garantie). "
        s += "Vous pouvez en obtenir une copie auprès de l'établissement.\n\n"
      }
    } else {
      s += "\(m) : pays d'hébergement des données (à obtenir de l'éditeur).\n\n"
    }

    s += "## Combien de temps ?\n\n"
    if let c = f.conservation, c.estDefinie {
      s += retentionText(c) + "\n\n"
    } else {
      s += "\(m) : durée de conservation.\n\n"
    }

    let ia = f.fonctionnalitesIA.filter { $0 != .aucune }
    if !ia.isEmpty {
      s += "## Intelligence artificielle\n\n"
      s += "L'outil comporte les fonctionnalités suivantes : "
      s += ia.map { lowercase($0.libelle) }.joined(separator: ", ") + ". "
      s += "Aucune décision concernant votre enfant n'est prise sans intervention humaine (\(m) : à confirmer).\n\n"
    }

    s += "## Vos droits\n\n"
    s += """
      Vous pouvez accéder aux données de votre enfant, les faire rectifier ou effacer, en demander la limitation et \
      vous opposer à leur traitement pour des raisons tenant à votre situation particulière (art. 15 à 21 du RGPD). \
      Adressez-vous au chef d'établissement ou au DPD. Vous pouvez aussi introduire une réclamation auprès de la \
      CNIL (www.cnil.fr).

      \(m) : l'utilisation de l'outil est-elle obligatoire ? Que se passe-t-il en cas de refus (activité de remplacement) ?

      ## Pour les élèves

      En classe, tu utilises \(f.nom) pour : \(lowercase(f.finalite)). \
      Ton professeur et l'éditeur de l'outil voient ce que tu y fais. Tu peux demander à voir tes données ou à les \
      faire corriger, avec l'aide de tes parents.

      """
    return s
  }

  static func retentionText(_ c: Retention) -> String {
    var parties: [String] = []
    if let d = c.duree { parties.append(d.description) }
    if let critere = c.critere { parties.append(critere) }
    var texte = "Les données sont conservées " + parties.joined(separator: ", ")
    if let depart = c.pointDeDepart { texte += " à compter de : \(depart)" }
    return texte + ", puis supprimées."
  }
}
