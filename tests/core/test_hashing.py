"""The MD5 every transfer computes while its bytes stream: inline for a small file, on a
thread of its own for a large one (``BackgroundMd5``); the same digest either way."""

from __future__ import annotations

import hashlib
import io
import random

import pytest

from cozysync.sync.hashing import (
    BACKGROUND_HASH_FROM,
    BackgroundMd5,
    HashingReader,
    HashingWriter,
)

DATA = random.Random(7).randbytes(3 * 1024 * 1024 + 17)
EXPECTED = hashlib.md5(DATA, usedforsecurity=False).hexdigest()


@pytest.mark.parametrize("chunk", [1, 4096, 65536, 1 << 20])
def test_the_background_md5_is_the_md5_of_every_chunk_in_order(chunk: int) -> None:
    data = DATA if chunk > 1 else DATA[:20000]
    md5 = BackgroundMd5(depth=4)
    for start in range(0, len(data), chunk):
        md5.update(memoryview(data)[start : start + chunk])  # a view: copied in
    assert md5.hexdigest() == hashlib.md5(data, usedforsecurity=False).hexdigest()


def test_the_digest_so_far_can_be_read_and_the_hash_goes_on() -> None:
    md5 = BackgroundMd5()
    md5.update(DATA[:1000])
    assert md5.hexdigest() == hashlib.md5(DATA[:1000], usedforsecurity=False).hexdigest()
    md5.update(DATA[1000:])
    assert md5.hexdigest() == EXPECTED


def test_an_idle_hash_leaves_its_thread_and_starts_one_again() -> None:
    md5 = BackgroundMd5(idle_s=0.05)
    md5.update(DATA[:100])
    first = md5._thread  # started by the first chunk
    assert first is not None and first.name == "cozysync-md5"
    first.join(timeout=10)
    assert not first.is_alive()  # an abandoned transfer leaves no thread behind
    md5.update(DATA[100:])
    assert md5.hexdigest() == EXPECTED


def test_a_large_download_is_hashed_on_its_own_thread_to_the_same_digest() -> None:
    size = BACKGROUND_HASH_FROM + 1
    data = (DATA * 3)[:size]
    out = io.BytesIO()
    writer = HashingWriter(out, expected_size=size)
    assert isinstance(writer.md5, BackgroundMd5)
    for start in range(0, size, 65536):
        writer.write(data[start : start + 65536])
    assert writer.hexdigest == hashlib.md5(data, usedforsecurity=False).hexdigest()
    assert out.getvalue() == data and writer.count == size


def test_a_reset_download_hashes_only_what_came_after_it() -> None:
    size = BACKGROUND_HASH_FROM
    writer = HashingWriter(io.BytesIO(), expected_size=size)
    writer.write(b"an older version of the file")
    writer.reset()
    writer.write(DATA)
    assert writer.hexdigest == EXPECTED


def test_a_small_transfer_is_hashed_inline() -> None:
    reader = HashingReader(io.BytesIO(DATA), expected_size=len(DATA))
    assert not isinstance(reader.md5, BackgroundMd5)
    while reader.read(65536):
        pass
    assert reader.hexdigest == EXPECTED and reader.count == len(DATA)


def test_a_large_upload_is_hashed_on_its_own_thread_to_the_same_digest() -> None:
    data = (DATA * 3)[:BACKGROUND_HASH_FROM]
    reader = HashingReader(io.BytesIO(data), expected_size=len(data))
    assert isinstance(reader.md5, BackgroundMd5)
    while reader.read(65536):
        pass
    assert reader.hexdigest == hashlib.md5(data, usedforsecurity=False).hexdigest()
