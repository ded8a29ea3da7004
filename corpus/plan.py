"""Editorial plan of the corpus: which document to write with which parameters.

The plan fixes only the mix the archive must show (language, topic, year, chamber,
signature layout, addressee kind); every document itself is written by hand to it.
Run once: python corpus/plan.py > corpus/PLAN.tsv
"""
import random

TOPICS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23]
LAYOUTS = ["table", "right", "list", "inline"]
ADDRESSEES = ["minister"] * 10 + ["prime_minister"] * 4 + ["deputy_prime_minister"] * 2 + \
    ["akim"] * 2 + ["prosecutor_general"] + ["agency_chair"]
OTHER = ["reply"] * 6 + ["press_release"] * 4 + ["explanatory_note"] * 3


def factions(year: int) -> list[str]:
    if year < 2022:
        return ["Nur Otan"] * 6 + ["Ак жол"] * 2 + ["ҚХКП"] + [""]
    if year < 2023:
        return ["AMANAT"] * 6 + ["Ақ жол"] * 2 + ["ҚХКП"] + [""]
    return ["AMANAT"] * 5 + ["Ақ жол", "Ауыл", "Respublica", "ҚХП", "ЖСДП", ""]


def signers(rng: random.Random) -> int:
    r = rng.random()
    if r < 0.3:
        return 1
    if r < 0.6:
        return rng.randint(2, 4)
    if r < 0.9:
        return rng.randint(5, 9)
    return rng.randint(10, 15)


def main() -> None:
    rng = random.Random(2026)
    rows = []
    for lang, n in (("kk", 136), ("ru", 74)):
        topics = (TOPICS * 10)[:n]
        rng.shuffle(topics)
        for i, topic in enumerate(topics, start=1):
            year = rng.choice(list(range(2012, 2026)) + [2019, 2020, 2021, 2022, 2023, 2024, 2025] * 2)
            chamber = "senate" if rng.random() < 0.25 else "mazhilis"
            faction = rng.choice(factions(year)) if chamber == "mazhilis" else ""
            rows.append([f"{lang}-{i:04d}", lang, "inquiry", str(topic), str(year), chamber, faction,
                         rng.choice(ADDRESSEES), rng.choice(LAYOUTS), str(signers(rng)),
                         "yes" if rng.random() < 0.7 else "no",
                         "yes" if rng.random() < 0.6 else "no",
                         "numbered" if rng.random() < 0.45 else "prose"])
        start = n + 1
        for j, kind in enumerate(OTHER):
            year = rng.choice(range(2016, 2026))
            rows.append([f"{lang}-{start + j:04d}", lang, kind, str(rng.choice(TOPICS)), str(year),
                         rng.choice(["mazhilis", "senate"]), "", "", "", "", "", "", ""])
    print("\t".join(["id", "lang", "doc_type", "topic", "year", "chamber", "faction", "addressee",
                     "signature_layout", "signatories", "addressee_block", "number_date", "demands"]))
    for row in rows:
        print("\t".join(row))


if __name__ == "__main__":
    main()
