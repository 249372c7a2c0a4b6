<?xml version="1.0" encoding="UTF-8"?>
<!--
  Rapport d'audit : les constats regroupés par traitement et par gravité, avec
  leurs références et leurs remèdes, et les scores.
  Entrée : le XML des constats (espace de noms urn:registre:audit:1, décrit
  dans docs/documents.md), pas le registre.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:a="urn:registre:audit:1"
    exclude-result-prefixes="a">

  <xsl:import href="commun.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:variable name="audit" select="/a:audit"/>
  <xsl:variable name="nom-etab" select="/a:audit/a:etablissement/@nom"/>
  <xsl:variable name="titre" select="concat('Rapport d’audit du registre – ', $nom-etab)"/>

  <xsl:template match="/">
    <fo:root xml:lang="fr" font-family="DejaVu Sans" font-size="9pt" line-height="1.35"
        hyphenate="false" text-align="left">
      <xsl:call-template name="modeles-de-page"/>
      <fo:declarations>
        <xsl:call-template name="metadonnees">
          <xsl:with-param name="titre" select="$titre"/>
          <xsl:with-param name="sujet" select="'Audit du registre des activités de traitement'"/>
          <xsl:with-param name="auteur" select="$nom-etab"/>
        </xsl:call-template>
      </fo:declarations>
      <fo:bookmark-tree>
        <fo:bookmark internal-destination="resume"><fo:bookmark-title>Résumé</fo:bookmark-title></fo:bookmark>
        <xsl:for-each select="a:audit/a:traitement">
          <fo:bookmark internal-destination="{generate-id(.)}"><fo:bookmark-title><xsl:call-template name="texte"><xsl:with-param name="texte" select="@nom"/></xsl:call-template></fo:bookmark-title></fo:bookmark>
        </xsl:for-each>
        <xsl:if test="a:audit/a:general/a:constat">
          <fo:bookmark internal-destination="general"><fo:bookmark-title>Constats généraux</fo:bookmark-title></fo:bookmark>
        </xsl:if>
      </fo:bookmark-tree>
      <fo:page-sequence master-reference="courante">
        <fo:title><xsl:value-of select="$titre"/></fo:title>
        <xsl:call-template name="entete">
          <xsl:with-param name="titre" select="'Rapport d’audit'"/>
          <xsl:with-param name="etablissement" select="$nom-etab"/>
        </xsl:call-template>
        <xsl:call-template name="pied"/>
        <fo:flow flow-name="xsl-region-body">
          <fo:block id="resume" xsl:use-attribute-sets="titre-1" space-before="0mm" font-size="16pt">
            <xsl:call-template name="texte"><xsl:with-param name="texte" select="$titre"/></xsl:call-template>
          </fo:block>
          <fo:block xsl:use-attribute-sets="paragraphe">
            <xsl:text>Audit réalisé le </xsl:text>
            <xsl:call-template name="date"><xsl:with-param name="iso" select="a:audit/@date"/></xsl:call-template>
            <xsl:text>. Chaque constat cite la règle appliquée, sa référence (texte ou recommandation officielle) et la correction proposée.</xsl:text>
          </fo:block>
          <xsl:call-template name="resume"/>
          <xsl:for-each select="a:audit/a:traitement">
            <fo:block id="{generate-id(.)}" xsl:use-attribute-sets="titre-2" font-size="12pt" space-before="7mm"
                border-bottom="0.5pt solid {$couleur-filet}" padding-bottom="0.8mm">
              <xsl:call-template name="texte"><xsl:with-param name="texte" select="@nom"/></xsl:call-template>
              <xsl:if test="@score">
                <fo:inline font-weight="normal" font-size="9.5pt"><xsl:value-of select="concat(' – score ', @score, $nbsp, '%')"/></fo:inline>
              </xsl:if>
            </fo:block>
            <xsl:call-template name="constats"/>
          </xsl:for-each>
          <xsl:if test="a:audit/a:general/a:constat">
            <fo:block id="general" xsl:use-attribute-sets="titre-2" font-size="12pt" space-before="7mm">Constats généraux</fo:block>
            <xsl:for-each select="a:audit/a:general"><xsl:call-template name="constats"/></xsl:for-each>
          </xsl:if>
          <fo:block id="fin-du-document"/>
        </fo:flow>
      </fo:page-sequence>
    </fo:root>
  </xsl:template>

  <xsl:template name="resume">
    <xsl:variable name="tous" select="//a:constat[not(@statut = 'accepte')]"/>
    <fo:table table-layout="fixed" width="100%" space-before="2mm">
      <fo:table-column column-width="proportional-column-width(3)"/>
      <fo:table-column column-width="proportional-column-width(1)"/>
      <fo:table-column column-width="proportional-column-width(1)"/>
      <fo:table-column column-width="proportional-column-width(1)"/>
      <fo:table-column column-width="proportional-column-width(1)"/>
      <fo:table-column column-width="proportional-column-width(1)"/>
      <fo:table-header>
        <fo:table-row>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Traitement</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Score</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Erreurs</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Avertis­sements</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Notes</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Acceptés</fo:block></fo:table-cell>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body>
        <xsl:for-each select="a:audit/a:traitement">
          <xsl:call-template name="ligne-resume">
            <xsl:with-param name="nom" select="@nom"/>
            <xsl:with-param name="score" select="@score"/>
          </xsl:call-template>
        </xsl:for-each>
        <fo:table-row font-weight="bold">
          <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block>Établissement (ensemble)</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block><xsl:if test="a:audit/a:score/@valeur"><xsl:value-of select="concat(a:audit/a:score/@valeur, $nbsp, '%')"/></xsl:if></fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block><xsl:value-of select="count($tous[@gravite = 'error'])"/></fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block><xsl:value-of select="count($tous[@gravite = 'warning'])"/></fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block><xsl:value-of select="count($tous[@gravite = 'note'])"/></fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block><xsl:value-of select="count(//a:constat[@statut = 'accepte'])"/></fo:block></fo:table-cell>
        </fo:table-row>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <xsl:template name="ligne-resume">
    <xsl:param name="nom"/>
    <xsl:param name="score"/>
    <xsl:variable name="ouverts" select="a:constat[not(@statut = 'accepte')]"/>
    <fo:table-row keep-together.within-page="always">
      <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block>
        <fo:basic-link internal-destination="{generate-id(.)}" color="{$couleur-titre}">
          <xsl:call-template name="texte"><xsl:with-param name="texte" select="$nom"/></xsl:call-template>
        </fo:basic-link>
      </fo:block></fo:table-cell>
      <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block><xsl:if test="$score"><xsl:value-of select="concat($score, $nbsp, '%')"/></xsl:if></fo:block></fo:table-cell>
      <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block><xsl:value-of select="count($ouverts[@gravite = 'error'])"/></fo:block></fo:table-cell>
      <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block><xsl:value-of select="count($ouverts[@gravite = 'warning'])"/></fo:block></fo:table-cell>
      <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block><xsl:value-of select="count($ouverts[@gravite = 'note'])"/></fo:block></fo:table-cell>
      <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block><xsl:value-of select="count(a:constat[@statut = 'accepte'])"/></fo:block></fo:table-cell>
    </fo:table-row>
  </xsl:template>

  <!-- Constats du nœud courant : erreurs, puis avertissements, puis notes, puis acceptés. -->
  <xsl:template name="constats">
    <xsl:if test="not(a:constat)">
      <fo:block xsl:use-attribute-sets="paragraphe" font-style="italic">Aucun constat : toutes les règles sont respectées.</fo:block>
    </xsl:if>
    <xsl:apply-templates select="a:constat[@gravite = 'error' and not(@statut = 'accepte')]"/>
    <xsl:apply-templates select="a:constat[@gravite = 'warning' and not(@statut = 'accepte')]"/>
    <xsl:apply-templates select="a:constat[@gravite = 'note' and not(@statut = 'accepte')]"/>
    <xsl:apply-templates select="a:constat[not(@gravite = 'error' or @gravite = 'warning' or @gravite = 'note') and not(@statut = 'accepte')]"/>
    <xsl:apply-templates select="a:constat[@statut = 'accepte']"/>
  </xsl:template>

  <xsl:template match="a:constat">
    <xsl:variable name="couleur">
      <xsl:choose>
        <xsl:when test="@statut = 'accepte'">#6B6B6B</xsl:when>
        <xsl:when test="@gravite = 'error'">#B00020</xsl:when>
        <xsl:when test="@gravite = 'warning'">#9A5B00</xsl:when>
        <xsl:otherwise>#2F5597</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <fo:block space-before="2.5mm" padding-left="2.5mm" border-left="2pt solid {$couleur}" keep-together.within-page="always">
      <fo:block font-weight="bold">
        <fo:inline color="{$couleur}">
          <xsl:choose>
            <xsl:when test="@statut = 'accepte'">Accepté</xsl:when>
            <xsl:when test="@gravite = 'error'">Erreur</xsl:when>
            <xsl:when test="@gravite = 'warning'">Avertissement</xsl:when>
            <xsl:when test="@gravite = 'note'">Note</xsl:when>
            <xsl:otherwise><xsl:value-of select="@gravite"/></xsl:otherwise>
          </xsl:choose>
        </fo:inline>
        <xsl:value-of select="concat(' – ', @regle)"/>
        <xsl:if test="@objet">
          <fo:inline font-weight="normal"><xsl:value-of select="concat(' (', @objet, ')')"/></fo:inline>
        </xsl:if>
      </fo:block>
      <fo:block><xsl:call-template name="texte"><xsl:with-param name="texte" select="a:message"/></xsl:call-template></fo:block>
      <xsl:if test="a:critere">
        <fo:block>
          <xsl:text>Critères remplis : </xsl:text>
          <xsl:for-each select="a:critere">
            <xsl:if test="position() &gt; 1">, </xsl:if>
            <xsl:call-template name="texte"><xsl:with-param name="texte" select="."/></xsl:call-template>
          </xsl:for-each>
          <xsl:text>.</xsl:text>
        </fo:block>
      </xsl:if>
      <xsl:if test="a:reference">
        <fo:block font-size="8.5pt" color="#444444">
          <xsl:text>Référence : </xsl:text>
          <xsl:call-template name="texte"><xsl:with-param name="texte" select="a:reference"/></xsl:call-template>
        </fo:block>
      </xsl:if>
      <xsl:if test="a:remediation">
        <fo:block>
          <fo:inline font-weight="bold">Correction proposée : </fo:inline>
          <xsl:call-template name="texte"><xsl:with-param name="texte" select="a:remediation"/></xsl:call-template>
        </fo:block>
      </xsl:if>
      <xsl:if test="a:justification">
        <fo:block font-style="italic">
          <xsl:text>Justification de l’acceptation : </xsl:text>
          <xsl:call-template name="texte"><xsl:with-param name="texte" select="a:justification"/></xsl:call-template>
        </fo:block>
      </xsl:if>
    </fo:block>
  </xsl:template>
</xsl:stylesheet>
