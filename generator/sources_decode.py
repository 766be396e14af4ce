"""Bytes -> text, with a policy a user can predict (docs/limits.md, "Encodings").

UTF-8 (with or without BOM) is read as is. UTF-16/UTF-32 with a BOM, and UTF-16 without one, are read with a
warning. Anything else that is not valid UTF-8 is read as Windows-1252 (a superset of Latin-1's printable range)
with a warning: a user expects an old file to build, and the warning says how to fix it. Double-encoded UTF-8
("CafÃ©") is repaired with ftfy, with a warning. NUL bytes or many control characters mean a binary file:
refused. Stray control characters are replaced by spaces (XML feeds cannot carry them), with a warning.
"""
from __future__ import annotations

import re

from generator.model import Diagnostic

# Bytes 0x80-0x9F that Windows-1252 defines; the five it leaves undefined stay C1 controls and are removed later.
_CP1252 = {i: bytes([i]).decode("cp1252") for i in range(0x80, 0xA0) if i not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}
# Characters that XML 1.0 forbids or that only make sense to a terminal: C0 (but tab/newline), DEL, C1,
# surrogates, U+FFFE/U+FFFF.
_BAD_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# A UTF-8 lead byte read as Latin-1/cp1252 (Â..ô) followed by a continuation byte read the same way: only lines
# with such a pair can hold Latin-1/cp1252 mojibake, so only they are handed to ftfy (which is slow per line).
_MOJIBAKE_HINT = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
                            "\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030"
                            "\u2039\u203a\u20ac\u2122]")
_BINARY_SHARE = 0.01  # over 1% control characters (and more than a handful) is not text


class DecodeError(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def _line_at(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1


def _bom_decode(raw: bytes) -> tuple[str, str] | None:
    """Decode by byte-order mark; None when there is no (UTF-16/32) BOM."""
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
                       (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if raw.startswith(bom):
            try:
                return raw[len(bom):].decode(codec), codec.upper()
            except UnicodeDecodeError as exc:
                if b"\x00" not in raw:  # no NUL: not UTF-16/32 after all, e.g. Latin-1 text starting "ÿþ"
                    return None
                raise DecodeError(1, f"invalid {codec.upper()} (byte-order mark present) at byte offset "
                                     f"{exc.start + len(bom)}") from None
    return None


def _bomless_utf16(raw: bytes) -> str | None:
    """UTF-16 without a BOM shows as NUL in every other byte of mostly-ASCII text."""
    if len(raw) < 4 or len(raw) % 2:
        return None
    sample = raw[:4096]
    for codec, zero_half, other_half in (("utf-16-le", sample[1::2], sample[0::2]),
                                         ("utf-16-be", sample[0::2], sample[1::2])):
        if zero_half.count(0) >= 0.6 * len(zero_half) and other_half.count(0) == 0:
            try:
                return raw.decode(codec)
            except UnicodeDecodeError:
                return None
    return None


def decode(raw: bytes) -> tuple[str, list[Diagnostic]]:
    """Return text with '\\n' line ends and warnings as Diagnostics with an empty path (the caller fills it in)."""
    warnings: list[tuple[int, str]] = []
    bom = _bom_decode(raw)
    if bom is not None:
        text, codec = bom
        warnings.append((1, f"file is {codec}; read it, but please save it as UTF-8"))
    elif b"\x00" in raw:
        text = _bomless_utf16(raw)
        if text is None:
            raise DecodeError(_line_at(raw, raw.index(b"\x00")), "binary file (contains NUL bytes); skipped")
        warnings.append((1, "file looks like UTF-16 without a byte-order mark; read it as UTF-16, but please "
                            "save it as UTF-8"))
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            text = raw.decode("latin-1").translate(_CP1252)
            warnings.append((_line_at(raw, exc.start), f"not UTF-8 (byte 0x{raw[exc.start]:02x}); read the file "
                                                       "as Windows-1252/Latin-1, please save it as UTF-8"))
        else:
            text, repaired = _repair_mojibake(text)
            if repaired:
                warnings.append(repaired)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _strip_controls(text, warnings)
    return text, [Diagnostic("", line, message, "warning") for line, message in warnings]


def _repair_mojibake(text: str) -> tuple[str, tuple[int, str] | None]:
    """Fix UTF-8 that was decoded as Latin-1/cp1252 and saved again ("SÃ£o Paulo"), line by line."""
    if text.isascii() or not _MOJIBAKE_HINT.search(text):
        return text, None  # fast path: nothing that could be mojibake
    import ftfy

    lines = text.split("\n")
    first, example = 0, None
    for i, line in enumerate(lines):
        if not _MOJIBAKE_HINT.search(line):
            continue
        fixed = ftfy.fix_encoding(line)
        if fixed != line:
            if not first:
                first = i + 1
                example = _first_difference(line, fixed)
            lines[i] = fixed
    if not first:
        return text, None
    return "\n".join(lines), (first, f"repaired mis-encoded text (mojibake), e.g. {example}; please check the file")


def _first_difference(old: str, new: str) -> str:
    start = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
    return f"{old[start:start + 6]!r} -> {new[start:start + 3]!r}"


def _strip_controls(text: str, warnings: list[tuple[int, str]]) -> str:
    found = _BAD_CHARS.search(text)
    if not found:
        return text
    count = len(_BAD_CHARS.findall(text))
    line = text.count("\n", 0, found.start()) + 1
    if count > 5 and count > _BINARY_SHARE * len(text):
        raise DecodeError(line, f"binary file ({count} control characters in {len(text)}); skipped")
    warnings.append((line, f"replaced {count} control character(s) such as {found.group()!r} with spaces"))
    return _BAD_CHARS.sub(" ", text)
