"""Articles of the Code judiciaire that every notification of a CPAS decision reproduces.

Art. 14 of the law of 11 April 1995 (« charte » de l'assuré social); French, as the person reads them.
"""

from django.utils.translation import gettext_lazy as _

ARTICLE_728 = _(
    "Article 728 du Code judiciaire. § 1er. Lors de l'introduction de la cause et ultérieurement, les "
    "parties sont tenues de comparaître en personne ou par avocat. § 2. Toutefois, devant certaines "
    "juridictions, les parties peuvent être représentées par leur conjoint, leur cohabitant légal ou un"
    " parent ou allié, porteur d'une procuration écrite et agréé spécialement par le juge. § 3. Devant "
    "le tribunal du travail et devant la cour du travail, la partie peut en outre être représentée ou "
    "assistée par un délégué d'une organisation représentative d'ouvriers ou d'employés, ou d'une "
    "organisation sociale qui défend les intérêts du groupe de personnes visé par la législation en "
    "matière d'aide sociale ou d'intégration sociale, porteur d'une procuration écrite. Ce délégué peut"
    " accomplir, au nom de son mandant, les actes que comporte cette représentation, déposer des "
    "requêtes et des conclusions et recevoir toutes communications relatives à l'instruction et au "
    "jugement du litige."
)

ARTICLE_1017 = _(
    "Article 1017 du Code judiciaire. Alinéa 1er. Tout jugement définitif prononce, même d'office, la "
    "condamnation aux dépens contre la partie qui a succombé, à moins que des lois particulières n'en "
    "disposent autrement et sans préjudice de l'accord des parties que, le cas échéant, le jugement "
    "décrète. Alinéa 2. Sauf en cas de demande téméraire ou vexatoire, la condamnation aux dépens est "
    "toujours prononcée à charge de l'autorité ou de l'organisme tenu d'appliquer les lois et "
    "règlements prévus aux articles 579, 6°, 580, 581 et 582, 1° et 2°, en ce qui concerne les demandes"
    " introduites par ou contre les assurés sociaux."
)
