<?xml version="1.0" encoding="UTF-8"?>
<!--
  Outils communs à tous les modèles : typographie française, dates en toutes
  lettres, mise en page A4, en-têtes et pieds de page, tableaux.
  Un établissement qui copie les modèles (registre modeles exporter DOSSIER)
  peut modifier ce fichier pour changer les polices, les couleurs ou les marges
  de tous ses documents à la fois.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:r="urn:registre-eple:registre:1"
    exclude-result-prefixes="r">

  <!-- Date du document (AAAA-MM-JJ), fournie par le programme. -->
  <xsl:param name="date-document" select="''"/>
  <!-- Instant de création (AAAA-MM-JJThh:mm:ssZ), écrit dans les métadonnées XMP. -->
  <xsl:param name="horodatage" select="''"/>
  <!-- Version de l'outil, affichée sur la page de garde. -->
  <xsl:param name="version-outil" select="''"/>
  <!-- Identifiants des fiches de traitement incomplètes que le programme a écartées du document
       (séparés par des virgules) ; vide quand le registre est complet. -->
  <xsl:param name="fiches-incompletes" select="''"/>

  <!-- Espaces insécables : fine (U+202F) avant ; ! ? et normale (U+00A0) avant : et dans « ». -->
  <xsl:variable name="nbsp" select="'&#xA0;'"/>
  <xsl:variable name="fine" select="'&#x202F;'"/>

  <!-- « Mme X, Proviseure » (sans virgule orpheline quand la fonction manque). -->
  <xsl:variable name="chef-nom-fonction">
    <xsl:value-of select="normalize-space(/r:registre/r:etablissement/r:responsable_traitement/r:nom)"/>
    <xsl:if test="normalize-space(/r:registre/r:etablissement/r:responsable_traitement/r:fonction) != ''">
      <xsl:value-of select="concat(', ', normalize-space(/r:registre/r:etablissement/r:responsable_traitement/r:fonction))"/>
    </xsl:if>
  </xsl:variable>
  <!-- « chef d'établissement (courriel) » et « délégué… (courriel) », parenthèses seulement si le courriel est connu. -->
  <xsl:variable name="contact-chef">
    <xsl:text>chef d’établissement</xsl:text>
    <xsl:if test="normalize-space(/r:registre/r:etablissement/r:responsable_traitement/r:courriel) != ''">
      <xsl:value-of select="concat(' (', normalize-space(/r:registre/r:etablissement/r:responsable_traitement/r:courriel), ')')"/>
    </xsl:if>
  </xsl:variable>
  <xsl:variable name="contact-dpd">
    <xsl:text>délégué à la protection des données</xsl:text>
    <xsl:if test="normalize-space(/r:registre/r:etablissement/r:dpd/r:courriel) != ''">
      <xsl:value-of select="concat(' (', normalize-space(/r:registre/r:etablissement/r:dpd/r:courriel), ')')"/>
    </xsl:if>
  </xsl:variable>

  <xsl:variable name="couleur-titre" select="'#1F3864'"/>
  <xsl:variable name="couleur-fond-entete" select="'#DCE3EE'"/>
  <xsl:variable name="couleur-filet" select="'#8EA2C0'"/>

  <!-- Encadré « document incomplet » : le document dit lui-même qu'il ne reprend pas tout le registre. -->
  <xsl:template name="avertissement-fiches-incompletes">
    <xsl:if test="normalize-space($fiches-incompletes) != ''">
      <fo:block border="1pt solid #9C2A00" padding="2mm" space-after="4mm" color="#7A2100" keep-together.within-page="always">
        <fo:block font-weight="bold" space-after="1mm">Document incomplet</fo:block>
        <fo:block>
          <xsl:value-of select="concat('Les fiches de traitement suivantes sont incomplètes dans le registre et ne figurent pas dans ce document', $nbsp, ': ')"/>
          <xsl:call-template name="texte"><xsl:with-param name="texte" select="$fiches-incompletes"/></xsl:call-template>
          <xsl:text>. Ce document ne reprend donc pas tout le registre.</xsl:text>
        </fo:block>
      </fo:block>
    </xsl:if>
  </xsl:template>

  <!-- ===== Mise en page ===== -->

  <xsl:template name="modeles-de-page">
    <fo:layout-master-set>
      <fo:simple-page-master master-name="garde" page-width="210mm" page-height="297mm"
          margin-top="25mm" margin-bottom="20mm" margin-left="22mm" margin-right="22mm">
        <fo:region-body/>
        <fo:region-after extent="10mm"/>
      </fo:simple-page-master>
      <fo:simple-page-master master-name="courante" page-width="210mm" page-height="297mm"
          margin-top="12mm" margin-bottom="12mm" margin-left="20mm" margin-right="20mm">
        <fo:region-body margin-top="14mm" margin-bottom="14mm"/>
        <fo:region-before extent="10mm"/>
        <fo:region-after extent="10mm"/>
      </fo:simple-page-master>
    </fo:layout-master-set>
  </xsl:template>

  <!-- En-tête : nom de l'établissement et titre du document. -->
  <xsl:template name="entete">
    <xsl:param name="titre"/>
    <xsl:param name="etablissement" select="/r:registre/r:etablissement/r:nom"/>
    <fo:static-content flow-name="xsl-region-before" role="artifact">
      <fo:block font-size="8pt" color="#555555" border-bottom="0.5pt solid {$couleur-filet}"
          padding-bottom="1mm" text-align-last="justify">
        <xsl:call-template name="texte">
          <xsl:with-param name="texte" select="$etablissement"/>
        </xsl:call-template>
        <fo:leader leader-pattern="space"/>
        <xsl:call-template name="texte">
          <xsl:with-param name="texte" select="$titre"/>
        </xsl:call-template>
      </fo:block>
    </fo:static-content>
  </xsl:template>

  <!-- Pied de page : « page n sur N » ; le bloc d'identifiant « fin-du-document » clôt le flux. -->
  <xsl:template name="pied">
    <fo:static-content flow-name="xsl-region-after" role="artifact">
      <fo:block font-size="8pt" color="#555555" text-align="center">
        <xsl:text>page </xsl:text>
        <fo:page-number/>
        <xsl:text> sur </xsl:text>
        <fo:page-number-citation-last ref-id="fin-du-document"/>
      </fo:block>
    </fo:static-content>
  </xsl:template>

  <xsl:attribute-set name="titre-1">
    <xsl:attribute name="font-size">15pt</xsl:attribute>
    <xsl:attribute name="font-weight">bold</xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$couleur-titre"/></xsl:attribute>
    <xsl:attribute name="space-before">6mm</xsl:attribute>
    <xsl:attribute name="space-after">3mm</xsl:attribute>
    <xsl:attribute name="keep-with-next.within-page">always</xsl:attribute>
    <xsl:attribute name="role">H1</xsl:attribute>
  </xsl:attribute-set>

  <xsl:attribute-set name="titre-2">
    <xsl:attribute name="font-size">11.5pt</xsl:attribute>
    <xsl:attribute name="font-weight">bold</xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$couleur-titre"/></xsl:attribute>
    <xsl:attribute name="space-before">4mm</xsl:attribute>
    <xsl:attribute name="space-after">1.5mm</xsl:attribute>
    <xsl:attribute name="keep-with-next.within-page">always</xsl:attribute>
    <xsl:attribute name="role">H2</xsl:attribute>
  </xsl:attribute-set>

  <xsl:attribute-set name="paragraphe">
    <xsl:attribute name="space-after">2mm</xsl:attribute>
  </xsl:attribute-set>

  <xsl:attribute-set name="cellule">
    <xsl:attribute name="border">0.5pt solid <xsl:value-of select="$couleur-filet"/></xsl:attribute>
    <xsl:attribute name="padding">1.2mm</xsl:attribute>
  </xsl:attribute-set>

  <xsl:attribute-set name="cellule-entete" use-attribute-sets="cellule">
    <xsl:attribute name="background-color"><xsl:value-of select="$couleur-fond-entete"/></xsl:attribute>
    <xsl:attribute name="font-weight">bold</xsl:attribute>
  </xsl:attribute-set>

  <!-- Ligne « libellé : valeur » d'une fiche (tableau à deux colonnes). -->
  <xsl:template name="ligne-fiche">
    <xsl:param name="libelle"/>
    <xsl:param name="valeur"/>
    <fo:table-row keep-together.within-page="auto">
      <fo:table-cell xsl:use-attribute-sets="cellule-entete">
        <fo:block><xsl:value-of select="$libelle"/></fo:block>
      </fo:table-cell>
      <fo:table-cell xsl:use-attribute-sets="cellule">
        <xsl:choose>
          <xsl:when test="string-length(normalize-space($valeur)) = 0">
            <fo:block color="#777777" font-style="italic">non renseigné</fo:block>
          </xsl:when>
          <xsl:otherwise>
            <fo:block>
              <xsl:call-template name="texte">
                <xsl:with-param name="texte" select="$valeur"/>
              </xsl:call-template>
            </fo:block>
          </xsl:otherwise>
        </xsl:choose>
      </fo:table-cell>
    </fo:table-row>
  </xsl:template>

  <!-- ===== Typographie française ===== -->

  <!-- Écrit un texte avec les espaces insécables françaises. -->
  <xsl:template name="texte">
    <xsl:param name="texte"/>
    <xsl:variable name="t1">
      <xsl:call-template name="espace-avant">
        <xsl:with-param name="texte" select="translate(normalize-space($texte), &quot;'&quot;, '’')"/>
        <xsl:with-param name="signe" select="';'"/>
        <xsl:with-param name="espace" select="$fine"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="t2">
      <xsl:call-template name="espace-avant">
        <xsl:with-param name="texte" select="string($t1)"/>
        <xsl:with-param name="signe" select="'!'"/>
        <xsl:with-param name="espace" select="$fine"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="t3">
      <xsl:call-template name="espace-avant">
        <xsl:with-param name="texte" select="string($t2)"/>
        <xsl:with-param name="signe" select="'?'"/>
        <xsl:with-param name="espace" select="$fine"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="t4">
      <xsl:call-template name="espace-avant">
        <xsl:with-param name="texte" select="string($t3)"/>
        <xsl:with-param name="signe" select="':'"/>
        <xsl:with-param name="espace" select="$nbsp"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="t5">
      <xsl:call-template name="espace-avant">
        <xsl:with-param name="texte" select="string($t4)"/>
        <xsl:with-param name="signe" select="'»'"/>
        <xsl:with-param name="espace" select="$nbsp"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:call-template name="espace-apres-ouvrant">
      <xsl:with-param name="texte" select="string($t5)"/>
    </xsl:call-template>
  </xsl:template>

  <!--
    Met une espace insécable avant chaque « signe » qui termine une phrase ou un
    membre de phrase (suivi d'une espace ou en fin de texte) ; laisse intacts
    « https://… », « 8:30 » ou « ?? ».
  -->
  <xsl:template name="espace-avant">
    <xsl:param name="texte"/>
    <xsl:param name="signe"/>
    <xsl:param name="espace"/>
    <xsl:choose>
      <xsl:when test="contains($texte, $signe)">
        <xsl:variable name="avant" select="substring-before($texte, $signe)"/>
        <xsl:variable name="apres" select="substring-after($texte, $signe)"/>
        <xsl:variable name="dernier" select="substring($avant, string-length($avant))"/>
        <xsl:variable name="suivant" select="substring($apres, 1, 1)"/>
        <xsl:variable name="en-fin"
            select="$suivant = '' or $suivant = ' ' or $suivant = ')' or $suivant = ','
                    or $suivant = '.' or $suivant = '&#xA0;' or $suivant = '&#x202F;'
                    or ($signe = '»')"/>
        <xsl:choose>
          <xsl:when test="$en-fin and string-length($avant) &gt; 0
                          and $dernier != $nbsp and $dernier != $fine and $dernier != '('">
            <xsl:choose>
              <xsl:when test="$dernier = ' '">
                <xsl:value-of select="substring($avant, 1, string-length($avant) - 1)"/>
              </xsl:when>
              <xsl:otherwise><xsl:value-of select="$avant"/></xsl:otherwise>
            </xsl:choose>
            <xsl:value-of select="concat($espace, $signe)"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="concat($avant, $signe)"/>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:call-template name="espace-avant">
          <xsl:with-param name="texte" select="$apres"/>
          <xsl:with-param name="signe" select="$signe"/>
          <xsl:with-param name="espace" select="$espace"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$texte"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- « suivi d'une espace insécable. -->
  <xsl:template name="espace-apres-ouvrant">
    <xsl:param name="texte"/>
    <xsl:choose>
      <xsl:when test="contains($texte, '«')">
        <xsl:variable name="apres" select="substring-after($texte, '«')"/>
        <xsl:value-of select="concat(substring-before($texte, '«'), '«', $nbsp)"/>
        <xsl:call-template name="espace-apres-ouvrant">
          <xsl:with-param name="texte">
            <xsl:choose>
              <xsl:when test="starts-with($apres, ' ') or starts-with($apres, $nbsp)">
                <xsl:value-of select="substring($apres, 2)"/>
              </xsl:when>
              <xsl:otherwise><xsl:value-of select="$apres"/></xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$texte"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Date AAAA-MM-JJ (ou AAAA-MM-JJThh:mm…) écrite « 28 novembre 2026 », « 1er mars 2026 ». -->
  <xsl:template name="date">
    <xsl:param name="iso"/>
    <xsl:variable name="d" select="normalize-space($iso)"/>
    <xsl:choose>
      <xsl:when test="string-length($d) &gt;= 10 and substring($d, 5, 1) = '-' and substring($d, 8, 1) = '-'
                      and number(substring($d, 6, 2)) &gt;= 1 and number(substring($d, 6, 2)) &lt;= 12">
        <xsl:variable name="jour" select="number(substring($d, 9, 2))"/>
        <xsl:variable name="mois" select="number(substring($d, 6, 2))"/>
        <xsl:choose>
          <xsl:when test="$jour = 1">1er</xsl:when>
          <xsl:otherwise><xsl:value-of select="$jour"/></xsl:otherwise>
        </xsl:choose>
        <xsl:value-of select="$nbsp"/>
        <xsl:value-of select="substring-before(substring-after(
            '|01janvier|02février|03mars|04avril|05mai|06juin|07juillet|08août|09septembre|10octobre|11novembre|12décembre|',
            concat('|', substring($d, 6, 2))), '|')"/>
        <xsl:value-of select="$nbsp"/>
        <xsl:value-of select="substring($d, 1, 4)"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$d"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Date du document, ou rien si elle n'est pas fournie. -->
  <xsl:template name="date-du-document">
    <xsl:call-template name="date">
      <xsl:with-param name="iso" select="$date-document"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Métadonnées XMP : titre, auteur, langue, date de création (FOP ajoute producteur et identification PDF/A). -->
  <xsl:template name="metadonnees">
    <xsl:param name="titre"/>
    <xsl:param name="sujet" select="''"/>
    <xsl:param name="auteur" select="/r:registre/r:etablissement/r:nom"/>
    <x:xmpmeta xmlns:x="adobe:ns:meta/">
      <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
        <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
          <dc:title><rdf:Alt><rdf:li xml:lang="x-default"><xsl:value-of select="$titre"/></rdf:li></rdf:Alt></dc:title>
          <dc:creator><rdf:Seq><rdf:li><xsl:value-of select="normalize-space($auteur)"/></rdf:li></rdf:Seq></dc:creator>
          <xsl:if test="$sujet != ''">
            <dc:description><rdf:Alt><rdf:li xml:lang="x-default"><xsl:value-of select="$sujet"/></rdf:li></rdf:Alt></dc:description>
          </xsl:if>
          <dc:language><rdf:Bag><rdf:li>fr</rdf:li></rdf:Bag></dc:language>
        </rdf:Description>
        <xsl:if test="$horodatage != ''">
          <!-- Sans cette date, FOP mettrait l'heure du rendu : le PDF ne serait pas reproductible. -->
          <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
            <xmp:CreateDate><xsl:value-of select="$horodatage"/></xmp:CreateDate>
          </rdf:Description>
        </xsl:if>
      </rdf:RDF>
    </x:xmpmeta>
  </xsl:template>
</xsl:stylesheet>
