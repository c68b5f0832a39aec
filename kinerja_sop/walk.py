"""Acting out the SOPs as their officials would: who does a step in an office,
what the step's Kelengkapan asks for supplied, the step's action taken as that
user. The demo seed walks its documents with these; the integration tier too."""

import frappe
from frappe.model.workflow import apply_workflow

from kinerja_sop.domain.catalogue import TEAM_ROLE, SopStep
from kinerja_sop.domain.workflow_builder import ACTIONS
from kinerja_sop.kinerja.doctype.indikator_kinerja.indikator_kinerja import SEED_INDICATORS
from kinerja_sop.kinerja.sop_document import get_sop_flow

# An office is a namespace with one user per position under these keys, plus
# `tim1` (the team leader), `tim2`, `unit` and `attachment` (a File URL).
ROLE_KEYS = {
	"Camat": "camat",
	"Sekretaris": "sekretaris",
	"Kasubag Evapor": "evapor",
	"Staf": "staf",
	"Kasubag Umum": "umum",
}


class as_user:
	def __init__(self, user):
		self.user = user

	def __enter__(self):
		self.previous = frappe.session.user
		frappe.set_user(self.user)

	def __exit__(self, *exc):
		frappe.set_user(self.previous)


def actor(office, role: str, step: SopStep) -> str:
	"""Who does the step in the walks: the team leader drafts, the other member checks
	(Frappe refuses a check by the document's creator, and the leader may have created it)."""
	if role == TEAM_ROLE:
		return office.tim2 if step.is_check else office.tim1
	return getattr(office, ROLE_KEYS[role])


def satisfy(doc, keys, office):
	"""Supply what the step's Kelengkapan checks ask for, as a real user would."""
	for key in keys:
		if key == "tim" and not doc.team:
			doc.set("team", [{"user": office.tim1, "is_leader": 1}, {"user": office.tim2}])
		elif key == "data_sumber":
			doc.lampiran_data_sumber = office.attachment
		elif key == "draft":
			fill(doc, doc.draft_fields)
		elif key == "konsep":
			fill(doc, doc.typed_fields)
		elif key == "disposisi":
			doc.disposisi = "Gandakan dan distribusikan kepada pihak terkait."
		elif key == "surat_masuk":
			doc.surat_masuk = make_incoming_letter(office)
		elif key == "bahan_evaluasi":
			for field in ("dpa", "laporan_realisasi_anggaran", "realisasi_fisik", "dokumentasi_kegiatan"):
				doc.set(field, office.attachment)
		elif key == "pelaksanaan":
			doc.update(
				{
					"tanggal_pelaksanaan": "2027-03-15",
					"tempat_pelaksanaan": "Aula Kecamatan",
					"peserta": "Tim",
				}
			)
		elif key == "hasil":
			doc.hasil_pelaksanaan = "<p>Capaian sesuai target.</p>"
		elif key == "bukti_pengiriman":
			deliver_letter(doc.surat_keluar)
		elif key == "lkjip_lengkap":
			complete_lkjip_tables(doc, office)


# The year's Perjanjian Kinerja of the seed's three indicators, where a walk has to agree one.
AGREED_TARGETS = dict(
	zip((values["indicator_name"] for values in SEED_INDICATORS), (2.5, 3, 24), strict=True)
)  # Musrenbang participation (%), days to a KTP, active siskamling groups


def complete_lkjip_tables(doc, office):
	"""What an LKjIP needs before its paraf and signature, entered where it is missing:
	the budget spent of each program (90 % of its ceiling) and a Perjanjian Kinerja,
	from the unit's measurement of the year and the targets agreed on its indicators."""
	if not doc.realisasi_anggaran:
		doc.append(
			"realisasi_anggaran",
			{"program": "Program Penunjang Urusan Pemerintahan Daerah", "pagu_anggaran": 100_000_000},
		)
	for row in doc.realisasi_anggaran:
		if row.realisasi_anggaran is None:
			row.realisasi_anggaran = round((row.pagu_anggaran or 0) * 0.9)
	if not doc.pengukuran:
		doc.pengukuran = measurement_of_the_year(office, doc.tahun)
	measured = frappe.get_all(
		"Indikator Pengukuran",
		filters={
			"parenttype": "Pengukuran Kinerja",
			"parent": doc.pengukuran,
			"indikator_kinerja": ("is", "set"),
		},
		pluck="indikator_kinerja",
	)
	agree_targets(office, {name: AGREED_TARGETS.get(name, 100) for name in measured}, doc.tahun)


def agree_targets(office, targets: dict, tahun: int) -> int:
	"""The Kasubag Evapor records the year's agreed target on each indicator master that
	has none yet (a target already agreed is kept). Returns how many were recorded."""
	recorded = 0
	with as_user(office.evapor):
		for name, target in targets.items():
			master = frappe.get_doc("Indikator Kinerja", name)
			if master.target_for(tahun) is None:
				master.append("targets", {"tahun": tahun, "target": target})
				master.save()
				recorded += 1
	return recorded


