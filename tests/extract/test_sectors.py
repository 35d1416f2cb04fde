from __future__ import annotations

from mosaic_pipeline.extract.sectors import SectorLexicon, load_sectors

LEX = SectorLexicon(
    {
        "ai": ["IA", "intelligenza artificiale"],
        "semiconductors": ["semicondutt*", "chip"],
        "telecom": ["5G"],
        "computing": ["data center", "potenza di calcolo"],
        "quantum": ["calcolo quantistico"],
    }
)


def sectors_of(text: str) -> list[tuple[str, str]]:
    return [(m.surface, m.sector) for m in LEX.find(text)]


def test_acronyms_are_case_sensitive() -> None:
    assert sectors_of("l'IA e il 5G") == [("IA", "ai"), ("5G", "telecom")]
    assert sectors_of("via ia, 5g") == []


def test_lowercase_terms_ignore_case_accents_and_hyphens() -> None:
    assert sectors_of("DATA-CENTER e Intelligenza Artificiale") == [
        ("DATA-CENTER", "computing"),
        ("Intelligenza Artificiale", "ai"),
    ]


def test_prefix_terms() -> None:
    assert sectors_of("i semiconduttori e il semiconduttore") == [
        ("semiconduttori", "semiconductors"),
        ("semiconduttore", "semiconductors"),
    ]
    assert sectors_of("semi conduttori") == []


def test_longest_term_wins() -> None:
    assert sectors_of("il calcolo quantistico") == [("calcolo quantistico", "quantum")]


def test_words_inside_other_words_do_not_match() -> None:
    assert sectors_of("chipset microchips") == []


def test_offsets_point_at_the_surface() -> None:
    text = "La potenza di calcolo e i chip"
    for m in LEX.find(text):
        assert text[m.start : m.end] == m.surface


def test_shipped_lexicons_find_core_terms() -> None:
    cases = {
        "it": ("i droni e i semiconduttori", {"drones", "semiconductors"}),
        "en": ("humanoid robots and data centers", {"robotics", "computing"}),
        "fr": ("l'hydrogène vert et les batteries", {"hydrogen", "batteries"}),
        "de": ("Halbleiter und Batterien", {"semiconductors", "batteries"}),
        "es": ("vehículos eléctricos y satélites", {"nev", "aerospace"}),
        "pt": ("energia solar e robôs", {"robotics"}),
    }
    for language, (text, expected) in cases.items():
        found = {m.sector for m in load_sectors(language).find(text)}
        assert expected <= found, (language, found)
