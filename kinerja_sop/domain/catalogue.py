"""The SOP catalogue: the six SOPs of the seed as data, and the rules an SOP
must keep before a workflow can be built from it.

`data/sop_catalogue.json` is the one source of truth the app installs from;
its texts are the seed's, word for word (typos included). Roles are read from
each activity's wording (the seed lost its flowchart markers) and stay
editable in the desk.
"""

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kinerja_sop.domain.time_standard import TimeStandardError, parse_time_standard

CATALOGUE_PATH = Path(__file__).parent / "data" / "sop_catalogue.json"

CAMAT = "Camat"
SEKRETARIS = "Sekretaris"
TEAM_ROLE = "Tim Kinerja"
KASUBAG_EVAPOR = "Kasubag Evapor"
STAF = "Staf"
KASUBAG_UMUM = "Kasubag Umum"
ADMIN_ROLE = "Admin Kinerja"
# The roles the SOPs name, in the order of the SOP sheet's actor columns.
SOP_ROLES = (CAMAT, SEKRETARIS, TEAM_ROLE, KASUBAG_EVAPOR, STAF, KASUBAG_UMUM)
APP_ROLES = (*SOP_ROLES, ADMIN_ROLE)

HEADER_FIELDS = (
	"title",
	"document_type",
	"dasar_hukum",
	"kualifikasi_pelaksana",
	"keterkaitan",
	"peralatan_perlengkapan",
	"peringatan",
	"pencatatan_pendataan",
)
STEP_FIELDS = (
	"no",
	"kegiatan",
	"role",
	"kelengkapan",
	"waktu",
	"output",
	"keterangan",
	"on_agree",
	"on_disagree",
	"requires",
)
# What can be checked on a document before a step may be completed: the
# Kelengkapan (and the step's own output) read as checks. Each step lists the
# keys it needs in `requires`; the document classes know how to check each.
REQUIREMENT_KEYS = (
	"struktur_organisasi",  # the unit has an active Camat and Sekretaris
	"tim",  # the document's team, with its leader
	"data_sumber",  # the source data the draft is based on
	"draft",  # the team's draft
	"konsep",  # the typed concept
	"paraf",  # the Sekretaris' initials
	"tanda_tangan",  # the Camat's signature
	"disposisi",  # the Camat's disposition on the signed document
	"surat_masuk",  # the incoming letter and its disposition (Evaluasi)
	"bahan_evaluasi",  # DPA, Laporan Realisasi Anggaran, Realisasi Fisik, Dokumentasi Kegiatan
	"pelaksanaan",  # carried out with the team: date, place, participants
	"hasil",  # the result reported to the Camat
	"bukti_pengiriman",  # the outgoing letter sent and every recipient's receipt recorded
	"lkjip_lengkap",  # the LKjIP's budget realisation and Perjanjian Kinerja targets all entered
)


class UnknownStepError(ValueError):
	"""A step number the SOP does not have."""


@dataclass(frozen=True)
class SopStep:
	no: int
	kegiatan: str
	role: str
	waktu: str
	kelengkapan: str = ""
	output: str = ""
	keterangan: str = ""
	on_agree: int | None = None
	on_disagree: int | None = None
	requires: tuple[str, ...] = ()
	seed_note: str = ""

	@property
	def is_check(self) -> bool:
		return bool(self.on_agree or self.on_disagree)


@dataclass(frozen=True)
class Sop:
	name: str
	code: str
	title: str
	document_type: str
	steps: tuple[SopStep, ...]
	document_title: str = ""  # the governed document's heading when printed
	document_short_name: str = ""  # where a chart axis has room for a word or two
	actor_columns: tuple[str, ...] = ()
	dasar_hukum: str = ""
	kualifikasi_pelaksana: str = ""
	keterkaitan: str = ""
	peralatan_perlengkapan: str = ""
	peringatan: str = ""
	pencatatan_pendataan: str = ""
	seed_note: str = ""

	def step(self, no: int) -> SopStep:
		for step in self.steps:
			if step.no == no:
				return step
		raise UnknownStepError(f"{self.code} has no step {no!r}")

	def header(self) -> dict[str, str]:
		return {name: getattr(self, name) for name in HEADER_FIELDS}

	def step_rows(self) -> list[dict]:
		return [{name: getattr(step, name) for name in (*STEP_FIELDS, "seed_note")} for step in self.steps]

	def content(self) -> dict:
		return canonical_content(self.header(), self.step_rows())

	def content_hash(self) -> str:
		return content_hash(self.header(), self.step_rows())


@dataclass(frozen=True)
class SopProblem:
	"""One broken rule; `kind` names it so the desk can word it in the user's language."""

	kind: str  # no_steps | step_numbering | unknown_role | bad_time_standard | check_target | unknown_requirement
	step: int | None = None
	value: str = ""


def load_catalogue(path: Path = CATALOGUE_PATH) -> list[Sop]:
	data = json.loads(path.read_text(encoding="utf-8"))
	return [sop_from_dict(entry) for entry in data["sops"]]


def sop_from_dict(entry: Mapping) -> Sop:
	steps = tuple(SopStep(**{**step, "requires": tuple(step.get("requires", ()))}) for step in entry["steps"])
	known = {f for f in Sop.__dataclass_fields__ if f != "steps"}
	header = {k: v for k, v in entry.items() if k in known}
	header["actor_columns"] = tuple(entry.get("actor_columns", ()))
	return Sop(steps=steps, **header)


