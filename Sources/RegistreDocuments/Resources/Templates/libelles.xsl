<?xml version="1.0" encoding="UTF-8"?>
<!--
  Libellés français des codes du registre (statut, base légale, AIPD…).
  Un code inconnu est affiché tel quel : rien ne disparaît du document.
  Chaque liste s'écrit « |code=libellé| ».
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:variable name="libelles-statut" select="'|valide=Validée|brouillon=Brouillon|archive=Archivée|'"/>
  <xsl:variable name="libelles-responsable"
      select="'|etablissement=Établissement (chef d’établissement)|ministere=Ministère de l’Éducation nationale|collectivite=Collectivité territoriale|conjoint=Responsables conjoints|'"/>
  <xsl:variable name="libelles-base-legale"
      select="'|6-1-a=Consentement (art. 6‑1‑a)|6-1-b=Contrat (art. 6‑1‑b)|6-1-c=Obligation légale (art. 6‑1‑c)|6-1-d=Intérêts vitaux (art. 6‑1‑d)|6-1-e=Mission d’intérêt public (art. 6‑1‑e)|6-1-f=Intérêt légitime (art. 6‑1‑f)|'"/>
  <xsl:variable name="libelles-aipd" select="'|non-requise=Non requise|requise=Requise, à réaliser|realisee=Réalisée|en-cours=En cours|'"/>
  <xsl:variable name="libelles-personnes"
      select="'|eleves-mineurs=élèves mineurs|eleves-majeurs=élèves majeurs|eleves=élèves|responsables-legaux=responsables légaux|personnels=personnels|autres=autres personnes|'"/>
  <xsl:variable name="libelles-donnees"
      select="'|etat-civil=État civil, identité|vie-personnelle=Vie personnelle|vie-scolaire=Vie scolaire|economique=Situation économique et financière|connexion=Données de connexion|localisation=Données de localisation|nir=Numéro de sécurité sociale (NIR)|sante=Santé|biometrie=Données biométriques|infractions=Infractions, sanctions|image=Image, voix|'"/>
  <xsl:variable name="libelles-sort" select="'|destruction=Destruction|archives=Versement aux archives|anonymisation=Anonymisation|'"/>
  <xsl:variable name="libelles-securite"
      select="'|tracabilite=Traçabilité|protection-logiciels=Protection des logiciels|sauvegarde=Sauvegarde|chiffrement=Chiffrement|controle-acces=Contrôle d’accès|controle-sous-traitants=Contrôle des sous-traitants|autre=Autre mesure|'"/>
  <xsl:variable name="libelles-mecanisme"
      select="'|adequation=décision d’adéquation|DPF=Data Privacy Framework (décision d’adéquation UE–États-Unis)|CCT=clauses contractuelles types|BCR=règles d’entreprise contraignantes|derogation=dérogation (art. 49)|'"/>
  <xsl:variable name="libelles-authentification"
      select="'|sso-educonnect=EduConnect (SSO)|sso-ent=ENT (SSO)|locale=comptes locaux|mfa=double authentification|aucune=aucune|'"/>
  <xsl:variable name="libelles-type"
      select="'|interne=Interne|externe=Externe|personne=Auprès de la personne|tiers=Auprès d’un tiers|public=Source publique|'"/>
  <xsl:variable name="libelles-nature"
      select="'|confidentialite=Atteinte à la confidentialité|integrite=Atteinte à l’intégrité|disponibilite=Atteinte à la disponibilité|'"/>
  <xsl:variable name="libelles-risque" select="'|aucun=Aucun risque|faible=Risque faible|risque=Risque|eleve=Risque élevé|'"/>


  <!-- Base légale expliquée sans jargon (notices, art. 12). -->
  <xsl:variable name="libelles-base-legale-famille"
      select="'|6-1-a=Vous avez donné votre accord (consentement). Vous pouvez le retirer à tout moment, sans conséquence pour ce qui a été fait avant.|6-1-b=Ce traitement est nécessaire à l’exécution d’un contrat (par exemple un service que vous avez choisi).|6-1-c=La loi oblige l’établissement à traiter ces données (obligation légale).|6-1-d=Ce traitement protège la vie ou la santé d’une personne (intérêts vitaux).|6-1-e=Ce traitement est nécessaire à la mission de service public d’enseignement de l’établissement (mission d’intérêt public).|6-1-f=Ce traitement répond à un intérêt légitime de l’organisme.|'"/>
  <xsl:variable name="libelles-base-legale-eleve"
      select="'|6-1-a=Tes parents (et toi) ont donné leur accord. Vous pouvez changer d’avis à tout moment.|6-1-b=C’est nécessaire pour un service que ta famille a choisi.|6-1-c=La loi oblige le lycée à le faire.|6-1-d=C’est nécessaire pour protéger ta santé ou ta vie.|6-1-e=C’est nécessaire pour que l’établissement puisse faire son travail : t’enseigner et t’accompagner.|6-1-f=L’organisme a une raison légitime de le faire.|'"/>
  <xsl:variable name="libelles-mecanisme-simple"
      select="'|adequation=le pays assure une protection reconnue équivalente par l’Union européenne|DPF=l’entreprise adhère au cadre de protection des données UE–États-Unis reconnu par la Commission européenne|CCT=des clauses de protection approuvées par la Commission européenne sont signées|BCR=des règles internes approuvées par une autorité de protection des données s’appliquent|derogation=une exception prévue par l’article 49 du RGPD|'"/>

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
</xsl:stylesheet>
