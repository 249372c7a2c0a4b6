<?xml version="1.0" encoding="UTF-8"?>
<!--
  Audit consolidé des registres d'un lot (une académie) : synthèse, un tableau
  par établissement, un tableau par règle.
  Entrée : le XML du rapport de lot (espace de noms urn:registre:audit-lot:1,
  décrit dans docs/documents.md), produit par « registre audit » avec les
  options lot et format pdf. Les titres des règles viennent des règles elles-mêmes.
  Les en-têtes des tableaux sont répétés sur chaque page ; chaque ligne tient
  sur une seule page.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:l="urn:registre:audit-lot:1"
    exclude-result-prefixes="l">

  <xsl:import href="commun.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:variable name="lot" select="/l:audit-lot"/>
  <xsl:variable name="synthese" select="/l:audit-lot/l:synthese"/>
  <xsl:variable name="titre" select="'Audit consolidé des registres'"/>

  <xsl:template match="/">
    <fo:root xml:lang="fr" font-family="DejaVu Sans" font-size="9pt" line-height="1.3"
        hyphenate="false" text-align="left">
      <xsl:call-template name="modeles-de-page"/>
      <fo:declarations>
        <xsl:call-template name="metadonnees">
          <xsl:with-param name="titre" select="$titre"/>
          <xsl:with-param name="sujet" select="concat('Audit des registres des activités de traitement du dossier ', $lot/@dossier)"/>
          <xsl:with-param name="auteur" select="'Registre'"/>
        </xsl:call-template>
      </fo:declarations>
      <fo:bookmark-tree>
        <fo:bookmark internal-destination="synthese"><fo:bookmark-title>Synthèse</fo:bookmark-title></fo:bookmark>
        <fo:bookmark internal-destination="par-etablissement"><fo:bookmark-title>Par établissement</fo:bookmark-title></fo:bookmark>
        <fo:bookmark internal-destination="par-regle"><fo:bookmark-title>Par règle</fo:bookmark-title></fo:bookmark>
      </fo:bookmark-tree>
      <fo:page-sequence master-reference="courante">
        <fo:title><xsl:value-of select="$titre"/></fo:title>
        <fo:static-content flow-name="xsl-region-before" role="artifact">
          <fo:block font-size="8pt" color="#555555" border-bottom="0.5pt solid {$couleur-filet}"
              padding-bottom="1mm" text-align-last="justify">
            <xsl:value-of select="$titre"/>
            <fo:leader leader-pattern="space"/>
            <xsl:text>audit du </xsl:text>
            <xsl:call-template name="date"><xsl:with-param name="iso" select="$lot/@date"/></xsl:call-template>
          </fo:block>
        </fo:static-content>
        <fo:static-content flow-name="xsl-region-after" role="artifact">
          <fo:block font-size="8pt" color="#555555" text-align="center">
            <xsl:text>page </xsl:text>
            <fo:page-number/>
            <xsl:text> / </xsl:text>
            <fo:page-number-citation-last ref-id="fin-du-document"/>
          </fo:block>
        </fo:static-content>
        <fo:flow flow-name="xsl-region-body">
          <fo:block id="synthese" xsl:use-attribute-sets="titre-1" space-before="0mm" font-size="16pt">
            <xsl:value-of select="$titre"/>
          </fo:block>
          <fo:block xsl:use-attribute-sets="paragraphe">
            <xsl:text>Chaque registre du dossier a été audité avec les mêmes règles. Un registre illisible n’a pas été audité : il est signalé avec son problème. Les constats acceptés par un établissement (avec une justification écrite) ne comptent pas parmi les constats ouverts.</xsl:text>
          </fo:block>
          <xsl:call-template name="synthese"/>

          <fo:block id="par-etablissement" xsl:use-attribute-sets="titre-2" font-size="12pt" space-before="7mm">Par établissement</fo:block>
          <xsl:call-template name="etablissements"/>

          <fo:block id="par-regle" xsl:use-attribute-sets="titre-2" font-size="12pt" space-before="7mm">Par règle</fo:block>
          <fo:block xsl:use-attribute-sets="paragraphe">
            <xsl:text>Constats ouverts de chaque règle : nombre d’établissements et de traitements touchés, nombre de constats.</xsl:text>
          </fo:block>
          <xsl:call-template name="regles"/>
          <fo:block id="fin-du-document"/>
        </fo:flow>
      </fo:page-sequence>
    </fo:root>
  </xsl:template>

  <!-- Synthèse : dossier, date, registres, totaux par gravité, conformité moyenne. -->
  <xsl:template name="synthese">
    <fo:table table-layout="fixed" width="100%" space-before="2mm">
      <fo:table-column column-width="proportional-column-width(1)"/>
      <fo:table-column column-width="proportional-column-width(3)"/>
      <fo:table-body>
        <xsl:call-template name="ligne-fiche">
          <xsl:with-param name="libelle" select="'Dossier'"/>
          <xsl:with-param name="valeur" select="$lot/@dossier"/>
        </xsl:call-template>
        <xsl:call-template name="ligne-synthese">
          <xsl:with-param name="libelle" select="'Date de l’audit'"/>
          <xsl:with-param name="valeur"><xsl:call-template name="date"><xsl:with-param name="iso" select="$lot/@date"/></xsl:call-template></xsl:with-param>
        </xsl:call-template>
        <xsl:if test="$date-document != ''">
          <xsl:call-template name="ligne-synthese">
            <xsl:with-param name="libelle" select="'Document produit le'"/>
            <xsl:with-param name="valeur"><xsl:call-template name="date-du-document"/></xsl:with-param>
          </xsl:call-template>
        </xsl:if>
        <xsl:call-template name="ligne-synthese">
          <xsl:with-param name="libelle" select="'Registres audités'"/>
          <xsl:with-param name="valeur" select="concat($synthese/@audites, ' sur ', $synthese/@registres)"/>
        </xsl:call-template>
        <xsl:call-template name="ligne-synthese">
          <xsl:with-param name="libelle" select="'Registres illisibles'"/>
          <xsl:with-param name="valeur" select="$synthese/@illisibles"/>
        </xsl:call-template>
        <xsl:call-template name="ligne-synthese">
          <xsl:with-param name="libelle" select="'Traitements audités'"/>
          <xsl:with-param name="valeur" select="$synthese/@traitements"/>
        </xsl:call-template>
        <xsl:call-template name="ligne-synthese">
          <xsl:with-param name="libelle" select="'Erreurs'"/>
          <xsl:with-param name="valeur" select="$synthese/@erreurs"/>
        </xsl:call-template>
        <xsl:call-template name="ligne-synthese">
          <xsl:with-param name="libelle" select="'Avertissements'"/>
          <xsl:with-param name="valeur" select="$synthese/@avertissements"/>
        </xsl:call-template>
        <xsl:call-template name="ligne-synthese">
          <xsl:with-param name="libelle" select="'Notes'"/>
          <xsl:with-param name="valeur" select="$synthese/@notes"/>
        </xsl:call-template>
        <xsl:call-template name="ligne-synthese">
          <xsl:with-param name="libelle" select="'Constats acceptés'"/>
          <xsl:with-param name="valeur" select="$synthese/@acceptes"/>
        </xsl:call-template>
        <xsl:call-template name="ligne-synthese">
          <xsl:with-param name="libelle" select="'Conformité moyenne'"/>
          <xsl:with-param name="valeur">
            <xsl:choose>
              <xsl:when test="$synthese/@score-moyen"><xsl:value-of select="concat($synthese/@score-moyen, $nbsp, '%')"/></xsl:when>
              <xsl:otherwise>sans objet (aucun registre audité)</xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <!-- Ligne de synthèse dont la valeur est déjà mise en forme (pas de typographie à appliquer). -->
  <xsl:template name="ligne-synthese">
    <xsl:param name="libelle"/>
    <xsl:param name="valeur"/>
    <fo:table-row>
      <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block><xsl:value-of select="$libelle"/></fo:block></fo:table-cell>
      <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block><xsl:value-of select="$valeur"/></fo:block></fo:table-cell>
    </fo:table-row>
  </xsl:template>

  <xsl:attribute-set name="cellule-lot">
    <xsl:attribute name="border">0.5pt solid <xsl:value-of select="$couleur-filet"/></xsl:attribute>
    <xsl:attribute name="padding">0.8mm</xsl:attribute>
  </xsl:attribute-set>

  <xsl:attribute-set name="cellule-lot-entete" use-attribute-sets="cellule-lot">
    <xsl:attribute name="background-color"><xsl:value-of select="$couleur-fond-entete"/></xsl:attribute>
    <xsl:attribute name="font-weight">bold</xsl:attribute>
  </xsl:attribute-set>

  <xsl:attribute-set name="nombre">
    <xsl:attribute name="text-align">end</xsl:attribute>
  </xsl:attribute-set>

  <!-- Un établissement par ligne ; un registre illisible montre son problème à la place des comptes. -->
  <xsl:template name="etablissements">
    <fo:table table-layout="fixed" width="100%" font-size="7.5pt" table-omit-header-at-break="false">
      <fo:table-column column-width="proportional-column-width(2.4)"/>
      <fo:table-column column-width="proportional-column-width(1.8)"/>
      <fo:table-column column-width="proportional-column-width(4.6)"/>
      <fo:table-column column-width="proportional-column-width(1.4)"/>
      <fo:table-column column-width="proportional-column-width(1.4)"/>
      <fo:table-column column-width="proportional-column-width(1.5)"/>
      <fo:table-column column-width="proportional-column-width(1.1)"/>
      <fo:table-column column-width="proportional-column-width(1.6)"/>
      <fo:table-column column-width="proportional-column-width(1.2)"/>
      <fo:table-header>
        <fo:table-row>
          <fo:table-cell xsl:use-attribute-sets="cellule-lot-entete"><fo:block>Source</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-lot-entete"><fo:block>UAI</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-lot-entete"><fo:block>Établissement</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-lot-entete"><fo:block>Traite&#xAD;ments</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-lot-entete"><fo:block>Erreurs</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-lot-entete"><fo:block>Avertis&#xAD;sements</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-lot-entete"><fo:block>Notes</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-lot-entete"><fo:block>Acceptés</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-lot-entete"><fo:block>Score</fo:block></fo:table-cell>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body>
        <xsl:apply-templates select="$lot/l:etablissements/l:etablissement"/>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <xsl:template match="l:etablissement">
    <fo:table-row keep-together.within-page="always">
      <fo:table-cell xsl:use-attribute-sets="cellule-lot"><fo:block wrap-option="wrap"><xsl:value-of select="@source"/></fo:block></fo:table-cell>
      <fo:table-cell xsl:use-attribute-sets="cellule-lot"><fo:block><xsl:value-of select="@uai"/></fo:block></fo:table-cell>
      <xsl:choose>
        <xsl:when test="@statut = 'illisible'">
          <fo:table-cell xsl:use-attribute-sets="cellule-lot" number-columns-spanned="7" color="#B00020">
            <fo:block>
              <fo:inline font-weight="bold">Registre illisible, non audité : </fo:inline>
              <xsl:call-template name="texte"><xsl:with-param name="texte" select="l:probleme"/></xsl:call-template>
              <xsl:if test="@problemes &gt; 1">
                <xsl:value-of select="concat(' (et ', @problemes - 1, ' autre(s) problème(s))')"/>
              </xsl:if>
            </fo:block>
          </fo:table-cell>
        </xsl:when>
        <xsl:otherwise>
          <fo:table-cell xsl:use-attribute-sets="cellule-lot"><fo:block>
            <xsl:call-template name="texte"><xsl:with-param name="texte" select="@nom"/></xsl:call-template>
          </fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-lot nombre"><fo:block><xsl:value-of select="@traitements"/></fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-lot nombre"><fo:block><xsl:value-of select="@erreurs"/></fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-lot nombre"><fo:block><xsl:value-of select="@avertissements"/></fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-lot nombre"><fo:block><xsl:value-of select="@notes"/></fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-lot nombre"><fo:block><xsl:value-of select="@acceptes"/></fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-lot nombre"><fo:block><xsl:if test="@score"><xsl:value-of select="concat(@score, $nbsp, '%')"/></xsl:if></fo:block></fo:table-cell>
        </xsl:otherwise>
      </xsl:choose>
    </fo:table-row>
  </xsl:template>

  <!-- Une règle par ligne, dans l'ordre des règles. -->
  <xsl:template name="regles">
    <fo:table table-layout="fixed" width="100%" font-size="8pt" table-omit-header-at-break="false">
      <fo:table-column column-width="proportional-column-width(8)"/>
      <fo:table-column column-width="proportional-column-width(1.6)"/>
      <fo:table-column column-width="proportional-column-width(1.6)"/>
      <fo:table-column column-width="proportional-column-width(1.4)"/>
      <fo:table-header>
        <fo:table-row>
          <fo:table-cell xsl:use-attribute-sets="cellule-lot-entete"><fo:block>Règle</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-lot-entete"><fo:block>Établis&#xAD;sements</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-lot-entete"><fo:block>Traite&#xAD;ments</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-lot-entete"><fo:block>Constats</fo:block></fo:table-cell>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body>
        <xsl:apply-templates select="$lot/l:regles/l:regle"/>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <xsl:template match="l:regle">
    <fo:table-row keep-together.within-page="always">
      <fo:table-cell xsl:use-attribute-sets="cellule-lot">
        <fo:block font-weight="bold"><xsl:value-of select="@id"/>
          <xsl:choose>
            <xsl:when test="@gravite = 'error'"><fo:inline font-weight="normal" color="#B00020"> (erreur)</fo:inline></xsl:when>
            <xsl:when test="@gravite = 'warning'"><fo:inline font-weight="normal" color="#9A5B00"> (avertissement)</fo:inline></xsl:when>
            <xsl:when test="@gravite = 'note'"><fo:inline font-weight="normal" color="#2F5597"> (note)</fo:inline></xsl:when>
          </xsl:choose>
        </fo:block>
        <fo:block><xsl:call-template name="texte"><xsl:with-param name="texte" select="."/></xsl:call-template></fo:block>
      </fo:table-cell>
      <fo:table-cell xsl:use-attribute-sets="cellule-lot nombre"><fo:block><xsl:value-of select="@etablissements"/></fo:block></fo:table-cell>
      <fo:table-cell xsl:use-attribute-sets="cellule-lot nombre"><fo:block><xsl:value-of select="@traitements"/></fo:block></fo:table-cell>
      <fo:table-cell xsl:use-attribute-sets="cellule-lot nombre"><fo:block><xsl:value-of select="@constats"/></fo:block></fo:table-cell>
    </fo:table-row>
  </xsl:template>
</xsl:stylesheet>
