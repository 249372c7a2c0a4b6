<?xml version="1.0" encoding="UTF-8"?>
<!--
  Layered notice (Art. 12 GDPR; EDPB/WP29 transparency guidelines WP260 rev.01)
  for legal guardians, and, through the « audience » variable, for staff and
  visitors (notice-personnels.xsl, notice-visiteurs.xsl).
  First layer (at most two pages): one line per treatment — what for, who sees
  the data, how long, who is responsible — then the rights and whom to contact.
  Second layer (annex): every Art. 13/14 item per treatment, legal references in
  small print. Every sentence comes from a register field; where a field is
  empty the notice says the information is to be asked of the school.
  With the parameter « traitement » (an id): the notice of that treatment only.
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

  <!-- Who the notice is for, and its title (also read by notice-familles-html.xsl). -->
  <xsl:variable name="public">
    <xsl:choose>
      <xsl:when test="$audience = 'personnels'">des personnels</xsl:when>
      <xsl:when test="$audience = 'visiteurs'">des visiteurs</xsl:when>
      <xsl:otherwise>des familles</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="titre">
    <xsl:choose>
      <xsl:when test="count($traitements-couverts) = 1 and $traitement != ''">
        <xsl:value-of select="concat('Information ', $public, ' – ', normalize-space($traitements-couverts/r:nom))"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="concat('Information ', $public, ' sur les données personnelles')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:template match="/">
    <xsl:if test="$traitement != '' and not($traitements-couverts)">
      <xsl:message terminate="yes">traitement inconnu&#xA0;: <xsl:value-of select="$traitement"/></xsl:message>
    </xsl:if>
    <fo:root xml:lang="fr" font-family="DejaVu Sans" font-size="9pt" line-height="1.35"
        hyphenate="false" text-align="left">
      <xsl:call-template name="modeles-de-page"/>
      <fo:declarations>
        <xsl:call-template name="metadonnees">
          <xsl:with-param name="titre" select="concat($titre, ' – ', $etab/r:nom)"/>
          <xsl:with-param name="sujet" select="concat('Notice d’information (articles 13 et 14 du RGPD) à l’intention ', $public)"/>
        </xsl:call-template>
      </fo:declarations>
      <fo:page-sequence master-reference="courante">
        <fo:title><xsl:value-of select="$titre"/></fo:title>
        <xsl:call-template name="entete">
          <xsl:with-param name="titre" select="concat('Information ', $public)"/>
        </xsl:call-template>
        <xsl:call-template name="pied"/>
        <fo:flow flow-name="xsl-region-body">
          <xsl:call-template name="corps-notice"/>
          <fo:block id="fin-du-document"/>
        </fo:flow>
      </fo:page-sequence>
    </fo:root>
  </xsl:template>

  <!--
    The notice's content, for the PDF and, through notice-familles-html.xsl, for the HTML page:
    one text for both (headings carry a « role » only when $html is true).
  -->
  <xsl:template name="corps-notice">
    <xsl:call-template name="avertissement-fiches-incompletes"/>
    <xsl:call-template name="premiere-couche">
      <xsl:with-param name="titre" select="$titre"/>
    </xsl:call-template>
    <xsl:if test="$traitements-couverts">
      <fo:block id="annexe" break-before="page" xsl:use-attribute-sets="titre-1" space-before="0mm" font-size="13pt"><xsl:call-template name="balise-html"><xsl:with-param name="nom" select="'h2'"/></xsl:call-template>Annexe – le détail, traitement par traitement</fo:block>
      <fo:block font-size="8pt">
        <xsl:for-each select="$traitements-couverts">
          <xsl:call-template name="section-traitement-famille"/>
        </xsl:for-each>
        <xsl:call-template name="section-droits-famille"/>
      </fo:block>
    </xsl:if>
    <fo:block space-before="4mm" font-size="7.5pt" color="#555555">
      <xsl:call-template name="balise-html"><xsl:with-param name="nom" select="'pied'"/></xsl:call-template>
      <xsl:text>Document établi le </xsl:text>
      <xsl:call-template name="date-du-document"/>
      <xsl:text> à partir du registre des activités de traitement de l’établissement.</xsl:text>
    </fo:block>
  </xsl:template>

  <!-- First layer: what a reader takes in within two minutes. -->
  <xsl:template name="premiere-couche">
    <xsl:param name="titre"/>
    <fo:block xsl:use-attribute-sets="titre-1" space-before="0mm" space-after="1.5mm" font-size="13pt"><xsl:call-template name="balise-html"><xsl:with-param name="nom" select="'h1'"/></xsl:call-template>
      <xsl:call-template name="texte"><xsl:with-param name="texte" select="$titre"/></xsl:call-template>
    </fo:block>
    <fo:block xsl:use-attribute-sets="paragraphe">
      <xsl:call-template name="texte">
        <xsl:with-param name="texte">
          <xsl:choose>
            <xsl:when test="$audience = 'personnels'"><xsl:value-of select="concat('Le ', $etab/r:nom, ' utilise des données personnelles vous concernant dans votre travail. Voici, en une ligne par usage, à quoi elles servent, qui les voit et combien de temps elles sont gardées. Le détail est en annexe.')"/></xsl:when>
            <xsl:when test="$audience = 'visiteurs'"><xsl:value-of select="concat('Lors de votre venue au ', $etab/r:nom, ', des données personnelles vous concernant peuvent être utilisées. Voici, en une ligne par usage, à quoi elles servent, qui les voit et combien de temps elles sont gardées. Le détail est en annexe.')"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="concat('Madame, Monsieur, le ', $etab/r:nom, ' utilise des données personnelles sur votre enfant et sur vous. Voici, en une ligne par usage, à quoi elles servent, qui les voit et combien de temps elles sont gardées. Le détail est en annexe.')"/></xsl:otherwise>
          </xsl:choose>
        </xsl:with-param>
      </xsl:call-template>
    </fo:block>
    <xsl:if test="not($traitements-couverts)">
      <fo:block xsl:use-attribute-sets="paragraphe" font-style="italic">Aucun traitement vous concernant n’est inscrit au registre.</fo:block>
    </xsl:if>
    <xsl:if test="$traitements-couverts">
      <fo:table table-layout="fixed" width="100%" font-size="7pt" line-height="1.2">
        <fo:table-column column-width="proportional-column-width(38)"/>
        <fo:table-column column-width="proportional-column-width(27)"/>
        <fo:table-column column-width="proportional-column-width(35)"/>
        <fo:table-header>
          <fo:table-row background-color="{$couleur-fond-entete}" font-weight="bold">
            <fo:table-cell padding="0.6mm"><fo:block>Usage et finalité</fo:block></fo:table-cell>
            <fo:table-cell padding="0.8mm"><fo:block>Qui voit les données</fo:block></fo:table-cell>
            <fo:table-cell padding="0.8mm"><fo:block>Combien de temps</fo:block></fo:table-cell>
          </fo:table-row>
        </fo:table-header>
        <fo:table-body>
          <xsl:for-each select="$traitements-couverts">
            <xsl:call-template name="ligne-premiere-couche"/>
          </xsl:for-each>
        </fo:table-body>
      </fo:table>
    </xsl:if>
    <xsl:call-template name="droits-en-bref"/>
    <xsl:if test="$audience = 'visiteurs'">
      <xsl:call-template name="panneaux-video"/>
    </xsl:if>
  </xsl:template>

  <!-- One line of the first layer (context: a treatment). -->
  <xsl:template name="ligne-premiere-couche">
    <fo:table-row keep-together.within-page="always">
      <fo:table-cell padding="0.6mm" border-bottom="0.3pt solid #C8D2E0">
        <fo:block font-weight="bold"><xsl:call-template name="texte"><xsl:with-param name="texte" select="r:nom"/></xsl:call-template></fo:block>
        <fo:block><xsl:call-template name="texte"><xsl:with-param name="texte" select="concat(r:finalite_principale, '.')"/></xsl:call-template></fo:block>
        <xsl:if test="r:base_legale/r:article_6 = 'consentement'">
          <fo:block font-style="italic">Seulement avec votre accord, que vous pouvez refuser ou retirer.</fo:block>
        </xsl:if>
        <xsl:if test="r:responsable/r:type and r:responsable/r:type != 'etablissement'">
          <fo:block font-style="italic">
            <xsl:text>Responsable&#xA0;: </xsl:text>
            <xsl:call-template name="nom-responsable"/>
            <xsl:text>&#x202F;; vos droits s’exercent auprès de lui (voir l’annexe).</xsl:text>
          </fo:block>
        </xsl:if>
      </fo:table-cell>
      <fo:table-cell padding="0.6mm" border-bottom="0.3pt solid #C8D2E0">
        <fo:block>
          <xsl:for-each select="r:destinataires/r:destinataire/r:nom | r:sous_traitants/r:sous_traitant">
            <xsl:if test="position() &gt; 1"><xsl:text>&#x202F;; </xsl:text></xsl:if>
            <xsl:variable name="ref" select="normalize-space(.)"/>
            <xsl:variable name="st" select="/r:registre/r:sous_traitants/r:sous_traitant[r:id = $ref]"/>
            <xsl:choose>
              <xsl:when test="self::r:sous_traitant and $st"><xsl:call-template name="texte"><xsl:with-param name="texte" select="concat($st/r:nom, ' (prestataire)')"/></xsl:call-template></xsl:when>
              <xsl:otherwise><xsl:call-template name="texte"><xsl:with-param name="texte" select="."/></xsl:call-template></xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
          <xsl:if test="not(r:destinataires/r:destinataire) and not(r:sous_traitants/r:sous_traitant)">à demander à l’établissement</xsl:if>
        </fo:block>
      </fo:table-cell>
      <fo:table-cell padding="0.6mm" border-bottom="0.3pt solid #C8D2E0">
        <xsl:call-template name="durees-en-bref"/>
      </fo:table-cell>
    </fo:table-row>
  </xsl:template>

  <!-- Distinct retentions of a treatment, without the categories (the annex has them). -->
  <xsl:template name="durees-en-bref">
    <xsl:variable name="distinctes"
        select="r:donnees/r:categorie_donnees[
                  (r:conservation/r:duree and not(r:conservation/r:duree = preceding-sibling::r:categorie_donnees/r:conservation/r:duree))
                  or (not(r:conservation/r:duree) and normalize-space(r:conservation/r:critere) != ''
                      and not(r:conservation/r:critere = preceding-sibling::r:categorie_donnees[not(r:conservation/r:duree)]/r:conservation/r:critere))]"/>
    <fo:block>
      <xsl:for-each select="$distinctes">
        <xsl:if test="position() &gt; 1"><xsl:text>&#x202F;; </xsl:text></xsl:if>
        <xsl:call-template name="duree-categorie"><xsl:with-param name="avec-sort" select="false()"/><xsl:with-param name="avec-point" select="false()"/></xsl:call-template>
        <xsl:if test="position() = last()"><xsl:text>.</xsl:text></xsl:if>
      </xsl:for-each>
    </fo:block>
    <xsl:if test="r:donnees/r:categorie_donnees[not(r:conservation/r:duree) and normalize-space(r:conservation/r:critere) = '']">
      <fo:block>
        <xsl:choose>
          <xsl:when test="$distinctes">Autres données&#xA0;: durée à demander à l’établissement.</xsl:when>
          <xsl:otherwise>Durée à demander à l’établissement.</xsl:otherwise>
        </xsl:choose>
      </fo:block>
    </xsl:if>
    <xsl:if test="not(r:donnees/r:categorie_donnees)"><fo:block>Durée à demander à l’établissement.</fo:block></xsl:if>
  </xsl:template>

  <!-- Rights and contacts in a few lines (first layer). -->
  <xsl:template name="droits-en-bref">
    <fo:block xsl:use-attribute-sets="titre-2" font-size="10pt" space-before="2mm" space-after="0.5mm" keep-with-next.within-page="always"><xsl:call-template name="balise-html"><xsl:with-param name="nom" select="'h2'"/></xsl:call-template>Vos droits, et qui contacter</fo:block>
    <fo:block font-size="8pt" space-after="1mm">
      <xsl:call-template name="texte">
        <xsl:with-param name="texte">
          <xsl:choose>
            <xsl:when test="$audience = 'familles'">Pour vous et pour votre enfant, vous pouvez demander à voir les données, à les corriger, à les effacer, à en limiter l’usage ou à vous y opposer, et, dans certains cas, à les récupérer&#x202F;; quand un usage repose sur votre accord, vous pouvez le retirer à tout moment. </xsl:when>
            <xsl:otherwise>Vous pouvez demander à voir les données vous concernant, à les corriger, à les effacer, à en limiter l’usage ou à vous y opposer, et, dans certains cas, à les récupérer&#x202F;; quand un usage repose sur votre accord, vous pouvez le retirer à tout moment. </xsl:otherwise>
          </xsl:choose>
          <xsl:text>Écrivez au responsable ou au délégué ci-dessous&#x202F;; pour un usage dont l’établissement n’est pas responsable, à son responsable (voir l’annexe). Réponse sous un mois, gratuitement.</xsl:text>
        </xsl:with-param>
      </xsl:call-template>
    </fo:block>
    <fo:block font-size="8pt" background-color="#EEF2F8" padding="1.5mm" keep-together.within-page="always">
      <fo:block>
        <xsl:text>Responsable&#xA0;: </xsl:text>
        <xsl:call-template name="texte"><xsl:with-param name="texte" select="$responsable"/></xsl:call-template>
      </fo:block>
      <fo:block>
        <xsl:text>Délégué à la protection des données&#xA0;: </xsl:text>
        <xsl:call-template name="texte"><xsl:with-param name="texte" select="$dpd"/></xsl:call-template>
      </fo:block>
      <fo:block>
        <xsl:text>Si vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la CNIL&#xA0;: </xsl:text>
        <fo:basic-link external-destination="url('https://www.cnil.fr/plaintes')" color="{$couleur-titre}">www.cnil.fr/plaintes</fo:basic-link>
        <xsl:text>, ou CNIL, 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07.</xsl:text>
      </fo:block>
    </fo:block>
  </xsl:template>

  <!-- Short text of a video sign, for each treatment that films visitors (CNIL sheet of 12 Sept. 2025). -->
  <xsl:template name="panneaux-video">
    <xsl:for-each select="$traitements-couverts[r:donnees/r:categorie_donnees/r:categorie = 'image']">
      <fo:block border="1.2pt solid {$couleur-titre}" padding="3mm" space-before="4mm" keep-together.within-page="always">
        <fo:block font-weight="bold" font-size="11pt"><xsl:call-template name="balise-html"><xsl:with-param name="nom" select="'h3'"/></xsl:call-template>
          <xsl:text>Texte du panneau – </xsl:text>
          <xsl:call-template name="texte"><xsl:with-param name="texte" select="r:nom"/></xsl:call-template>
        </fo:block>
        <fo:block><xsl:call-template name="texte"><xsl:with-param name="texte" select="concat('Espace filmé (', normalize-space(r:nom), '). Finalité&#xA0;: ', r:finalite_principale, '.')"/></xsl:call-template></fo:block>
        <fo:block>
          <xsl:text>Responsable&#xA0;: </xsl:text>
          <xsl:call-template name="nom-responsable"/>
          <xsl:text>.</xsl:text>
        </fo:block>
        <xsl:for-each select="r:donnees/r:categorie_donnees[r:categorie = 'image']">
          <fo:block>
            <xsl:text>Conservation des images&#xA0;: </xsl:text>
            <xsl:call-template name="duree-categorie"><xsl:with-param name="avec-sort" select="false()"/></xsl:call-template>
          </fo:block>
        </xsl:for-each>
        <fo:block>
          <xsl:call-template name="texte">
            <xsl:with-param name="texte" select="concat('Vos droits (accès aux images vous concernant, réclamation auprès de la CNIL)&#xA0;: ', $contact-chef, ' ou ', $contact-dpd, '. Notice complète à l’accueil.')"/>
          </xsl:call-template>
        </fo:block>
      </fo:block>
    </xsl:for-each>
  </xsl:template>

  <!-- The controller's name (context: a treatment). -->
  <xsl:template name="nom-responsable">
    <xsl:choose>
      <xsl:when test="normalize-space(r:responsable/r:nom) != ''"><xsl:call-template name="texte"><xsl:with-param name="texte" select="r:responsable/r:nom"/></xsl:call-template></xsl:when>
      <xsl:when test="r:responsable/r:type = 'etablissement' or not(r:responsable/r:type)"><xsl:call-template name="texte"><xsl:with-param name="texte" select="concat($chef-nom-fonction, ', pour l’établissement')"/></xsl:call-template></xsl:when>
      <xsl:otherwise><xsl:call-template name="libelle"><xsl:with-param name="liste" select="'responsable'"/><xsl:with-param name="code" select="r:responsable/r:type"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="section-traitement-famille">
    <fo:block xsl:use-attribute-sets="titre-2" font-size="10pt" space-before="4mm" keep-with-next.within-page="always"
        border-bottom="0.5pt solid {$couleur-filet}" padding-bottom="0.8mm"><xsl:call-template name="balise-html"><xsl:with-param name="nom" select="'h3'"/></xsl:call-template>
      <xsl:call-template name="texte"><xsl:with-param name="texte" select="r:nom"/></xsl:call-template>
    </fo:block>
    <fo:table table-layout="fixed" width="100%">
      <fo:table-column column-width="40mm"/>
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
              <xsl:call-template name="libelle">
                <xsl:with-param name="liste" select="'base-legale-famille'"/>
                <xsl:with-param name="code">
                  <xsl:value-of select="r:base_legale/r:article_6"/>
                  <xsl:if test="r:base_legale/r:article_6 = 'mission-interet-public' and r:responsable/r:type and r:responsable/r:type != 'etablissement'">-externe</xsl:if>
                </xsl:with-param>
              </xsl:call-template>
            </fo:block>
            <xsl:if test="not(r:base_legale/r:article_6)"><fo:block>Non précisée au registre&#xA0;: demandez-la à l’établissement.</fo:block></xsl:if>
            <xsl:if test="r:base_legale/r:article_9">
              <fo:block>
                <xsl:text>Certaines données sont sensibles (santé, biométrie…) : elles ne sont utilisées qu’à la condition suivante : </xsl:text>
                <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'article-9'"/><xsl:with-param name="code" select="r:base_legale/r:article_9"/></xsl:call-template>
                <xsl:text>.</xsl:text>
              </fo:block>
            </xsl:if>
            <xsl:if test="normalize-space(r:base_legale/r:texte) != ''">
              <fo:block font-size="7pt" color="#444444">
                <xsl:text>Texte de référence&#xA0;: </xsl:text>
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
          <xsl:with-param name="libelle" select="'Faut-il les fournir&#x202F;?'"/>
          <xsl:with-param name="contenu"><xsl:call-template name="phrase-fourniture"/></xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="ligne-notice">
          <xsl:with-param name="libelle" select="'Décision automatique ?'"/>
          <xsl:with-param name="contenu">
            <fo:block>
              <xsl:choose>
                <xsl:when test="r:decision_automatisee/r:existe = 'true'">Oui : une décision est prise par un programme informatique. Vous pouvez demander qu’une personne réexamine la décision et présenter votre point de vue.</xsl:when>
                <xsl:when test="r:decision_automatisee/r:existe = 'false'">Non&#xA0;: aucune décision n’est prise par un programme informatique seul, sans intervention humaine.</xsl:when>
                <xsl:otherwise>Aucune décision automatisée n’est inscrite au registre.</xsl:otherwise>
              </xsl:choose>
            </fo:block>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:if test="r:responsable/r:type and r:responsable/r:type != 'etablissement'">
          <xsl:call-template name="ligne-notice">
            <xsl:with-param name="libelle" select="'Où exercer vos droits&#x202F;?'"/>
            <xsl:with-param name="contenu">
              <fo:block>
                <xsl:text>Auprès du responsable de ce traitement&#xA0;: </xsl:text>
                <xsl:call-template name="nom-responsable"/>
                <xsl:text>.</xsl:text>
              </fo:block>
              <fo:block>
                <xsl:text>Son délégué à la protection des données&#xA0;: </xsl:text>
                <xsl:choose>
                  <xsl:when test="normalize-space(r:responsable/r:contact_dpd) != ''"><xsl:call-template name="texte"><xsl:with-param name="texte" select="concat(normalize-space(r:responsable/r:contact_dpd), '.')"/></xsl:call-template></xsl:when>
                  <xsl:otherwise>coordonnées à demander à l’établissement.</xsl:otherwise>
                </xsl:choose>
              </fo:block>
              <xsl:if test="not(r:responsable/r:notice_officielle)">
                <fo:block>Sa notice d’information&#xA0;: à demander à l’établissement.</fo:block>
              </xsl:if>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:if>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <xsl:template name="section-droits-famille">
    <fo:block xsl:use-attribute-sets="titre-2" font-size="10pt" space-before="5mm"><xsl:call-template name="balise-html"><xsl:with-param name="nom" select="'h3'"/></xsl:call-template>Vos droits et comment les exercer</fo:block>
    <fo:block xsl:use-attribute-sets="paragraphe">
      <xsl:if test="$audience = 'familles'">Pour vous et pour votre enfant, vous pouvez demander&#xA0;:</xsl:if>
      <xsl:if test="$audience != 'familles'">Vous pouvez demander&#xA0;:</xsl:if>
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
        <xsl:with-param name="texte" select="concat('Pour les traitements dont l’établissement est responsable, adressez votre demande au ', $contact-chef, ' ou au ', $contact-dpd, '&#x202F;; pour les autres, à leur responsable (ligne « Où exercer vos droits&#x202F;? »). La réponse vous parviendra dans un délai d’un mois ; ce délai peut être prolongé de deux mois si la demande est complexe, et vous en serez alors informé. La démarche est gratuite.')"/>
      </xsl:call-template>
    </fo:block>
    <xsl:call-template name="encadre-contacts"/>
    <xsl:call-template name="encadre-cnil"/>
  </xsl:template>
</xsl:stylesheet>
