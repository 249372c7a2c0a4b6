<?xml version="1.0" encoding="UTF-8"?>
<!--
  Notice pour les élèves : les mêmes informations que la notice des familles
  (articles 13 et 14), en phrases courtes et au tutoiement (article 12 :
  information adaptée aux enfants).
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
          <xsl:value-of select="concat('Tes données : ', normalize-space($traitements-couverts/r:nom))"/>
        </xsl:when>
        <xsl:when test="$etab/r:type = 'college'">Tes données personnelles au collège</xsl:when>
        <xsl:when test="$etab/r:type = 'lycee' or $etab/r:type = 'lycee-professionnel'">Tes données personnelles au lycée</xsl:when>
        <xsl:otherwise>Tes données personnelles dans ton établissement</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <fo:root xml:lang="fr" font-family="DejaVu Sans" font-size="10pt" line-height="1.4"
        hyphenate="false" text-align="left">
      <xsl:call-template name="modeles-de-page"/>
      <fo:declarations>
        <xsl:call-template name="metadonnees">
          <xsl:with-param name="titre" select="concat($titre, ' – ', $etab/r:nom)"/>
          <xsl:with-param name="sujet" select="'Notice d’information (articles 12, 13 et 14 du RGPD) destinée aux élèves'"/>
        </xsl:call-template>
      </fo:declarations>
      <fo:page-sequence master-reference="courante">
        <fo:title><xsl:value-of select="$titre"/></fo:title>
        <xsl:call-template name="entete">
          <xsl:with-param name="titre" select="'Information des élèves'"/>
        </xsl:call-template>
        <xsl:call-template name="pied"/>
        <fo:flow flow-name="xsl-region-body">
          <xsl:call-template name="avertissement-fiches-incompletes"/>
          <fo:block xsl:use-attribute-sets="titre-1" space-before="0mm" font-size="17pt">
            <xsl:call-template name="texte"><xsl:with-param name="texte" select="$titre"/></xsl:call-template>
          </fo:block>
          <fo:block xsl:use-attribute-sets="paragraphe">
            <xsl:call-template name="texte">
              <xsl:with-param name="texte" select="concat('Dans ton établissement (', $etab/r:nom, '), on utilise des informations sur toi : ton nom, ta classe, tes notes, tes absences… Ce sont tes données personnelles. Voici à quoi elles servent, qui peut les voir, combien de temps on les garde et ce que tu peux demander.')"/>
            </xsl:call-template>
          </fo:block>
          <xsl:call-template name="encadre-contacts"><xsl:with-param name="eleve" select="true()"/></xsl:call-template>

          <xsl:if test="not($traitements-couverts)">
            <fo:block xsl:use-attribute-sets="paragraphe" font-style="italic">Aucun usage de tes données n’est inscrit au registre pour l’instant.</fo:block>
          </xsl:if>
          <xsl:if test="$traitements-couverts">
            <fo:table table-layout="fixed" width="100%" font-size="8pt" line-height="1.25">
              <fo:table-column column-width="proportional-column-width(46)"/>
              <fo:table-column column-width="proportional-column-width(30)"/>
              <fo:table-column column-width="proportional-column-width(24)"/>
              <fo:table-header>
                <fo:table-row background-color="{$couleur-fond-entete}" font-weight="bold">
                  <fo:table-cell padding="0.8mm"><fo:block>À quoi ça sert</fo:block></fo:table-cell>
                  <fo:table-cell padding="0.8mm"><fo:block>Qui peut les voir</fo:block></fo:table-cell>
                  <fo:table-cell padding="0.8mm"><fo:block>Combien de temps</fo:block></fo:table-cell>
                </fo:table-row>
              </fo:table-header>
              <fo:table-body>
                <xsl:for-each select="$traitements-couverts">
                  <xsl:call-template name="ligne-eleve"/>
                </xsl:for-each>
              </fo:table-body>
            </fo:table>
          </xsl:if>

          <fo:block xsl:use-attribute-sets="titre-1" font-size="13pt" space-before="7mm">Ce que tu peux demander</fo:block>
          <fo:list-block provisional-distance-between-starts="5mm" space-after="2mm">
            <xsl:call-template name="puce"><xsl:with-param name="texte" select="'Voir les informations qu’on a sur toi et en avoir une copie.'"/></xsl:call-template>
            <xsl:call-template name="puce"><xsl:with-param name="texte" select="'Faire corriger une information fausse.'"/></xsl:call-template>
            <xsl:call-template name="puce"><xsl:with-param name="texte" select="'Faire effacer une information qu’on n’a plus de raison de garder.'"/></xsl:call-template>
            <xsl:call-template name="puce"><xsl:with-param name="texte" select="'Demander qu’on arrête un moment d’utiliser une information que tu contestes.'"/></xsl:call-template>
            <xsl:call-template name="puce"><xsl:with-param name="texte" select="'Dire que tu n’es pas d’accord avec un usage, en expliquant pourquoi.'"/></xsl:call-template>
            <xsl:call-template name="puce"><xsl:with-param name="texte" select="'Récupérer les informations que tu as données, quand l’usage repose sur ton accord ou sur un contrat.'"/></xsl:call-template>
            <xsl:if test="$traitements-couverts[r:base_legale/r:article_6 = 'consentement']">
              <xsl:call-template name="puce"><xsl:with-param name="texte" select="'Changer d’avis quand on t’a demandé ton accord : tu peux le retirer quand tu veux.'"/></xsl:call-template>
            </xsl:if>
          </fo:list-block>
          <fo:block xsl:use-attribute-sets="paragraphe">
            <xsl:call-template name="texte">
              <xsl:with-param name="texte" select="concat('Pour cela, parles-en avec tes parents, puis écrivez au ', $contact-chef, ' ou au ', $contact-dpd, '. On doit te répondre en un mois maximum. C’est gratuit.')"/>
            </xsl:call-template>
          </fo:block>
          <xsl:call-template name="encadre-cnil"><xsl:with-param name="eleve" select="true()"/></xsl:call-template>
          <fo:block space-before="6mm" font-size="8.5pt" color="#555555">
            <xsl:text>Document établi le </xsl:text>
            <xsl:call-template name="date-du-document"/>
            <xsl:text>. Une version plus détaillée existe pour tes parents.</xsl:text>
          </fo:block>
          <fo:block id="fin-du-document"/>
        </fo:flow>
      </fo:page-sequence>
    </fo:root>
  </xsl:template>

  <!--
    One row per use, in plain words and without legal citations (Art. 12):
    what for and why it is allowed, who sees the data, how long. Only what the
    register says; where it is silent, « ask the school ».
  -->
  <xsl:template name="ligne-eleve">
    <fo:table-row keep-together.within-page="always">
      <fo:table-cell padding="0.8mm" border-bottom="0.3pt solid #C8D2E0">
        <fo:block font-weight="bold"><xsl:call-template name="texte"><xsl:with-param name="texte" select="r:nom"/></xsl:call-template></fo:block>
        <fo:block><xsl:call-template name="texte"><xsl:with-param name="texte" select="concat(r:finalite_principale, '.')"/></xsl:call-template></fo:block>
        <fo:block font-style="italic">
          <xsl:call-template name="libelle">
            <xsl:with-param name="liste" select="'base-legale-eleve'"/>
            <xsl:with-param name="code">
              <xsl:value-of select="r:base_legale/r:article_6"/>
              <xsl:if test="r:base_legale/r:article_6 = 'mission-interet-public' and r:responsable/r:type and r:responsable/r:type != 'etablissement'">-externe</xsl:if>
            </xsl:with-param>
          </xsl:call-template>
        </fo:block>
        <xsl:if test="r:responsable/r:type and r:responsable/r:type != 'etablissement'">
          <fo:block font-style="italic"><xsl:call-template name="phrase-responsable"><xsl:with-param name="eleve" select="true()"/></xsl:call-template></fo:block>
        </xsl:if>
      </fo:table-cell>
      <fo:table-cell padding="0.8mm" border-bottom="0.3pt solid #C8D2E0">
        <fo:block>
          <xsl:for-each select="r:destinataires/r:destinataire/r:nom | r:sous_traitants/r:sous_traitant">
            <xsl:if test="position() &gt; 1"><xsl:text>&#x202F;; </xsl:text></xsl:if>
            <xsl:variable name="ref" select="normalize-space(.)"/>
            <xsl:variable name="st" select="/r:registre/r:sous_traitants/r:sous_traitant[r:id = $ref]"/>
            <xsl:choose>
              <xsl:when test="self::r:sous_traitant and $st"><xsl:call-template name="texte"><xsl:with-param name="texte" select="concat($st/r:nom, ' (l’entreprise du logiciel)')"/></xsl:call-template></xsl:when>
              <xsl:otherwise><xsl:call-template name="texte"><xsl:with-param name="texte" select="."/></xsl:call-template></xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
          <xsl:if test="not(r:destinataires/r:destinataire) and not(r:sous_traitants/r:sous_traitant)">Demande à l’établissement.</xsl:if>
        </fo:block>
        <xsl:if test="r:transferts/r:transfert">
          <fo:block font-style="italic">Certaines partent hors d’Europe&#xA0;: demande à l’établissement comment elles sont protégées.</fo:block>
        </xsl:if>
      </fo:table-cell>
      <fo:table-cell padding="0.8mm" border-bottom="0.3pt solid #C8D2E0">
        <xsl:call-template name="durees-eleve"/>
      </fo:table-cell>
    </fo:table-row>
  </xsl:template>

  <!-- Distinct retentions, in plain words. -->
  <xsl:template name="durees-eleve">
    <xsl:variable name="distinctes"
        select="r:donnees/r:categorie_donnees[
                  (r:conservation/r:duree and not(r:conservation/r:duree = preceding-sibling::r:categorie_donnees/r:conservation/r:duree))
                  or (not(r:conservation/r:duree) and normalize-space(r:conservation/r:critere) != ''
                      and not(r:conservation/r:critere = preceding-sibling::r:categorie_donnees[not(r:conservation/r:duree)]/r:conservation/r:critere))]"/>
    <fo:block>
      <xsl:for-each select="$distinctes">
        <xsl:if test="position() &gt; 1"><xsl:text>&#x202F;; </xsl:text></xsl:if>
        <xsl:call-template name="duree-categorie"><xsl:with-param name="eleve" select="true()"/><xsl:with-param name="avec-sort" select="false()"/><xsl:with-param name="avec-point" select="false()"/></xsl:call-template>
        <xsl:if test="position() = last()"><xsl:text>.</xsl:text></xsl:if>
      </xsl:for-each>
    </fo:block>
    <xsl:if test="not($distinctes)"><fo:block>Demande à l’établissement.</fo:block></xsl:if>
  </xsl:template>
</xsl:stylesheet>
