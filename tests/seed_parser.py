"""Reads the source SOP document (tests/data/sop_seed.txt, a copy of the
seed the SOPs were taken from) into plain rows, so the static tier can hold
the shipped catalogue to the seed's exact words."""

import re
from pathlib import Path

SEED = Path(__file__).parent / "data" / "sop_seed.txt"
WAKTU = re.compile(r"^\d+(?:[.,]\d+)?\s+(?:menit|jam|hari)$")


def parse_seed(path: Path = SEED) -> dict[str, list[dict]]:
	"""Map each '## SOP ...' heading to its rows in order.

	The seed lost its flowchart columns, and some rows carry an extra empty
	cell; the time standard ("20 menit") is the one cell every row has, so the
	Mutu Baku cells are read relative to it.
	"""
	sops: dict[str, list[dict]] = {}
	current = None
	for line in path.read_text(encoding="utf-8").splitlines():
		if line.startswith("## "):
			current = sops.setdefault(line[3:].strip(), [])
			continue
		cells = line.split("\t")
		if current is None or len(cells) < 4:
			continue
		waktu_at = next((i for i, c in enumerate(cells) if WAKTU.match(c.strip())), None)
		if waktu_at is None:
			continue
		after = cells[waktu_at + 1 :] + ["", ""]
		current.append(
			{
				"no": cells[0].strip(),
				"kegiatan": cells[1],
				"kelengkapan": cells[waktu_at - 1],
				"waktu": cells[waktu_at],
				"output": after[0],
				"keterangan": after[1],
			}
		)
	return sops
