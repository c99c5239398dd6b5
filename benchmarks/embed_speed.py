"""Throughput of each embedding backend on the same sentences, and how close each puts an
English sentence and its Serbian translation (Latin and Cyrillic).

    python benchmarks/embed_speed.py [--repeat 5] [--trials 3]

Sentences are the claims of the bundled corpus (both languages), repeated; every backend
encodes the same list once after a warm-up. Nothing downloads: all models come from installed
packages.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpora" / "belgrade-surveillance"
BACKENDS = ("hash", "all-MiniLM-L6-v2", "use-multilingual")

# (English, Serbian Latin, Serbian Cyrillic): the same statement in the corpus's two languages
TRANSLATIONS = [
    ("Rebić said that all the locations where the new cameras will go are already known.",
     "Prema Rebićevim rečima, sve lokacije na kojima će biti nove kamere već su poznate.",
     "Према Ребићевим речима, све локације на којима ће бити нове камере већ су познате."),
    ("Information on the locations of the stationary cameras is not contained in any document held by the Ministry.",
     "Informacija o lokacijama fiksnih kamera nije sadržana ni u jednom dokumentu Ministarstva.",
     "Информација о локацијама фиксних камера није садржана ни у једном документу Министарства."),
    ("8,100 cameras are planned for Belgrade.",
     "U Beogradu je planirano 8.100 kamera.",
     "У Београду је планирано 8.100 камера."),
    ("No appropriate legal basis has been secured for the intended processing of biometric data.",
     "Nema odgovarajućeg pravnog osnova za nameravanu obradu biometrijskih podataka.",
     "Нема одговарајућег правног основа за намеравану обраду биометријских података."),
    ("The face recognition function is in the final phase.",
     "Funkcija prepoznavanja lica je u završnoj fazi.",
     "Функција препознавања лица је у завршној фази."),
    ("Serbia is paying 13 million euros for two thousand surveillance cameras.",
     "Za dve hiljade kamera za video-nadzor država plaća 13 miliona evra.",
     "За две хиљаде камера за видео-надзор држава плаћа 13 милиона евра."),
    ("Cameras of this kind should not be introduced without a public debate.",
     "Takve kamere ne treba uvoditi bez javne rasprave.",
     "Такве камере не треба уводити без јавне расправе."),
    ("Analyses of criminal offences committed in the city were carried out before the sites were chosen.",
     "Pre izbora lokacija urađene su analize krivičnih dela počinjenih u gradu.",
     "Пре избора локација урађене су анализе кривичних дела почињених у граду."),
]


def corpus_sentences() -> list[str]:
    from contradict.claims import split_claims
    from contradict.ingest import discover, load_manifest, read_document

    manifest = load_manifest(CORPUS)
    out: list[str] = []
    for path in discover(CORPUS):
        out += [c.text for c in split_claims(read_document(path, root=CORPUS, manifest=manifest))]
    return out


def cosines(embedder, pairs: list[tuple[str, str]]) -> tuple[float, float]:
    """Mean cosine of matched pairs, and of mismatched ones (a baseline)."""
    a = embedder.encode([x for x, _ in pairs])
    b = embedder.encode([y for _, y in pairs])
    a = a / np.linalg.norm(a, axis=1, keepdims=True)
    b = b / np.linalg.norm(b, axis=1, keepdims=True)
    sims = a @ b.T
    n = len(pairs)
    return float(np.trace(sims) / n), float((sims.sum() - np.trace(sims)) / (n * n - n))


def main() -> None:
    from contradict.embed import get_embedder

    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5, help="times the corpus's claims are repeated")
    parser.add_argument("--trials", type=int, default=3, help="timed runs per backend (the best is kept)")
    args = parser.parse_args()
    sentences = corpus_sentences()
    texts = sentences * args.repeat
    print(f"{len(texts)} sentences ({len(sentences)} claims of the bundled corpus x {args.repeat}), "
          f"{os.cpu_count()} CPUs")
    print(f"{'backend':18} {'load s':>7} {'sent/s':>8}   cosine en-sr(latin) en-sr(cyrillic) latin-cyrillic  unrelated")
    for name in BACKENDS:
        t0 = time.perf_counter()
        embedder = get_embedder(name)
        embedder.encode(sentences[:8])  # warm-up: lazy weights, first-call overheads
        load = time.perf_counter() - t0
        best = float("inf")
        for _ in range(args.trials):  # the best of a few runs: a shared machine is noisy
            t0 = time.perf_counter()
            embedder.encode(texts)
            best = min(best, time.perf_counter() - t0)
        rate = len(texts) / best
        en_lat, unrelated = cosines(embedder, [(e, s) for e, s, _ in TRANSLATIONS])
        en_cyr, _ = cosines(embedder, [(e, c) for e, _, c in TRANSLATIONS])
        lat_cyr, _ = cosines(embedder, [(s, c) for _, s, c in TRANSLATIONS])
        print(f"{name:18} {load:7.1f} {rate:8.0f}   {en_lat:19.2f} {en_cyr:15.2f} {lat_cyr:14.2f} {unrelated:10.2f}")


if __name__ == "__main__":
    main()
