"""Parsing XML from other people's files without letting the file do anything but describe data.

Any document type declaration is refused outright: project files never need
one, and a DTD is where the known XML attacks live (entity expansion such as
"billion laughs", external entities that read local files or fetch URLs,
parameter entities). The parser is expat driven directly, so the refusal
happens at the first ``<!DOCTYPE``, before any declaration in it is read,
whatever the version of expat or of Python's ElementTree.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from typing import NoReturn
from xml.parsers import expat

from nkdesk.export.errors import ImportFileError

# Deeper nesting than this is no project file; refusing it keeps recursive
# readers of the tree far from Python's recursion limit.
MAX_DEPTH = 200


class _Refused(Exception):
    pass


def parse(raw: bytes, path: str | os.PathLike[str], what: str = "its XML") -> ET.Element:
    """The root element of an XML document; ImportFileError (naming ``path``) if refused."""
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    depth = 0

    def qualified(name: str) -> str:
        # expat writes "uri}local"; ElementTree's convention is "{uri}local".
        return "{" + name if "}" in name else name

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal depth
        depth += 1
        if depth > MAX_DEPTH:
            raise _Refused(f"nests elements more than {MAX_DEPTH} deep")
        builder.start(qualified(name), {qualified(k): v for k, v in attributes.items()})

    def end(name: str) -> None:
        nonlocal depth
        depth -= 1
        builder.end(qualified(name))

    def refuse_doctype(*_: object) -> NoReturn:
        raise _Refused("has a document type declaration (DTD), which nkdesk refuses to read")

    def refuse_entity(*_: object) -> NoReturn:
        raise _Refused("declares or refers to an entity, which nkdesk refuses to read")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = builder.data
    parser.StartDoctypeDeclHandler = refuse_doctype
    parser.EntityDeclHandler = refuse_entity
    parser.UnparsedEntityDeclHandler = refuse_entity
    parser.ExternalEntityRefHandler = refuse_entity
    parser.SkippedEntityHandler = refuse_entity
    try:
        parser.Parse(raw, True)
        return builder.close()
    except _Refused as error:
        raise ImportFileError(path, f"{what} {error}") from None
    except expat.ExpatError as error:
        raise ImportFileError(path, f"{what} is not well-formed XML ({error})") from None
    except (AssertionError, ValueError) as error:
        # TreeBuilder raises these on a document without a root element.
        raise ImportFileError(path, f"{what} is not a complete XML document ({error})") from None