def measurement_of_the_year(office, tahun: int) -> str:
	"""The unit's Pengukuran Kinerja of the year that measures master indicators, or a new
	annual one the Camat opens for the seed's indicators (their targets from the Perjanjian Kinerja)."""
	filters = {"unit_kerja": office.unit, "tahun": tahun, "docstatus": ("<", 2)}
	for name in frappe.get_all("Pengukuran Kinerja", filters=filters, pluck="name", order_by="creation asc"):
		measured = {"parenttype": "Pengukuran Kinerja", "parent": name, "indikator_kinerja": ("is", "set")}
		if frappe.db.exists("Indikator Pengukuran", measured):
			return name
	agree_targets(office, AGREED_TARGETS, tahun)
	with as_user(office.camat):
		measurement = frappe.get_doc(
			{
				"doctype": "Pengukuran Kinerja",
				"unit_kerja": office.unit,
				"tahun": tahun,
				"periode": "Tahunan",
				"indikator": [{"indikator": name, "indikator_kinerja": name} for name in AGREED_TARGETS],
			}
		)
		return measurement.insert().name


def fill(doc, fieldnames):
	for fieldname in fieldnames:
		if doc.get(fieldname):
			continue
		df = doc.meta.get_field(fieldname)
		if df.fieldtype == "Table":
			child = frappe.get_meta(df.options)
			doc.append(fieldname, {f.fieldname: sample_value(f) for f in child.fields if f.reqd})
		elif df.fieldtype == "Link":
			continue
		else:
			doc.set(fieldname, sample_value(df))


def sample_value(df):
	return {"Float": 1, "Int": 1, "Currency": 1000000, "Text Editor": f"<p>{df.label}</p>"}.get(
		df.fieldtype, df.label
	)


def current_step(doc):
	sop, plan = get_sop_flow(doc.doctype)
	no = plan.step_of_state(doc.workflow_state)
	return sop, plan, (sop.step(no) if no else None)


def act(doc, user: str, action: str, office=None, reason: str | None = None):
	"""As `user`: supply the step's Kelengkapan (or the return reason), save, take the action."""
	sop, plan, step = current_step(doc)
	with as_user(user):
		doc = frappe.get_doc(doc.doctype, doc.name)
		if reason is not None:
			doc.return_reason = reason
		elif office is not None:
			satisfy(doc, step.requires, office)
		doc.save()
		return apply_workflow(doc, action)


def walk_to_end(doc, office, reject_each_check_once: bool = False):
	"""Take the document through its SOP with the owner of each step; optionally send
	it back once at every check step. Returns the final document and the actors."""
	sop, plan, step = current_step(doc)
	rejected, actors, guard = set(), [], 0
	while step is not None:
		guard += 1
		assert guard < 100, "the walk does not end"
		user = actor(office, step.role, step)
		if step.is_check and reject_each_check_once and step.no not in rejected:
			rejected.add(step.no)
			doc = act(doc, user, ACTIONS["disagree"], reason=f"Perbaiki langkah {step.on_disagree}")
		else:
			action = plan.transitions_from(doc.workflow_state)[0].action
			doc = act(doc, user, action, office)
		actors.append((step.no, user))
		sop, plan, step = current_step(doc)
	return doc, actors


def make_incoming_letter(office, disposed: bool = True) -> str:
	"""An incoming letter registered by the mail office and disposed by the Camat."""
	with as_user(office.umum):
		letter = frappe.get_doc(
			{
				"doctype": "Surat Masuk",
				"unit_kerja": office.unit,
				"pengirim": "Bupati Bandung c.q. Kepala Bappeda",
				"nomor_surat": "000.7.2.10/112/Bappeda/2027",
				"tanggal_surat": "2027-01-10",
				"perihal": "Penyusunan Dokumen Evaluasi Kinerja",
			}
		).insert()
	if disposed:
		with as_user(office.camat):
			letter.append(
				"disposisi",
				{"kepada": office.sekretaris, "instruksi": "Bentuk tim dan susun dokumen evaluasi."},
			)
			letter.save()
	return letter.name


def deliver_letter(name: str, recipients=("Bupati Bandung", "Kepala Bappeda")):
	"""As the session user (the mail office): recipients, register, send, every receipt."""
	letter = frappe.get_doc("Surat Keluar", name)
	if letter.docstatus == 0:
		for recipient in recipients:
			letter.append("penerima", {"nama_penerima": recipient, "metode_pengiriman": "Diantar Langsung"})
		letter.save()
		letter = apply_workflow(letter, "Daftarkan")
	if letter.workflow_state == "Terdaftar":
		letter = apply_workflow(frappe.get_doc("Surat Keluar", name), "Kirim")
	letter = frappe.get_doc("Surat Keluar", name)
	for row in letter.penerima:
		if not row.diterima_pada:
			frappe.get_doc("Surat Keluar", name).record_receipt(
				row.name, f"Penerima {row.idx}", position="Staf TU"
			)
	return frappe.get_doc("Surat Keluar", name)
