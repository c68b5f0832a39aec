"""How Indonesian government documents write dates and numbers.

Dates in the long form ("26 November 2026"), numbers with a dot for thousands
and a comma for decimals ("1.234.567,5"), independent of the server's locale.
"""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

BULAN = (
	"Januari",
	"Februari",
	"Maret",
	"April",
	"Mei",
	"Juni",
	"Juli",
	"Agustus",
	"September",
	"Oktober",
	"November",
	"Desember",
)
HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def tanggal_panjang(value: date | datetime | None, with_day: bool = False) -> str:
	"""26 November 2026 (or "Kamis, 26 November 2026")."""
	if value is None:
		return ""
	text = f"{value.day} {BULAN[value.month - 1]} {value.year}"
	return f"{HARI[value.weekday()]}, {text}" if with_day else text


def angka(value, decimals: int = 0) -> str:
	"""1.234.567 or, with decimals, 1.234.567,50 (half-up, as people round)."""
	if value is None or value == "":
		return ""
	quantum = Decimal(1).scaleb(-decimals)
	number = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
	sign = "-" if number < 0 else ""
	whole, _, fraction = f"{abs(number):f}".partition(".")
	grouped = f"{int(whole):,}".replace(",", ".")
	return f"{sign}{grouped},{fraction}" if decimals else f"{sign}{grouped}"


def rupiah(value) -> str:
	return f"Rp {angka(value)}" if value not in (None, "") else ""
