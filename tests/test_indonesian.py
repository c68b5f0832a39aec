from datetime import date, datetime

import pytest

from kinerja_sop.domain.indonesian import angka, rupiah, tanggal_panjang


def test_long_dates():
	assert tanggal_panjang(date(2026, 11, 26)) == "26 November 2026"
	assert tanggal_panjang(datetime(2027, 1, 2, 9, 30)) == "2 Januari 2027"
	assert tanggal_panjang(date(2026, 11, 26), with_day=True) == "Kamis, 26 November 2026"
	assert tanggal_panjang(None) == ""


@pytest.mark.parametrize(
	"value, decimals, text",
	[
		(1234567, 0, "1.234.567"),
		(1234567.5, 2, "1.234.567,50"),
		(0.125, 2, "0,13"),
		(-1500, 0, "-1.500"),
		(999, 0, "999"),
		("2500000", 0, "2.500.000"),
		(None, 0, ""),
	],
)
def test_numbers(value, decimals, text):
	assert angka(value, decimals) == text


def test_rupiah():
	assert rupiah(150000000) == "Rp 150.000.000"
	assert rupiah(None) == ""
