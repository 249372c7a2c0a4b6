<?xml version="1.0" encoding="UTF-8"?>
<!--
  Notice d'information des responsables légaux (articles 12, 13 et 14 du RGPD).
  Sans paramètre : notice unique qui couvre chaque traitement concernant les
  élèves ou les familles. Avec le paramètre « traitement » (identifiant) :
  notice de ce seul traitement.
  Pour chaque traitement : responsable, finalités, base légale, données,
  source (art. 14), destinataires, transferts, durée, caractère obligatoire,
  décision automatisée ; puis, pour tous : droits, DPD, réclamation CNIL.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:r="urn:registre-eple:registre:1"
    exclude-result-prefixes="r">

  <xsl:import href="commun.xsl"/>
  <xsl:import href="libelles.xsl"/>
  <xsl:import href="notice-commun.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:template match="/">
    <xsl:if test="$traitement != '' and not($traitements-couverts)">
      <xsl:message terminate="yes">traitement inconnu : <xsl:value-of select="$traitement"/></xsl:message>
    </xsl:if>
    <xsl:variable name="titre">
      <xsl:choose>
        <xsl:when test="count($traitements-couverts) = 1 and $traitement != ''">
          <xsl:value-of select="concat('Information des familles – ', normalize-space($traitements-couverts/r:nom))"/>
        </xsl:when>
        <xsl:otherwise>Information des familles sur les données personnelles</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <fo:root xml:lang="fr" font-family="DejaVu Sans" font-size="9.5pt" line-height="1.4"
        hyphenate="false" text-align="left">
      <xsl:call-template name="modeles-de-page"/>
      <fo:declarations>
        <xsl:call-template name="metadonnees">
          <xsl:with-param name="titre" select="concat($titre, ' – ', $etab/r:nom)"/>
          <xsl:with-param name="sujet" select="'Notice d’information (articles 13 et 14 du RGPD) destinée aux responsables légaux'"/>
        </xsl:call-template>
      </fo:declarations>
      <fo:page-sequence master-reference="courante">
        <fo:title><xsl:value-of select="$titre"/></fo:title>
        <xsl:call-template name="entete">
          <xsl:with-param name="titre" select="'Information des familles'"/>
        </xsl:call-template>
        <xsl:call-template name="pied"/>
        <fo:flow flow-name="xsl-region-body">
          <fo:block xsl:use-attribute-sets="titre-1" space-before="0mm" font-size="16pt">
            <xsl:call-template name="texte"><xsl:with-param name="texte" select="$titre"/></xsl:call-template>
          </fo:block>
          <fo:block xsl:use-attribute-sets="paragraphe">
            <xsl:call-template name="texte">
              <xsl:with-param name="texte" select="concat('Madame, Monsieur, le ', $etab/r:nom, ' utilise des données personnelles sur votre enfant et sur vous. Ce document vous explique, pour chaque usage, pourquoi, ce qui est utilisé, qui y a accès, combien de temps, et comment exercer vos droits.')"/>
            </xsl:call-template>
          </fo:block>

          <xsl:call-template name="encadre-contacts"/>

          <xsl:if test="not($traitements-couverts)">
            <fo:block xsl:use-attribute-sets="paragraphe" font-style="italic">Aucun traitement concernant les élèves ou les familles n'est inscrit au registre.</fo:block>
          </xsl:if>
          <xsl:for-each select="$traitements-couverts">
            <xsl:call-template name="section-traitement-famille"/>
          </xsl:for-each>

          <xsl:call-template name="section-droits-famille"/>
          <fo:block space-before="6mm" font-size="8.5pt" color="#555555">
            <xsl:text>Document établi le </xsl:text>
            <xsl:call-template name="date-du-document"/>
            <xsl:text> à partir du registre des activités de traitement de l’établissement.</xsl:text>
          </fo:block>
          <fo:block id="fin-du-document"/>
        </fo:flow>
      </fo:page-sequence>
    </fo:root>
  </xsl:template>

  <xsl:template name="section-traitement-famille">
    <fo:block xsl:use-attribute-sets="titre-2" font-size="12pt" space-before="6mm"
        border-bottom="0.5pt solid {$couleur-filet}" padding-bottom="0.8mm">
      <xsl:call-template name="texte"><xsl:with-param name="texte" select="r:nom"/></xsl:call-template>
    </fo:block>
    <fo:table table-layout="fixed" width="100%">
      <fo:table-column column-width="46mm"/>
      <fo:table-column column-width="proportional-column-width(1)"/>
      <fo:table-body>
        <xsl:call-template name="ligne-notice">
          <xsl:with-param name="libelle" select="'Qui est responsable ?'"/>
          <xsl:with-param name="contenu">
            <fo:block><xsl:call-template name="phrase-responsable"/></fo:block>
            <xsl:call-template name="notice-officielle"/>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="ligne-notice">
          <xsl:with-param name="libelle" select="'Pourquoi ?'"/>
          <xsl:with-param name="contenu">
            <fo:block><xsl:call-template name="texte"><xsl:with-param name="texte" select="concat(r:finalite_principale, '.')"/></xsl:call-template></fo:block>
            <xsl:for-each select="r:sous_finalites/r:sous_finalite">
              <fo:block>• <xsl:call-template name="texte"><xsl:with-param name="texte" select="."/></xsl:call-template></fo:block>
            </xsl:for-each>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="ligne-notice">
          <xsl:with-param name="libelle" select="'Sur quelle base légale ?'"/>
          <xsl:with-param name="contenu">
            <fo:block>
              <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'base-legale-famille'"/><xsl:with-param name="code" select="r:base_legale/r:article_6"/></xsl:call-template>
            </fo:block>
            <xsl:if test="r:base_legale/r:article_9">
              <fo:block>
                <xsl:text>Certaines données sont sensibles (santé, biométrie…) : elles ne sont utilisées qu’à la condition suivante : </xsl:text>
                <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'article-9'"/><xsl:with-param name="code" select="r:base_legale/r:article_9"/></xsl:call-template>
                <xsl:text>.</xsl:text>
              </fo:block>
            </xsl:if>
            <xsl:if test="normalize-space(r:base_legale/r:texte) != ''">
              <fo:block font-size="8.5pt" color="#444444">
                <xsl:text>Texte de référence : </xsl:text>
                <xsl:call-template name="texte"><xsl:with-param name="texte" select="r:base_legale/r:texte"/></xsl:call-template>
              </fo:block>
            </xsl:if>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="ligne-notice">
          <xsl:with-param name="libelle" select="'Quelles données ?'"/>
          <xsl:with-param name="contenu">
            <xsl:for-each select="r:donnees/r:categorie_donnees">
              <fo:block>
                <xsl:text>• </xsl:text>
                <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'donnees'"/><xsl:with-param name="code" select="r:categorie"/></xsl:call-template>
                <xsl:if test="r:description">
                  <xsl:text> : </xsl:text>
                  <xsl:call-template name="texte"><xsl:with-param name="texte" select="r:description"/></xsl:call-template>
                </xsl:if>
              </fo:block>
            </xsl:for-each>
            <xsl:if test="not(r:donnees/r:categorie_donnees)"><fo:block>Non précisé au registre : demandez-le au délégué à la protection des données.</fo:block></xsl:if>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="ligne-notice">
          <xsl:with-param name="libelle" select="'D’où viennent-elles ?'"/>
          <xsl:with-param name="contenu"><xsl:call-template name="phrases-sources"/></xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="ligne-notice">
          <xsl:with-param name="libelle" select="'Qui les reçoit ?'"/>
          <xsl:with-param name="contenu"><xsl:call-template name="phrases-destinataires"/></xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="ligne-notice">
          <xsl:with-param name="libelle" select="'Sortent-elles de l’Union européenne ?'"/>
          <xsl:with-param name="contenu"><xsl:call-template name="phrases-transferts"/></xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="ligne-notice">
          <xsl:with-param name="libelle" select="'Combien de temps ?'"/>
          <xsl:with-param name="contenu"><xsl:call-template name="phrases-conservation"/></xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="ligne-notice">
          <xsl:with-param name="libelle" select="'Êtes-vous obligé de les fournir ?'"/>
          <xsl:with-param name="contenu"><xsl:call-template name="phrase-fourniture"/></xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="ligne-notice">
          <xsl:with-param name="libelle" select="'Décision automatique ?'"/>
          <xsl:with-param name="contenu">
            <fo:block>
              <xsl:choose>
                <xsl:when test="r:decision_automatisee/r:existe = 'true'">Oui : une décision est prise par un programme informatique. Vous pouvez demander qu’une personne réexamine la décision et présenter votre point de vue.</xsl:when>
                <xsl:otherwise>Non : aucune décision n’est prise par un programme informatique seul, sans intervention humaine.</xsl:otherwise>
              </xsl:choose>
            </fo:block>
          </xsl:with-param>
        </xsl:call-template>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <xsl:template name="section-droits-famille">
    <fo:block xsl:use-attribute-sets="titre-1" font-size="13pt" space-before="8mm">Vos droits et comment les exercer</fo:block>
    <fo:block xsl:use-attribute-sets="paragraphe">
      Pour vous et pour votre enfant, vous pouvez demander :
    </fo:block>
    <fo:list-block provisional-distance-between-starts="5mm" space-after="2mm">
      <xsl:call-template name="puce"><xsl:with-param name="texte" select="'à voir les données vous concernant et à en recevoir une copie (droit d’accès)'"/></xsl:call-template>
      <xsl:call-template name="puce"><xsl:with-param name="texte" select="'à corriger une donnée fausse ou incomplète (droit de rectification)'"/></xsl:call-template>
      <xsl:call-template name="puce"><xsl:with-param name="texte" select="'à effacer des données, lorsque leur conservation n’est plus justifiée (droit à l’effacement)'"/></xsl:call-template>
      <xsl:call-template name="puce"><xsl:with-param name="texte" select="'à geler temporairement l’utilisation de données contestées (droit à la limitation)'"/></xsl:call-template>
      <xsl:call-template name="puce"><xsl:with-param name="texte" select="'à vous opposer à un traitement fondé sur la mission d’intérêt public, pour des raisons tenant à votre situation particulière (droit d’opposition)'"/></xsl:call-template>
      <xsl:call-template name="puce"><xsl:with-param name="texte" select="'à récupérer les données que vous avez fournies, dans un format lisible par un ordinateur, lorsque le traitement repose sur votre accord ou sur un contrat (droit à la portabilité)'"/></xsl:call-template>
      <xsl:if test="$traitements-couverts[r:base_legale/r:article_6 = 'consentement']">
        <xsl:call-template name="puce"><xsl:with-param name="texte" select="'à retirer votre accord à tout moment, pour les traitements qui reposent sur lui ; ce qui a été fait avant reste valable (retrait du consentement)'"/></xsl:call-template>
      </xsl:if>
    </fo:list-block>
    <fo:block xsl:use-attribute-sets="paragraphe">
      <xsl:call-template name="texte">
        <xsl:with-param name="texte" select="concat('Adressez votre demande au ', $contact-chef, ' ou au ', $contact-dpd, '. La réponse vous parviendra dans un délai d’un mois ; ce délai peut être prolongé de deux mois si la demande est complexe, et vous en serez alors informé. La démarche est gratuite.')"/>
      </xsl:call-template>
    </fo:block>
    <xsl:call-template name="encadre-cnil"/>
  </xsl:template>
</xsl:stylesheet>
