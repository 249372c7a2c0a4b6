<?xml version="1.0" encoding="UTF-8"?>
<!--
  Libellés français des codes du registre (statut, base légale, AIPD…).
  Un code inconnu est affiché tel quel : rien ne disparaît du document.
  Chaque liste s'écrit « |code=libellé| ».
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- Les libellés des codes viennent des énumérations du modèle (fichier généré). -->
  <xsl:include href="libelles-codes.xsl"/>



  <!-- Base légale expliquée sans jargon (notices, art. 12). -->
  <xsl:variable name="libelles-base-legale-famille"
      select="'|consentement=Ce traitement repose sur votre accord (consentement), demandé avant toute collecte. Vous pouvez le refuser, ou le retirer à tout moment, sans conséquence pour ce qui a été fait avant.|contrat=Ce traitement est nécessaire à l’exécution d’un contrat (par exemple un service que vous avez choisi).|obligation-legale=La loi oblige l’établissement à traiter ces données (obligation légale).|interets-vitaux=Ce traitement protège la vie ou la santé d’une personne (intérêts vitaux).|mission-interet-public=Ce traitement est nécessaire à la mission de service public d’enseignement de l’établissement (mission d’intérêt public).|mission-interet-public-externe=Ce traitement est nécessaire à une mission d’intérêt public confiée à son responsable (voir «&#xA0;Qui est responsable&#x202F;?&#xA0;»).|interet-legitime=Ce traitement répond à un intérêt légitime de l’organisme.|'"/>
  <xsl:variable name="libelles-base-legale-eleve"
      select="'|consentement=On te demande ton accord (et celui de tes parents) avant. Vous pouvez dire non, ou changer d’avis à tout moment.|contrat=C’est nécessaire pour un service que ta famille a choisi.|obligation-legale=La loi oblige l’établissement à le faire.|interets-vitaux=C’est nécessaire pour protéger ta santé ou ta vie.|mission-interet-public=C’est nécessaire pour que l’établissement puisse faire son travail : t’enseigner et t’accompagner.|mission-interet-public-externe=C’est nécessaire pour une mission de service public de son responsable.|interet-legitime=L’organisme a une raison légitime de le faire.|'"/>
  <xsl:variable name="libelles-mecanisme-simple"
      select="'|adequation=le pays assure une protection reconnue équivalente par l’Union européenne|dpf=l’entreprise adhère au cadre de protection des données UE–États-Unis reconnu par la Commission européenne|cct=des clauses de protection approuvées par la Commission européenne sont signées|bcr=des règles internes approuvées par une autorité de protection des données s’appliquent|code-de-conduite=un code de conduite approuvé s’applique|certification=une certification approuvée s’applique|derogation-article-49=une exception prévue par l’article 49 du RGPD|aucune=aucune garantie n’est en place|'"/>

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
        <xsl:when test="$liste = 'evenement-redoute'"><xsl:value-of select="$libelles-evenement-redoute"/></xsl:when>
        <xsl:when test="$liste = 'echelle-pia'"><xsl:value-of select="$libelles-echelle-pia"/></xsl:when>
        <xsl:when test="$liste = 'statut-action'"><xsl:value-of select="$libelles-statut-action"/></xsl:when>
        <xsl:when test="$liste = 'demandeur'"><xsl:value-of select="$libelles-demandeur"/></xsl:when>
        <xsl:when test="$liste = 'droit'"><xsl:value-of select="$libelles-droit"/></xsl:when>
        <xsl:when test="$liste = 'decision'"><xsl:value-of select="$libelles-decision"/></xsl:when>
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
