<?xml version="1.0" encoding="UTF-8"?>
<!--
  Morceaux communs aux notices (familles et élèves) : choix des traitements
  couverts, contacts du responsable et du DPD, réclamation auprès de la CNIL,
  phrases sur les sources, destinataires, transferts et durées.
  Le paramètre « eleve » (true/false) choisit le tutoiement et les mots simples.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:r="urn:registre:eple:1"
    exclude-result-prefixes="r">

  <!-- Identifiant d'un traitement : notice de ce seul traitement. Vide : notice d'ensemble. -->
  <xsl:param name="traitement" select="''"/>

  <xsl:variable name="etab" select="/r:registre/r:etablissement"/>

  <!-- Les traitements qui concernent les élèves ou leurs responsables légaux. -->
  <xsl:variable name="traitements-couverts"
      select="/r:registre/r:traitements/r:traitement[
                ($traitement = '' and r:personnes/r:categorie[starts-with(@type, 'eleves') or @type = 'responsables-legaux'])
                or ($traitement != '' and @id = $traitement)]"/>

  <xsl:template name="ligne-notice">
    <xsl:param name="libelle"/>
    <xsl:param name="contenu"/>
    <fo:table-row>
      <fo:table-cell padding="1.2mm" padding-left="0mm" border-bottom="0.3pt solid #C8D2E0">
        <fo:block font-weight="bold" color="{$couleur-titre}"><xsl:value-of select="$libelle"/></fo:block>
      </fo:table-cell>
      <fo:table-cell padding="1.2mm" border-bottom="0.3pt solid #C8D2E0">
        <xsl:copy-of select="$contenu"/>
      </fo:table-cell>
    </fo:table-row>
  </xsl:template>

  <xsl:template name="puce">
    <xsl:param name="texte"/>
    <fo:list-item space-after="0.8mm">
      <fo:list-item-label end-indent="label-end()"><fo:block>•</fo:block></fo:list-item-label>
      <fo:list-item-body start-indent="body-start()">
        <fo:block><xsl:call-template name="texte"><xsl:with-param name="texte" select="$texte"/></xsl:call-template></fo:block>
      </fo:list-item-body>
    </fo:list-item>
  </xsl:template>

  <!-- Coordonnées du responsable de traitement (art. 13-1-a) et du DPD (art. 13-1-b). -->
  <xsl:template name="encadre-contacts">
    <xsl:param name="eleve" select="false()"/>
    <fo:block background-color="#EEF2F8" padding="2.5mm" space-before="2mm" space-after="3mm"
        keep-together.within-page="always">
      <fo:block font-weight="bold">
        <xsl:choose>
          <xsl:when test="$eleve">Qui contacter ?</xsl:when>
          <xsl:otherwise>Responsable de traitement et délégué à la protection des données</xsl:otherwise>
        </xsl:choose>
      </fo:block>
      <fo:block>
        <xsl:call-template name="texte">
          <xsl:with-param name="texte" select="concat($etab/r:nom, ', ', $etab/r:adresse, ' – ', $etab/r:responsable/r:nom, ', ', $etab/r:responsable/r:fonction, ' – ', $etab/r:responsable/r:courriel, ' – ', $etab/r:responsable/r:telephone)"/>
        </xsl:call-template>
      </fo:block>
      <fo:block space-before="1mm">
        <xsl:choose>
          <xsl:when test="$eleve">Le délégué à la protection des données (DPD) veille à ce que tes données soient bien protégées. Tu peux lui écrire : </xsl:when>
          <xsl:otherwise>Délégué à la protection des données (DPD) : </xsl:otherwise>
        </xsl:choose>
        <xsl:call-template name="texte">
          <xsl:with-param name="texte" select="concat($etab/r:dpd/r:nom, ' – ', $etab/r:dpd/r:courriel, ' – ', $etab/r:dpd/r:adresse)"/>
        </xsl:call-template>
      </fo:block>
    </fo:block>
  </xsl:template>

  <!-- Droit d'introduire une réclamation auprès de la CNIL (art. 13-2-d). -->
  <xsl:template name="encadre-cnil">
    <xsl:param name="eleve" select="false()"/>
    <fo:block border="0.8pt solid {$couleur-filet}" padding="2.5mm" space-before="3mm" keep-together.within-page="always">
      <fo:block font-weight="bold">
        <xsl:choose>
          <xsl:when test="$eleve">Si ça ne s’arrange pas</xsl:when>
          <xsl:otherwise>Réclamation auprès de la CNIL</xsl:otherwise>
        </xsl:choose>
      </fo:block>
      <fo:block>
        <xsl:call-template name="texte">
          <xsl:with-param name="texte">
            <xsl:choose>
              <xsl:when test="$eleve">Si tu penses que tes droits ne sont pas respectés, toi ou tes parents pouvez vous plaindre à la CNIL, l’autorité qui contrôle le respect de la protection des données : www.cnil.fr/plaintes, ou par courrier : CNIL, 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07.</xsl:when>
              <xsl:otherwise>Si vous estimez que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la Commission nationale de l’informatique et des libertés (CNIL), l’autorité de contrôle : en ligne sur www.cnil.fr/plaintes, ou par courrier : CNIL, 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07.</xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
      </fo:block>
    </fo:block>
  </xsl:template>

  <xsl:template name="phrase-responsable">
    <xsl:param name="eleve" select="false()"/>
    <xsl:choose>
      <xsl:when test="r:responsable/@type = 'ministere'">
        <xsl:call-template name="texte"><xsl:with-param name="texte" select="concat(r:responsable, ' (application nationale ; l’établissement l’utilise pour son compte).')"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="r:responsable/@type = 'etablissement' or not(r:responsable/@type)">
        <xsl:call-template name="texte"><xsl:with-param name="texte" select="concat($etab/r:responsable/r:nom, ', ', $etab/r:responsable/r:fonction, ' du ', $etab/r:nom, '.')"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="texte"><xsl:with-param name="texte" select="concat(r:responsable, '.')"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Source des données (art. 14-2-f quand elles ne viennent pas de la famille). -->
  <xsl:template name="phrases-sources">
    <xsl:param name="eleve" select="false()"/>
    <xsl:choose>
      <xsl:when test="not(r:sources/r:source)">
        <fo:block>
          <xsl:choose>
            <xsl:when test="$eleve">De toi et de ta famille.</xsl:when>
            <xsl:otherwise>De vous, lors de l’inscription ou en cours d’année.</xsl:otherwise>
          </xsl:choose>
        </fo:block>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="r:sources/r:source">
          <fo:block>
            <xsl:if test="@type = 'tiers' or @type = 'public'">
              <xsl:choose>
                <xsl:when test="$eleve">Elles ne viennent pas de toi : </xsl:when>
                <xsl:otherwise>Ces données ne sont pas recueillies auprès de vous ; elles proviennent de : </xsl:otherwise>
              </xsl:choose>
            </xsl:if>
            <xsl:call-template name="texte"><xsl:with-param name="texte" select="concat(., '.')"/></xsl:call-template>
          </fo:block>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Destinataires et sous-traitants (art. 13-1-e). -->
  <xsl:template name="phrases-destinataires">
    <xsl:param name="eleve" select="false()"/>
    <xsl:for-each select="r:destinataires/r:destinataire">
      <fo:block>• <xsl:call-template name="texte"><xsl:with-param name="texte" select="."/></xsl:call-template></fo:block>
    </xsl:for-each>
    <xsl:for-each select="r:sousTraitants/r:sousTraitant">
      <xsl:variable name="ref" select="@ref"/>
      <xsl:variable name="st" select="/r:registre/r:sousTraitants/r:sousTraitant[@id = $ref]"/>
      <fo:block>
        <xsl:text>• </xsl:text>
        <xsl:call-template name="texte">
          <xsl:with-param name="texte">
            <xsl:choose>
              <xsl:when test="$eleve"><xsl:value-of select="concat($st/r:nom, ', l’entreprise qui fournit le logiciel, seulement pour le faire fonctionner')"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="concat($st/r:nom, ' (sous-traitant qui fournit ou héberge le service, tenu par contrat de ne les utiliser que pour le compte de l’établissement)')"/></xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
      </fo:block>
    </xsl:for-each>
    <xsl:if test="not(r:destinataires/r:destinataire) and not(r:sousTraitants/r:sousTraitant)">
      <fo:block>Seulement les personnels de l’établissement qui en ont besoin.</fo:block>
    </xsl:if>
  </xsl:template>

  <!-- Transferts hors Union européenne (art. 13-1-f). -->
  <xsl:template name="phrases-transferts">
    <xsl:param name="eleve" select="false()"/>
    <xsl:choose>
      <xsl:when test="not(r:transferts/r:transfert)">
        <fo:block>
          <xsl:choose>
            <xsl:when test="$eleve">Non, elles restent dans l’Union européenne.</xsl:when>
            <xsl:otherwise>Non : les données restent dans l’Union européenne.</xsl:otherwise>
          </xsl:choose>
        </fo:block>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="r:transferts/r:transfert">
          <fo:block>
            <xsl:call-template name="texte">
              <xsl:with-param name="texte" select="concat('Oui, vers ce pays : ', @pays, ' (', normalize-space(.), '). Protection : ')"/>
            </xsl:call-template>
            <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'mecanisme-simple'"/><xsl:with-param name="code" select="@mecanisme"/></xsl:call-template>
            <xsl:text>.</xsl:text>
            <xsl:if test="not($eleve)"> Vous pouvez en obtenir une copie auprès du délégué à la protection des données.</xsl:if>
          </fo:block>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Durées de conservation (art. 13-2-a). -->
  <xsl:template name="phrases-conservation">
    <xsl:param name="eleve" select="false()"/>
    <xsl:for-each select="r:donnees/r:categorie[r:conservation]">
      <fo:block>
        <xsl:text>• </xsl:text>
        <xsl:call-template name="texte">
          <xsl:with-param name="texte" select="concat(r:description, ' : ', r:conservation/r:duree, ' (point de départ : ', r:conservation/r:depart, ')')"/>
        </xsl:call-template>
        <xsl:choose>
          <xsl:when test="r:conservation/r:sort = 'archives'">, puis versement aux archives.</xsl:when>
          <xsl:when test="r:conservation/r:sort = 'anonymisation'">, puis anonymisation.</xsl:when>
          <xsl:otherwise>, puis destruction.</xsl:otherwise>
        </xsl:choose>
      </fo:block>
    </xsl:for-each>
    <xsl:if test="not(r:donnees/r:categorie[r:conservation])">
      <fo:block>Durée non encore fixée au registre : demandez-la au délégué à la protection des données.</fo:block>
    </xsl:if>
  </xsl:template>

  <!-- Caractère obligatoire et conséquences d'un refus (art. 13-2-e). -->
  <xsl:template name="phrase-fourniture">
    <xsl:param name="eleve" select="false()"/>
    <fo:block>
      <xsl:choose>
        <xsl:when test="normalize-space(r:fourniture) != ''">
          <xsl:call-template name="texte"><xsl:with-param name="texte" select="r:fourniture"/></xsl:call-template>
        </xsl:when>
        <xsl:when test="r:fourniture/@obligatoire = 'false'">Non, ce n’est pas obligatoire.</xsl:when>
        <xsl:otherwise>Oui, c’est obligatoire.</xsl:otherwise>
      </xsl:choose>
    </fo:block>
  </xsl:template>
</xsl:stylesheet>
