<?xml version="1.0" encoding="UTF-8"?>
<!--
  The families' notice as an accessible HTML page, to publish on the ENT or the school's
  web site (issue 15). Same facts, same wording as notice-familles.pdf: the notice's FO is
  built by the very templates of notice-familles.xsl (« corps-notice »), then turned into
  HTML — headings h1 to h3, tables with header cells, lists, links — inside the landmarks
  header, nav, main and footer, in a page declared in French (lang="fr").
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:r="urn:registre-eple:registre:1"
    xmlns:exsl="http://exslt.org/common"
    extension-element-prefixes="exsl"
    exclude-result-prefixes="r fo exsl">

  <xsl:import href="notice-familles.xsl"/>

  <xsl:output method="html" encoding="UTF-8" indent="yes" doctype-system="about:legacy-compat"/>

  <!-- Headings and the footer carry a « role » in the FO built for this page. -->
  <xsl:variable name="html" select="true()"/>

  <xsl:template match="/">
    <xsl:if test="$traitement != '' and not($traitements-couverts)">
      <xsl:message terminate="yes">traitement inconnu&#xA0;: <xsl:value-of select="$traitement"/></xsl:message>
    </xsl:if>
    <xsl:variable name="fo">
      <fo:block><xsl:call-template name="corps-notice"/></fo:block>
    </xsl:variable>
    <xsl:variable name="corps" select="exsl:node-set($fo)/fo:block"/>
    <html lang="fr">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="concat($titre, ' – ', normalize-space($etab/r:nom))"/></title>
        <style>
          body { font-family: "DejaVu Sans", Verdana, sans-serif; line-height: 1.5; color: #1a1a1a; background: #ffffff; margin: 0; }
          header, nav, main, footer { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
          header { border-bottom: 2px solid #1F3A5F; }
          h1, h2, h3 { color: #1F3A5F; line-height: 1.25; }
          table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
          th, td { border-bottom: 1px solid #8A9BB5; padding: 0.4rem; text-align: left; vertical-align: top; }
          thead th { background: #E4EAF3; }
          a { color: #1F3A5F; }
          a:focus { outline: 3px solid #9C2A00; }
          .encadre { background: #EEF2F8; padding: 0.5rem 0.75rem; margin: 0.75rem 0; }
          footer { font-size: 0.9rem; color: #444444; border-top: 1px solid #8A9BB5; margin-top: 1.5rem; }
        </style>
      </head>
      <body>
        <header>
          <p><xsl:value-of select="concat(normalize-space($etab/r:nom), ' – Information ', $public)"/></p>
        </header>
        <xsl:if test="$traitements-couverts">
          <nav aria-label="Dans cette page">
            <ul>
              <li><a href="#droits">Vos droits, et qui contacter</a></li>
              <li><a href="#annexe">Le détail, traitement par traitement</a></li>
            </ul>
          </nav>
        </xsl:if>
        <main>
          <xsl:apply-templates select="$corps/node()[not(@role = 'pied')]" mode="html"/>
        </main>
        <footer>
          <xsl:for-each select="$corps/fo:block[@role = 'pied']">
            <p><xsl:apply-templates mode="html"/></p>
          </xsl:for-each>
        </footer>
      </body>
    </html>
  </xsl:template>

  <!-- ===== FO of the notice → HTML ===== -->

  <xsl:template match="fo:block[@role = 'h1' or @role = 'h2' or @role = 'h3']" mode="html" priority="3">
    <xsl:element name="{@role}">
      <xsl:copy-of select="@id"/>
      <xsl:if test="not(@id) and starts-with(normalize-space(.), 'Vos droits, et qui')">
        <xsl:attribute name="id">droits</xsl:attribute>
      </xsl:if>
      <xsl:apply-templates mode="html"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="fo:block[fo:block or fo:table or fo:list-block]" mode="html" priority="2">
    <div>
      <xsl:if test="@background-color"><xsl:attribute name="class">encadre</xsl:attribute></xsl:if>
      <xsl:apply-templates mode="html"/>
    </div>
  </xsl:template>

  <xsl:template match="fo:block" mode="html">
    <xsl:if test="normalize-space(.) != ''">
      <p><xsl:apply-templates mode="html"/></p>
    </xsl:if>
  </xsl:template>

  <xsl:template match="fo:table" mode="html">
    <table><xsl:apply-templates select="fo:table-header | fo:table-body" mode="html"/></table>
  </xsl:template>
  <xsl:template match="fo:table-header" mode="html">
    <thead><xsl:apply-templates select="fo:table-row" mode="html"/></thead>
  </xsl:template>
  <xsl:template match="fo:table-body" mode="html">
    <tbody><xsl:apply-templates select="fo:table-row" mode="html"/></tbody>
  </xsl:template>
  <xsl:template match="fo:table-row" mode="html">
    <tr><xsl:apply-templates select="fo:table-cell" mode="html"/></tr>
  </xsl:template>
  <!-- Column headings in the header; the first cell of a body row names the row. -->
  <xsl:template match="fo:table-header//fo:table-cell" mode="html" priority="2">
    <th scope="col"><xsl:apply-templates select="fo:block/node()" mode="html"/></th>
  </xsl:template>
  <xsl:template match="fo:table-cell[not(preceding-sibling::fo:table-cell)]" mode="html" priority="1">
    <th scope="row"><xsl:apply-templates mode="html"/></th>
  </xsl:template>
  <xsl:template match="fo:table-cell" mode="html">
    <td><xsl:apply-templates mode="html"/></td>
  </xsl:template>

  <xsl:template match="fo:list-block" mode="html">
    <ul><xsl:apply-templates select="fo:list-item" mode="html"/></ul>
  </xsl:template>
  <xsl:template match="fo:list-item" mode="html">
    <li><xsl:apply-templates select="fo:list-item-body/fo:block/node()" mode="html"/></li>
  </xsl:template>

  <xsl:template match="fo:basic-link" mode="html">
    <a href="{substring-before(substring-after(@external-destination, &quot;url('&quot;), &quot;')&quot;)}">
      <xsl:apply-templates mode="html"/>
    </a>
  </xsl:template>

  <xsl:template match="fo:inline" mode="html">
    <span><xsl:apply-templates mode="html"/></span>
  </xsl:template>

  <!-- Anything else of FO: its content only. -->
  <xsl:template match="fo:*" mode="html">
    <xsl:apply-templates mode="html"/>
  </xsl:template>
</xsl:stylesheet>
