<?xml version="1.0" encoding="UTF-8"?>
<!--
  Layered notice for the personnels (Art. 13 and 14 GDPR): the families' notice
  template, restricted to the treatments whose data subjects include them.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:r="urn:registre-eple:registre:1"
    exclude-result-prefixes="r">

  <xsl:import href="notice-familles.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:variable name="audience" select="'personnels'"/>
</xsl:stylesheet>
