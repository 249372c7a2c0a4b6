<?xml version="1.0" encoding="UTF-8"?>
<!--
  Libellés français des codes du registre (statut, base légale, AIPD…).
  Un code inconnu est affiché tel quel : rien ne disparaît du document.
  Chaque liste s'écrit « |code=libellé| ».
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:variable name="libelles-statut" select="'|valide=Validée|brouillon=Brouillon|'"/>
  <xsl:variable name="libelles-responsable"
      select="'|etablissement=Établissement (chef d’établissement)|ministere=Ministre chargé de l’éducation nationale|collectivite=Collectivité territoriale|conjoint=Responsables conjoints|'"/>
  <xsl:variable name="libelles-base-legale"
      select="'|consentement=Consentement (art. 6‑1‑a)|contrat=Exécution d’un contrat (art. 6‑1‑b)|obligation-legale=Obligation légale (art. 6‑1‑c)|interets-vitaux=Intérêts vitaux (art. 6‑1‑d)|mission-interet-public=Mission d’intérêt public (art. 6‑1‑e)|interet-legitime=Intérêt légitime (art. 6‑1‑f)|'"/>
  <xsl:variable name="libelles-aipd" select="'|non-requise=Non requise|requise=Requise, non réalisée|realisee=Réalisée|en-cours=En cours|'"/>
  <xsl:variable name="libelles-personnes"
      select="'|eleves-mineurs=élèves mineurs|eleves-majeurs=élèves majeurs|responsables-legaux=responsables légaux|personnels=personnels|intervenants-exterieurs=intervenants extérieurs|visiteurs=visiteurs|autres=autres personnes|'"/>
  <xsl:variable name="libelles-donnees"
      select="'|etat-civil=État civil, identité|vie-personnelle=Vie personnelle|vie-professionnelle=Vie professionnelle|scolarite=Scolarité|economique-financier=Situation économique et financière|connexion=Données de connexion|localisation=Données de localisation|internet=Internet (cookies, traceurs)|image=Images, voix, vidéos|nir=Numéro de sécurité sociale (NIR)|social=Situation sociale|discipline=Discipline et sanctions|sante=Santé|biometrie=Données biométriques|origine-raciale-ethnique=Origine raciale ou ethnique|opinions-politiques=Opinions politiques|convictions-religieuses=Convictions religieuses ou philosophiques|appartenance-syndicale=Appartenance syndicale|genetique=Données génétiques|vie-sexuelle=Vie sexuelle ou orientation sexuelle|infractions=Condamnations et infractions|autre=Autres données|'"/>
  <xsl:variable name="libelles-sort" select="'|destruction=Destruction|archives=Versement aux archives|anonymisation=Anonymisation|tri=Tri (conservation partielle)|'"/>
  <xsl:variable name="libelles-securite"
      select="'|controle-acces=Contrôle d’accès|tracabilite=Traçabilité|protection-logiciels=Protection des logiciels|sauvegarde=Sauvegarde|chiffrement=Chiffrement|controle-sous-traitants=Contrôle des sous-traitants|autre=Autre mesure|'"/>
  <xsl:variable name="libelles-mecanisme"
      select="'|adequation=décision d’adéquation (art. 45)|dpf=Data Privacy Framework (décision UE 2023/1795)|cct=clauses contractuelles types (art. 46)|bcr=règles d’entreprise contraignantes (art. 47)|code-de-conduite=code de conduite (art. 46)|certification=certification (art. 46)|derogation-article-49=dérogation (art. 49)|aucune=aucune garantie|'"/>
  <xsl:variable name="libelles-authentification"
      select="'|sso-ent=ENT (authentification unique)|educonnect=ÉduConnect|gar=GAR (identifiant pseudonyme)|comptes-locaux=comptes locaux|aucune=aucune|autre=autre|'"/>
  <xsl:variable name="libelles-type"
      select="'|interne=Interne|externe=Organisme externe|sous-traitant=Sous-traitant|pays-tiers=Pays tiers|'"/>
  <xsl:variable name="libelles-nature"
      select="'|confidentialite=Perte de confidentialité|integrite=Perte d’intégrité|disponibilite=Perte de disponibilité|'"/>
  <xsl:variable name="libelles-risque" select="'|aucun=Pas de risque|risque=Risque|risque-eleve=Risque élevé|'"/>


  <!-- Base légale expliquée sans jargon (notices, art. 12). -->
  <xsl:variable name="libelles-base-legale-famille"
      select="'|consentement=Vous avez donné votre accord (consentement). Vous pouvez le retirer à tout moment, sans conséquence pour ce qui a été fait avant.|contrat=Ce traitement est nécessaire à l’exécution d’un contrat (par exemple un service que vous avez choisi).|obligation-legale=La loi oblige l’établissement à traiter ces données (obligation légale).|interets-vitaux=Ce traitement protège la vie ou la santé d’une personne (intérêts vitaux).|mission-interet-public=Ce traitement est nécessaire à la mission de service public d’enseignement de l’établissement (mission d’intérêt public).|interet-legitime=Ce traitement répond à un intérêt légitime de l’organisme.|'"/>
  <xsl:variable name="libelles-base-legale-eleve"
      select="'|consentement=Tes parents (et toi) ont donné leur accord. Vous pouvez changer d’avis à tout moment.|contrat=C’est nécessaire pour un service que ta famille a choisi.|obligation-legale=La loi oblige l’établissement à le faire.|interets-vitaux=C’est nécessaire pour protéger ta santé ou ta vie.|mission-interet-public=C’est nécessaire pour que l’établissement puisse faire son travail : t’enseigner et t’accompagner.|interet-legitime=L’organisme a une raison légitime de le faire.|'"/>
  <xsl:variable name="libelles-mecanisme-simple"
      select="'|adequation=le pays assure une protection reconnue équivalente par l’Union européenne|dpf=l’entreprise adhère au cadre de protection des données UE–États-Unis reconnu par la Commission européenne|cct=des clauses de protection approuvées par la Commission européenne sont signées|bcr=des règles internes approuvées par une autorité de protection des données s’appliquent|code-de-conduite=un code de conduite approuvé s’applique|certification=une certification approuvée s’applique|derogation-article-49=une exception prévue par l’article 49 du RGPD|aucune=aucune garantie n’est en place|'"/>

  <xsl:variable name="libelles-critere-aipd"
      select="'|evaluation-notation=évaluation ou notation|decision-automatisee=décision automatisée|surveillance-systematique=surveillance systématique|grande-echelle=grande échelle|croisement-donnees=croisement de données|usage-innovant=usage innovant (dont IA)|exclusion-droit-service=exclusion d’un droit ou d’un service|alertes-sociales-sanitaires=alertes sociales ou sanitaires|accompagnement-social=accompagnement social|localisation-grande-echelle=localisation à grande échelle|surveillance-constante-personnels=surveillance constante des personnels|profilage-sources-externes=profilage à partir de sources externes|'"/>
  <xsl:variable name="libelles-exemption-aipd"
      select="'|affaires-scolaires=affaires scolaires et périscolaires (délib. CNIL 2019-118, item 10)|controle-acces-horaires=contrôle d’accès et horaires, hors biométrie (délib. CNIL 2019-118, item 11)|relation-fournisseurs=relation fournisseurs (délib. CNIL 2019-118, item 2)|'"/>
  <xsl:variable name="libelles-canal"
      select="'|https=HTTPS|http=HTTP (non chiffré)|sftp=SFTP|ftp=FTP (non chiffré)|api=API|courriel=Courriel|support-amovible=Support amovible|papier=Papier|reseau-interne=Réseau interne|autre=Autre canal|'"/>
  <xsl:variable name="libelles-certification"
      select="'|hds=HDS|iso-27001=ISO/IEC 27001|secnumcloud=SecNumCloud|autre=autre certification|'"/>
  <xsl:variable name="libelles-article-9"
      select="'|consentement-explicite=consentement explicite (art. 9.2.a)|droit-travail-protection-sociale=droit du travail et protection sociale (art. 9.2.b)|interets-vitaux=intérêts vitaux (art. 9.2.c)|organisme-sans-but-lucratif=organisme sans but lucratif (art. 9.2.d)|donnees-rendues-publiques=données rendues publiques (art. 9.2.e)|justice=droits en justice (art. 9.2.f)|interet-public-important=intérêt public important (art. 9.2.g)|medecine-preventive=médecine préventive (art. 9.2.h)|sante-publique=santé publique (art. 9.2.i)|archives-recherche-statistiques=archives, recherche, statistiques (art. 9.2.j)|'"/>
  <xsl:variable name="libelles-pays"
      select="'|FR=France|US=États-Unis|IE=Irlande|DE=Allemagne|NL=Pays-Bas|BE=Belgique|LU=Luxembourg|ES=Espagne|IT=Italie|GB=Royaume-Uni|CH=Suisse|CA=Canada|IN=Inde|CN=Chine|JP=Japon|'"/>

  <xsl:template name="libelle">
    <xsl:param name="liste"/>
    <xsl:param name="code"/>
    <xsl:variable name="table">
      <xsl:choose>
        <xsl:when test="$liste = 'statut'"><xsl:value-of select="$libelles-statut"/></xsl:when>
        <xsl:when test="$liste = 'responsable'"><xsl:value-of select="$libelles-responsable"/></xsl:when>
        <xsl:when test="$liste = 'base-legale'"><xsl:value-of select="$libelles-base-legale"/></xsl:when>
        <xsl:when test="$liste = 'aipd'"><xsl:value-of select="$libelles-aipd"/></xsl:when>
        <xsl:when test="$liste = 'personnes'"><xsl:value-of select="$libelles-personnes"/></xsl:when>
        <xsl:when test="$liste = 'donnees'"><xsl:value-of select="$libelles-donnees"/></xsl:when>
        <xsl:when test="$liste = 'sort'"><xsl:value-of select="$libelles-sort"/></xsl:when>
        <xsl:when test="$liste = 'securite'"><xsl:value-of select="$libelles-securite"/></xsl:when>
        <xsl:when test="$liste = 'mecanisme'"><xsl:value-of select="$libelles-mecanisme"/></xsl:when>
        <xsl:when test="$liste = 'authentification'"><xsl:value-of select="$libelles-authentification"/></xsl:when>
        <xsl:when test="$liste = 'type'"><xsl:value-of select="$libelles-type"/></xsl:when>
        <xsl:when test="$liste = 'nature'"><xsl:value-of select="$libelles-nature"/></xsl:when>
        <xsl:when test="$liste = 'risque'"><xsl:value-of select="$libelles-risque"/></xsl:when>
        <xsl:when test="$liste = 'base-legale-famille'"><xsl:value-of select="$libelles-base-legale-famille"/></xsl:when>
        <xsl:when test="$liste = 'base-legale-eleve'"><xsl:value-of select="$libelles-base-legale-eleve"/></xsl:when>
        <xsl:when test="$liste = 'critere-aipd'"><xsl:value-of select="$libelles-critere-aipd"/></xsl:when>
        <xsl:when test="$liste = 'exemption-aipd'"><xsl:value-of select="$libelles-exemption-aipd"/></xsl:when>
        <xsl:when test="$liste = 'canal'"><xsl:value-of select="$libelles-canal"/></xsl:when>
        <xsl:when test="$liste = 'certification'"><xsl:value-of select="$libelles-certification"/></xsl:when>
        <xsl:when test="$liste = 'article-9'"><xsl:value-of select="$libelles-article-9"/></xsl:when>
        <xsl:when test="$liste = 'pays'"><xsl:value-of select="$libelles-pays"/></xsl:when>
        <xsl:when test="$liste = 'mecanisme-simple'"><xsl:value-of select="$libelles-mecanisme-simple"/></xsl:when>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="cle" select="concat('|', normalize-space($code), '=')"/>
    <xsl:choose>
      <xsl:when test="normalize-space($code) != '' and contains($table, $cle)">
        <xsl:value-of select="substring-before(substring-after($table, $cle), '|')"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="normalize-space($code)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Durée ISO 8601 (P1Y, P3M, P2W, P30D) écrite en français ; une durée déjà en français reste telle quelle. -->
  <xsl:template name="duree">
    <xsl:param name="valeur"/>
    <xsl:variable name="v" select="normalize-space($valeur)"/>
    <xsl:variable name="n" select="substring($v, 2, string-length($v) - 2)"/>
    <xsl:variable name="u" select="substring($v, string-length($v))"/>
    <xsl:choose>
      <xsl:when test="starts-with($v, 'P') and string(number($n)) != 'NaN'">
        <xsl:value-of select="concat(number($n), '&#xA0;')"/>
        <xsl:choose>
          <xsl:when test="$u = 'Y' and number($n) = 1">an</xsl:when>
          <xsl:when test="$u = 'Y'">ans</xsl:when>
          <xsl:when test="$u = 'M'">mois</xsl:when>
          <xsl:when test="$u = 'W' and number($n) = 1">semaine</xsl:when>
          <xsl:when test="$u = 'W'">semaines</xsl:when>
          <xsl:when test="$u = 'D' and number($n) = 1">jour</xsl:when>
          <xsl:otherwise>jours</xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$v"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
