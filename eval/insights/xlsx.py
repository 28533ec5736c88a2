"""Read the first sheet of an .xlsx file with the standard library (zip + XML): rows of cells by column letter.

Empty cells are omitted in the sheet XML, so cells are placed by their reference ("C12" → column C), never by order.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def _shared_strings(z: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in z.namelist():
        return []
    root = ET.fromstring(z.read("xl/sharedStrings.xml"))
    return ["".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t")) for si in root.findall("m:si", NS)]


def read_rows(path: Path) -> Iterator[dict[str, str]]:
    """Yield the first sheet's rows as {header: value} (values as text; missing cells absent)."""
    with zipfile.ZipFile(path) as z:
        strings = _shared_strings(z)
        sheet = sorted(n for n in z.namelist() if re.match(r"xl/worksheets/sheet\d+\.xml$", n))[0]
        root = ET.fromstring(z.read(sheet))
    header: dict[str, str] | None = None
    for row in root.iter(f"{{{NS['m']}}}row"):
        cells: dict[str, str] = {}
        for c in row.findall("m:c", NS):
            col = re.match(r"[A-Z]+", c.get("r", "")).group(0)  # type: ignore[union-attr]
            v = c.find("m:v", NS)
            if c.get("t") == "inlineStr":
                value = "".join(t.text or "" for t in c.iter(f"{{{NS['m']}}}t"))
            elif v is None:
                continue
            elif c.get("t") == "s":
                value = strings[int(v.text or 0)]
            else:
                value = v.text or ""
            cells[col] = value
        if header is None:
            header = cells
            continue
        yield {header[col]: value for col, value in cells.items() if col in header}