def document_titles(path: Path = CATALOGUE_PATH) -> dict[str, str]:
	"""Each DocType the catalogue's SOPs govern, with its printed heading, in catalogue order."""
	return {sop.document_type: sop.document_title for sop in load_catalogue(path)}


# The one list of the documents the app is about: everything else (hooks, the
# desk through boot info, prints, demo, tests, benchmarks) derives from these.
DOCUMENT_TITLES = document_titles()
DOCUMENT_SHORT_NAMES = {sop.document_type: sop.document_short_name for sop in load_catalogue()}
SOP_DOCUMENTS = tuple(DOCUMENT_TITLES)
MAIL_DOCUMENTS = ("Surat Keluar", "Surat Masuk")
# Documents of one Unit Kerja: the six SOP documents and the mail registers.
UNIT_DOCUMENTS = (*SOP_DOCUMENTS, *MAIL_DOCUMENTS)
# Records of one Unit Kerja imported from SIPD-RI, and their imports.
UNIT_BUDGET_RECORDS = ("Sub Kegiatan SIPD", "Realisasi Anggaran SIPD", "Impor SIPD")
# The child tables of Unit Kerja and of the unit documents: their rows are the unit's too.
UNIT_CHILD_DOCUMENTS = (
	"Pejabat Unit Kerja",
	"Jam Kerja Unit",
	"Hari Libur Unit",
	"Anggota Tim Kinerja",
	"Log Langkah SOP",
	"Program Kegiatan Renja",
	"Temuan Pemantauan",
	"Indikator Pengukuran",
	"Data Kinerja IKU",
	"Analisis Capaian Indikator",
	"Realisasi Program",
	"Rekomendasi Evaluasi",
	"Penerima Surat Keluar",
	"Disposisi Surat Masuk",
	"Indikator Sub Kegiatan SIPD",
	"Galat Impor SIPD",
)


def validate_steps(steps: Iterable[Mapping], known_roles: Iterable[str]) -> list[SopProblem]:
	"""Problems that would make a step list unusable as a workflow, in step order."""
	steps = list(steps)
	known_roles = set(known_roles)
	if not steps:
		return [SopProblem("no_steps")]
	problems = []
	numbers = [step.get("no") for step in steps]
	if numbers != list(range(1, len(steps) + 1)):
		problems.append(SopProblem("step_numbering", value=", ".join(str(n) for n in numbers)))
	for step in steps:
		no = step.get("no")
		if step.get("role") not in known_roles:
			problems.append(SopProblem("unknown_role", no, step.get("role") or ""))
		try:
			parse_time_standard(step.get("waktu"))
		except TimeStandardError as error:
			problems.append(SopProblem("bad_time_standard", no, error.text))
		for key in step.get("requires") or ():
			if key not in REQUIREMENT_KEYS:
				problems.append(SopProblem("unknown_requirement", no, key))
		for target in (step.get("on_agree"), step.get("on_disagree")):
			if target and (target not in numbers or target == no):
				problems.append(SopProblem("check_target", no, str(target)))
	return problems


def canonical_content(header: Mapping, steps: Iterable[Mapping]) -> dict:
	"""What an administrator can edit in an SOP record, in one comparable shape."""
	return {
		"header": {name: _plain(header.get(name)) for name in HEADER_FIELDS},
		"steps": [{name: _plain(step.get(name)) for name in STEP_FIELDS} for step in steps],
	}


def content_hash(header: Mapping, steps: Iterable[Mapping]) -> str:
	"""A short fingerprint of an SOP's content."""
	encoded = json.dumps(canonical_content(header, steps), sort_keys=True, ensure_ascii=False).encode()
	return hashlib.sha256(encoded).hexdigest()


def edited_since(snapshot: Mapping, current: Mapping) -> bool:
	"""Whether `current` differs from what the app wrote (`snapshot`), judged only on the
	fields the snapshot holds: a field a later release adds is not an administrator's edit."""
	if len(snapshot["steps"]) != len(current["steps"]):
		return True
	pairs = [(snapshot["header"], current["header"]), *zip(snapshot["steps"], current["steps"], strict=True)]
	return any(now.get(key, "") != value for then, now in pairs for key, value in then.items())


def _plain(value):
	"""Frappe stores empty as None or "", and 0 for an empty Int: treat them alike."""
	if isinstance(value, (tuple, list)):
		return list(value)
	if value in (None, "", 0):
		return ""
	return value


@dataclass(frozen=True)
class SyncDecision:
	action: str  # insert | update | unchanged | kept_edited
	reason: str = field(default="")


def decide_sync(current: Mapping | None, snapshot: Mapping | None, catalogue: Mapping) -> SyncDecision:
	"""What installing or migrating does with one shipped SOP (all three in canonical shape).

	The app owns an SOP record until an administrator edits it: a record still as
	the app wrote it (its `snapshot`) follows the catalogue; an edited one is the
	administrator's and is never overwritten.
	"""
	if current is None:
		return SyncDecision("insert")
	if current == catalogue:
		return SyncDecision("unchanged")
	if snapshot is not None and not edited_since(snapshot, current):
		return SyncDecision("update")
	return SyncDecision("kept_edited", "edited by an administrator since the app last wrote it")
