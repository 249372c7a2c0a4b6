<?xml version="1.0" encoding="UTF-8"?>
<!--
  Registre des activités de traitement (art. 30 RGPD) : page de garde, synthèse,
  une fiche par traitement, annexe des sous-traitants, registre des violations
  (art. 33-5) et bloc de signature.
  Entrée : le XML canonique du registre. Sortie : XSL-FO pour Apache FOP.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:fox="http://xmlgraphics.apache.org/fop/extensions"
    xmlns:pdf="http://xmlgraphics.apache.org/fop/extensions/pdf"
    xmlns:r="urn:registre-eple:registre:1"
    exclude-result-prefixes="r">

  <xsl:import href="commun.xsl"/>
  <xsl:import href="libelles.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <!-- Nom du fichier XML à incorporer (PDF/A-3) ; vide : pas de pièce jointe. -->
  <xsl:param name="fichier-xml" select="''"/>
  <!-- Liste des modifications depuis le registre précédent (export annuel) :
       une ligne par entrée, « - » en tête pour un champ modifié ; vide = pas de section. -->
  <xsl:param name="modifications" select="''"/>
  <xsl:param name="modifications-titre" select="'Modifications depuis le registre précédent'"/>

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
          <xsl:call-template name="avertissement-fiches-incompletes"/>
          <xsl:call-template name="synthese"/>
          <xsl:if test="normalize-space($modifications) != ''">
            <xsl:call-template name="section-modifications"/>
          </xsl:if>
          <xsl:apply-templates select="r:registre/r:traitements/r:traitement" mode="fiche"/>
          <xsl:call-template name="annexe-sous-traitants"/>
          <xsl:call-template name="registre-violations"/>
          <xsl:if test="r:registre/r:actions/r:action or r:registre/r:demandes/r:demande">
            <xsl:call-template name="suivi"/>
          </xsl:if>
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
      <xsl:if test="normalize-space($modifications) != ''">
        <fo:bookmark internal-destination="modifications"><fo:bookmark-title><xsl:value-of select="$modifications-titre"/></fo:bookmark-title></fo:bookmark>
      </xsl:if>
      <xsl:if test="r:registre/r:traitements/r:traitement">
        <fo:bookmark internal-destination="{generate-id(r:registre/r:traitements/r:traitement[1])}" starting-state="show">
          <fo:bookmark-title>Fiches des traitements</fo:bookmark-title>
          <xsl:for-each select="r:registre/r:traitements/r:traitement">
            <fo:bookmark internal-destination="{generate-id(.)}">
              <fo:bookmark-title><xsl:call-template name="texte"><xsl:with-param name="texte" select="r:nom"/></xsl:call-template></fo:bookmark-title>
            </fo:bookmark>
          </xsl:for-each>
        </fo:bookmark>
      </xsl:if>
      <fo:bookmark internal-destination="sous-traitants"><fo:bookmark-title>Annexe : sous-traitants</fo:bookmark-title></fo:bookmark>
      <fo:bookmark internal-destination="violations"><fo:bookmark-title>Registre des violations de données</fo:bookmark-title></fo:bookmark>
      <xsl:if test="r:registre/r:actions/r:action or r:registre/r:demandes/r:demande">
        <fo:bookmark internal-destination="suivi"><fo:bookmark-title>Plan d’action et demandes d’exercice des droits</fo:bookmark-title></fo:bookmark>
      </xsl:if>
      <fo:bookmark internal-destination="signature"><fo:bookmark-title>Signature</fo:bookmark-title></fo:bookmark>
    </fo:bookmark-tree>
  </xsl:template>

  <!-- ===== Page de garde ===== -->

  <xsl:template name="page-de-garde">
    <fo:page-sequence master-reference="garde" id="garde">
      <xsl:call-template name="pied"/>
      <fo:flow flow-name="xsl-region-body">
          <xsl:call-template name="avertissement-fiches-incompletes"/>
        <fo:block font-size="11pt" color="#555555" space-after="2mm">
          <xsl:variable name="academie" select="normalize-space($etab/r:academie)"/>
          <xsl:if test="$academie != ''">
            <xsl:variable name="minuscules" select="translate($academie, 'ACDEMIÉ', 'acdemié')"/>
            <xsl:variable name="nom">
              <xsl:choose>
                <!-- Already « Académie de Lyon », « académie d'Amiens »: as written. -->
                <xsl:when test="starts-with($minuscules, 'académie') or starts-with($minuscules, 'academie')">
                  <xsl:value-of select="$academie"/>
                </xsl:when>
                <!-- Elision before a vowel: « Académie d'Aix-Marseille », « d'Orléans-Tours ». -->
                <xsl:when test="contains('AEIOUYÉÈÊÎÔaeiouyéèêîô', substring($academie, 1, 1))">
                  <xsl:value-of select="concat('Académie d’', $academie)"/>
                </xsl:when>
                <xsl:otherwise><xsl:value-of select="concat('Académie de ', $academie)"/></xsl:otherwise>
              </xsl:choose>
            </xsl:variable>
            <xsl:call-template name="texte"><xsl:with-param name="texte" select="string($nom)"/></xsl:call-template>
          </xsl:if>
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
              <xsl:with-param name="valeur"><xsl:apply-templates select="$etab/r:responsable_traitement" mode="contact"/></xsl:with-param>
            </xsl:call-template>
            <xsl:call-template name="ligne-fiche">
              <xsl:with-param name="libelle" select="'Délégué à la protection des données (DPD)'"/>
              <xsl:with-param name="valeur"><xsl:apply-templates select="$etab/r:dpd" mode="contact"/></xsl:with-param>
            </xsl:call-template>
            <xsl:call-template name="ligne-fiche">
              <xsl:with-param name="libelle" select="'Référent numérique'"/>
              <xsl:with-param name="valeur"><xsl:apply-templates select="$etab/r:referent_numerique" mode="contact"/></xsl:with-param>
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
              <xsl:with-param name="texte" select="concat('Ce PDF contient en pièce jointe le fichier « ', $fichier-xml, ' » : le même registre au format XML, lisible par un programme.')"/>
            </xsl:call-template>
          </fo:block>
        </xsl:if>
      </fo:flow>
    </fo:page-sequence>
  </xsl:template>

  <!-- ===== Modifications depuis le registre précédent ===== -->

  <xsl:template name="section-modifications">
    <fo:block id="modifications" xsl:use-attribute-sets="titre-1" break-before="page">
      <xsl:value-of select="$modifications-titre"/>
    </fo:block>
    <xsl:call-template name="lignes-modifications">
      <xsl:with-param name="reste" select="concat($modifications, '&#10;')"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="lignes-modifications">
    <xsl:param name="reste"/>
    <xsl:if test="string-length($reste) &gt; 0">
      <xsl:variable name="ligne" select="substring-before($reste, '&#10;')"/>
      <xsl:choose>
        <xsl:when test="normalize-space($ligne) = ''"/>
        <xsl:when test="starts-with(normalize-space($ligne), '- ')">
          <fo:block margin-left="6mm" font-size="9pt">
            <xsl:call-template name="texte">
              <xsl:with-param name="texte" select="concat('• ', substring-after($ligne, '- '))"/>
            </xsl:call-template>
          </fo:block>
        </xsl:when>
        <xsl:otherwise>
          <fo:block font-weight="bold" space-before="2mm" keep-with-next.within-page="always">
            <xsl:call-template name="texte"><xsl:with-param name="texte" select="$ligne"/></xsl:call-template>
          </fo:block>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="lignes-modifications">
        <xsl:with-param name="reste" select="substring-after($reste, '&#10;')"/>
      </xsl:call-template>
    </xsl:if>
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
    <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'responsable'"/><xsl:with-param name="code" select="r:responsable/r:type"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="base-legale">
    <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'base-legale'"/><xsl:with-param name="code" select="r:base_legale/r:article_6"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="aipd-court">
    <xsl:if test="not(r:aipd/r:statut)">non renseignée</xsl:if>
    <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'aipd'"/><xsl:with-param name="code" select="r:aipd/r:statut"/></xsl:call-template>
    <xsl:if test="r:aipd/r:date">
      <xsl:text> (</xsl:text>
      <xsl:call-template name="date"><xsl:with-param name="iso" select="r:aipd/r:date"/></xsl:call-template>
      <xsl:text>)</xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- ===== Contacts ===== -->

  <xsl:template match="*" mode="contact">
    <xsl:for-each select="r:nom | r:fonction | r:organisme | r:adresse | r:courriel | r:telephone">
      <xsl:if test="position() &gt; 1"><xsl:text> – </xsl:text></xsl:if>
      <xsl:value-of select="normalize-space(.)"/>
    </xsl:for-each>
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
          <xsl:with-param name="valeur" select="r:id"/>
        </xsl:call-template>
        <xsl:call-template name="ligne">
          <xsl:with-param name="libelle" select="'Statut de la fiche'"/>
          <xsl:with-param name="contenu">
            <fo:block>
              <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'statut'"/><xsl:with-param name="code" select="r:statut"/></xsl:call-template>
              <xsl:if test="r:date_creation">
                <xsl:text> – créée le </xsl:text>
                <xsl:call-template name="date"><xsl:with-param name="iso" select="r:date_creation"/></xsl:call-template>
              </xsl:if>
              <xsl:if test="r:derniere_mise_a_jour">
                <xsl:text>, mise à jour le </xsl:text>
                <xsl:call-template name="date"><xsl:with-param name="iso" select="r:derniere_mise_a_jour"/></xsl:call-template>
              </xsl:if>
            </fo:block>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="ligne">
          <xsl:with-param name="libelle" select="'Responsable du traitement'"/>
          <xsl:with-param name="contenu">
            <fo:block>
              <xsl:if test="not(r:responsable/r:type = 'ministere' and normalize-space(r:responsable/r:nom) != '')">
                <xsl:call-template name="responsable-court"/>
              </xsl:if>
              <xsl:if test="normalize-space(r:responsable/r:nom) != ''">
                <xsl:if test="r:responsable/r:type != 'ministere'"><xsl:text> : </xsl:text></xsl:if>
                <xsl:call-template name="texte"><xsl:with-param name="texte" select="r:responsable/r:nom"/></xsl:call-template>
              </xsl:if>
            </fo:block>
            <xsl:if test="r:responsable/r:coresponsables/r:coresponsable">
              <fo:block>
                <xsl:text>Responsables conjoints : </xsl:text>
                <xsl:for-each select="r:responsable/r:coresponsables/r:coresponsable">
                  <xsl:if test="position() &gt; 1">, </xsl:if>
                  <xsl:value-of select="normalize-space(.)"/>
                </xsl:for-each>
              </fo:block>
            </xsl:if>
            <xsl:if test="r:responsable/r:acte_reglementaire">
              <fo:block><xsl:call-template name="texte"><xsl:with-param name="texte" select="concat('Acte réglementaire : ', r:responsable/r:acte_reglementaire)"/></xsl:call-template></fo:block>
            </xsl:if>
            <xsl:if test="r:responsable/r:notice_officielle">
              <fo:block><xsl:call-template name="texte"><xsl:with-param name="texte" select="concat('Notice du responsable : ', r:responsable/r:notice_officielle)"/></xsl:call-template></fo:block>
            </xsl:if>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="ligne-fiche">
          <xsl:with-param name="libelle" select="'Finalité principale'"/>
          <xsl:with-param name="valeur" select="r:finalite_principale"/>
        </xsl:call-template>
        <xsl:if test="r:sous_finalites/r:sous_finalite">
          <xsl:call-template name="ligne">
            <xsl:with-param name="libelle" select="'Sous-finalités'"/>
            <xsl:with-param name="contenu"><xsl:call-template name="liste"><xsl:with-param name="elements" select="r:sous_finalites/r:sous_finalite"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
        </xsl:if>
        <xsl:call-template name="ligne">
          <xsl:with-param name="libelle" select="'Base légale'"/>
          <xsl:with-param name="contenu">
            <fo:block>
              <xsl:call-template name="base-legale"/>
              <xsl:if test="normalize-space(r:base_legale/r:texte) != ''">
                <xsl:text> – </xsl:text>
                <xsl:call-template name="texte"><xsl:with-param name="texte" select="r:base_legale/r:texte"/></xsl:call-template>
              </xsl:if>
            </fo:block>
            <xsl:if test="r:base_legale/r:article_9">
              <fo:block>
                <xsl:text>Données sensibles, condition de l’article 9 : </xsl:text>
                <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'article-9'"/><xsl:with-param name="code" select="r:base_legale/r:article_9"/></xsl:call-template>
                <xsl:if test="r:base_legale/r:texte_article_9">
                  <xsl:text> – </xsl:text>
                  <xsl:call-template name="texte"><xsl:with-param name="texte" select="r:base_legale/r:texte_article_9"/></xsl:call-template>
                </xsl:if>
              </fo:block>
            </xsl:if>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="ligne">
          <xsl:with-param name="libelle" select="'Personnes concernées'"/>
          <xsl:with-param name="contenu"><xsl:call-template name="liste-personnes"/></xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="ligne">
          <xsl:with-param name="libelle" select="'Origine des données'"/>
          <xsl:with-param name="contenu">
            <fo:block>
              <xsl:choose>
                <xsl:when test="r:collecte_aupres_des_personnes = 'false'">Données non collectées auprès des personnes (article 14).</xsl:when>
                <xsl:when test="r:collecte_aupres_des_personnes = 'true'">Données collectées auprès des personnes (article 13).</xsl:when>
                <xsl:otherwise>Collecte auprès des personnes : non précisé.</xsl:otherwise>
              </xsl:choose>
            </fo:block>
            <xsl:for-each select="r:sources_des_donnees/r:source">
              <fo:block>• <xsl:call-template name="texte"><xsl:with-param name="texte" select="."/></xsl:call-template></fo:block>
            </xsl:for-each>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="ligne">
          <xsl:with-param name="libelle" select="'Destinataires'"/>
          <xsl:with-param name="contenu"><xsl:call-template name="liste-destinataires"/></xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="ligne">
          <xsl:with-param name="libelle" select="'Sous-traitants'"/>
          <xsl:with-param name="contenu"><xsl:call-template name="liste-sous-traitants"/></xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="ligne">
          <xsl:with-param name="libelle" select="'Transferts hors de l’Union européenne'"/>
          <xsl:with-param name="contenu"><xsl:call-template name="liste-transferts"/></xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="ligne">
          <xsl:with-param name="libelle" select="'Mesures de sécurité'"/>
          <xsl:with-param name="contenu"><xsl:call-template name="liste-mesures"/></xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="ligne-fiche">
          <xsl:with-param name="libelle" select="'Logiciel ou outil utilisé'"/>
          <xsl:with-param name="valeur" select="r:logiciel"/>
        </xsl:call-template>
        <xsl:call-template name="ligne">
          <xsl:with-param name="libelle" select="'Analyse d’impact (AIPD)'"/>
          <xsl:with-param name="contenu">
            <fo:block>
              <xsl:call-template name="aipd-court"/>
              <xsl:for-each select="r:aipd/r:motif | r:aipd/r:conclusion">
                <xsl:text> – </xsl:text>
                <xsl:call-template name="texte"><xsl:with-param name="texte" select="."/></xsl:call-template>
              </xsl:for-each>
            </fo:block>
            <xsl:if test="normalize-space(r:aipd/r:avis_dpd) != ''">
              <fo:block>
                <xsl:text>Avis du DPD : </xsl:text>
                <xsl:call-template name="texte"><xsl:with-param name="texte" select="r:aipd/r:avis_dpd"/></xsl:call-template>
              </fo:block>
            </xsl:if>
            <xsl:if test="r:aipd/r:risques_residuels/r:risque">
              <fo:block>Risques résiduels (échelle du logiciel PIA de la CNIL) :</fo:block>
              <xsl:for-each select="r:aipd/r:risques_residuels/r:risque">
                <fo:block>
                  <xsl:text>• </xsl:text>
                  <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'evenement-redoute'"/><xsl:with-param name="code" select="r:risque"/></xsl:call-template>
                  <xsl:text> : gravité </xsl:text>
                  <xsl:choose>
                    <xsl:when test="r:gravite"><xsl:call-template name="libelle"><xsl:with-param name="liste" select="'echelle-pia'"/><xsl:with-param name="code" select="r:gravite"/></xsl:call-template></xsl:when>
                    <xsl:otherwise>non définie</xsl:otherwise>
                  </xsl:choose>
                  <xsl:text>, vraisemblance </xsl:text>
                  <xsl:choose>
                    <xsl:when test="r:vraisemblance"><xsl:call-template name="libelle"><xsl:with-param name="liste" select="'echelle-pia'"/><xsl:with-param name="code" select="r:vraisemblance"/></xsl:call-template></xsl:when>
                    <xsl:otherwise>non définie</xsl:otherwise>
                  </xsl:choose>
                </fo:block>
              </xsl:for-each>
            </xsl:if>
            <xsl:if test="normalize-space(r:aipd/r:fichier_pia) != ''">
              <fo:block>
                <xsl:text>Fichier de l’AIPD : </xsl:text>
                <xsl:call-template name="texte"><xsl:with-param name="texte" select="r:aipd/r:fichier_pia"/></xsl:call-template>
              </fo:block>
            </xsl:if>
            <xsl:if test="r:criteres_aipd/r:critere">
              <fo:block>
                <xsl:text>Critères relevés : </xsl:text>
                <xsl:for-each select="r:criteres_aipd/r:critere">
                  <xsl:if test="position() &gt; 1">, </xsl:if>
                  <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'critere-aipd'"/><xsl:with-param name="code" select="."/></xsl:call-template>
                </xsl:for-each>
              </fo:block>
            </xsl:if>
            <xsl:if test="r:exemption_aipd">
              <fo:block>
                <xsl:text>Exemption invoquée : </xsl:text>
                <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'exemption-aipd'"/><xsl:with-param name="code" select="r:exemption_aipd"/></xsl:call-template>
              </fo:block>
            </xsl:if>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="ligne">
          <xsl:with-param name="libelle" select="'Décision automatisée ou profilage'"/>
          <xsl:with-param name="contenu">
            <fo:block>
              <xsl:choose>
                <xsl:when test="r:decision_automatisee/r:existe = 'true'">
                  <xsl:text>Oui</xsl:text>
                  <xsl:if test="r:decision_automatisee/r:logique">
                    <xsl:text> – logique : </xsl:text>
                    <xsl:call-template name="texte"><xsl:with-param name="texte" select="r:decision_automatisee/r:logique"/></xsl:call-template>
                  </xsl:if>
                </xsl:when>
                <xsl:when test="r:decision_automatisee/r:existe = 'false'">Non</xsl:when>
                <xsl:otherwise>Non renseigné</xsl:otherwise>
              </xsl:choose>
            </fo:block>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:if test="r:dispositif_biometrique">
          <xsl:call-template name="ligne">
            <xsl:with-param name="libelle" select="'Dispositif biométrique'"/>
            <xsl:with-param name="contenu">
              <fo:block><xsl:call-template name="texte"><xsl:with-param name="texte" select="r:dispositif_biometrique/r:technique"/></xsl:call-template></fo:block>
              <fo:block>
                <xsl:text>Consentement explicite recueilli : </xsl:text>
                <xsl:choose><xsl:when test="r:dispositif_biometrique/r:consentement_explicite = 'true'">oui</xsl:when><xsl:otherwise>non</xsl:otherwise></xsl:choose>
              </fo:block>
              <xsl:if test="r:dispositif_biometrique/r:alternative">
                <fo:block><xsl:call-template name="texte"><xsl:with-param name="texte" select="concat('Alternative proposée : ', r:dispositif_biometrique/r:alternative)"/></xsl:call-template></fo:block>
              </xsl:if>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:if>
        <xsl:call-template name="ligne">
          <xsl:with-param name="libelle" select="'Information des personnes'"/>
          <xsl:with-param name="contenu">
            <fo:block>
              <xsl:choose>
                <xsl:when test="r:information/r:notice_existante = 'true'">
                  <xsl:text>Notice d’information existante</xsl:text>
                  <xsl:if test="r:information/r:date">
                    <xsl:text> (</xsl:text>
                    <xsl:call-template name="date"><xsl:with-param name="iso" select="r:information/r:date"/></xsl:call-template>
                    <xsl:text>)</xsl:text>
                  </xsl:if>
                  <xsl:for-each select="r:information/r:moyen | r:information/r:lien">
                    <xsl:text> – </xsl:text><xsl:value-of select="normalize-space(.)"/>
                  </xsl:for-each>
                </xsl:when>
                <xsl:otherwise>Pas de notice d’information</xsl:otherwise>
              </xsl:choose>
            </fo:block>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:if test="r:a_confirmer/r:point">
          <xsl:call-template name="ligne">
            <xsl:with-param name="libelle" select="'Points à confirmer'"/>
            <xsl:with-param name="contenu"><xsl:call-template name="liste"><xsl:with-param name="elements" select="r:a_confirmer/r:point"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
        </xsl:if>
        <xsl:if test="r:references/r:reference">
          <xsl:call-template name="ligne">
            <xsl:with-param name="libelle" select="'Références'"/>
            <xsl:with-param name="contenu">
              <xsl:for-each select="r:references/r:reference">
                <fo:block>
                  <xsl:text>• </xsl:text>
                  <xsl:call-template name="texte"><xsl:with-param name="texte" select="r:texte"/></xsl:call-template>
                  <xsl:if test="r:lien"><xsl:value-of select="concat(' – ', normalize-space(r:lien))"/></xsl:if>
                </fo:block>
              </xsl:for-each>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:if>
        <xsl:if test="r:remarques">
          <xsl:call-template name="ligne-fiche">
            <xsl:with-param name="libelle" select="'Remarques'"/>
            <xsl:with-param name="valeur" select="r:remarques"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:apply-templates select="*" mode="autre-champ"/>
      </fo:table-body>
    </fo:table>

    <fo:block xsl:use-attribute-sets="titre-2">Catégories de données et durées de conservation</fo:block>
    <xsl:call-template name="tableau-donnees"/>

    <xsl:if test="r:flux/r:flux_donnees">
      <fo:block xsl:use-attribute-sets="titre-2">Flux de données</fo:block>
      <xsl:call-template name="tableau-flux"/>
    </xsl:if>
  </xsl:template>

  <!-- Champs que ce modèle ne connaît pas encore : affichés tels quels, pour qu'aucune information ne manque. -->
  <xsl:template match="*" mode="autre-champ">
    <xsl:call-template name="ligne-fiche">
      <xsl:with-param name="libelle" select="local-name()"/>
      <xsl:with-param name="valeur" select="normalize-space(.)"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template mode="autre-champ" match="r:id | r:nom | r:statut | r:date_creation | r:derniere_mise_a_jour
      | r:logiciel | r:finalite_principale | r:sous_finalites | r:responsable | r:base_legale
      | r:personnes_concernees | r:donnees | r:collecte_aupres_des_personnes | r:sources_des_donnees
      | r:destinataires | r:sous_traitants | r:transferts | r:mesures_securite | r:flux | r:aipd
      | r:criteres_aipd | r:exemption_aipd | r:information | r:decision_automatisee
      | r:dispositif_biometrique | r:a_confirmer | r:references | r:remarques"/>

  <!-- Ligne de fiche dont la valeur est déjà mise en forme. -->
  <xsl:template name="ligne">
    <xsl:param name="libelle"/>
    <xsl:param name="contenu"/>
    <fo:table-row>
      <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block><xsl:value-of select="$libelle"/></fo:block></fo:table-cell>
      <fo:table-cell xsl:use-attribute-sets="cellule">
        <xsl:choose>
          <!-- Une cellule vide est refusée par FOP : on dit que l'information manque. -->
          <xsl:when test="normalize-space($contenu) = ''">
            <fo:block color="#777777" font-style="italic">non renseigné</fo:block>
          </xsl:when>
          <xsl:otherwise><xsl:copy-of select="$contenu"/></xsl:otherwise>
        </xsl:choose>
      </fo:table-cell>
    </fo:table-row>
  </xsl:template>

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
            <xsl:call-template name="texte"><xsl:with-param name="texte" select="."/></xsl:call-template>
          </fo:block>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="liste-personnes">
    <xsl:choose>
      <xsl:when test="not(r:personnes_concernees/r:personnes)"><fo:block color="#777777" font-style="italic">non renseigné</fo:block></xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="r:personnes_concernees/r:personnes">
          <fo:block>
            <xsl:text>• </xsl:text>
            <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'personnes'"/><xsl:with-param name="code" select="r:categorie"/></xsl:call-template>
            <xsl:if test="r:volume"><xsl:value-of select="concat(' (environ ', r:volume, ')')"/></xsl:if>
            <xsl:if test="r:precisions">
              <xsl:text> – </xsl:text>
              <xsl:call-template name="texte"><xsl:with-param name="texte" select="r:precisions"/></xsl:call-template>
            </xsl:if>
          </fo:block>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="liste-destinataires">
    <xsl:choose>
      <xsl:when test="not(r:destinataires/r:destinataire)"><fo:block color="#777777" font-style="italic">aucun</fo:block></xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="r:destinataires/r:destinataire">
          <fo:block>
            <xsl:text>• </xsl:text>
            <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'type'"/><xsl:with-param name="code" select="r:type"/></xsl:call-template>
            <xsl:text> : </xsl:text>
            <xsl:call-template name="texte"><xsl:with-param name="texte" select="r:nom"/></xsl:call-template>
            <xsl:if test="r:precisions">
              <xsl:text> – </xsl:text>
              <xsl:call-template name="texte"><xsl:with-param name="texte" select="r:precisions"/></xsl:call-template>
            </xsl:if>
          </fo:block>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="liste-sous-traitants">
    <xsl:choose>
      <xsl:when test="not(r:sous_traitants/r:sous_traitant)"><fo:block color="#777777" font-style="italic">aucun</fo:block></xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="r:sous_traitants/r:sous_traitant">
          <xsl:variable name="ref" select="normalize-space(.)"/>
          <xsl:variable name="st" select="/r:registre/r:sous_traitants/r:sous_traitant[r:id = $ref]"/>
          <fo:block>
            <xsl:text>• </xsl:text>
            <xsl:choose>
              <xsl:when test="$st">
                <fo:basic-link internal-destination="{generate-id($st)}" color="{$couleur-titre}">
                  <xsl:call-template name="texte"><xsl:with-param name="texte" select="$st/r:nom"/></xsl:call-template>
                </fo:basic-link>
                <xsl:if test="$st/r:services">
                  <xsl:text> – </xsl:text>
                  <xsl:call-template name="texte"><xsl:with-param name="texte" select="$st/r:services"/></xsl:call-template>
                </xsl:if>
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
      <xsl:when test="not(r:transferts/r:transfert)"><fo:block>Aucun transfert hors de l’Union européenne</fo:block></xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="r:transferts/r:transfert">
          <fo:block>
            <xsl:text>• </xsl:text>
            <xsl:call-template name="texte"><xsl:with-param name="texte" select="r:destinataire"/></xsl:call-template>
            <xsl:value-of select="concat(' – pays', $nbsp, ':', $nbsp)"/>
            <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'pays'"/><xsl:with-param name="code" select="r:pays"/></xsl:call-template>
            <xsl:value-of select="concat(' – garantie', $nbsp, ':', $nbsp)"/>
            <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'mecanisme'"/><xsl:with-param name="code" select="r:garantie"/></xsl:call-template>
            <xsl:if test="r:documentation"><xsl:value-of select="concat(' – ', normalize-space(r:documentation))"/></xsl:if>
          </fo:block>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="liste-mesures">
    <xsl:choose>
      <xsl:when test="not(r:mesures_securite/r:mesure)"><fo:block color="#777777" font-style="italic">non renseigné</fo:block></xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="r:mesures_securite/r:mesure">
          <fo:block>
            <xsl:text>• </xsl:text>
            <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'securite'"/><xsl:with-param name="code" select="r:famille"/></xsl:call-template>
            <xsl:if test="r:precisions">
              <xsl:text> : </xsl:text>
              <xsl:call-template name="texte"><xsl:with-param name="texte" select="r:precisions"/></xsl:call-template>
            </xsl:if>
          </fo:block>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="tableau-donnees">
    <fo:table table-layout="fixed" width="100%" font-size="8.5pt">
      <fo:table-column column-width="proportional-column-width(2.2)"/>
      <fo:table-column column-width="proportional-column-width(3)"/>
      <fo:table-column column-width="proportional-column-width(3)"/>
      <fo:table-column column-width="proportional-column-width(2)"/>
      <fo:table-column column-width="proportional-column-width(2.6)"/>
      <fo:table-header>
        <fo:table-row>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Catégorie</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Données</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Conservation</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Sort final</fo:block></fo:table-cell>
          <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Source de la durée</fo:block></fo:table-cell>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body>
        <xsl:if test="not(r:donnees/r:categorie_donnees)">
          <fo:table-row><fo:table-cell number-columns-spanned="5" xsl:use-attribute-sets="cellule"><fo:block>Aucune catégorie de données renseignée.</fo:block></fo:table-cell></fo:table-row>
        </xsl:if>
        <xsl:for-each select="r:donnees/r:categorie_donnees">
          <fo:table-row keep-together.within-page="always">
            <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block>
              <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'donnees'"/><xsl:with-param name="code" select="r:categorie"/></xsl:call-template>
            </fo:block></fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block><xsl:call-template name="texte"><xsl:with-param name="texte" select="r:description"/></xsl:call-template></fo:block></fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cellule">
              <fo:block><xsl:call-template name="phrase-conservation"/></fo:block>
              <xsl:if test="r:conservation/r:archivage_intermediaire">
                <fo:block>
                  <xsl:text>puis archivage intermédiaire : </xsl:text>
                  <xsl:call-template name="duree"><xsl:with-param name="valeur" select="r:conservation/r:archivage_intermediaire"/></xsl:call-template>
                </fo:block>
              </xsl:if>
              <xsl:if test="r:conservation/r:a_confirmer">
                <fo:block font-style="italic"><xsl:call-template name="texte"><xsl:with-param name="texte" select="concat('À confirmer : ', r:conservation/r:a_confirmer)"/></xsl:call-template></fo:block>
              </xsl:if>
            </fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block>
              <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'sort'"/><xsl:with-param name="code" select="r:conservation/r:sort_final"/></xsl:call-template>
            </fo:block></fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block><xsl:call-template name="texte"><xsl:with-param name="texte" select="r:conservation/r:source"/></xsl:call-template></fo:block></fo:table-cell>
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
      <fo:table-column column-width="proportional-column-width(2.4)"/>
      <fo:table-column column-width="proportional-column-width(2.6)"/>
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
        <xsl:for-each select="r:flux/r:flux_donnees">
          <fo:table-row keep-together.within-page="always">
            <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block><xsl:value-of select="r:de"/></fo:block>
              <xsl:if test="r:description"><fo:block font-size="7.5pt" color="#444444"><xsl:value-of select="normalize-space(r:description)"/></fo:block></xsl:if>
            </fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block><xsl:value-of select="r:vers"/></fo:block>
              <xsl:if test="r:adresse"><fo:block font-size="7.5pt" color="#444444"><xsl:value-of select="normalize-space(r:adresse)"/></fo:block></xsl:if>
            </fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block>
              <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'canal'"/><xsl:with-param name="code" select="r:canal"/></xsl:call-template>
              <xsl:if test="r:versions_tls/r:version_tls">
                <xsl:text> (TLS </xsl:text>
                <xsl:for-each select="r:versions_tls/r:version_tls"><xsl:if test="position() &gt; 1">, </xsl:if><xsl:value-of select="."/></xsl:for-each>
                <xsl:text>)</xsl:text>
              </xsl:if>
            </fo:block></fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cellule">
              <fo:block>
                <xsl:text>en transit : </xsl:text>
                <xsl:call-template name="oui-non"><xsl:with-param name="valeur" select="r:chiffrement_transit"/></xsl:call-template>
              </fo:block>
              <fo:block>
                <xsl:text>au repos : </xsl:text>
                <xsl:call-template name="oui-non"><xsl:with-param name="valeur" select="r:chiffrement_repos"/></xsl:call-template>
              </fo:block>
            </fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cellule">
              <fo:block>
                <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'authentification'"/><xsl:with-param name="code" select="r:authentification"/></xsl:call-template>
                <xsl:if test="r:mfa = 'true'"> + double authentification</xsl:if>
              </fo:block>
              <xsl:if test="r:acces_administrateur = 'true'"><fo:block>accès d’administration</fo:block></xsl:if>
              <xsl:if test="r:acces_distant = 'true'"><fo:block>accès à distance</fo:block></xsl:if>
            </fo:table-cell>
          </fo:table-row>
        </xsl:for-each>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <!-- « 1 an à compter de : fin de l'année scolaire », ou le critère quand aucune durée fixe ne s'applique. -->
  <xsl:template name="phrase-conservation">
    <xsl:choose>
      <xsl:when test="r:conservation/r:duree">
        <xsl:call-template name="duree"><xsl:with-param name="valeur" select="r:conservation/r:duree"/></xsl:call-template>
        <xsl:if test="r:conservation/r:point_de_depart">
          <xsl:text> (point de départ : </xsl:text>
          <xsl:call-template name="texte"><xsl:with-param name="texte" select="r:conservation/r:point_de_depart"/></xsl:call-template>
          <xsl:text>)</xsl:text>
        </xsl:if>
      </xsl:when>
      <xsl:when test="r:conservation/r:critere">
        <xsl:call-template name="texte"><xsl:with-param name="texte" select="r:conservation/r:critere"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>non renseignée</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="oui-non">
    <xsl:param name="valeur"/>
    <xsl:choose>
      <xsl:when test="$valeur = 'true'">oui</xsl:when>
      <xsl:when test="$valeur = 'false'">non</xsl:when>
      <xsl:otherwise>non précisé</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== Annexe : sous-traitants ===== -->

  <xsl:template name="annexe-sous-traitants">
    <fo:block id="sous-traitants" break-before="page" xsl:use-attribute-sets="titre-1" space-before="0mm">Annexe : sous-traitants</fo:block>
    <fo:block xsl:use-attribute-sets="paragraphe">
      Organismes qui traitent des données pour le compte de l’établissement (article 28 du RGPD).
    </fo:block>
    <xsl:if test="not(r:registre/r:sous_traitants/r:sous_traitant)">
      <fo:block xsl:use-attribute-sets="paragraphe" font-style="italic">Aucun sous-traitant inscrit.</fo:block>
    </xsl:if>
    <xsl:for-each select="r:registre/r:sous_traitants/r:sous_traitant">
      <xsl:variable name="id" select="r:id"/>
      <fo:block keep-together.within-page="always">
      <fo:block id="{generate-id(.)}" xsl:use-attribute-sets="titre-2">
        <xsl:call-template name="texte"><xsl:with-param name="texte" select="r:nom"/></xsl:call-template>
      </fo:block>
      <fo:table table-layout="fixed" width="100%" font-size="8.5pt">
        <fo:table-column column-width="48mm"/>
        <fo:table-column column-width="proportional-column-width(1)"/>
        <fo:table-body>
          <xsl:call-template name="ligne-fiche"><xsl:with-param name="libelle" select="'Référence'"/><xsl:with-param name="valeur" select="r:id"/></xsl:call-template>
          <xsl:call-template name="ligne">
            <xsl:with-param name="libelle" select="'Pays du siège'"/>
            <xsl:with-param name="contenu">
              <fo:block>
                <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'pays'"/><xsl:with-param name="code" select="r:pays"/></xsl:call-template>
                <xsl:if test="r:soumis_droit_extra_europeen = 'true'"> – soumis à un droit non européen</xsl:if>
              </fo:block>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="ligne">
            <xsl:with-param name="libelle" select="'Hébergement des données'"/>
            <xsl:with-param name="contenu">
              <fo:block>
                <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'pays'"/><xsl:with-param name="code" select="r:hebergement/r:pays"/></xsl:call-template>
                <xsl:if test="r:hebergement/r:prestataire"><xsl:value-of select="concat(' – ', normalize-space(r:hebergement/r:prestataire))"/></xsl:if>
                <xsl:if test="not(r:hebergement)">non renseigné</xsl:if>
              </fo:block>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="ligne">
            <xsl:with-param name="libelle" select="'Contrat (article 28)'"/>
            <xsl:with-param name="contenu">
              <fo:block>
                <xsl:choose>
                  <xsl:when test="r:contrat/r:signe = 'true'">
                    <xsl:text>Signé</xsl:text>
                    <xsl:if test="r:contrat/r:date">
                      <xsl:text> le </xsl:text>
                      <xsl:call-template name="date"><xsl:with-param name="iso" select="r:contrat/r:date"/></xsl:call-template>
                    </xsl:if>
                    <xsl:if test="r:contrat/r:reference"><xsl:value-of select="concat(' (réf. ', normalize-space(r:contrat/r:reference), ')')"/></xsl:if>
                  </xsl:when>
                  <xsl:otherwise><fo:inline font-weight="bold">Non signé</fo:inline></xsl:otherwise>
                </xsl:choose>
              </fo:block>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="ligne">
            <xsl:with-param name="libelle" select="'Certifications'"/>
            <xsl:with-param name="contenu">
              <fo:block>
                <xsl:for-each select="r:certifications/r:certification">
                  <xsl:if test="position() &gt; 1">, </xsl:if>
                  <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'certification'"/><xsl:with-param name="code" select="."/></xsl:call-template>
                </xsl:for-each>
                <xsl:if test="not(r:certifications/r:certification)">aucune</xsl:if>
                <xsl:if test="r:certification_dpf = 'true'"> – certifié Data Privacy Framework</xsl:if>
              </fo:block>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:if test="r:sous_traitants_ulterieurs/r:sous_traitant_ulterieur">
            <xsl:call-template name="ligne">
              <xsl:with-param name="libelle" select="'Sous-traitants ultérieurs'"/>
              <xsl:with-param name="contenu">
                <xsl:for-each select="r:sous_traitants_ulterieurs/r:sous_traitant_ulterieur">
                  <fo:block>
                    <xsl:text>• </xsl:text>
                    <xsl:value-of select="normalize-space(r:nom)"/>
                    <xsl:text> (</xsl:text>
                    <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'pays'"/><xsl:with-param name="code" select="r:pays"/></xsl:call-template>
                    <xsl:text>)</xsl:text>
                    <xsl:if test="r:services"><xsl:value-of select="concat(' – ', normalize-space(r:services))"/></xsl:if>
                  </fo:block>
                </xsl:for-each>
              </xsl:with-param>
            </xsl:call-template>
          </xsl:if>
          <xsl:call-template name="ligne-fiche"><xsl:with-param name="libelle" select="'Contact du DPO'"/><xsl:with-param name="valeur" select="r:contact_dpd"/></xsl:call-template>
          <xsl:call-template name="ligne-fiche"><xsl:with-param name="libelle" select="'Services rendus'"/><xsl:with-param name="valeur" select="r:services"/></xsl:call-template>
          <xsl:call-template name="ligne">
            <xsl:with-param name="libelle" select="'Traitements concernés'"/>
            <xsl:with-param name="contenu">
              <xsl:for-each select="/r:registre/r:traitements/r:traitement[r:sous_traitants/r:sous_traitant = $id]">
                <fo:block><xsl:call-template name="texte"><xsl:with-param name="texte" select="r:nom"/></xsl:call-template></fo:block>
              </xsl:for-each>
              <xsl:if test="not(/r:registre/r:traitements/r:traitement[r:sous_traitants/r:sous_traitant = $id])"><fo:block>aucun</fo:block></xsl:if>
            </xsl:with-param>
          </xsl:call-template>
        </fo:table-body>
      </fo:table>
      </fo:block>
    </xsl:for-each>
  </xsl:template>

  <!-- ===== Plan d'action et demandes d'exercice des droits ===== -->

  <xsl:template name="suivi">
    <fo:block id="suivi" break-before="page" xsl:use-attribute-sets="titre-1" space-before="0mm">Plan d’action et demandes d’exercice des droits</fo:block>
    <fo:block xsl:use-attribute-sets="titre-2">Plan d’action</fo:block>
    <xsl:if test="not(r:registre/r:actions/r:action)">
      <fo:block xsl:use-attribute-sets="paragraphe" font-style="italic">Aucune action inscrite.</fo:block>
    </xsl:if>
    <xsl:if test="r:registre/r:actions/r:action">
      <fo:table table-layout="fixed" width="100%" font-size="8.5pt">
        <fo:table-column column-width="proportional-column-width(4)"/>
        <fo:table-column column-width="proportional-column-width(2)"/>
        <fo:table-column column-width="24mm"/>
        <fo:table-column column-width="20mm"/>
        <fo:table-column column-width="proportional-column-width(3)"/>
        <fo:table-header>
          <fo:table-row>
            <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Action</fo:block></fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Responsable</fo:block></fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Échéance</fo:block></fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Statut</fo:block></fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Constats suivis</fo:block></fo:table-cell>
          </fo:table-row>
        </fo:table-header>
        <fo:table-body>
          <xsl:for-each select="r:registre/r:actions/r:action">
            <fo:table-row keep-together.within-page="always">
              <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block><xsl:call-template name="texte"><xsl:with-param name="texte" select="r:titre"/></xsl:call-template></fo:block></fo:table-cell>
              <fo:table-cell xsl:use-attribute-sets="cellule">
                <fo:block>
                  <xsl:choose>
                    <xsl:when test="normalize-space(r:responsable) != ''"><xsl:call-template name="texte"><xsl:with-param name="texte" select="r:responsable"/></xsl:call-template></xsl:when>
                    <xsl:otherwise>non désigné</xsl:otherwise>
                  </xsl:choose>
                </fo:block>
              </fo:table-cell>
              <fo:table-cell xsl:use-attribute-sets="cellule">
                <fo:block>
                  <xsl:choose>
                    <xsl:when test="r:echeance"><xsl:call-template name="date"><xsl:with-param name="iso" select="r:echeance"/></xsl:call-template></xsl:when>
                    <xsl:otherwise>non fixée</xsl:otherwise>
                  </xsl:choose>
                </fo:block>
              </fo:table-cell>
              <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block><xsl:call-template name="libelle"><xsl:with-param name="liste" select="'statut-action'"/><xsl:with-param name="code" select="r:statut"/></xsl:call-template></fo:block></fo:table-cell>
              <fo:table-cell xsl:use-attribute-sets="cellule">
                <xsl:for-each select="r:constats/r:constat"><fo:block><xsl:value-of select="concat(r:regle, ' (', r:fiche, ')')"/></fo:block></xsl:for-each>
                <xsl:if test="not(r:constats/r:constat)"><fo:block>—</fo:block></xsl:if>
              </fo:table-cell>
            </fo:table-row>
          </xsl:for-each>
        </fo:table-body>
      </fo:table>
    </xsl:if>
    <fo:block xsl:use-attribute-sets="titre-2">Demandes d’exercice des droits</fo:block>
    <fo:block xsl:use-attribute-sets="paragraphe">
      Réponse dans un délai d’un mois à compter de la réception, prolongeable de deux mois si la personne en est informée, avec les motifs, dans le premier mois (article 12, paragraphe 3, du RGPD).
    </fo:block>
    <xsl:if test="not(r:registre/r:demandes/r:demande)">
      <fo:block xsl:use-attribute-sets="paragraphe" font-style="italic">Aucune demande inscrite.</fo:block>
    </xsl:if>
    <xsl:if test="r:registre/r:demandes/r:demande">
      <fo:table table-layout="fixed" width="100%" font-size="8.5pt">
        <fo:table-column column-width="24mm"/>
        <fo:table-column column-width="proportional-column-width(2)"/>
        <fo:table-column column-width="proportional-column-width(3)"/>
        <fo:table-column column-width="proportional-column-width(2)"/>
        <fo:table-column column-width="proportional-column-width(3)"/>
        <fo:table-header>
          <fo:table-row>
            <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Reçue le</fo:block></fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Demandeur</fo:block></fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Droit exercé</fo:block></fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Traitements</fo:block></fo:table-cell>
            <fo:table-cell xsl:use-attribute-sets="cellule-entete"><fo:block>Réponse</fo:block></fo:table-cell>
          </fo:table-row>
        </fo:table-header>
        <fo:table-body>
          <xsl:for-each select="r:registre/r:demandes/r:demande">
            <fo:table-row keep-together.within-page="always">
              <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block><xsl:call-template name="date"><xsl:with-param name="iso" select="r:date_reception"/></xsl:call-template></fo:block></fo:table-cell>
              <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block><xsl:call-template name="libelle"><xsl:with-param name="liste" select="'demandeur'"/><xsl:with-param name="code" select="r:demandeur"/></xsl:call-template></fo:block></fo:table-cell>
              <fo:table-cell xsl:use-attribute-sets="cellule"><fo:block><xsl:call-template name="libelle"><xsl:with-param name="liste" select="'droit'"/><xsl:with-param name="code" select="r:droit"/></xsl:call-template></fo:block></fo:table-cell>
              <fo:table-cell xsl:use-attribute-sets="cellule">
                <xsl:for-each select="r:traitements/r:traitement">
                  <xsl:variable name="ref" select="normalize-space(.)"/>
                  <fo:block>
                    <xsl:choose>
                      <xsl:when test="/r:registre/r:traitements/r:traitement[r:id = $ref]"><xsl:call-template name="texte"><xsl:with-param name="texte" select="/r:registre/r:traitements/r:traitement[r:id = $ref]/r:nom"/></xsl:call-template></xsl:when>
                      <xsl:otherwise><xsl:value-of select="$ref"/></xsl:otherwise>
                    </xsl:choose>
                  </fo:block>
                </xsl:for-each>
                <xsl:if test="not(r:traitements/r:traitement)"><fo:block>non précisé</fo:block></xsl:if>
              </fo:table-cell>
              <fo:table-cell xsl:use-attribute-sets="cellule">
                <xsl:choose>
                  <xsl:when test="r:reponse">
                    <fo:block>
                      <xsl:call-template name="date"><xsl:with-param name="iso" select="r:reponse/r:date"/></xsl:call-template>
                      <xsl:text> : </xsl:text>
                      <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'decision'"/><xsl:with-param name="code" select="r:reponse/r:decision"/></xsl:call-template>
                    </fo:block>
                    <xsl:if test="normalize-space(r:reponse/r:motif_refus) != ''">
                      <fo:block>Motif : <xsl:call-template name="texte"><xsl:with-param name="texte" select="r:reponse/r:motif_refus"/></xsl:call-template></fo:block>
                    </xsl:if>
                  </xsl:when>
                  <xsl:otherwise><fo:block>sans réponse</fo:block></xsl:otherwise>
                </xsl:choose>
                <xsl:if test="r:prolongation">
                  <fo:block>
                    <xsl:text>Prolongation notifiée le </xsl:text>
                    <xsl:call-template name="date"><xsl:with-param name="iso" select="r:prolongation/r:date_notification"/></xsl:call-template>
                  </fo:block>
                </xsl:if>
              </fo:table-cell>
            </fo:table-row>
          </xsl:for-each>
        </fo:table-body>
      </fo:table>
    </xsl:if>
  </xsl:template>

  <!-- ===== Registre des violations ===== -->

  <xsl:template name="registre-violations">
    <fo:block id="violations" break-before="page" xsl:use-attribute-sets="titre-1" space-before="0mm">Registre des violations de données</fo:block>
    <fo:block xsl:use-attribute-sets="paragraphe">
      Toutes les violations de données personnelles, notifiées ou non à la CNIL (article 33, paragraphe 5, du RGPD).
    </fo:block>
    <xsl:if test="not(r:registre/r:violations/r:violation)">
      <fo:block xsl:use-attribute-sets="paragraphe" font-style="italic">Aucune violation inscrite.</fo:block>
    </xsl:if>
    <xsl:for-each select="r:registre/r:violations/r:violation">
      <!-- Une violation tient sur une page quand c'est possible (FOP coupe sinon). -->
      <fo:block keep-together.within-page="always">
      <fo:block xsl:use-attribute-sets="titre-2">
        <xsl:value-of select="concat('Violation ', r:id, ' – découverte le ')"/>
        <xsl:call-template name="date"><xsl:with-param name="iso" select="r:date_decouverte"/></xsl:call-template>
      </fo:block>
      <fo:table table-layout="fixed" width="100%" font-size="8.5pt">
        <fo:table-column column-width="48mm"/>
        <fo:table-column column-width="proportional-column-width(1)"/>
        <fo:table-body>
          <xsl:if test="r:date_survenance">
            <xsl:call-template name="ligne">
              <xsl:with-param name="libelle" select="'Date de survenance'"/>
              <xsl:with-param name="contenu"><fo:block><xsl:call-template name="date"><xsl:with-param name="iso" select="r:date_survenance"/></xsl:call-template></fo:block></xsl:with-param>
            </xsl:call-template>
          </xsl:if>
          <xsl:call-template name="ligne">
            <xsl:with-param name="libelle" select="'Nature'"/>
            <xsl:with-param name="contenu">
              <fo:block>
                <xsl:for-each select="r:types/r:type">
                  <xsl:if test="position() &gt; 1">, </xsl:if>
                  <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'nature'"/><xsl:with-param name="code" select="."/></xsl:call-template>
                </xsl:for-each>
                <xsl:if test="not(r:types/r:type)">non précisée</xsl:if>
              </fo:block>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="ligne-fiche"><xsl:with-param name="libelle" select="'Faits'"/><xsl:with-param name="valeur" select="r:description"/></xsl:call-template>
          <xsl:call-template name="ligne">
            <xsl:with-param name="libelle" select="'Traitements concernés'"/>
            <xsl:with-param name="contenu">
              <xsl:for-each select="r:traitements/r:traitement">
                <xsl:variable name="ref" select="normalize-space(.)"/>
                <fo:block>
                  <xsl:choose>
                    <xsl:when test="/r:registre/r:traitements/r:traitement[r:id = $ref]">
                      <xsl:call-template name="texte"><xsl:with-param name="texte" select="/r:registre/r:traitements/r:traitement[r:id = $ref]/r:nom"/></xsl:call-template>
                    </xsl:when>
                    <xsl:otherwise><xsl:value-of select="$ref"/></xsl:otherwise>
                  </xsl:choose>
                </fo:block>
              </xsl:for-each>
              <xsl:if test="not(r:traitements/r:traitement)"><fo:block>non précisé</fo:block></xsl:if>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="ligne">
            <xsl:with-param name="libelle" select="'Personnes concernées'"/>
            <xsl:with-param name="contenu"><xsl:call-template name="liste-personnes"/></xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="ligne">
            <xsl:with-param name="libelle" select="'Données concernées'"/>
            <xsl:with-param name="contenu">
              <fo:block>
                <xsl:for-each select="r:categories_donnees/r:categorie">
                  <xsl:if test="position() &gt; 1">, </xsl:if>
                  <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'donnees'"/><xsl:with-param name="code" select="."/></xsl:call-template>
                </xsl:for-each>
                <xsl:if test="not(r:categories_donnees/r:categorie)">non précisé</xsl:if>
                <xsl:if test="r:volume_enregistrements"><xsl:value-of select="concat(' – environ ', r:volume_enregistrements, ' enregistrements')"/></xsl:if>
              </fo:block>
              <fo:block>
                <xsl:text>Données chiffrées : </xsl:text>
                <xsl:call-template name="oui-non"><xsl:with-param name="valeur" select="r:donnees_chiffrees"/></xsl:call-template>
              </fo:block>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="ligne-fiche"><xsl:with-param name="libelle" select="'Conséquences probables'"/><xsl:with-param name="valeur" select="r:consequences"/></xsl:call-template>
          <xsl:call-template name="ligne-fiche">
            <xsl:with-param name="libelle" select="'Niveau de risque'"/>
            <xsl:with-param name="valeur"><xsl:call-template name="libelle"><xsl:with-param name="liste" select="'risque'"/><xsl:with-param name="code" select="r:risque"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="ligne">
            <xsl:with-param name="libelle" select="'Notification à la CNIL'"/>
            <xsl:with-param name="contenu"><xsl:apply-templates select="r:notification_cnil" mode="notification"><xsl:with-param name="oui" select="'Notifiée'"/><xsl:with-param name="non" select="'Non notifiée'"/></xsl:apply-templates></xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="ligne">
            <xsl:with-param name="libelle" select="'Information des personnes'"/>
            <xsl:with-param name="contenu"><xsl:apply-templates select="r:information_personnes" mode="notification"><xsl:with-param name="oui" select="'Informées'"/><xsl:with-param name="non" select="'Non informées'"/></xsl:apply-templates></xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="ligne-fiche"><xsl:with-param name="libelle" select="'Mesures prises'"/><xsl:with-param name="valeur" select="r:mesures"/></xsl:call-template>
          <xsl:if test="r:dpd_informe_le">
            <xsl:call-template name="ligne">
              <xsl:with-param name="libelle" select="'DPD informé le'"/>
              <xsl:with-param name="contenu"><fo:block><xsl:call-template name="date"><xsl:with-param name="iso" select="r:dpd_informe_le"/></xsl:call-template></fo:block></xsl:with-param>
            </xsl:call-template>
          </xsl:if>
          <xsl:if test="r:sous_traitant">
            <xsl:variable name="st" select="normalize-space(r:sous_traitant)"/>
            <xsl:call-template name="ligne-fiche">
              <xsl:with-param name="libelle" select="'Sous-traitant en cause'"/>
              <xsl:with-param name="valeur">
                <xsl:choose>
                  <xsl:when test="/r:registre/r:sous_traitants/r:sous_traitant[r:id = $st]"><xsl:value-of select="/r:registre/r:sous_traitants/r:sous_traitant[r:id = $st]/r:nom"/></xsl:when>
                  <xsl:otherwise><xsl:value-of select="$st"/></xsl:otherwise>
                </xsl:choose>
              </xsl:with-param>
            </xsl:call-template>
          </xsl:if>
        </fo:table-body>
      </fo:table>
      </fo:block>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="*" mode="notification">
    <xsl:param name="oui"/>
    <xsl:param name="non"/>
    <fo:block>
      <xsl:choose>
        <xsl:when test="r:faite = 'true'">
          <xsl:value-of select="$oui"/>
          <xsl:if test="r:date">
            <xsl:text> le </xsl:text>
            <xsl:call-template name="date"><xsl:with-param name="iso" select="r:date"/></xsl:call-template>
          </xsl:if>
          <xsl:if test="r:reference"><xsl:value-of select="concat(' (', normalize-space(r:reference), ')')"/></xsl:if>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="$non"/></xsl:otherwise>
      </xsl:choose>
      <xsl:if test="r:justification">
        <xsl:text> – </xsl:text>
        <xsl:call-template name="texte"><xsl:with-param name="texte" select="r:justification"/></xsl:call-template>
      </xsl:if>
    </fo:block>
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
        <xsl:call-template name="texte"><xsl:with-param name="texte" select="$chef-nom-fonction"/></xsl:call-template>
      </fo:block>
      <fo:block-container height="30mm" width="80mm" border="0.5pt dashed {$couleur-filet}" space-before="3mm">
        <fo:block font-size="7.5pt" color="#777777" padding="1mm">Signature</fo:block>
      </fo:block-container>
    </fo:block>
  </xsl:template>
</xsl:stylesheet>
