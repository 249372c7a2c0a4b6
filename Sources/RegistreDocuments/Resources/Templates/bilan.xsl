<?xml version="1.0" encoding="UTF-8"?>
<!--
  Bilan annuel : une page, les indicateurs de l'année à côté de ceux de l'année
  précédente, avec la tendance. Entrée : le XML produit par Bilan.xml()
  (élément bilan, un élément indicateur par ligne).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format">

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>
  <xsl:param name="horodatage" select="''"/>
  <xsl:param name="date-document" select="''"/>

  <xsl:variable name="titre" select="concat('Bilan annuel ', /bilan/@annee, ' – ', /bilan/@etablissement)"/>

  <xsl:template match="/">
    <fo:root xml:lang="fr" font-family="DejaVu Sans" font-size="10pt" line-height="1.4">
      <fo:layout-master-set>
        <fo:simple-page-master master-name="page" page-width="210mm" page-height="297mm"
            margin-top="18mm" margin-bottom="18mm" margin-left="20mm" margin-right="20mm">
          <fo:region-body/>
        </fo:simple-page-master>
      </fo:layout-master-set>
      <fo:declarations>
        <x:xmpmeta xmlns:x="adobe:ns:meta/">
          <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <dc:title><rdf:Alt><rdf:li xml:lang="x-default"><xsl:value-of select="$titre"/></rdf:li></rdf:Alt></dc:title>
              <dc:creator><rdf:Seq><rdf:li><xsl:value-of select="/bilan/@etablissement"/></rdf:li></rdf:Seq></dc:creator>
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
        <fo:flow flow-name="xsl-region-body">
          <fo:block font-size="16pt" font-weight="bold" space-after="3mm" role="H1">
            <xsl:value-of select="$titre"/>
          </fo:block>
          <fo:block space-after="6mm">
            <xsl:choose>
              <xsl:when test="/bilan/@annee-precedente">
                <xsl:value-of select="concat('Indicateurs du registre au moment de l’export, comparés à ceux de ', /bilan/@annee-precedente, '.')"/>
              </xsl:when>
              <xsl:otherwise>Premier bilan : l’archive ne contient pas d’année précédente.</xsl:otherwise>
            </xsl:choose>
          </fo:block>
          <fo:table table-layout="fixed" width="100%" border-collapse="collapse">
            <fo:table-column column-width="46%"/>
            <fo:table-column column-width="20%"/>
            <fo:table-column column-width="20%"/>
            <fo:table-column column-width="14%"/>
            <fo:table-header>
              <fo:table-row font-weight="bold" background-color="#E8EEF4">
                <fo:table-cell padding="1.5mm"><fo:block>Indicateur</fo:block></fo:table-cell>
                <fo:table-cell padding="1.5mm"><fo:block><xsl:value-of select="/bilan/@annee"/></fo:block></fo:table-cell>
                <fo:table-cell padding="1.5mm"><fo:block>
                  <xsl:choose>
                    <xsl:when test="/bilan/@annee-precedente"><xsl:value-of select="/bilan/@annee-precedente"/></xsl:when>
                    <xsl:otherwise>Année précédente</xsl:otherwise>
                  </xsl:choose>
                </fo:block></fo:table-cell>
                <fo:table-cell padding="1.5mm"><fo:block>Tendance</fo:block></fo:table-cell>
              </fo:table-row>
            </fo:table-header>
            <fo:table-body>
              <xsl:for-each select="/bilan/indicateur">
                <fo:table-row border-bottom="0.5pt solid #B0B8C0">
                  <fo:table-cell padding="1.5mm"><fo:block><xsl:value-of select="@libelle"/></fo:block></fo:table-cell>
                  <fo:table-cell padding="1.5mm"><fo:block><xsl:value-of select="@valeur"/></fo:block></fo:table-cell>
                  <fo:table-cell padding="1.5mm"><fo:block>
                    <xsl:choose>
                      <xsl:when test="@precedente"><xsl:value-of select="@precedente"/></xsl:when>
                      <xsl:otherwise>–</xsl:otherwise>
                    </xsl:choose>
                  </fo:block></fo:table-cell>
                  <fo:table-cell padding="1.5mm"><fo:block><xsl:value-of select="@tendance"/></fo:block></fo:table-cell>
                </fo:table-row>
              </xsl:for-each>
            </fo:table-body>
          </fo:table>
          <fo:block space-before="8mm" font-size="8.5pt" color="#404040">
            <xsl:text>« AIPD requises réalisées » : traitements dont le dépistage conclut à une AIPD obligatoire. « Notices à jour » : notice existante, datée au plus tôt de la dernière mise à jour de la fiche. Score et constats : audit du registre à la date de l’export.</xsl:text>
            <xsl:if test="$date-document != ''"><xsl:value-of select="concat(' Document établi le ', $date-document, '.')"/></xsl:if>
          </fo:block>
        </fo:flow>
      </fo:page-sequence>
    </fo:root>
  </xsl:template>
</xsl:stylesheet>
