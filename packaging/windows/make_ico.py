"""Wrap PNG icons into a Windows .ico (PNG entries, Vista and later): no Pillow needed.

    python make_ico.py small.png large.png out.ico
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path


def png_size(data: bytes) -> tuple[int, int]:
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def make_ico(pngs: list[bytes]) -> bytes:
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = 6 + 16 * len(pngs)
    entries, blobs = b"", b""
    for data in pngs:
        width, height = png_size(data)
        # 0 stands for 256 in the one-byte width and height fields
        entries += struct.pack(
            "<BBBBHHII", width % 256, height % 256, 0, 0, 1, 32, len(data), offset
        )
        blobs += data
        offset += len(data)
    return header + entries + blobs


def main(argv: list[str]) -> int:
    *sources, target = argv
    Path(target).write_bytes(make_ico([Path(s).read_bytes() for s in sources]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
