<?xml version="1.0" encoding="UTF-8"?>
<!--
  Registre des activités de traitement (art. 30 RGPD) : page de garde, synthèse,
  une fiche par traitement, annexe des sous-traitants, registre des violations
  (art. 33-5) et bloc de signature.
  Entrée : le XML canonique du registre. Sortie : XSL-FO pour Apache FOP.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:fox="http://xmlgraphics.apache.org/fop/extensions"
    xmlns:pdf="http://xmlgraphics.apache.org/fop/extensions/pdf"
    xmlns:r="urn:registre:eple:1"
    exclude-result-prefixes="r">

  <xsl:import href="commun.xsl"/>
  <xsl:import href="libelles.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <!-- Nom du fichier XML à incorporer (PDF/A-3) ; vide : pas de pièce jointe. -->
  <xsl:param name="fichier-xml" select="''"/>

  <xsl:variable name="etab" select="/r:registre/r:etablissement"/>
  <xsl:variable name="titre" select="concat('Registre des activités de traitement – ', $etab/r:nom)"/>

  <xsl:template match="/">
    <fo:root xml:lang="fr" font-family="DejaVu Sans" font-size="9pt" line-height="1.35"
        hyphenate="false" text-align="left">
      <xsl:call-template name="modeles-de-page"/>
      <fo:declarations>
        <xsl:call-template name="metadonnees">
          <xsl:with-param name="titre" select="$titre"/>
          <xsl:with-param name="sujet" select="'Registre des activités de traitement (article 30 du RGPD)'"/>
        </xsl:call-template>
        <xsl:if test="$fichier-xml != ''">
          <pdf:embedded-file filename="{$fichier-xml}" src="{$fichier-xml}"
              description="Registre au format XML canonique (source de ce document)"/>
        </xsl:if>
      </fo:declarations>
      <xsl:call-template name="signets"/>
      <xsl:call-template name="page-de-garde"/>
      <fo:page-sequence master-reference="courante" id="corps">
        <fo:title><xsl:value-of select="$titre"/></fo:title>
        <xsl:call-template name="entete">
          <xsl:with-param name="titre" select="'Registre des activités de traitement'"/>
        </xsl:call-template>
        <xsl:call-template name="pied"/>
        <fo:flow flow-name="xsl-region-body">
          <xsl:call-template name="synthese"/>
          <xsl:apply-templates select="r:registre/r:traitements/r:traitement" mode="fiche"/>
          <xsl:call-template name="annexe-sous-traitants"/>
          <xsl:call-template name="registre-violations"/>
          <xsl:call-template name="signature"/>
          <fo:block id="fin-du-document"/>
        </fo:flow>
      </fo:page-sequence>
    </fo:root>
  </xsl:template>

  <!-- ===== Signets ===== -->

  <xsl:template name="signets">
    <fo:bookmark-tree>
      <fo:bookmark internal-destination="garde"><fo:bookmark-title>Page de garde</fo:bookmark-title></fo:bookmark>
      <fo:bookmark internal-destination="synthese"><fo:bookmark-title>Synthèse des traitements</fo:bookmark-title></fo:bookmark>
      <xsl:if test="r:registre/r:traitements/r:traitement">
        <fo:bookmark internal-destination="{generate-id(r:registre/r:traitements/r:traitement[1])}" starting-state="show">
          <fo:bookmark-title>Fiches des traitements</fo:bookmark-title>
          <xsl:for-each select="r:registre/r:traitements/r:traitement">
            <fo:bookmark internal-destination="{generate-id(.)}">
              <fo:bookmark-title><xsl:value-of select="normalize-space(r:nom)"/></fo:bookmark-title>
            </fo:bookmark>
          </xsl:for-each>
        </fo:bookmark>
      </xsl:if>
      <fo:bookmark internal-destination="sous-traitants"><fo:bookmark-title>Annexe : sous-traitants</fo:bookmark-title></fo:bookmark>
      <fo:bookmark internal-destination="violations"><fo:bookmark-title>Registre des violations de données</fo:bookmark-title></fo:bookmark>
      <fo:bookmark internal-destination="signature"><fo:bookmark-title>Signature</fo:bookmark-title></fo:bookmark>
    </fo:bookmark-tree>
  </xsl:template>

  <!-- ===== Page de garde ===== -->

  <xsl:template name="page-de-garde">
    <fo:page-sequence master-reference="garde" id="garde">
      <xsl:call-template name="pied"/>
      <fo:flow flow-name="xsl-region-body">
        <fo:block font-size="11pt" color="#555555" space-after="2mm">
          <xsl:call-template name="texte"><xsl:with-param name="texte" select="concat('Académie de ', $etab/r:academie)"/></xsl:call-template>
        </fo:block>
        <fo:block font-size="24pt" font-weight="bold" color="{$couleur-titre}" space-before="35mm" role="H1">
          Registre des activités de traitement
        </fo:block>
        <fo:block font-size="11pt" space-before="2mm" color="#555555">
          Article 30 du règlement général sur la protection des données (RGPD)
        </fo:block>
        <fo:block font-size="16pt" font-weight="bold" space-before="14mm">
          <xsl:call-template name="texte"><xsl:with-param name="texte" select="$etab/r:nom"/></xsl:call-template>
        </fo:block>
        <fo:block font-size="10.5pt" space-before="1mm">
          <xsl:call-template name="texte"><xsl:with-param name="texte" select="$etab/r:adresse"/></xsl:call-template>
        </fo:block>
        <fo:block font-size="10.5pt">
          <xsl:value-of select="concat('UAI', $nbsp, ':', $nbsp, $etab/r:uai)"/>
        </fo:block>
        <fo:table table-layout="fixed" width="100%" space-before="18mm" font-size="10pt">
          <fo:table-column column-width="55mm"/>
          <fo:table-column column-width="proportional-column-width(1)"/>
          <fo:table-body>
            <xsl:call-template name="ligne-fiche">
              <xsl:with-param name="libelle" select="'Responsable de traitement'"/>
              <xsl:with-param name="valeur" select="concat($etab/r:responsable/r:nom, ', ', $etab/r:responsable/r:fonction, ' – ', $etab/r:responsable/r:courriel, ' – ', $etab/r:responsable/r:telephone)"/>
            </xsl:call-template>
            <xsl:call-template name="ligne-fiche">
              <xsl:with-param name="libelle" select="'Délégué à la protection des données (DPD)'"/>
              <xsl:with-param name="valeur" select="concat($etab/r:dpd/r:nom, ' – ', $etab/r:dpd/r:courriel, ' – ', $etab/r:dpd/r:adresse)"/>
            </xsl:call-template>
            <xsl:call-template name="ligne-fiche">
              <xsl:with-param name="libelle" select="'Référent numérique'"/>
              <xsl:with-param name="valeur" select="$etab/r:referentNumerique"/>
            </xsl:call-template>
            <xsl:call-template name="ligne-fiche">
              <xsl:with-param name="libelle" select="'Nombre de traitements'"/>
              <xsl:with-param name="valeur" select="count(r:registre/r:traitements/r:traitement)"/>
            </xsl:call-template>
            <fo:table-row>
              <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Édition</fo:block></fo:table-cell>
              <fo:table-cell xsl:use-attribute-sets="cellule">
                <fo:block>
                  <xsl:text>Registre arrêté le </xsl:text>
                  <xsl:call-template name="date-du-document"/>
                  <xsl:text> – format du registre, version </xsl:text>
                  <xsl:value-of select="r:registre/@version"/>
                  <xsl:if test="$version-outil != ''">
                    <xsl:value-of select="concat(' – produit par registre ', $version-outil)"/>
                  </xsl:if>
                </fo:block>
              </fo:table-cell>
            </fo:table-row>
          </fo:table-body>
        </fo:table>
        <xsl:if test="$fichier-xml != ''">
          <fo:block font-size="8.5pt" color="#555555" space-before="10mm">
            <xsl:call-template name="texte">
              <xsl:with-param name="texte" select="concat('Ce PDF contient en pièce jointe le fichier « ', $fichier-xml, ' » : le même registre au format XML, lisible par un programme.')"/>
            </xsl:call-template>
          </fo:block>
        </xsl:if>
      </fo:flow>
    </fo:page-sequence>
  </xsl:template>

  <!-- ===== Synthèse ===== -->

  <xsl:template name="synthese">
    <fo:block id="synthese" xsl:use-attribute-sets="titre-1" space-before="0mm">Synthèse des traitements</fo:block>
    <fo:table table-layout="fixed" width="100%" font-size="8.5pt">
      <fo:table-column column-width="8mm"/>
      <fo:table-column column-width="proportional-column-width(3)"/>
      <fo:table-column column-width="proportional-column-width(2)"/>
      <fo:table-column column-width="proportional-column-width(3)"/>
      <fo:table-column column-width="28mm"/>
      <fo:table-column column-width="18mm"/>
      <fo:table-header>
        <fo:table-row>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>N°</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Traitement</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Responsable</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Base légale</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>AIPD</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Statut</fo:block></fo:table-cell>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body>
        <xsl:if test="not(r:registre/r:traitements/r:traitement)">
          <fo:table-row><fo:table-cell number-columns-spanned="6" xsl:use-attribute-sets="cellule"><fo:block>Aucun traitement inscrit.</fo:block></fo:table-cell></fo:table-row>
        </xsl:if>
        <xsl:for-each select="r:registre/r:traitements/r:traitement">
          <fo:table-row keep-together.within-page="always">
            <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block><xsl:value-of select="position()"/></fo:block></fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cellule">
              <fo:block>
                <fo:basic-link internal-destination="{generate-id(.)}" color="{$couleur-titre}">
                  <xsl:call-template name="texte"><xsl:with-param name="texte" select="r:nom"/></xsl:call-template>
                </fo:basic-link>
              </fo:block>
            </fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block><xsl:call-template name="responsable-court"/></fo:block></fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block><xsl:call-template name="base-legale"/></fo:block></fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block><xsl:call-template name="aipd-court"/></fo:block></fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cellule">
              <fo:block>
                <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'statut'"/><xsl:with-param name="code" select="r:statut"/></xsl:call-template>
              </fo:block>
            </fo:table-cell>
          </fo:table-row>
        </xsl:for-each>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <xsl:template name="responsable-court">
    <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'responsable'"/><xsl:with-param name="code" select="r:responsable/@type"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="base-legale">
    <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'base-legale'"/><xsl:with-param name="code" select="r:baseLegale/@article"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="aipd-court">
    <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'aipd'"/><xsl:with-param name="code" select="r:aipd/@statut"/></xsl:call-template>
    <xsl:if test="r:aipd/@date">
      <xsl:text> (</xsl:text>
      <xsl:call-template name="date"><xsl:with-param name="iso" select="r:aipd/@date"/></xsl:call-template>
      <xsl:text>)</xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- ===== Fiche d'un traitement ===== -->

  <xsl:template match="r:traitement" mode="fiche">
    <fo:block id="{generate-id(.)}" break-before="page" xsl:use-attribute-sets="titre-1" space-before="0mm">
      <xsl:value-of select="concat('Fiche ', position(), ' – ')"/>
      <xsl:call-template name="texte"><xsl:with-param name="texte" select="r:nom"/></xsl:call-template>
    </fo:block>
    <fo:table table-layout="fixed" width="100%">
      <fo:table-column column-width="48mm"/>
      <fo:table-column column-width="proportional-column-width(1)"/>
      <fo:table-body>
        <xsl:call-template name="ligne-fiche">
          <xsl:with-param name="libelle" select="'Référence'"/>
          <xsl:with-param name="valeur" select="@id"/>
        </xsl:call-template>
        <fo:table-row>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Statut de la fiche</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block>
            <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'statut'"/><xsl:with-param name="code" select="r:statut"/></xsl:call-template>
            <xsl:text> – créée le </xsl:text>
            <xsl:call-template name="date"><xsl:with-param name="iso" select="r:dateCreation"/></xsl:call-template>
            <xsl:text>, mise à jour le </xsl:text>
            <xsl:call-template name="date"><xsl:with-param name="iso" select="r:dateMiseAJour"/></xsl:call-template>
          </fo:block></fo:table-cell>
        </fo:table-row>
        <fo:table-row>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Responsable du traitement</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block>
            <xsl:call-template name="responsable-court"/>
            <xsl:if test="normalize-space(r:responsable) != ''">
              <xsl:text> : </xsl:text>
              <xsl:call-template name="texte"><xsl:with-param name="texte" select="r:responsable"/></xsl:call-template>
            </xsl:if>
          </fo:block></fo:table-cell>
        </fo:table-row>
        <xsl:call-template name="ligne-fiche">
          <xsl:with-param name="libelle" select="'Finalité principale'"/>
          <xsl:with-param name="valeur" select="r:finalites/r:principale"/>
        </xsl:call-template>
        <xsl:if test="r:finalites/r:sousFinalite">
          <fo:table-row>
            <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Sous-finalités</fo:block></fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cellule">
              <xsl:call-template name="liste"><xsl:with-param name="elements" select="r:finalites/r:sousFinalite"/></xsl:call-template>
            </fo:table-cell>
          </fo:table-row>
        </xsl:if>
        <fo:table-row>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Base légale</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block>
            <xsl:call-template name="base-legale"/>
            <xsl:if test="normalize-space(r:baseLegale) != ''">
              <xsl:text> – </xsl:text>
              <xsl:call-template name="texte"><xsl:with-param name="texte" select="r:baseLegale"/></xsl:call-template>
            </xsl:if>
          </fo:block></fo:table-cell>
        </fo:table-row>
        <fo:table-row>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Personnes concernées</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule">
            <xsl:call-template name="liste-personnes"/>
          </fo:table-cell>
        </fo:table-row>
        <fo:table-row>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Sources des données</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule">
            <xsl:call-template name="liste"><xsl:with-param name="elements" select="r:sources/r:source"/></xsl:call-template>
          </fo:table-cell>
        </fo:table-row>
        <fo:table-row>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Destinataires</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule">
            <xsl:call-template name="liste-destinataires"/>
          </fo:table-cell>
        </fo:table-row>
        <fo:table-row>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Sous-traitants</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule">
            <xsl:call-template name="liste-sous-traitants"/>
          </fo:table-cell>
        </fo:table-row>
        <fo:table-row>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Transferts hors de l'Union européenne</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule">
            <xsl:call-template name="liste-transferts"/>
          </fo:table-cell>
        </fo:table-row>
        <fo:table-row>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Mesures de sécurité</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule">
            <xsl:call-template name="liste-mesures"/>
          </fo:table-cell>
        </fo:table-row>
        <xsl:call-template name="ligne-fiche">
          <xsl:with-param name="libelle" select="'Logiciel ou outil utilisé'"/>
          <xsl:with-param name="valeur" select="r:logiciel"/>
        </xsl:call-template>
        <fo:table-row>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Analyse d'impact (AIPD)</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block>
            <xsl:call-template name="aipd-court"/>
            <xsl:for-each select="r:aipd/r:motif | r:aipd/r:conclusion">
              <xsl:text> – </xsl:text>
              <xsl:call-template name="texte"><xsl:with-param name="texte" select="."/></xsl:call-template>
            </xsl:for-each>
          </fo:block></fo:table-cell>
        </fo:table-row>
        <xsl:call-template name="ligne-fiche">
          <xsl:with-param name="libelle" select="'Fourniture des données'"/>
          <xsl:with-param name="valeur" select="r:fourniture"/>
        </xsl:call-template>
        <xsl:call-template name="ligne-fiche">
          <xsl:with-param name="libelle" select="'Décision automatisée ou profilage'"/>
          <xsl:with-param name="valeur">
            <xsl:choose>
              <xsl:when test="r:decisionAutomatisee = 'true'">Oui</xsl:when>
              <xsl:otherwise>Non</xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
        <fo:table-row>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Information des personnes</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block>
            <xsl:choose>
              <xsl:when test="r:information/@notice = 'true'">
                <xsl:text>Notice d'information diffusée</xsl:text>
                <xsl:if test="r:information/@date">
                  <xsl:text> le </xsl:text>
                  <xsl:call-template name="date"><xsl:with-param name="iso" select="r:information/@date"/></xsl:call-template>
                </xsl:if>
              </xsl:when>
              <xsl:otherwise>Pas encore de notice d'information diffusée</xsl:otherwise>
            </xsl:choose>
          </fo:block></fo:table-cell>
        </fo:table-row>
        <xsl:apply-templates select="*" mode="autre-champ"/>
      </fo:table-body>
    </fo:table>

    <fo:block xsl:use-attribute-sets="titre-2">Catégories de données et durées de conservation</fo:block>
    <xsl:call-template name="tableau-donnees"/>

    <xsl:if test="r:flux/r:flux">
      <fo:block xsl:use-attribute-sets="titre-2">Flux de données</fo:block>
      <xsl:call-template name="tableau-flux"/>
    </xsl:if>
  </xsl:template>

  <!-- Champs que ce modèle ne connaît pas encore : affichés tels quels, pour qu'aucune information ne manque. -->
  <xsl:template match="*" mode="autre-champ">
    <xsl:call-template name="ligne-fiche">
      <xsl:with-param name="libelle" select="local-name()"/>
      <xsl:with-param name="valeur" select="normalize-space(.)"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template mode="autre-champ" match="r:nom | r:statut | r:dateCreation | r:dateMiseAJour | r:finalites
      | r:responsable | r:baseLegale | r:personnes | r:donnees | r:sources | r:destinataires | r:sousTraitants
      | r:transferts | r:securite | r:flux | r:logiciel | r:aipd | r:fourniture | r:decisionAutomatisee | r:information"/>

  <xsl:template name="liste">
    <xsl:param name="elements"/>
    <xsl:choose>
      <xsl:when test="not($elements)">
        <fo:block color="#777777" font-style="italic">aucun</fo:block>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="$elements">
          <fo:block>
            <xsl:if test="count($elements) &gt; 1"><xsl:text>• </xsl:text></xsl:if>
            <xsl:if test="@type">
              <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'type'"/><xsl:with-param name="code" select="@type"/></xsl:call-template>
              <xsl:text> : </xsl:text>
            </xsl:if>
            <xsl:call-template name="texte"><xsl:with-param name="texte" select="."/></xsl:call-template>
          </fo:block>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="liste-personnes">
    <xsl:choose>
      <xsl:when test="not(r:personnes/r:categorie)"><fo:block color="#777777" font-style="italic">non renseigné</fo:block></xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="r:personnes/r:categorie">
          <fo:block>
            <xsl:text>• </xsl:text>
            <xsl:call-template name="texte"><xsl:with-param name="texte" select="."/></xsl:call-template>
            <xsl:text> (</xsl:text>
            <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'personnes'"/><xsl:with-param name="code" select="@type"/></xsl:call-template>
            <xsl:if test="@volume"><xsl:value-of select="concat(', environ ', @volume)"/></xsl:if>
            <xsl:text>)</xsl:text>
          </fo:block>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="liste-destinataires">
    <xsl:call-template name="liste"><xsl:with-param name="elements" select="r:destinataires/r:destinataire"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="liste-sous-traitants">
    <xsl:choose>
      <xsl:when test="not(r:sousTraitants/r:sousTraitant)"><fo:block color="#777777" font-style="italic">aucun</fo:block></xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="r:sousTraitants/r:sousTraitant">
          <xsl:variable name="ref" select="@ref"/>
          <xsl:variable name="st" select="/r:registre/r:sousTraitants/r:sousTraitant[@id = $ref]"/>
          <fo:block>
            <xsl:text>• </xsl:text>
            <xsl:choose>
              <xsl:when test="$st">
                <fo:basic-link internal-destination="{generate-id($st)}" color="{$couleur-titre}">
                  <xsl:call-template name="texte"><xsl:with-param name="texte" select="$st/r:nom"/></xsl:call-template>
                </fo:basic-link>
                <xsl:value-of select="concat(' (', $st/r:hebergement, ')')"/>
              </xsl:when>
              <xsl:otherwise><xsl:value-of select="$ref"/></xsl:otherwise>
            </xsl:choose>
          </fo:block>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="liste-transferts">
    <xsl:choose>
      <xsl:when test="not(r:transferts/r:transfert)"><fo:block>Aucun transfert hors de l'Union européenne</fo:block></xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="r:transferts/r:transfert">
          <fo:block>
            <xsl:text>• </xsl:text>
            <xsl:call-template name="texte"><xsl:with-param name="texte" select="."/></xsl:call-template>
            <xsl:value-of select="concat(' – pays', $nbsp, ':', $nbsp, @pays, ' – garantie', $nbsp, ':', $nbsp)"/>
            <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'mecanisme'"/><xsl:with-param name="code" select="@mecanisme"/></xsl:call-template>
          </fo:block>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="liste-mesures">
    <xsl:choose>
      <xsl:when test="not(r:securite/r:mesure)"><fo:block color="#777777" font-style="italic">non renseigné</fo:block></xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="r:securite/r:mesure">
          <fo:block>
            <xsl:text>• </xsl:text>
            <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'securite'"/><xsl:with-param name="code" select="@famille"/></xsl:call-template>
            <xsl:text> : </xsl:text>
            <xsl:call-template name="texte"><xsl:with-param name="texte" select="."/></xsl:call-template>
          </fo:block>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="tableau-donnees">
    <fo:table table-layout="fixed" width="100%" font-size="8.5pt">
      <fo:table-column column-width="proportional-column-width(2)"/>
      <fo:table-column column-width="proportional-column-width(4)"/>
      <fo:table-column column-width="proportional-column-width(2)"/>
      <fo:table-column column-width="proportional-column-width(3)"/>
      <fo:table-column column-width="proportional-column-width(2)"/>
      <fo:table-header>
        <fo:table-row>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Catégorie</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Données</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Durée de conservation</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>À compter de</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Sort final</fo:block></fo:table-cell>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body>
        <xsl:if test="not(r:donnees/r:categorie)">
          <fo:table-row><fo:table-cell number-columns-spanned="5" xsl:use-attribute-sets="cellule"><fo:block>Aucune catégorie de données renseignée.</fo:block></fo:table-cell></fo:table-row>
        </xsl:if>
        <xsl:for-each select="r:donnees/r:categorie">
          <fo:table-row keep-together.within-page="always">
            <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block>
              <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'donnees'"/><xsl:with-param name="code" select="@famille"/></xsl:call-template>
              <xsl:if test="@sensible = 'true'"><fo:block font-weight="bold">donnée sensible (art. 9)</fo:block></xsl:if>
            </fo:block></fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block><xsl:call-template name="texte"><xsl:with-param name="texte" select="r:description"/></xsl:call-template></fo:block></fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block><xsl:call-template name="texte"><xsl:with-param name="texte" select="r:conservation/r:duree"/></xsl:call-template></fo:block></fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block><xsl:call-template name="texte"><xsl:with-param name="texte" select="r:conservation/r:depart"/></xsl:call-template></fo:block></fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block>
              <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'sort'"/><xsl:with-param name="code" select="r:conservation/r:sort"/></xsl:call-template>
            </fo:block></fo:table-cell>
          </fo:table-row>
        </xsl:for-each>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <xsl:template name="tableau-flux">
    <fo:table table-layout="fixed" width="100%" font-size="8.5pt">
      <fo:table-column column-width="proportional-column-width(2)"/>
      <fo:table-column column-width="proportional-column-width(2)"/>
      <fo:table-column column-width="proportional-column-width(2)"/>
      <fo:table-column column-width="proportional-column-width(2)"/>
      <fo:table-column column-width="proportional-column-width(3)"/>
      <fo:table-header>
        <fo:table-row>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>De</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Vers</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Canal</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Chiffrement</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Authentification</fo:block></fo:table-cell>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body>
        <xsl:for-each select="r:flux/r:flux">
          <fo:table-row keep-together.within-page="always">
            <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block><xsl:value-of select="@de"/></fo:block></fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block><xsl:value-of select="@vers"/></fo:block></fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block>
              <xsl:value-of select="@canal"/>
              <xsl:if test="@tls"><xsl:value-of select="concat(' (TLS ', @tls, ')')"/></xsl:if>
            </fo:block></fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block>
              <xsl:choose>
                <xsl:when test="@chiffrementRepos = 'true'">au repos : oui</xsl:when>
                <xsl:otherwise>au repos : non</xsl:otherwise>
              </xsl:choose>
            </fo:block></fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block>
              <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'authentification'"/><xsl:with-param name="code" select="@authentification"/></xsl:call-template>
            </fo:block></fo:table-cell>
          </fo:table-row>
        </xsl:for-each>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <!-- ===== Annexe : sous-traitants ===== -->

  <xsl:template name="annexe-sous-traitants">
    <fo:block id="sous-traitants" break-before="page" xsl:use-attribute-sets="titre-1" space-before="0mm">Annexe : sous-traitants</fo:block>
    <fo:block xsl:use-attribute-sets="paragraphe">
      Organismes qui traitent des données pour le compte de l'établissement (article 28 du RGPD).
    </fo:block>
    <fo:table table-layout="fixed" width="100%" font-size="8pt">
      <fo:table-column column-width="proportional-column-width(3)"/>
      <fo:table-column column-width="proportional-column-width(2.4)"/>
      <fo:table-column column-width="proportional-column-width(3)"/>
      <fo:table-column column-width="proportional-column-width(2.6)"/>
      <fo:table-column column-width="proportional-column-width(3)"/>
      <fo:table-column column-width="proportional-column-width(3)"/>
      <fo:table-header>
        <fo:table-row>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Sous-traitant</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Pays, hébergement</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Contrat (art. 28)</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Certifications</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Contact DPO</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Traitements</fo:block></fo:table-cell>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body>
        <xsl:if test="not(r:registre/r:sousTraitants/r:sousTraitant)">
          <fo:table-row><fo:table-cell number-columns-spanned="6" xsl:use-attribute-sets="cellule"><fo:block>Aucun sous-traitant inscrit.</fo:block></fo:table-cell></fo:table-row>
        </xsl:if>
        <xsl:for-each select="r:registre/r:sousTraitants/r:sousTraitant">
          <xsl:variable name="id" select="@id"/>
          <fo:table-row keep-together.within-page="always">
            <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block id="{generate-id(.)}" font-weight="bold"><xsl:call-template name="texte"><xsl:with-param name="texte" select="r:nom"/></xsl:call-template></fo:block></fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block><xsl:value-of select="concat(r:pays, ', ', r:hebergement)"/></fo:block></fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block>
              <xsl:choose>
                <xsl:when test="r:contrat/@signe = 'true'">
                  <xsl:text>signé le </xsl:text>
                  <xsl:call-template name="date"><xsl:with-param name="iso" select="r:contrat/@date"/></xsl:call-template>
                  <xsl:if test="r:contrat/@reference"><xsl:value-of select="concat(' (réf. ', r:contrat/@reference, ')')"/></xsl:if>
                </xsl:when>
                <xsl:otherwise><fo:inline font-weight="bold">non signé</fo:inline></xsl:otherwise>
              </xsl:choose>
            </fo:block></fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block>
              <xsl:for-each select="r:certification"><xsl:if test="position() &gt; 1">, </xsl:if><xsl:value-of select="."/></xsl:for-each>
              <xsl:if test="not(r:certification)">aucune</xsl:if>
            </fo:block></fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block><xsl:value-of select="r:dpo"/></fo:block></fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cellule">
              <xsl:for-each select="/r:registre/r:traitements/r:traitement[r:sousTraitants/r:sousTraitant/@ref = $id]">
                <fo:block><xsl:call-template name="texte"><xsl:with-param name="texte" select="r:nom"/></xsl:call-template></fo:block>
              </xsl:for-each>
            </fo:table-cell>
          </fo:table-row>
        </xsl:for-each>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <!-- ===== Registre des violations ===== -->

  <xsl:template name="registre-violations">
    <fo:block id="violations" xsl:use-attribute-sets="titre-1">Registre des violations de données</fo:block>
    <fo:block xsl:use-attribute-sets="paragraphe">
      Toutes les violations de données personnelles, notifiées ou non à la CNIL (article 33, paragraphe 5, du RGPD).
    </fo:block>
    <xsl:if test="not(r:registre/r:violations/r:violation)">
      <fo:block xsl:use-attribute-sets="paragraphe" font-style="italic">Aucune violation inscrite.</fo:block>
    </xsl:if>
    <xsl:for-each select="r:registre/r:violations/r:violation">
      <fo:block xsl:use-attribute-sets="titre-2">
        <xsl:value-of select="concat('Violation ', @id, ' – découverte le ')"/>
        <xsl:call-template name="date"><xsl:with-param name="iso" select="r:dateDecouverte"/></xsl:call-template>
      </fo:block>
      <fo:table table-layout="fixed" width="100%" font-size="8.5pt">
        <fo:table-column column-width="48mm"/>
        <fo:table-column column-width="proportional-column-width(1)"/>
        <fo:table-body>
          <xsl:call-template name="ligne-fiche">
            <xsl:with-param name="libelle" select="'Nature'"/>
            <xsl:with-param name="valeur"><xsl:call-template name="libelle"><xsl:with-param name="liste" select="'nature'"/><xsl:with-param name="code" select="r:nature"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="ligne-fiche"><xsl:with-param name="libelle" select="'Faits'"/><xsl:with-param name="valeur" select="r:description"/></xsl:call-template>
          <xsl:call-template name="ligne-fiche">
            <xsl:with-param name="libelle" select="'Traitement concerné'"/>
            <xsl:with-param name="valeur" select="/r:registre/r:traitements/r:traitement[@id = current()/r:traitement/@ref]/r:nom"/>
          </xsl:call-template>
          <xsl:call-template name="ligne-fiche"><xsl:with-param name="libelle" select="'Personnes concernées'"/><xsl:with-param name="valeur" select="r:personnes"/></xsl:call-template>
          <xsl:call-template name="ligne-fiche"><xsl:with-param name="libelle" select="'Conséquences probables'"/><xsl:with-param name="valeur" select="r:consequences"/></xsl:call-template>
          <xsl:call-template name="ligne-fiche">
            <xsl:with-param name="libelle" select="'Niveau de risque'"/>
            <xsl:with-param name="valeur"><xsl:call-template name="libelle"><xsl:with-param name="liste" select="'risque'"/><xsl:with-param name="code" select="r:risque"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
          <fo:table-row>
            <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Notification à la CNIL</fo:block></fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block>
              <xsl:choose>
                <xsl:when test="r:notificationCnil/@notifiee = 'true'">
                  <xsl:text>Notifiée le </xsl:text>
                  <xsl:call-template name="date"><xsl:with-param name="iso" select="r:notificationCnil/@date"/></xsl:call-template>
                </xsl:when>
                <xsl:otherwise>Non notifiée</xsl:otherwise>
              </xsl:choose>
              <xsl:if test="r:notificationCnil/r:justification">
                <xsl:text> – </xsl:text>
                <xsl:call-template name="texte"><xsl:with-param name="texte" select="r:notificationCnil/r:justification"/></xsl:call-template>
              </xsl:if>
            </fo:block></fo:table-cell>
          </fo:table-row>
          <fo:table-row>
            <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Information des personnes</fo:block></fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block>
              <xsl:choose>
                <xsl:when test="r:informationPersonnes/@informees = 'true'">
                  <xsl:text>Informées le </xsl:text>
                  <xsl:call-template name="date"><xsl:with-param name="iso" select="r:informationPersonnes/@date"/></xsl:call-template>
                </xsl:when>
                <xsl:otherwise>Non informées</xsl:otherwise>
              </xsl:choose>
            </fo:block></fo:table-cell>
          </fo:table-row>
          <xsl:call-template name="ligne-fiche"><xsl:with-param name="libelle" select="'Mesures prises'"/><xsl:with-param name="valeur" select="r:mesures"/></xsl:call-template>
        </fo:table-body>
      </fo:table>
    </xsl:for-each>
  </xsl:template>

  <!-- ===== Signature ===== -->

  <xsl:template name="signature">
    <fo:block id="signature" xsl:use-attribute-sets="titre-1" space-before="10mm">Signature du responsable de traitement</fo:block>
    <fo:block keep-together.within-page="always">
      <fo:block xsl:use-attribute-sets="paragraphe">
        <xsl:call-template name="texte">
          <xsl:with-param name="texte" select="concat('Je certifie que ce registre décrit les activités de traitement de données personnelles de l’établissement « ', $etab/r:nom, ' ».')"/>
        </xsl:call-template>
      </fo:block>
      <fo:block space-before="4mm">
        <xsl:text>Le </xsl:text>
        <xsl:call-template name="date-du-document"/>
      </fo:block>
      <fo:block space-before="2mm" font-weight="bold">
        <xsl:call-template name="texte"><xsl:with-param name="texte" select="concat($etab/r:responsable/r:nom, ', ', $etab/r:responsable/r:fonction)"/></xsl:call-template>
      </fo:block>
      <fo:block-container height="30mm" width="80mm" border="0.5pt dashed {$couleur-filet}" space-before="3mm">
        <fo:block font-size="7.5pt" color="#777777" padding="1mm">Signature</fo:block>
      </fo:block-container>
    </fo:block>
  </xsl:template>
</xsl:stylesheet>
