<?xml version="1.0" encoding="UTF-8"?>
<!--
  Morceaux communs aux notices (familles et élèves) : choix des traitements
  couverts, contacts du responsable et du DPD, réclamation auprès de la CNIL,
  phrases sur les sources, destinataires, transferts et durées.
  Le paramètre « eleve » (true/false) choisit le tutoiement et les mots simples.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:r="urn:registre-eple:registre:1"
    exclude-result-prefixes="r">

  <!-- Identifiant d'un traitement : notice de ce seul traitement. Vide : notice d'ensemble. -->
  <xsl:param name="traitement" select="''"/>

  <xsl:variable name="etab" select="/r:registre/r:etablissement"/>

  <!--
    Audience of the notice: 'familles' (pupils and legal guardians), 'personnels'
    (staff and outside speakers) or 'visiteurs'. Each notice stylesheet overrides it.
  -->
  <xsl:variable name="audience" select="'familles'"/>

  <!-- Treatments whose data subjects include the audience (or the one named by « traitement »). -->
  <xsl:variable name="traitements-couverts"
      select="/r:registre/r:traitements/r:traitement[
                ($traitement = '' and (
                   ($audience = 'familles' and r:personnes_concernees/r:personnes[starts-with(r:categorie, 'eleves') or r:categorie = 'responsables-legaux'])
                   or ($audience = 'personnels' and r:personnes_concernees/r:personnes[r:categorie = 'personnels' or r:categorie = 'intervenants-exterieurs'])
                   or ($audience = 'visiteurs' and r:personnes_concernees/r:personnes[r:categorie = 'visiteurs'])))
                or ($traitement != '' and r:id = $traitement)]"/>

  <!-- Coordonnées en une ligne : les champs présents, séparés par des tirets. -->
  <xsl:variable name="responsable">
    <xsl:for-each select="$etab/r:nom | $etab/r:adresse | $etab/r:responsable_traitement/r:*">
      <xsl:if test="position() &gt; 1"><xsl:text> – </xsl:text></xsl:if>
      <xsl:value-of select="normalize-space(.)"/>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="dpd">
    <xsl:for-each select="$etab/r:dpd/r:*">
      <xsl:if test="position() &gt; 1"><xsl:text> – </xsl:text></xsl:if>
      <xsl:value-of select="normalize-space(.)"/>
    </xsl:for-each>
    <xsl:if test="not($etab/r:dpd)">coordonnées à demander au secrétariat de l’établissement</xsl:if>
  </xsl:variable>

  <!--
    HTML version (notice-familles-html.xsl sets $html to true): the FO of the notice is built
    as for the PDF, then turned into HTML; « balise-html » marks a block as a heading (h1…h3)
    or the footer. In the PDF ($html false) it adds nothing.
  -->
  <xsl:variable name="html" select="false()"/>
  <xsl:template name="balise-html">
    <xsl:param name="nom"/>
    <xsl:if test="$html"><xsl:attribute name="role"><xsl:value-of select="$nom"/></xsl:attribute></xsl:if>
  </xsl:template>

  <xsl:template name="ligne-notice">
    <xsl:param name="libelle"/>
    <xsl:param name="contenu"/>
    <fo:table-row>
      <fo:table-cell padding="1.2mm" padding-left="0mm" border-bottom="0.3pt solid #C8D2E0">
        <fo:block font-weight="bold" color="{$couleur-titre}"><xsl:value-of select="$libelle"/></fo:block>
      </fo:table-cell>
      <fo:table-cell padding="1.2mm" border-bottom="0.3pt solid #C8D2E0">
        <xsl:choose>
          <xsl:when test="normalize-space($contenu) = ''">
            <fo:block>Information non précisée au registre&#xA0;: demandez-la à l’établissement.</fo:block>
          </xsl:when>
          <xsl:otherwise><xsl:copy-of select="$contenu"/></xsl:otherwise>
        </xsl:choose>
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
          <xsl:when test="$eleve">Qui contacter ?</xsl:when>
          <xsl:otherwise>Responsable de traitement et délégué à la protection des données</xsl:otherwise>
        </xsl:choose>
      </fo:block>
      <fo:block>
        <xsl:call-template name="texte">
          <xsl:with-param name="texte" select="$responsable"/>
        </xsl:call-template>
      </fo:block>
      <fo:block space-before="1mm">
        <xsl:choose>
          <xsl:when test="$eleve">Le délégué à la protection des données (DPD) veille à ce que tes données soient bien protégées. Tu peux lui écrire : </xsl:when>
          <xsl:otherwise>Délégué à la protection des données (DPD) : </xsl:otherwise>
        </xsl:choose>
        <xsl:call-template name="texte">
          <xsl:with-param name="texte" select="$dpd"/>
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
              <xsl:when test="$eleve">Si tu penses que tes droits ne sont pas respectés, toi ou tes parents pouvez vous plaindre à la CNIL, l’autorité qui contrôle le respect de la protection des données, en ligne&#xA0;:</xsl:when>
              <xsl:otherwise>Si vous estimez que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la Commission nationale de l’informatique et des libertés (CNIL), l’autorité de contrôle, en ligne&#xA0;:</xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:text> </xsl:text>
        <fo:basic-link external-destination="url('https://www.cnil.fr/plaintes')" keep-together.within-line="always"
            color="{$couleur-titre}">www.cnil.fr/plaintes</fo:basic-link>
        <xsl:text>, ou par courrier</xsl:text>
        <xsl:value-of select="$nbsp"/>
        <xsl:text>: CNIL, 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07.</xsl:text>
      </fo:block>
    </fo:block>
  </xsl:template>

  <xsl:template name="phrase-responsable">
    <xsl:param name="eleve" select="false()"/>
    <xsl:choose>
      <xsl:when test="r:responsable/r:type = 'ministere' and $eleve">
        <xsl:text>Le ministère de l’Éducation nationale : c’est son application, ton établissement l’utilise pour lui.</xsl:text>
      </xsl:when>
      <xsl:when test="r:responsable/r:type = 'ministere'">
        <xsl:call-template name="texte"><xsl:with-param name="texte" select="concat(r:responsable/r:nom, substring('Le ministre chargé de l’éducation nationale', 1, 200 * not(r:responsable/r:nom)), ' (application nationale ; l’établissement l’utilise pour son compte).')"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="r:responsable/r:type = 'etablissement' or not(r:responsable/r:type)">
        <xsl:call-template name="texte"><xsl:with-param name="texte" select="concat($chef-nom-fonction, ', pour l’établissement ', $etab/r:nom, '.')"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'responsable'"/><xsl:with-param name="code" select="r:responsable/r:type"/></xsl:call-template>
        <xsl:if test="r:responsable/r:nom"><xsl:value-of select="concat(' : ', normalize-space(r:responsable/r:nom))"/></xsl:if>
        <xsl:for-each select="r:responsable/r:coresponsables/r:coresponsable">
          <xsl:value-of select="concat(', ', normalize-space(.))"/>
        </xsl:for-each>
        <xsl:text>.</xsl:text>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Notice propre au responsable (applications nationales), quand le registre la donne. -->
  <xsl:template name="notice-officielle">
    <xsl:if test="r:responsable/r:notice_officielle">
      <fo:block font-size="8.5pt" color="#444444">
        <xsl:text>Sa notice d’information : </xsl:text>
        <xsl:value-of select="normalize-space(r:responsable/r:notice_officielle)"/>
      </fo:block>
    </xsl:if>
  </xsl:template>

  <!--
    Source of the data (Art. 13 / 14(2)(f)): the sources listed for the treatment,
    the origin of each category (« origine »), or « collected from you » when the
    register says so (« collecte_aupres_des_personnes »). Nothing else: categories
    whose origin none of these gives are said to be not stated in the register.
  -->
  <xsl:template name="phrases-sources">
    <xsl:param name="eleve" select="false()"/>
    <xsl:variable name="avec-origine" select="r:donnees/r:categorie_donnees[normalize-space(r:origine) != '']"/>
    <xsl:variable name="sans-origine" select="r:donnees/r:categorie_donnees[normalize-space(r:origine) = '']"/>
    <xsl:for-each select="r:sources_des_donnees/r:source">
      <fo:block>• <xsl:call-template name="texte"><xsl:with-param name="texte" select="."/></xsl:call-template></fo:block>
    </xsl:for-each>
    <xsl:for-each select="$avec-origine">
      <fo:block>
        <xsl:text>• </xsl:text>
        <xsl:call-template name="nom-categorie"/>
        <xsl:value-of select="concat($nbsp, ': ')"/>
        <xsl:call-template name="texte"><xsl:with-param name="texte" select="r:origine"/></xsl:call-template>
      </fo:block>
    </xsl:for-each>
    <xsl:choose>
      <xsl:when test="r:collecte_aupres_des_personnes = 'true' and ($sans-origine or not(r:donnees/r:categorie_donnees))">
        <fo:block>
          <xsl:variable name="aupres">
            <xsl:choose>
              <xsl:when test="$eleve">toi ou de ta famille</xsl:when>
              <xsl:when test="$audience = 'familles'">vous ou de votre enfant</xsl:when>
              <xsl:otherwise>vous</xsl:otherwise>
            </xsl:choose>
          </xsl:variable>
          <xsl:choose>
            <xsl:when test="$avec-origine"><xsl:value-of select="concat('• Les autres', $nbsp, ': recueillies auprès de ', $aupres, '.')"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="concat('• Recueillies auprès de ', $aupres, '.')"/></xsl:otherwise>
          </xsl:choose>
        </fo:block>
      </xsl:when>
      <xsl:when test="r:sources_des_donnees/r:source"/>
      <xsl:when test="$avec-origine and $sans-origine">
        <fo:block>
          <xsl:value-of select="concat('• Les autres', $nbsp, ': origine non précisée dans le registre (à demander à l’établissement).')"/>
        </fo:block>
      </xsl:when>
      <xsl:when test="not($avec-origine)">
        <fo:block>Origine non précisée dans le registre&#xA0;: à demander à l’établissement.</fo:block>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- Category name: its description when given, else the label of its code. -->
  <xsl:template name="nom-categorie">
    <xsl:choose>
      <xsl:when test="normalize-space(r:description) != ''"><xsl:call-template name="texte"><xsl:with-param name="texte" select="r:description"/></xsl:call-template></xsl:when>
      <xsl:otherwise><xsl:call-template name="libelle"><xsl:with-param name="liste" select="'donnees'"/><xsl:with-param name="code" select="r:categorie"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Destinataires et sous-traitants (art. 13-1-e). -->
  <xsl:template name="phrases-destinataires">
    <xsl:param name="eleve" select="false()"/>
    <xsl:for-each select="r:destinataires/r:destinataire">
      <fo:block>
        <xsl:text>• </xsl:text>
        <xsl:call-template name="texte"><xsl:with-param name="texte" select="r:nom"/></xsl:call-template>
        <xsl:if test="r:precisions">
          <xsl:text>, </xsl:text>
          <xsl:call-template name="texte"><xsl:with-param name="texte" select="r:precisions"/></xsl:call-template>
        </xsl:if>
      </fo:block>
    </xsl:for-each>
    <xsl:for-each select="r:sous_traitants/r:sous_traitant">
      <xsl:variable name="ref" select="normalize-space(.)"/>
      <xsl:variable name="st" select="/r:registre/r:sous_traitants/r:sous_traitant[r:id = $ref]"/>
      <xsl:variable name="nom">
        <xsl:value-of select="$st/r:nom"/>
        <xsl:if test="not($st)"><xsl:value-of select="$ref"/></xsl:if>
      </xsl:variable>
      <fo:block>
        <xsl:text>• </xsl:text>
        <xsl:call-template name="texte">
          <xsl:with-param name="texte">
            <xsl:choose>
              <xsl:when test="$eleve"><xsl:value-of select="concat($nom, ', l’entreprise qui fournit le logiciel')"/></xsl:when>
              <xsl:when test="$st/r:contrat/r:signe = 'true'"><xsl:value-of select="concat($nom, ' (sous-traitant qui fournit ou héberge le service&#x202F;; un contrat de sous-traitance signé l’oblige à ne les utiliser que pour le compte du responsable)')"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="concat($nom, ' (sous-traitant qui fournit ou héberge le service)')"/></xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
      </fo:block>
    </xsl:for-each>
    <xsl:if test="not(r:destinataires/r:destinataire) and not(r:sous_traitants/r:sous_traitant)">
      <fo:block>Destinataires non précisés au registre&#xA0;: demandez-les à l’établissement.</fo:block>
    </xsl:if>
  </xsl:template>

  <!-- Transferts hors Union européenne (art. 13-1-f). -->
  <xsl:template name="phrases-transferts">
    <xsl:param name="eleve" select="false()"/>
    <xsl:choose>
      <xsl:when test="not(r:transferts/r:transfert)">
        <fo:block>
          <xsl:choose>
            <xsl:when test="$eleve">Aucun envoi hors de l’Union européenne n’est inscrit au registre.</xsl:when>
            <xsl:otherwise>Aucun transfert hors de l’Union européenne n’est inscrit au registre.</xsl:otherwise>
          </xsl:choose>
        </fo:block>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="r:transferts/r:transfert">
          <fo:block>
            <xsl:text>Oui, vers ce pays : </xsl:text>
            <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'pays'"/><xsl:with-param name="code" select="r:pays"/></xsl:call-template>
            <xsl:text> (</xsl:text>
            <xsl:call-template name="texte"><xsl:with-param name="texte" select="r:destinataire"/></xsl:call-template>
            <xsl:text>). Protection : </xsl:text>
            <xsl:call-template name="libelle"><xsl:with-param name="liste" select="'mecanisme-simple'"/><xsl:with-param name="code" select="r:garantie"/></xsl:call-template>
            <xsl:text>.</xsl:text>
            <xsl:if test="not($eleve)"> Vous pouvez demander une copie de ces garanties à l’établissement.</xsl:if>
          </fo:block>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Retention (Art. 13(2)(a)), per category; the final fate only when the register gives it. -->
  <xsl:template name="phrases-conservation">
    <xsl:param name="eleve" select="false()"/>
    <xsl:for-each select="r:donnees/r:categorie_donnees">
      <fo:block>
        <xsl:text>• </xsl:text>
        <xsl:call-template name="nom-categorie"/>
        <xsl:text>&#xA0;: </xsl:text>
        <xsl:call-template name="duree-categorie"><xsl:with-param name="eleve" select="$eleve"/></xsl:call-template>
      </fo:block>
    </xsl:for-each>
    <xsl:if test="not(r:donnees/r:categorie_donnees)">
      <fo:block>Durée non précisée au registre&#xA0;: demandez-la à l’établissement.</fo:block>
    </xsl:if>
  </xsl:template>

  <!-- The retention of one category in one sentence (context: a categorie_donnees). -->
  <xsl:template name="duree-categorie">
    <xsl:param name="eleve" select="false()"/>
    <xsl:param name="avec-sort" select="true()"/>
    <xsl:param name="avec-point" select="true()"/>
    <xsl:choose>
      <xsl:when test="r:conservation/r:duree">
        <xsl:call-template name="duree"><xsl:with-param name="valeur" select="r:conservation/r:duree"/></xsl:call-template>
        <xsl:if test="r:conservation/r:point_de_depart">
          <xsl:text> à partir de&#xA0;: </xsl:text>
          <xsl:call-template name="texte"><xsl:with-param name="texte" select="r:conservation/r:point_de_depart"/></xsl:call-template>
        </xsl:if>
      </xsl:when>
      <xsl:when test="normalize-space(r:conservation/r:critere) != ''">
        <xsl:call-template name="texte"><xsl:with-param name="texte" select="r:conservation/r:critere"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>durée à demander à l’établissement</xsl:otherwise>
    </xsl:choose>
    <xsl:if test="$avec-sort">
      <xsl:choose>
        <xsl:when test="r:conservation/r:sort_final = 'archives'">&#x202F;; ensuite versement aux archives</xsl:when>
        <xsl:when test="r:conservation/r:sort_final = 'anonymisation'">&#x202F;; ensuite anonymisation</xsl:when>
        <xsl:when test="r:conservation/r:sort_final = 'tri' and $eleve">&#x202F;; ensuite une partie va aux archives, le reste est détruit</xsl:when>
        <xsl:when test="r:conservation/r:sort_final = 'tri'">&#x202F;; ensuite tri&#xA0;: une partie est versée aux archives, le reste détruit</xsl:when>
        <xsl:when test="r:conservation/r:sort_final = 'destruction'">&#x202F;; ensuite destruction</xsl:when>
      </xsl:choose>
    </xsl:if>
    <xsl:if test="$avec-point"><xsl:text>.</xsl:text></xsl:if>
  </xsl:template>

  <!--
    Whether providing the data is mandatory and what a refusal means (Art. 13(2)(e)):
    from each category's « fourniture_obligatoire » and « consequence_refus » only.
    A consent-based treatment is optional by its very basis (Art. 4(11) and 7(3)).
  -->
  <xsl:template name="phrase-fourniture">
    <xsl:param name="eleve" select="false()"/>
    <xsl:variable name="renseignees" select="r:donnees/r:categorie_donnees[r:fourniture_obligatoire]"/>
    <xsl:if test="r:base_legale/r:article_6 = 'consentement'">
      <fo:block>
        <xsl:choose>
          <xsl:when test="$eleve">Non&#xA0;: on ne le fait que si tes parents (et toi) sont d’accord.</xsl:when>
          <xsl:otherwise>Non&#xA0;: ce traitement n’a lieu qu’avec votre accord, que vous êtes libre de refuser.</xsl:otherwise>
        </xsl:choose>
      </fo:block>
    </xsl:if>
    <xsl:for-each select="$renseignees">
      <fo:block>
        <xsl:text>• </xsl:text>
        <xsl:call-template name="nom-categorie"/>
        <xsl:text>&#xA0;: </xsl:text>
        <xsl:choose>
          <xsl:when test="r:fourniture_obligatoire = 'true'">obligatoire</xsl:when>
          <xsl:otherwise>facultatif</xsl:otherwise>
        </xsl:choose>
        <xsl:if test="normalize-space(r:consequence_refus) != ''">
          <xsl:text>&#x202F;; sinon&#xA0;: </xsl:text>
          <xsl:call-template name="texte"><xsl:with-param name="texte" select="r:consequence_refus"/></xsl:call-template>
        </xsl:if>
        <xsl:text>.</xsl:text>
      </fo:block>
    </xsl:for-each>
    <!-- Art. 13(2)(e) concerns data collected from the person: data the register says come from
         elsewhere (no collection from the person, or an origin for every category) are not asked for. -->
    <xsl:variable name="categories" select="r:donnees/r:categorie_donnees"/>
    <xsl:variable name="ailleurs"
        select="r:collecte_aupres_des_personnes = 'false'
                or (not(r:collecte_aupres_des_personnes = 'true') and $categories
                    and not($categories[not(normalize-space(r:origine) != '')]))"/>
    <xsl:if test="not($renseignees) and not(r:base_legale/r:article_6 = 'consentement')">
      <xsl:choose>
        <xsl:when test="$ailleurs">
          <fo:block>Non&#xA0;: ces données ne vous sont pas demandées&#x202F;; leur origine est indiquée ci-dessus.</fo:block>
        </xsl:when>
        <xsl:otherwise>
          <fo:block>Non précisé au registre&#xA0;: demandez à l’établissement si ces données sont obligatoires et ce qui se passe si vous ne les donnez pas.</fo:block>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:if>
    <xsl:if test="normalize-space(r:dispositif_biometrique/r:alternative) != ''">
      <fo:block>
        <xsl:choose>
          <xsl:when test="$eleve">Si tu refuses, il y a une autre solution : </xsl:when>
          <xsl:otherwise>En cas de refus, une autre solution est proposée : </xsl:otherwise>
        </xsl:choose>
        <xsl:variable name="alternative" select="normalize-space(r:dispositif_biometrique/r:alternative)"/>
        <xsl:call-template name="texte"><xsl:with-param name="texte" select="$alternative"/></xsl:call-template>
        <xsl:if test="substring($alternative, string-length($alternative)) != '.'">.</xsl:if>
      </fo:block>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
