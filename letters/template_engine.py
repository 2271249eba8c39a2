"""The restricted template engine of the letter templates an administrator edits.

No {% load %}, {% include %}, {% extends %}, {% url %}, {% static %}, {% debug %} or {% csrf_token %}: a
template reaches nothing beyond the plain values its letter kind receives (rendering.VARIABLES), and a save in
the admin is refused when it names anything else.
"""

from __future__ import annotations

import re

from django.template import Context, Engine, Library, TemplateSyntaxError, defaultfilters, defaulttags
from django.template.base import FilterExpression, Node, Variable
from django.template.defaulttags import TemplateLiteral
from django.template.smartif import TokenBase
from django.utils.translation import gettext as _

TAGS = [
    "autoescape",
    "comment",
    "cycle",
    "firstof",
    "for",
    "if",
    "ifchanged",
    "lorem",
    "now",
    "resetcycle",
    "spaceless",
    "templatetag",
    "verbatim",
    "widthratio",
    "with",
]

register = Library()  # the engine's only builtins: the safe tags above and Django's filters
register.filters.update(defaultfilters.register.filters)
for _name in TAGS:
    register.tag(_name, defaulttags.register.tags[_name])


class _LetterEngine(Engine):
    default_builtins = ["letters.template_engine"]


ENGINE = _LetterEngine(loaders=[], libraries={}, string_if_invalid="", autoescape=True)

# Names a template binds itself: {% for x in … %}, {% with x=… %}, {% cycle … as x %}, {% now … as x %}…
BINDING_ATTRIBUTES = ("loopvars", "variable_name", "asvar")


def render(html: str, context: dict) -> str:
    return ENGINE.from_string(html).render(Context(context, autoescape=True))


def _variables(value):
    """The variables (dotted paths) an expression reads."""
    if isinstance(value, FilterExpression):
        yield from _variables(value.var)
        for _function, arguments in value.filters:
            for lookup, argument in arguments:
                if lookup:
                    yield from _variables(argument)
    elif isinstance(value, Variable):
        if value.lookups:
            yield value.lookups
    elif isinstance(value, TemplateLiteral):
        yield from _variables(value.value)
    elif isinstance(value, TokenBase):
        yield from _variables(getattr(value, "first", None))
        yield from _variables(getattr(value, "second", None))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _variables(item)
    elif isinstance(value, dict):
        yield from _variables(list(value.values()))


def _known(path: tuple[str, ...], variables: dict) -> bool:
    node = variables
    for index, part in enumerate(path):
        if not isinstance(node, dict):
            return all(p.isdigit() for p in path[index:])  # an item of a list
        if part not in node:
            return False
        node = node[part]
    return True


def _french(error: TemplateSyntaxError) -> str:
    message = str(error)
    if found := re.match(r"Invalid block tag on line \d+: '([^']+)'", message):
        return _(
            "La balise {%% %(tag)s %%} n'est pas permise dans un modèle de lettre. "
            "Balises permises : %(tags)s."
        ) % {"tag": found[1], "tags": ", ".join(TAGS)}
    if found := re.match(r"Invalid filter: '([^']+)'", message):
        return _("Le filtre « %(filter)s » n'existe pas.") % {"filter": found[1]}
    return _("Le modèle contient une erreur : %(error)s") % {"error": message}


def problems(html: str, variables: dict) -> list[str]:
    """French messages for what the template may not do; none when it only reads `variables`."""
    try:
        template = ENGINE.from_string(html)
    except TemplateSyntaxError as error:
        return [_french(error)]
    nodes = template.nodelist.get_nodes_by_type(Node)
    bound = {"forloop"}
    for node in nodes:
        for attribute in BINDING_ATTRIBUTES:
            names = getattr(node, attribute, None) or []
            bound.update([names] if isinstance(names, str) else names)
        if isinstance(getattr(node, "extra_context", None), dict):
            bound.update(node.extra_context)
    unknown = []
    for node in nodes:
        for path in _variables(list(vars(node).values())):
            name = ".".join(path)
            if path[0] not in bound and not _known(path, variables) and name not in unknown:
                unknown.append(name)
    return [
        _("Variable inconnue pour ce type de lettre : « %(name)s ».") % {"name": name} for name in unknown
    ]
