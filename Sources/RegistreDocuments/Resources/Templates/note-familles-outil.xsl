<?xml version="1.0" encoding="UTF-8"?>
<!--
  Note d'information des familles sur un outil numérique évalué par `registre evaluer` : un brouillon,
  avec ses passages « À COMPLÉTER », à relire avant diffusion. Entrée : le XML produit par FamilyNotice
  (élément note-familles) ; tous les textes y sont déjà écrits, le modèle ne fait que les placer.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format">

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>
  <xsl:param name="horodatage" select="''"/>
  <xsl:param name="date-document" select="''"/>

  <xsl:variable name="titre" select="/note-familles/titre"/>

  <xsl:template match="/">
    <fo:root xml:lang="fr" font-family="DejaVu Sans" font-size="10pt" line-height="1.45">
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
              <dc:creator><rdf:Seq><rdf:li>registre evaluer</rdf:li></rdf:Seq></dc:creator>
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
            <xsl:value-of select="concat($titre, ' — page ')"/><fo:page-number/>
          </fo:block>
        </fo:static-content>
        <fo:flow flow-name="xsl-region-body">
          <fo:block font-size="15pt" font-weight="bold" color="#1F3864" space-after="3mm" role="H1">
            <xsl:value-of select="$titre"/>
          </fo:block>
          <fo:block border="1pt solid #9C2A00" padding="2mm" space-after="4mm" color="#7A2100">
            <xsl:value-of select="/note-familles/avertissement"/>
          </fo:block>
          <xsl:apply-templates select="/note-familles/section"/>
        </fo:flow>
      </fo:page-sequence>
    </fo:root>
  </xsl:template>

  <xsl:template match="section">
    <xsl:if test="@titre">
      <fo:block font-size="11.5pt" font-weight="bold" color="#1F3864" space-before="3mm" space-after="1.5mm"
          keep-with-next.within-page="always" role="H2"><xsl:value-of select="@titre"/></fo:block>
    </xsl:if>
    <xsl:apply-templates select="paragraphe | liste"/>
  </xsl:template>

  <xsl:template match="paragraphe">
    <fo:block space-after="2mm"><xsl:value-of select="."/></fo:block>
  </xsl:template>

  <xsl:template match="liste">
    <fo:list-block provisional-distance-between-starts="4mm" space-after="2mm">
      <xsl:for-each select="element">
        <fo:list-item>
          <fo:list-item-label end-indent="label-end()"><fo:block>•</fo:block></fo:list-item-label>
          <fo:list-item-body start-indent="body-start()"><fo:block><xsl:value-of select="."/></fo:block></fo:list-item-body>
        </fo:list-item>
      </xsl:for-each>
    </fo:list-block>
  </xsl:template>
</xsl:stylesheet>
