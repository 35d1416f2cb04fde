"""The 21 fixed sector ids of design.md, in their documented order."""

SECTORS: tuple[str, ...] = (
    "ai", "robotics", "drones", "semiconductors", "electronics", "computing", "telecom",
    "quantum", "nuclear", "nev", "batteries", "solar", "hydrogen", "clean_energy", "aerospace",
    "photonics", "biotech", "marine", "agritech", "advanced_manufacturing", "innovation",
)
