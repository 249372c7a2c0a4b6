<?xml version="1.0" encoding="UTF-8"?>
<!--
  Avis daté de `registre evaluer` sur l'adoption d'un outil numérique : verdict, raisons,
  conditions, points à savoir (chacun avec sa référence), AIPD, sonde TLS, bloc de décision
  à signer. Entrée : le XML produit par AvisXML (élément avis) ; tous les textes y sont déjà écrits.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format">

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>
  <xsl:param name="horodatage" select="''"/>
  <xsl:param name="date-document" select="''"/>

  <xsl:variable name="titre" select="/avis/titre"/>

  <xsl:template name="titre-section">
    <xsl:param name="texte"/>
    <fo:block font-size="11pt" font-weight="bold" color="#1F3864" space-before="3mm" space-after="1.5mm"
        keep-with-next.within-page="always"><xsl:value-of select="$texte"/></fo:block>
  </xsl:template>

  <xsl:template match="/">
    <fo:root xml:lang="fr" font-family="DejaVu Sans" font-size="9.5pt" line-height="1.4">
      <fo:layout-master-set>
        <fo:simple-page-master master-name="page" page-width="210mm" page-height="297mm"
            margin-top="15mm" margin-bottom="15mm" margin-left="20mm" margin-right="20mm">
          <fo:region-body margin-bottom="12mm"/>
          <fo:region-after extent="10mm"/>
        </fo:simple-page-master>
      </fo:layout-master-set>
      <fo:declarations>
        <x:xmpmeta xmlns:x="adobe:ns:meta/">
          <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <dc:title><rdf:Alt><rdf:li xml:lang="x-default"><xsl:value-of select="$titre"/></rdf:li></rdf:Alt></dc:title>
              <dc:creator><rdf:Seq><rdf:li>
                <xsl:choose>
                  <xsl:when test="/avis/etablissement"><xsl:value-of select="/avis/etablissement"/></xsl:when>
                  <xsl:otherwise>registre evaluer</xsl:otherwise>
                </xsl:choose>
              </rdf:li></rdf:Seq></dc:creator>
              <dc:language><rdf:Bag><rdf:li>fr</rdf:li></rdf:Bag></dc:language>
            </rdf:Description>
            <xsl:if test="$horodatage != ''">
              <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
                <xmp:CreateDate><xsl:value-of select="$horodatage"/></xmp:CreateDate>
              </rdf:Description>
            </xsl:if>
          </rdf:RDF>
        </x:xmpmeta>
      </fo:declarations>
      <fo:page-sequence master-reference="page">
        <fo:title><xsl:value-of select="$titre"/></fo:title>
        <fo:static-content flow-name="xsl-region-after">
          <fo:block font-size="7.5pt" color="#555555" text-align="center">
            <xsl:value-of select="concat($titre, ' — ', /avis/@date, ' — page ')"/><fo:page-number/>
          </fo:block>
        </fo:static-content>
        <fo:flow flow-name="xsl-region-body">
          <xsl:apply-templates select="/avis"/>
        </fo:flow>
      </fo:page-sequence>
    </fo:root>
  </xsl:template>

  <xsl:template match="avis">
    <xsl:if test="etablissement">
      <fo:block font-size="9pt" color="#555555"><xsl:value-of select="etablissement"/></fo:block>
    </xsl:if>
    <fo:block font-size="15pt" font-weight="bold" color="#1F3864" space-after="2mm"><xsl:value-of select="titre"/></fo:block>
    <fo:block space-after="4mm"><xsl:value-of select="presentation"/></fo:block>
    <fo:block font-size="12pt" font-weight="bold" padding="2mm" background-color="{@couleur}" space-after="4mm">
      <xsl:value-of select="verdict"/>
    </fo:block>
    <xsl:apply-templates select="section"/>
    <xsl:call-template name="titre-section"><xsl:with-param name="texte">Analyse d'impact (AIPD)</xsl:with-param></xsl:call-template>
    <fo:block space-after="3mm"><xsl:value-of select="aipd"/></fo:block>
    <xsl:if test="sondes/sonde">
      <xsl:call-template name="titre-section"><xsl:with-param name="texte">Sonde TLS des points d'accès</xsl:with-param></xsl:call-template>
      <xsl:for-each select="sondes/sonde">
        <fo:block margin-left="4mm"><xsl:value-of select="."/></fo:block>
      </xsl:for-each>
    </xsl:if>
    <xsl:call-template name="titre-section"><xsl:with-param name="texte">Décision</xsl:with-param></xsl:call-template>
    <fo:block space-after="6mm"><xsl:value-of select="decision"/></fo:block>
    <fo:block keep-together.within-page="always" border="0.5pt solid #8EA2C0" padding="3mm">
      <fo:block>Décision : ☐ adoption   ☐ adoption sous les conditions ci-dessus   ☐ refus</fo:block>
      <fo:block space-before="3mm">Nom et fonction :</fo:block>
      <fo:block space-before="3mm">Date :</fo:block>
      <fo:block space-before="3mm" space-after="18mm">Signature :</fo:block>
    </fo:block>
  </xsl:template>

  <xsl:template match="section">
    <xsl:call-template name="titre-section"><xsl:with-param name="texte" select="@titre"/></xsl:call-template>
    <xsl:for-each select="point">
      <fo:block margin-left="4mm" space-after="1.5mm" keep-together.within-page="always">
        <fo:block><xsl:value-of select="concat(position(), '. [', @base, '] ', .)"/></fo:block>
        <fo:block font-size="8pt" color="#444444" margin-left="4mm">
          <xsl:value-of select="concat('Réf. : ', @reference, ' (', @code, ')')"/>
        </fo:block>
      </fo:block>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
