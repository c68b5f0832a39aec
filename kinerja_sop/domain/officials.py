"""Civil-servant identity rules: the NIP and the pangkat/golongan ladder."""

from dataclasses import dataclass
from datetime import date

# PNS ranks (PP 99/2000), lowest first, as "Pangkat (Golongan/Ruang)".
PANGKAT_GOLONGAN = (
	"Juru Muda (I/a)",
	"Juru Muda Tingkat I (I/b)",
	"Juru (I/c)",
	"Juru Tingkat I (I/d)",
	"Pengatur Muda (II/a)",
	"Pengatur Muda Tingkat I (II/b)",
	"Pengatur (II/c)",
	"Pengatur Tingkat I (II/d)",
	"Penata Muda (III/a)",
	"Penata Muda Tingkat I (III/b)",
	"Penata (III/c)",
	"Penata Tingkat I (III/d)",
	"Pembina (IV/a)",
	"Pembina Tingkat I (IV/b)",
	"Pembina Utama Muda (IV/c)",
	"Pembina Utama Madya (IV/d)",
	"Pembina Utama (IV/e)",
)


class NipError(ValueError):
	"""An NIP that is not a civil servant's 18-digit number; `kind` says why."""

	def __init__(self, kind: str, nip: str):
		super().__init__(f"NIP {nip!r}: {kind}")
		self.kind = kind  # length | digits | birth_date | appointment | gender
		self.nip = nip


@dataclass(frozen=True)
class Nip:
	"""NIP PNS: birth date (8), CPNS appointment month (6), gender (1), serial (3)."""

	value: str
	birth_date: date
	appointed: tuple[int, int]
	gender: str  # "L" or "P"

	@property
	def formatted(self) -> str:
		"""The spaced form used on letters: 19800101 200501 1 001."""
		v = self.value
		return f"{v[:8]} {v[8:14]} {v[14]} {v[15:]}"


def parse_nip(raw: str) -> Nip:
	"""Check and split an NIP; spaces, as printed on letters, are ignored."""
	nip = "".join((raw or "").split())
	if not nip.isdigit():
		raise NipError("digits", raw)
	if len(nip) != 18:
		raise NipError("length", raw)
	try:
		birth = date(int(nip[:4]), int(nip[4:6]), int(nip[6:8]))
	except ValueError:
		raise NipError("birth_date", raw) from None
	year, month = int(nip[8:12]), int(nip[12:14])
	if not 1 <= month <= 12 or year < birth.year + 15:
		raise NipError("appointment", raw)
	if nip[14] not in "12":
		raise NipError("gender", raw)
	return Nip(value=nip, birth_date=birth, appointed=(year, month), gender="L" if nip[14] == "1" else "P")
