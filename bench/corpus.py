"""A synthetic claims corpus at scale, built from the bundled seed, for the benchmarks.

Each source is the seed's paragraphs shuffled, with a few words swapped, so the
sources differ but read like the real one; each claim quotes a passage that
occurs exactly once in its source. Claims can carry their anchors (as
`dprktrack check --fix` writes them) and a share of them can be drifted.

    python bench/corpus.py OUT_DIR --sources 1000 --claims 100000 --drift 0.01
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
CONTEXT = 32
DRIFT_KINDS = ("moved", "typography", "changed")


@dataclass(frozen=True)
class Corpus:
    """Where a generated corpus lies and what went into it."""

    claims_path: Path
    sources: int
    claims: int
    drifted: dict[str, int]
    source_bytes: int


def build(
    folder: Path,
    *,
    sources: int = 1000,
    claims: int = 100_000,
    drift: float = 0.0,
    anchored: bool = True,
    seed: int = 2024,
) -> Corpus:
    """Write `folder/claims.json` and `folder/sources/`; the same arguments, the same bytes."""
    rng = random.Random(seed)
    seed = _seed_text()
    paragraphs = [p for p in re.split(r"\n\s*\n", seed) if p.strip()]
    vocabulary = sorted(set(re.findall(r"[A-Za-z]{4,}", seed)))
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    actors = [_actor(number) for number in range(200)]
    targets = [_target(number) for number in range(20)]
    source_records, claim_records = [], []
    total_bytes = 0
    per_source = _split(claims, sources)
    for number in range(sources):
        text = _source_text(rng, paragraphs, vocabulary, number)
        data = text.encode("utf-8")
        total_bytes += len(data)
        path = f"sources/s{number:04d}.txt"
        (folder / path).write_bytes(data)
        source_id = f"s{number:04d}"
        source_records.append(
            {
                "id": source_id,
                "path": path,
                "title": f"Synthetic source {number}",
                "author": "Generator",
                "outlet": "Benchmark",
                "published": "2024-04-24",
                "sha256": hashlib.sha256(data).hexdigest(),
            }
        )
        for span in _unique_spans(rng, text, per_source[number]):
            claim_records.append(
                _claim(
                    rng,
                    len(claim_records),
                    source_id=source_id,
                    text=text,
                    span=span,
                    actors=actors,
                    targets=targets,
                    anchored=anchored,
                )
            )
    drifted = _drift(rng, claim_records, drift)
    document = {
        "sources": source_records,
        "actors": actors,
        "targets": targets,
        "claims": claim_records,
    }
    claims_path = folder / "claims.json"
    claims_path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return Corpus(claims_path, sources, len(claim_records), drifted, total_bytes)


def _seed_text() -> str:
    seeds = sorted(SEEDS.glob("*.txt"))
    if not seeds:
        raise SystemExit(f"no seed article in {SEEDS}")
    return seeds[0].read_text("utf-8")


def _split(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if index < total % parts else 0) for index in range(parts)]


def _source_text(
    rng: random.Random, paragraphs: list[str], vocabulary: list[str], number: int
) -> str:
    shuffled = paragraphs[:]
    rng.shuffle(shuffled)
    words = re.split(r"(\s+)", "\n\n".join(shuffled))
    for _ in range(len(words) // 40):
        index = rng.randrange(0, len(words), 2)
        words[index] = rng.choice(vocabulary)
    return f"Synthetic source {number}\n\n" + "".join(words) + "\n"


WHITE_SPACE = re.compile(r"\s")


def _unique_spans(rng: random.Random, text: str, count: int) -> list[tuple[int, int]]:
    """Passages of about 40 to 250 characters that occur once in `text`, starting and ending
    on a word's edge (a quote cut inside a word is one `check` fails as changed)."""
    spans: list[tuple[int, int]] = []
    starts = [match.start() for match in re.finditer(r"(?<=\s)\S", text)]
    attempts = 0
    while len(spans) < count and attempts < count * 50:
        attempts += 1
        start = rng.choice(starts)
        space = WHITE_SPACE.search(text, start + rng.randint(40, 250))
        end = space.start() if space else len(text)
        quote = text[start:end].strip()
        if len(quote) < 40 or text.find(quote, text.find(quote) + 1) != -1:
            continue
        spans.append((start, start + len(quote)))
    return spans


def _claim(
    rng: random.Random,
    number: int,
    *,
    source_id: str,
    text: str,
    span: tuple[int, int],
    actors: list[dict[str, object]],
    targets: list[dict[str, object]],
    anchored: bool,
) -> dict[str, object]:
    start, end = span
    claim: dict[str, object] = {
        "id": f"c{number + 1:06d}",
        "source": source_id,
        "actor": rng.choice(actors)["id"],
        "quote": text[start:end],
    }
    if anchored:
        claim.update(
            start=start,
            end=end,
            prefix=text[max(0, start - CONTEXT) : start],
            suffix=text[end : end + CONTEXT],
        )
    claim.update(
        quote_type=rng.choice(["direct", "indirect", "mixed"]),
        stances=[
            {
                "target": rng.choice(targets)["id"],
                "stance": rng.choice(["support", "oppose", "neutral", "mixed"]),
            }
        ],
        summary=f"Synthetic claim {number + 1}",
    )
    return claim


def _drift(rng: random.Random, claims: list[dict[str, object]], share: float) -> dict[str, int]:
    """Spoil a share of the claims: stale offsets, retyped punctuation, or a changed word."""
    counts = dict.fromkeys(DRIFT_KINDS, 0)
    for claim in rng.sample(claims, int(len(claims) * share)):
        kind = rng.choice(DRIFT_KINDS)
        quote = str(claim["quote"])
        if kind == "moved" and "start" in claim:
            claim["start"] = int(str(claim["start"])) + 7
            claim["end"] = int(str(claim["end"])) + 7
        elif kind == "typography":
            claim["quote"] = _retyped(quote)
        else:
            kind = "changed"
            words = quote.split(" ")
            index = rng.randrange(1, len(words) - 1) if len(words) > 2 else 0
            words[index] = "REPLACED"
            claim["quote"] = " ".join(words)
        counts[kind] += 1
    return counts


def _retyped(quote: str) -> str:
    """The quote as someone might type it: straight quotes, hyphens, single spaces."""
    table = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
    retyped = re.sub(r"\s+", " ", quote.translate(table))
    return retyped if retyped != quote else quote.replace(" ", "  ", 1)


def _actor(number: int) -> dict[str, object]:
    return {"id": f"actor-{number}", "name": f"Actor {number}", "kind": "person"}


def _target(number: int) -> dict[str, object]:
    return {"id": f"target-{number}", "label": f"Target {number}", "description": "Synthetic."}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--drift", type=float, default=0.0)
    parser.add_argument("--no-anchors", action="store_true")
    arguments = parser.parse_args()
    corpus = build(
        arguments.folder,
        sources=arguments.sources,
        claims=arguments.claims,
        drift=arguments.drift,
        anchored=not arguments.no_anchors,
    )
    size = corpus.claims_path.stat().st_size
    print(f"{corpus.claims:,} claims ({size / 1e6:.0f} MB) over {corpus.sources:,} sources", end="")
    print(f" ({corpus.source_bytes / 1e6:.1f} MB)")
    if any(corpus.drifted.values()):
        print(f"drifted: {corpus.drifted}")


if __name__ == "__main__":
    main()
