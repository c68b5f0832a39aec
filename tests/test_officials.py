from datetime import date

import pytest

from kinerja_sop.domain.officials import PANGKAT_GOLONGAN, NipError, parse_nip


def test_parses_a_valid_nip():
	nip = parse_nip("19750817 200003 1 004")
	assert nip.value == "197508172000031004"
	assert nip.birth_date == date(1975, 8, 17)
	assert nip.appointed == (2000, 3)
	assert nip.gender == "L"
	assert nip.formatted == "19750817 200003 1 004"


@pytest.mark.parametrize(
	"raw, kind",
	[
		("19750817200003100", "length"),
		("1975081720000310045", "length"),
		("", "digits"),
		("19750817-200003-1-004", "digits"),
		("19751317200003 1004", "birth_date"),
		("197508172000131004", "appointment"),
		("197508171980031004", "appointment"),
		("197508172000033004", "gender"),
	],
)
def test_rejects_malformed_nip(raw, kind):
	with pytest.raises(NipError) as raised:
		parse_nip(raw)
	assert raised.value.kind == kind


def test_rank_ladder_is_complete():
	assert len(PANGKAT_GOLONGAN) == 17
	assert PANGKAT_GOLONGAN[0].endswith("(I/a)") and PANGKAT_GOLONGAN[-1].endswith("(IV/e)")
