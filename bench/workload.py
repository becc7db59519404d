"""A reproducible tree from a seed: small files in nested folders (some non-ASCII names)
and a few large files; the phase-3 mutation; and tree digests for the correctness check."""

from __future__ import annotations

import hashlib
import os
import random
from dataclasses import dataclass
from pathlib import Path

KIB = 1024
MIB = 1024 * KIB
SMALL_MIN, SMALL_MAX = 1 * KIB, 64 * KIB
FILES_PER_FOLDER = 25
_WORDS = [
    "cours", "devoirs", "notes", "projet", "photos", "maths", "physique", "histoire",
    "anglais", "rapport", "brouillon", "archives", "2024", "2025", "trimestre", "td",
]  # fmt: skip
_ACCENTED = ["élève", "résumé", "Français", "cœur", "naïve", "Ørsted", "Größe", "日本語", "ça"]
_EXTS = [".txt", ".md", ".odt", ".pdf", ".png", ".jpg", ".csv", ".docx"]
# names neither side keeps or syncs (markers, Apache's property folders, rclone's leftovers)
IGNORED_NAMES = {".cozysync", ".DAV"}


@dataclass(frozen=True)
class Mutation:
    edited: str
    renamed_from: str
    renamed_to: str
    deleted: str


def _folders(rng: random.Random, count: int) -> list[str]:
    folders = [""]
    while len(folders) < count:
        parent = rng.choice(folders)
        if parent.count("/") >= 5:
            continue
        word = rng.choice(_ACCENTED) if rng.random() < 0.1 else rng.choice(_WORDS)
        name = f"{word}-{len(folders)}"
        folders.append(f"{parent}/{name}" if parent else name)
    return folders


def _name(rng: random.Random, index: int) -> str:
    stem = rng.choice(_ACCENTED) if rng.random() < 0.08 else rng.choice(_WORDS)
    return f"{stem} {index:06d}{rng.choice(_EXTS)}"


def _write_random(path: Path, size: int, rng: random.Random) -> None:
    with open(path, "wb") as out:
        left = size
        while left:
            chunk = min(left, 4 * MIB)
            out.write(rng.randbytes(chunk))
            left -= chunk


def generate(root: Path, files: int, *, seed: int = 1, large: tuple[int, ...] = ()) -> list[str]:
    """``files`` small files and one file per size in ``large``; returns the relative paths."""
    rng = random.Random(seed)
    folders = _folders(rng, max(1, files // FILES_PER_FOLDER))
    paths = []
    for index in range(files):
        folder = rng.choice(folders)
        rel = f"{folder}/{_name(rng, index)}" if folder else _name(rng, index)
        paths.append(rel)
    for index in range(len(large)):
        paths.append(f"gros fichiers/vidéo {index}.bin")
    sizes = [rng.randint(SMALL_MIN, SMALL_MAX) for _ in range(files)] + list(large)
    for rel, size in zip(paths, sizes, strict=True):
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        _write_random(target, size, rng)
    return paths


def mutate(root: Path, seed: int = 1) -> Mutation:
    """One edit, one rename (into another folder) and one delete, chosen from the seed."""
    files = sorted(rel for rel, _ in walk_files(root))
    rng = random.Random(seed + 1000)
    edited, renamed, deleted = rng.sample(files, 3)
    with open(root / edited, "ab") as out:
        out.write(b"edited by the benchmark\n")
    folder = os.path.dirname(rng.choice(files))
    new_name = f"renommé {os.path.basename(renamed)}"
    renamed_to = f"{folder}/{new_name}" if folder else new_name
    (root / renamed).rename(root / renamed_to)
    (root / deleted).unlink()
    return Mutation(edited, renamed, renamed_to, deleted)


def walk_files(root: Path) -> list[tuple[str, int]]:
    """(relative path, size) of every file below ``root``, the ignored names left out."""
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d not in IGNORED_NAMES]
        rel_dir = os.path.relpath(dirpath, root)
        for name in filenames:
            if name in IGNORED_NAMES:
                continue
            rel = name if rel_dir == "." else f"{rel_dir}/{name}"
            found.append((rel, os.lstat(os.path.join(dirpath, name)).st_size))
    return found


def tree_digest(root: Path) -> dict[str, str]:
    """relative path → SHA-1 of the content, for every file below ``root``."""
    digest = {}
    for rel, _size in walk_files(root):
        sha = hashlib.sha1(usedforsecurity=False)
        with open(root / rel, "rb") as source:
            while block := source.read(MIB):
                sha.update(block)
        digest[rel] = sha.hexdigest()
    return digest


def compare_trees(left: Path, right: Path) -> str | None:
    """None when both trees hold the same files with the same bytes, else what differs."""
    a, b = tree_digest(left), tree_digest(right)
    if a == b:
        return None
    only_a = sorted(set(a) - set(b))
    only_b = sorted(set(b) - set(a))
    changed = sorted(k for k in set(a) & set(b) if a[k] != b[k])
    return (
        f"{len(only_a)} only in {left.name} {only_a[:3]}, {len(only_b)} only in {right.name} "
        f"{only_b[:3]}, {len(changed)} differ {changed[:3]}"
    )
