"""The claim lexer's token types (``nkdesk.text.lexer``), without the lexer.

The window draws by these types from its first paint; the lexer itself,
whose patterns take a tenth of a second to compile, is loaded by the
comparison, in the worker.
"""

from __future__ import annotations

from typing import TypeAlias

from pygments.token import Keyword, Literal, Name, _TokenType

# Pygments names its token class privately; this alias is the public name here.
TokenType: TypeAlias = _TokenType

QUALIFIER = Keyword.Qualifier
ATTRIBUTION = Keyword.Attribution
DATE = Literal.Date
DURATION = Literal.Date.Duration
PERSON = Name.Person
ORGANIZATION = Name.Organization
PLACE = Name.Place
DEMONYM = Name.Place.Demonym
