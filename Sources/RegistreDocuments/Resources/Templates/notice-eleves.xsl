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
          <fo:block xsl:use-attribute-sets="titre-1" space-before="0mm" font-size="17pt">
            <xsl:call-template name="texte"><xsl:with-param name="texte" select="$titre"/></xsl:call-template>
          </fo:block>
          <fo:block xsl:use-attribute-sets="paragraphe">
            <xsl:call-template name="texte">
              <xsl:with-param name="texte" select="concat('Dans ton établissement (', $etab/r:nom, '), on utilise des informations sur toi : ton nom, ta classe, tes notes, tes absences… Ce sont tes données personnelles. Voici à quoi elles servent, qui peut les voir, combien de temps on les garde et ce que tu peux demander.')"/>
            </xsl:call-template>
          </fo:block>
          <xsl:call-template name="encadre-contacts"><xsl:with-param name="eleve" select="true()"/></xsl:call-template>
          <xsl:call-template name="regles-generales-eleve"/>

          <xsl:if test="not($traitements-couverts)">
            <fo:block xsl:use-attribute-sets="paragraphe" font-style="italic">Aucun usage de tes données n’est inscrit au registre pour l’instant.</fo:block>
          </xsl:if>
          <xsl:for-each select="$traitements-couverts">
            <xsl:call-template name="section-traitement-eleve"/>
          </xsl:for-each>

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
    Ce qui vaut pour tous les usages, dit une fois : responsable, origine des
    données, pas de transfert hors d'Europe ni de décision automatique. Chaque
    usage ne reprend que ce qui s'en écarte : la notice reste courte.
  -->
  <xsl:template name="regles-generales-eleve">
    <fo:block xsl:use-attribute-sets="paragraphe">
      <xsl:call-template name="texte">
        <xsl:with-param name="texte" select="concat('Sauf si c’est écrit autrement plus bas : la responsable ou le responsable est ', $chef-nom-fonction, ' ; les informations viennent de toi et de ta famille ; elles restent dans l’Union européenne ; et ce sont toujours des personnes qui décident, jamais un ordinateur seul.')"/>
      </xsl:call-template>
    </fo:block>
  </xsl:template>

  <xsl:template name="section-traitement-eleve">
    <fo:block xsl:use-attribute-sets="titre-2" font-size="11.5pt" space-before="5mm"
        border-bottom="0.5pt solid {$couleur-filet}" padding-bottom="0.8mm">
      <xsl:call-template name="texte"><xsl:with-param name="texte" select="r:nom"/></xsl:call-template>
    </fo:block>
    <fo:table table-layout="fixed" width="100%">
      <fo:table-column column-width="44mm"/>
      <fo:table-column column-width="proportional-column-width(1)"/>
      <fo:table-body>
        <xsl:call-template name="ligne-notice">
          <xsl:with-param name="libelle" select="'À quoi ça sert ?'"/>
          <xsl:with-param name="contenu">
            <fo:block><xsl:call-template name="texte"><xsl:with-param name="texte" select="concat(r:finalite_principale, '.')"/></xsl:call-template></fo:block>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="ligne-notice">
          <xsl:with-param name="libelle" select="'Pourquoi a-t-on le droit ?'"/>
          <xsl:with-param name="contenu">
            <fo:block>
              <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'base-legale-eleve'"/><xsl:with-param name="code" select="r:base_legale/r:article_6"/></xsl:call-template>
            </fo:block>
            <xsl:call-template name="phrase-fourniture"><xsl:with-param name="eleve" select="true()"/></xsl:call-template>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:if test="r:responsable/r:type and r:responsable/r:type != 'etablissement'">
          <xsl:call-template name="ligne-notice">
            <xsl:with-param name="libelle" select="'Qui en est responsable ?'"/>
            <xsl:with-param name="contenu"><fo:block><xsl:call-template name="phrase-responsable"><xsl:with-param name="eleve" select="true()"/></xsl:call-template></fo:block></xsl:with-param>
          </xsl:call-template>
        </xsl:if>
        <xsl:call-template name="ligne-notice">
          <xsl:with-param name="libelle" select="'Quelles informations ?'"/>
          <xsl:with-param name="contenu">
            <fo:block>
              <xsl:for-each select="r:donnees/r:categorie_donnees">
                <xsl:if test="position() &gt; 1"><xsl:text> ; </xsl:text></xsl:if>
                <xsl:choose>
                  <xsl:when test="r:description"><xsl:call-template name="texte"><xsl:with-param name="texte" select="r:description"/></xsl:call-template></xsl:when>
                  <xsl:otherwise><xsl:call-template name="libelle"><xsl:with-param name="liste" select="'donnees'"/><xsl:with-param name="code" select="r:categorie"/></xsl:call-template></xsl:otherwise>
                </xsl:choose>
              </xsl:for-each>
              <xsl:text>.</xsl:text>
            </fo:block>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:if test="r:collecte_aupres_des_personnes = 'false' or r:sources_des_donnees/r:source">
          <xsl:call-template name="ligne-notice">
            <xsl:with-param name="libelle" select="'D’où viennent-elles ?'"/>
            <xsl:with-param name="contenu"><xsl:call-template name="phrases-sources"><xsl:with-param name="eleve" select="true()"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
        </xsl:if>
        <xsl:call-template name="ligne-notice">
          <xsl:with-param name="libelle" select="'Qui peut les voir ?'"/>
          <xsl:with-param name="contenu"><xsl:call-template name="phrases-destinataires"><xsl:with-param name="eleve" select="true()"/></xsl:call-template></xsl:with-param>
        </xsl:call-template>
        <xsl:if test="r:transferts/r:transfert">
          <xsl:call-template name="ligne-notice">
            <xsl:with-param name="libelle" select="'Partent-elles hors d’Europe ?'"/>
            <xsl:with-param name="contenu"><xsl:call-template name="phrases-transferts"><xsl:with-param name="eleve" select="true()"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
        </xsl:if>
        <xsl:call-template name="ligne-notice">
          <xsl:with-param name="libelle" select="'Combien de temps ?'"/>
          <xsl:with-param name="contenu"><xsl:call-template name="phrases-conservation"><xsl:with-param name="eleve" select="true()"/></xsl:call-template></xsl:with-param>
        </xsl:call-template>
        <xsl:if test="r:decision_automatisee/r:existe = 'true'">
          <xsl:call-template name="ligne-notice">
            <xsl:with-param name="libelle" select="'Un ordinateur décide-t-il seul ?'"/>
            <xsl:with-param name="contenu">
              <fo:block>Oui. Tu peux demander qu’une personne vérifie la décision et donner ton avis.</fo:block>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:if>
      </fo:table-body>
    </fo:table>
  </xsl:template>
</xsl:stylesheet>
