"""Byte-identical zip containers (PPTX, XLSX, DOCX …) from builds of identical input.

Library writers stamp every zip member with the wall-clock time and write members in
whatever order their part graph yields them. Rewriting the container with one fixed
timestamp, a fixed member order and fixed member attributes removes both sources of
drift in about 10 ms (field notes). The container format is all this module knows: an
optional ``transform`` hook lets the caller normalise member *contents* (core properties
of an embedded workbook, for instance) without this module parsing any XML.
"""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
import zlib
from collections.abc import Callable, Mapping
from typing import NamedTuple

# The zip format cannot store dates before 1980; clamp instead of failing.
_ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)

# OPC readers expect the content-types part first; the rest is sorted by name.
_FIRST = ("[Content_Types].xml", "_rels/.rels")

Transform = Callable[[str, bytes], bytes]


def build_time(epoch: int | None, fallback: dt.date) -> dt.datetime:
    """The one timestamp a build uses: ``SOURCE_DATE_EPOCH`` if given, else the fallback date.

    The fallback (a course date, say) keeps builds reproducible without any environment.
    """
    if epoch is not None:
        return dt.datetime.fromtimestamp(epoch, tz=dt.UTC)
    return dt.datetime.combine(fallback, dt.time(0, 0), tzinfo=dt.UTC)


def _member_order(name: str) -> tuple[int, str]:
    return (_FIRST.index(name) if name in _FIRST else len(_FIRST), name)


def rewrite_zip(data: bytes, when: dt.datetime, transform: Transform | None = None) -> bytes:
    """Return ``data`` (a zip) rewritten with fixed timestamps, order and attributes.

    ``transform(name, content)`` may rewrite a member's content; it is called once per
    member, in the final order.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    return _write(source.namelist(), source.read, when, transform)


class Deflated(NamedTuple):
    """A member's content compressed ahead of time, as the zip will hold it."""

    data: bytes  # raw deflate stream, level 6: what zipfile writes
    crc: int
    size: int  # of the content

    @classmethod
    def of(cls, content: bytes) -> Deflated:
        # zipfile's compressor: compressobj(6, DEFLATED, -15) with the default memory
        # level, fed the whole content, then flushed; zlib.compress with the same level and
        # window makes the same stream in one call.
        return cls(zlib.compress(content, 6, -15), zlib.crc32(content), len(content))

    def content(self) -> bytes:
        return zlib.decompress(self.data, -15)


def write_zip(members: Mapping[str, bytes | Deflated], when: dt.datetime,
              transform: Transform | None = None) -> bytes:
    """A zip of ``members`` (name: content), byte for byte as ``rewrite_zip`` would make it
    from any zip holding them, without writing and reading that zip first.

    Written directly (``_pack``): ``zipfile`` spends more per member on its file-like
    bookkeeping than on compressing a typical slide. The bytes are zipfile's (same
    headers, compressor and fields, checked by the tests); a container that would need
    ZIP64 records, or a name zipfile would alter, goes through zipfile itself. A member
    given ``Deflated`` (compressed when it was ready, to hold less memory meanwhile) is
    written as it is: ``transform`` is not applied to it.
    """
    names = sorted(members, key=_member_order)
    contents: list[bytes | Deflated] = []
    for name in names:
        content = members[name]
        if transform is not None and not isinstance(content, Deflated):
            content = transform(name, content)
        contents.append(content)
    packed = _pack(names, contents, _date_time(when))
    if packed is not None:
        return packed
    done = {name: content.content() if isinstance(content, Deflated) else content
            for name, content in zip(names, contents, strict=True)}
    return _write(names, done.__getitem__, when, None)


def _date_time(when: dt.datetime) -> tuple[int, int, int, int, int, int]:
    stamp = max(when, _ZIP_EPOCH).astimezone(dt.UTC)
    return (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)


def _write(names: list[str], read: Callable[[str], bytes], when: dt.datetime,
           transform: Transform | None) -> bytes:
    date_time = _date_time(when)
    target_stream = io.BytesIO()
    with zipfile.ZipFile(target_stream, "w") as target:
        for name in sorted(names, key=_member_order):
            content = read(name)
            if transform is not None:
                content = transform(name, content)
            info = zipfile.ZipInfo(name, date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, content, compresslevel=6)
    return target_stream.getvalue()


# What zipfile writes for ZipInfo(name, date_time) with ZIP_DEFLATED, compresslevel 6,
# create_system 0 and external_attr 0 (which zipfile turns into 0o600 << 16), by
# ``writestr`` to a seekable stream (so no data descriptors): the ZIP format's records.
_LOCAL = struct.Struct("<4s2B4HL2L2H")  # local file header
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")  # central directory entry
_END = struct.Struct("<4s4H2LH")  # end of central directory
_VERSION = 20  # zipfile's DEFAULT_VERSION: deflate, no ZIP64
_DEFLATED = 8
_UTF8_NAME = 0x800
_ATTRIBUTES = 0o600 << 16
_LIMIT = (1 << 31) - 1  # zipfile's ZIP64_LIMIT
_COUNT_LIMIT = (1 << 16) - 1  # zipfile's ZIP_FILECOUNT_LIMIT


def _pack(names: list[str], contents: list[bytes | Deflated],
          date_time: tuple[int, int, int, int, int, int]) -> bytes | None:
    """The zip ``zipfile`` writes for these members in this order, or None where it would
    need ZIP64 records or would change a name (a NUL byte in it)."""
    if len(names) > _COUNT_LIMIT:
        return None
    year, month, day, hour, minute, second = date_time
    dosdate = (year - 1980) << 9 | month << 5 | day
    dostime = hour << 11 | minute << 5 | (second // 2)
    chunks: list[bytes] = []
    directory: list[bytes] = []
    offset = 0
    for name, content in zip(names, contents, strict=True):
        deflated = content if isinstance(content, Deflated) else Deflated.of(content)
        data, crc, size = deflated
        if "\0" in name or size * 1.05 > _LIMIT or len(data) > _LIMIT or offset > _LIMIT:
            return None
        try:
            encoded, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            encoded, flags = name.encode("utf-8"), _UTF8_NAME
        header = _LOCAL.pack(b"PK\003\004", _VERSION, 0, flags, _DEFLATED, dostime, dosdate,
                             crc, len(data), size, len(encoded), 0)
        chunks += (header, encoded, data)
        directory += (_CENTRAL.pack(
            b"PK\001\002", _VERSION, 0, _VERSION, 0, flags, _DEFLATED, dostime, dosdate,
            crc, len(data), size, len(encoded), 0, 0, 0, 0, _ATTRIBUTES, offset,
        ), encoded)
        offset += len(header) + len(encoded) + len(data)
    central = b"".join(directory)
    if offset > _LIMIT or len(central) > _LIMIT:
        return None
    end = _END.pack(b"PK\005\006", 0, 0, len(names), len(names), len(central), offset, 0)
    return b"".join(chunks) + central + end
