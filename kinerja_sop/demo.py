"""Demo data: a kecamatan with its officials, one user per role and documents of
every kind at several SOP steps, so a new user or a reviewer sees a living system.

	bench --site <site> set-config developer_mode 1   (or: set-config kinerja_demo 1)
	bench --site <site> execute kinerja_sop.demo.seed

Every step is taken by the real user who owns it, through the real workflow
(the walking helpers of the integration tier), so the step logs, letters and
receipts are what the office would have produced. Idempotent: a record that is
already there (the unit by its name, a document by unit, kind, year and period)
is left as it is, so a second run creates nothing and prints the same summary.
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow
from frappe.permissions import add_user_permission
from frappe.utils import get_url
from frappe.utils.password import update_password

from kinerja_sop.domain.catalogue import TEAM_ROLE
from kinerja_sop.domain.kpi import (
	achievement,
	active_siskamling_groups,
	ktp_completion_days,
	musrenbang_participation,
	round_half_up,
)
from kinerja_sop.domain.mail_register import KONSEP, TERDAFTAR
from kinerja_sop.domain.workflow_builder import ACTIONS, FINAL_STATE
from kinerja_sop.kinerja.doctype.indikator_kinerja.indikator_kinerja import SEED_INDICATORS
from kinerja_sop.kinerja.sop_document import get_sop_flow
from kinerja_sop.walk import act, actor, agree_targets, as_user, current_step, satisfy

UNIT = "Kecamatan Sukamaju"
UNIT_CODE = "KEC.SKM"
# Local demo logins only: printed by the command, never for a real site.
DEMO_PASSWORD = "Kinerja#2027"
YEAR = 2026  # fixed, so that a run next year finds the same documents

# (office key, role, email, first name, last name, full name with titles, NIP, pangkat/golongan, position)
# NIP: birth date YYYYMMDD, CPNS appointment YYYYMM, gender 1/2, serial.
OFFICIALS = (
	("camat", "Camat", "camat@sukamaju.demo", "Asep", "Saepudin", "Drs. H. Asep Saepudin, M.Si.",
		"197203141998031001", "Pembina Tingkat I (IV/b)", "Camat Sukamaju"),
	("sekretaris", "Sekretaris", "sekretaris@sukamaju.demo", "Rina", "Marlina", "Hj. Rina Marlina, S.IP., M.AP.",
		"197808212003122004", "Pembina (IV/a)", "Sekretaris Kecamatan"),
	("evapor", "Kasubag Evapor", "kasubag.evapor@sukamaju.demo", "Dedi", "Kurniawan", "Dedi Kurniawan, S.E., M.M.",
		"198305092009011003", "Penata Tingkat I (III/d)", "Kepala Subbagian Evaluasi dan Pelaporan"),
	("umum", "Kasubag Umum", "kasubag.umum@sukamaju.demo", "Yuyun", "Yuningsih", "Yuyun Yuningsih, S.Sos.",
		"198511022010032002", "Penata (III/c)", "Kepala Subbagian Umum dan Kepegawaian"),
	("staf", "Staf", "staf@sukamaju.demo", "Ujang", "Sopandi", "Ujang Sopandi, A.Md.",
		"199002172014031001", "Pengatur Tingkat I (II/d)", "Pengadministrasi Umum"),
)  # fmt: skip
# Team members are staff outside the officials table: a User Permission on the unit and the Tim Kinerja role.
TEAM = (
	("tim1", "tim1@sukamaju.demo", "Neng Siti", "Nurhasanah", "Neng Siti Nurhasanah, S.Kom."),
	("tim2", "tim2@sukamaju.demo", "Rizky", "Firmansyah", "Rizky Firmansyah, S.T."),
)

# Where the register sends the office's letters, and who signs for them.
LETTER_RECIPIENTS = (
	("Bupati Bandung c.q. Kepala Bappeda Kabupaten Bandung", "Jl. Raya Soreang Km 17, Soreang", "Diantar Langsung",
		"Wawan Hermawan", "Pengadministrasi Umum Bappeda"),
	("Inspektur Kabupaten Bandung", "Komplek Pemerintah Kabupaten Bandung, Soreang", "Diantar Langsung",
		"Lilis Suryani, S.E.", "Staf Sekretariat Inspektorat"),
)  # fmt: skip


class NotADemoSiteError(frappe.ValidationError):
	pass


@dataclass(frozen=True)
class DemoDocument:
	doctype: str
	tahun: int
	periode: str | None
	stop_at: int | None  # the step it is left waiting at; None: walked to Selesai
	# Values may be callables, called when needed: links to documents made earlier, uploads.
	values: dict = field(default_factory=dict)  # set when it is created
	content: dict = field(default_factory=dict)  # step no -> what the step's owner writes
	returns: dict = field(default_factory=dict)  # step no -> reason it is sent back once
	receipts: int | None = None  # left at a mail step: the letter sent, this many receipts in


def seed(commit: bool = True):
	"""Seed the demo office and its documents, then print who can log in and where each document is.

	bench execute commits after the call anyway; committing here keeps a console
	call (bench console) from losing the data. Tests pass commit=False.
	"""
	if not (frappe.conf.developer_mode or frappe.conf.get("kinerja_demo")):
		frappe.throw(
			_(
				"Demo data is seeded only on a site in developer mode or with kinerja_demo set: bench --site {0} set-config kinerja_demo 1"
			).format(frappe.local.site),
			exc=NotADemoSiteError,
		)
	created = []
	office = ensure_office(created)
	ensure_agreement(office, created)
	documents = [ensure_document(spec, office, created) for spec in demo_documents(office)]
	print("\n".join(summary(office, documents)))
	counts = ", ".join(f"{kind}: {n}" for kind, n in Counter(created).items())
	print(f"Created this run: {counts or 'nothing (the demo data was already there)'}")
	if commit:
		frappe.db.commit()


# --- the office ------------------------------------------------------------------


def ensure_office(created: list) -> SimpleNamespace:
	"""The unit, its officials and team members as users: the shape the walking helpers act with."""
	users = {}
	for key, _role, email, first, last, *_rest in OFFICIALS:
		users[key] = ensure_user(email, first, last, (), created)
	for key, email, first, last, _full in TEAM:
		users[key] = ensure_user(email, first, last, (TEAM_ROLE,), created)
	if frappe.db.exists("Unit Kerja", UNIT):
		# The README's example unit may have been made by hand: walking its documents as our users would fail.
		camat = frappe.db.get_value(
			"Pejabat Unit Kerja", {"parent": UNIT, "sop_role": "Camat", "is_active": 1}, "user"
		)
		if camat != users["camat"]:
			frappe.throw(
				_(
					"Unit Kerja {0} exists but was not made by the demo seed; rename or delete it first."
				).format(UNIT)
			)
	else:
		frappe.get_doc(
			{
				"doctype": "Unit Kerja",
				"unit_name": UNIT,
				"unit_code": UNIT_CODE,
				"regency_city": "Kabupaten Bandung",
				"province": "Jawa Barat",
				"address": "Jl. Raya Sukamaju No. 12, Desa Sukamaju, Kecamatan Sukamaju",
				"postal_code": "40385",
				"phone": "(022) 5950123",
				"email": "kecamatan@sukamaju.demo",
				"time_zone": "Asia/Jakarta",
				"officials": [
					{
						"sop_role": role,
						"full_name": full_name,
						"nip": nip,
						"pangkat_golongan": pangkat,
						"position_title": position,
						"user": email,
						"is_active": 1,
					}
					for _key, role, email, _first, _last, full_name, nip, pangkat, position in OFFICIALS
				],
			}
		).insert(ignore_permissions=True)  # saving grants each official the role and the unit
		created.append("unit")
	for key, *_rest in TEAM:
		add_user_permission("Unit Kerja", UNIT, users[key], ignore_permissions=True)
	return SimpleNamespace(unit=UNIT, attachment=None, **users)


def ensure_user(email: str, first_name: str, last_name: str, roles: tuple, created: list) -> str:
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": first_name,
				"last_name": last_name,
				"send_welcome_email": 0,
				"user_type": "System User",
				# The officials get these from the unit too; the team members only from here.
				"language": "id",
				"time_zone": "Asia/Jakarta",
				"roles": [{"role": role} for role in roles],
			}
		).insert(ignore_permissions=True)
		created.append("user")
	# Set on every run so that the printed password always logs in.
	update_password(email, DEMO_PASSWORD)
	return email


# --- documents -------------------------------------------------------------------


def find_document(doctype: str, tahun: int, periode: str | None = None) -> str | None:
	filters = {"unit_kerja": UNIT, "tahun": tahun, "docstatus": ("<", 2)}
	if periode:
		filters["periode"] = periode
	return frappe.db.get_value(doctype, filters, "name", order_by="creation asc")


def ensure_document(spec: DemoDocument, office, created: list):
	name = find_document(spec.doctype, spec.tahun, spec.periode)
	if name:
		return frappe.get_doc(spec.doctype, name)
	doc = walk(start_document(spec, office), spec, office)
	created.append("document")
	return doc


def start_document(spec: DemoDocument, office):
	sop, plan = get_sop_flow(spec.doctype)
	first = sop.step(plan.step_of_state(plan.first_state))
	doc = frappe.get_doc({"doctype": spec.doctype, "unit_kerja": office.unit, "tahun": spec.tahun})
	if spec.periode:
		doc.periode = spec.periode
	for fieldname, value in spec.values.items():
		doc.set(fieldname, value() if callable(value) else value)
	if first.role == TEAM_ROLE:
		satisfy(doc, ("tim",), office)  # Data IKU and Laporan start with the team's own step
	with as_user(actor(office, first.role, first)):
		return doc.insert()


def walk(doc, spec: DemoDocument, office):
	"""Take the document step by step to where the demo leaves it."""
	returns = dict(spec.returns)
	for _guard in range(100):
		_sop, _plan, step = current_step(doc)
		if step is None:
			return doc
		if step.no in returns:
			doc = act(doc, actor(office, step.role, step), ACTIONS["disagree"], reason=returns.pop(step.no))
		elif step.no == spec.stop_at:
			if spec.receipts is not None:
				with as_user(actor(office, step.role, step)):
					send_letter(doc.surat_keluar, received=spec.receipts)
				doc = frappe.get_doc(doc.doctype, doc.name)
			return doc
		else:
			doc = take_step(doc, spec, office)
	raise AssertionError(f"the walk of {doc.name} does not end")


def take_step(doc, spec: DemoDocument, office):
	"""As the step's owner: write this step's content, supply whatever else its Kelengkapan asks, move on."""
	_sop, plan, step = current_step(doc)
	with as_user(actor(office, step.role, step)):
		doc = frappe.get_doc(doc.doctype, doc.name)
		for fieldname, value in spec.content.get(step.no, {}).items():
			if not doc.get(fieldname):  # a step done again after a return keeps what was written
				doc.set(fieldname, value() if callable(value) else value)
		if "bukti_pengiriman" in step.requires and not doc.has_requirement("bukti_pengiriman"):
			send_letter(doc.surat_keluar)
		satisfy(doc, [key for key in step.requires if not doc.has_requirement(key)], office)
		doc.save()
		return apply_workflow(doc, plan.transitions_from(doc.workflow_state)[0].action)


def send_letter(name: str, received: int | None = None):
	"""As the session user (the mail office): recipients, register, send, and the receipts back so far."""
	letter = frappe.get_doc("Surat Keluar", name)
	if letter.workflow_state == KONSEP:
		for recipient, address, method, *_receiver in LETTER_RECIPIENTS:
			letter.append(
				"penerima", {"nama_penerima": recipient, "alamat": address, "metode_pengiriman": method}
			)
		letter.jumlah_lampiran = 1
		letter.save()
		letter = apply_workflow(letter, "Daftarkan")
	if letter.workflow_state == TERDAFTAR:
		letter = apply_workflow(frappe.get_doc("Surat Keluar", name), "Kirim")
	receivers = {
		recipient: (receiver, position) for recipient, _at, _by, receiver, position in LETTER_RECIPIENTS
	}
	for row in frappe.get_doc("Surat Keluar", name).penerima[:received]:
		if not row.diterima_pada:
			receiver, position = receivers[row.nama_penerima]
			frappe.get_doc("Surat Keluar", name).record_receipt(
				row.name, received_by=receiver, position=position
			)


def attachment(file_name: str, text: str):
	"""A file as the desk uploads it: unattached until the document is saved, when
	Frappe attaches it to the document and field (so the document's readers may open it)."""

	def upload() -> str:
		file = frappe.get_doc(
			{"doctype": "File", "file_name": file_name, "content": text.encode(), "is_private": 1}
		)
		return file.insert(ignore_permissions=True).file_url

	return upload


def incoming_letter(office) -> str:
	"""The Sekda's request for the evaluation document, registered and disposed to the Sekretaris."""
	with as_user(office.umum):
		letter = frappe.get_doc(
			{
				"doctype": "Surat Masuk",
				"unit_kerja": office.unit,
				"tanggal_diterima": f"{YEAR}-11-04",
				"pengirim": "Sekretaris Daerah Kabupaten Bandung",
				"nomor_surat": f"000.8.6.3/2418/Org/{YEAR}",
				"tanggal_surat": f"{YEAR}-11-02",
				"perihal": f"Penyusunan Dokumen Evaluasi Kinerja Perangkat Daerah Tahun {YEAR}",
				"sifat": "Segera",
				"klasifikasi": "000.8.6.3",
			}
		).insert()
	with as_user(office.camat):
		letter.append(
			"disposisi",
			{
				"kepada": office.sekretaris,
				"instruksi": "Bentuk Tim Kinerja dan susun Dokumen Evaluasi Kinerja; siapkan DPA, LRA, realisasi fisik dan dokumentasi kegiatan.",
				"batas_waktu": f"{YEAR}-12-11",
			},
		)
		letter.save()
	return letter.name


# --- what the office writes ------------------------------------------------------


def angka(value) -> str:
	"""Indonesian number format: 1.176 and 2,80."""
	return format(value, ",").replace(",", "#").replace(".", ",").replace("#", ".")


# The seed's three indicators, measured by the app's own formulas (SOP Pengukuran, step 5 remark).
POPULATION, MUSRENBANG_ATTENDEES = 42_000, 1_176
KTP_DAYS = (2, 3, 2, 2, 3, 2, 3, 2, 2, 3)  # a sample of the quarter's register
SISKAMLING_GROUPS = (1,) * 21 + (0,) * 5  # 26 groups registered, 21 patrolling
INDICATOR_MASTERS = tuple(
	values["indicator_name"] for values in SEED_INDICATORS
)  # Musrenbang, KTP, Siskamling
TARGETS = {"musrenbang": Decimal("2.5"), "ktp": Decimal("3"), "siskamling": Decimal("24")}


def measured() -> list[dict]:
	participation = musrenbang_participation(MUSRENBANG_ATTENDEES, POPULATION).percent
	ktp = ktp_completion_days(KTP_DAYS, TARGETS["ktp"])
	groups = active_siskamling_groups(SISKAMLING_GROUPS)
	rows = (
		("Persentase partisipasi penduduk dalam Musrenbang Kecamatan", "%", TARGETS["musrenbang"], participation,
			f"{angka(MUSRENBANG_ATTENDEES)} peserta hadir dari {angka(POPULATION)} penduduk",
			achievement(participation, TARGETS["musrenbang"])),
		("Rata-rata lama penyelesaian KTP-el", "Hari", TARGETS["ktp"], ktp.average_days,
			"Register pelayanan KTP-el Juli–September; standar SOP pemrosesan 3 hari", ktp.achievement),
		("Jumlah kelompok siskamling aktif", "Kelompok", TARGETS["siskamling"], Decimal(groups),
			f"{groups} dari {len(SISKAMLING_GROUPS)} kelompok terdaftar melaksanakan ronda",
			achievement(groups, TARGETS["siskamling"])),
	)  # fmt: skip
	return [
		{
			"indikator": indicator,
			"indikator_kinerja": master,
			"satuan": unit,
			"target": float(target),
			"realisasi": float(round_half_up(real)),
			"keterangan": f"{note}; capaian {angka(round_half_up(score))}%",
		}
		for master, (indicator, unit, target, real, note, score) in zip(INDICATOR_MASTERS, rows, strict=True)
	]


# Whole years, for the achievement-over-the-years chart: (target, realisation) per indicator.
ANNUAL = {
	YEAR - 1: (
		(Decimal("2.5"), Decimal("2.3")),
		(Decimal("3"), Decimal("3.2")),
		(Decimal("22"), Decimal("19")),
	),
	YEAR: ((Decimal("2.5"), Decimal("2.8")), (Decimal("3"), Decimal("2.4")), (Decimal("24"), Decimal("21"))),
}


def ensure_agreement(office, created: list):
	"""The Perjanjian Kinerja of each measured year: the agreed targets, on the indicator masters."""
	for year, figures in ANNUAL.items():
		targets = {
			master: float(target) for master, (target, _real) in zip(INDICATOR_MASTERS, figures, strict=True)
		}
		created.extend(["agreed target"] * agree_targets(office, targets, year))


def measured_year(year: int) -> list[dict]:
	return [
		{"indikator": master, "indikator_kinerja": master, "target": float(target), "realisasi": float(real)}
		for master, (target, real) in zip(INDICATOR_MASTERS, ANNUAL[year], strict=True)
	]


def annual_measurement(year: int) -> DemoDocument:
	return DemoDocument(
		"Pengukuran Kinerja",
		year,
		"Tahunan",
		None,
		content={
			3: {"ringkasan": f"<p>Pengukuran kinerja tahunan {year} atas tiga IKU Kecamatan Sukamaju.</p>"},
			4: {"indikator": measured_year(year)},
		},
	)


def renja_programs(year: int) -> list[dict]:
	later = year > YEAR  # next year's plan asks a little more
	rows = (
		("Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
			"Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
			"Penyusunan Dokumen Perencanaan Perangkat Daerah",
			"Jumlah dokumen perencanaan dan evaluasi kinerja", 6, "Dokumen", 18_500_000, "APBD Kabupaten/Kota",
			"Kantor Kecamatan Sukamaju"),
		("Program Penyelenggaraan Pemerintahan dan Pelayanan Publik",
			"Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan",
			"Penyelenggaraan Musyawarah Perencanaan Pembangunan Kecamatan",
			"Persentase partisipasi penduduk dalam Musrenbang", 3.0 if later else 2.5, "%", 42_750_000,
			"APBD Kabupaten/Kota", "Aula Kecamatan Sukamaju"),
		("Program Penyelenggaraan Pemerintahan dan Pelayanan Publik",
			"Peningkatan Kualitas Pelayanan Publik",
			"Pelayanan Administrasi Kependudukan di Kecamatan",
			"Rata-rata lama penyelesaian KTP-el", 2.5 if later else 3, "Hari", 36_000_000, "APBD Kabupaten/Kota",
			"Kantor Kecamatan Sukamaju"),
		("Program Koordinasi Ketenteraman dan Ketertiban Umum",
			"Koordinasi Upaya Penyelenggaraan Ketenteraman dan Ketertiban Umum",
			"Pembinaan Sistem Keamanan Lingkungan (Siskamling)",
			"Jumlah kelompok siskamling aktif", 26 if later else 24, "Kelompok", 27_300_000, "APBD Provinsi",
			"12 desa se-Kecamatan Sukamaju"),
		("Program Pemberdayaan Masyarakat Desa dan Kelurahan",
			"Penyelenggaraan Pemberdayaan Masyarakat Desa",
			"Pembinaan Lembaga Kemasyarakatan Desa",
			"Jumlah lembaga kemasyarakatan desa yang dibina", 12, "Lembaga", 31_200_000, "APBD Kabupaten/Kota",
			"12 desa se-Kecamatan Sukamaju"),
	)  # fmt: skip
	keys = (
		"program",
		"kegiatan",
		"sub_kegiatan",
		"indikator_kinerja",
		"target",
		"satuan",
		"pagu_indikatif",
		"sumber_dana",
		"lokasi",
	)
	growth = Decimal("1.06") if later else 1
	return [dict(zip(keys, row, strict=True)) | {"pagu_indikatif": float(row[6] * growth)} for row in rows]


# The year's budget spent per program of the Renja (LRA): Rp111.049.750 of Rp155.750.000, 71,3 %.
BUDGET_SPENT = (14_245_000, 57_093_750, 18_837_000, 20_874_000)
PHYSICAL_REALISATION = (80, 78, 72, 70)


def budget_realisation(year: int) -> list[dict]:
	"""The LKjIP's Realisasi Anggaran: each program of the year's Renja, its ceiling and what was spent."""
	ceilings = {}
	for row in renja_programs(year):
		ceilings[row["program"]] = ceilings.get(row["program"], 0) + row["pagu_indikatif"]
	return [
		{
			"program": program,
			"pagu_anggaran": ceiling,
			"realisasi_anggaran": spent,
			"realisasi_fisik": physical,
		}
		for (program, ceiling), spent, physical in zip(
			ceilings.items(), BUDGET_SPENT, PHYSICAL_REALISATION, strict=True
		)
	]


def renja(year: int, stop_at: int | None, returns: dict | None = None) -> DemoDocument:
	return DemoDocument(
		"Renja",
		year,
		None,
		stop_at,
		returns=returns or {},
		content={
			3: {
				"lampiran_data_sumber": attachment(
					f"rekap-usulan-musrenbang-sukamaju-{year}.txt",
					f"Rekapitulasi usulan Musrenbang Kecamatan Sukamaju untuk Renja {year}: 87 usulan dari 12 desa.",
				),
				"program_kegiatan": renja_programs(year),
			},
			5: {
				"pendahuluan": f"<p>Rencana Kerja (Renja) Kecamatan Sukamaju Tahun {year} menjabarkan Rencana Strategis Kecamatan Sukamaju 2025–2029 dan Rencana Kerja Pemerintah Daerah Kabupaten Bandung Tahun {year}, dengan memperhatikan hasil Musrenbang Kecamatan.</p><p>Dasar hukum: Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah, Peraturan Pemerintah Nomor 17 Tahun 2018 tentang Kecamatan, dan Peraturan Menteri Dalam Negeri Nomor 86 Tahun 2017.</p>",
				"hasil_evaluasi_renja_lalu": f"<p>Realisasi anggaran Renja Tahun {year - 1} mencapai 94,6% dengan capaian kinerja rata-rata 103,2%. Partisipasi penduduk dalam Musrenbang meningkat; jumlah kelompok siskamling aktif belum mencapai target karena sebagian pos ronda di Desa Mekarsari dan Desa Cibodas tidak lagi beroperasi.</p>",
				"tujuan_dan_sasaran": "<p><b>Tujuan:</b> meningkatnya kualitas penyelenggaraan pemerintahan dan pelayanan publik di Kecamatan Sukamaju.</p><p><b>Sasaran:</b></p><ol><li>Meningkatnya partisipasi masyarakat dalam perencanaan pembangunan.</li><li>Meningkatnya kecepatan pelayanan administrasi kependudukan.</li><li>Meningkatnya ketenteraman dan ketertiban umum berbasis masyarakat.</li></ol>",
				"penutup": f"<p>Renja Kecamatan Sukamaju Tahun {year} menjadi pedoman pelaksanaan program dan kegiatan selama satu tahun anggaran. Pelaksanaannya dipantau setiap triwulan dan hasilnya dilaporkan dalam Laporan Kinerja Instansi Pemerintah.</p>",
			},
			10: {
				"disposisi": "Kasubag Umum: gandakan dan distribusikan kepada Bappeda dan Inspektorat Kabupaten Bandung."
			},
		},
	)


def demo_documents(office) -> list[DemoDocument]:
	"""One document of every kind, left at different steps (created in this order: later ones link earlier ones)."""
	renja_this_year = lambda: find_document("Renja", YEAR)  # noqa: E731
	return [
		annual_measurement(YEAR - 1),
		annual_measurement(YEAR),
		renja(YEAR, None),
		renja(
			YEAR + 1,
			6,
			returns={6: "Satuan indikator pada Bab IV belum seragam dengan Renstra; mohon diketik ulang."},
		),
		DemoDocument(
			"Pengukuran Kinerja",
			YEAR,
			"Triwulan III",
			None,
			values={"renja": renja_this_year},
			content={
				3: {
					"ringkasan": "<p>Pengukuran kinerja Triwulan III atas tiga Indikator Kinerja Utama (IKU) Kecamatan Sukamaju dengan formula SOP Pengukuran Kinerja: (1) jumlah peserta hadir pada Musrenbang dibagi jumlah penduduk, (2) lama hari rata-rata penyelesaian KTP dibanding SOP pemrosesan, (3) jumlah kelompok siskamling aktif.</p>"
				},
				4: {"indikator": measured()},
				8: {
					"tanggal_pelaksanaan": f"{YEAR}-10-08",
					"tempat_pelaksanaan": "Aula Kantor Kecamatan Sukamaju",
					"peserta": "Sekretaris Kecamatan, Kasubag Evaluasi dan Pelaporan, Tim Kinerja, perwakilan 12 desa",
				},
				9: {
					"hasil_pelaksanaan": "<p>Dua dari tiga IKU melampaui target: partisipasi Musrenbang 2,80% (target 2,5%) dan penyelesaian KTP-el rata-rata 2,4 hari (standar 3 hari). Kelompok siskamling aktif 21 dari target 24; Sekretaris mengusulkan pembinaan ulang pos ronda di Desa Mekarsari dan Desa Cibodas pada Triwulan IV.</p>"
				},
			},
		),
		DemoDocument(
			"Pemantauan Kinerja",
			YEAR,
			"Triwulan III",
			4,
			values={"renja": renja_this_year},
			content={
				3: {
					"ringkasan": "<p>Pemantauan Triwulan III mencakup lima program Renja Kecamatan Sukamaju: realisasi fisik dan keuangan sampai dengan 30 September dibandingkan dengan target triwulan, dengan fokus pada Musrenbang, pelayanan KTP-el dan pembinaan siskamling.</p><p>Data dihimpun dari laporan bulanan subbagian, register pelayanan KTP-el dan laporan pos ronda 12 desa.</p>"
				}
			},
		),
		DemoDocument(
			"Data IKU",
			YEAR,
			"Triwulan III",
			3,
			content={
				1: {
					"data_kinerja": [
						{
							"indikator": "Jumlah peserta hadir pada Musrenbang Kecamatan",
							"nilai": MUSRENBANG_ATTENDEES,
							"satuan": "Orang",
							"sumber_data": "Daftar hadir Musrenbang Kecamatan",
						},
						{
							"indikator": "Jumlah penduduk Kecamatan Sukamaju",
							"nilai": POPULATION,
							"satuan": "Jiwa",
							"sumber_data": "Data konsolidasi Disdukcapil Semester I",
						},
						{
							"indikator": "Rata-rata lama penyelesaian KTP-el",
							"nilai": float(
								round_half_up(ktp_completion_days(KTP_DAYS, TARGETS["ktp"]).average_days)
							),
							"satuan": "Hari",
							"sumber_data": "Register pelayanan KTP-el Kecamatan",
							"keterangan": "Standar SOP pemrosesan 3 hari",
						},
						{
							"indikator": "Jumlah kelompok siskamling aktif",
							"nilai": active_siskamling_groups(SISKAMLING_GROUPS),
							"satuan": "Kelompok",
							"sumber_data": "Laporan pos ronda 12 desa",
							"keterangan": f"Dari {len(SISKAMLING_GROUPS)} kelompok terdaftar",
						},
					]
				},
				2: {
					"catatan_pengolahan": "<p>Data diolah dengan formula IKU pada SOP Pengukuran Kinerja. Partisipasi Musrenbang = 1.176 : 42.000 = 2,80%. Lama penyelesaian KTP-el dihitung dari tanggal perekaman sampai KTP-el diterima pemohon.</p>"
				},
			},
		),
		DemoDocument(
			"Laporan Kinerja",
			YEAR,
			None,
			9,
			receipts=1,
			values={"renja": renja_this_year, "realisasi_anggaran": lambda: budget_realisation(YEAR)},
			content={
				1: {
					"pengukuran": lambda: find_document("Pengukuran Kinerja", YEAR, "Tahunan"),
					"bab_iii_akuntabilitas_kinerja": f"<p>Capaian IKU tahun {YEAR}: partisipasi Musrenbang 2,80% (capaian 112%), rata-rata penyelesaian KTP-el 2,4 hari (capaian 120%), kelompok siskamling aktif 21 (capaian 87,5%). Realisasi anggaran 71,3% dari pagu Rp155.750.000.</p>",
				},
				3: {
					"ikhtisar_eksekutif": "<p>Laporan Kinerja Kecamatan Sukamaju menyajikan capaian tiga IKU dan realisasi lima program Renja. Dua IKU melampaui target; pembinaan siskamling menjadi prioritas perbaikan.</p>",
					"bab_i_pendahuluan": "<p>Kecamatan Sukamaju merupakan perangkat daerah Kabupaten Bandung yang membawahi 12 desa dengan jumlah penduduk 42.000 jiwa. Laporan ini disusun sesuai Peraturan Presiden Nomor 29 Tahun 2014 tentang SAKIP.</p>",
					"bab_ii_perencanaan_kinerja": "<p>Perencanaan kinerja mengacu pada Renstra 2025–2029, Renja dan Perjanjian Kinerja Camat Sukamaju dengan Bupati Bandung.</p>",
					"bab_iv_penutup": "<p>Capaian kinerja secara umum baik. Langkah perbaikan: pembinaan ulang pos ronda dan perluasan pelayanan KTP-el keliling ke desa terjauh.</p>",
				},
				8: {
					"disposisi": "Kasubag Umum: agendakan, beri nomor surat keluar dan kirimkan kepada Bappeda dan Inspektorat."
				},
			},
		),
		DemoDocument(
			"Evaluasi Kinerja",
			YEAR,
			None,
			5,
			values={"surat_masuk": lambda: incoming_letter(office)},
			content={
				3: {
					"dpa": attachment(
						"dpa-kecamatan-sukamaju.txt",
						"DPA Kecamatan Sukamaju: 5 program, 5 kegiatan, pagu Rp155.750.000.",
					),
					"laporan_realisasi_anggaran": attachment(
						"lra-triwulan-iii.txt",
						"Laporan Realisasi Anggaran s.d. 30 September: Rp111.049.750 (71,3%).",
					),
					"realisasi_fisik": attachment(
						"realisasi-fisik-triwulan-iii.txt",
						"Realisasi fisik rata-rata 76% dari target tahunan.",
					),
					"dokumentasi_kegiatan": attachment(
						"dokumentasi-kegiatan.txt",
						"Foto Musrenbang, pelayanan KTP-el keliling dan patroli siskamling.",
					),
					"garis_besar": "<p>Dokumen Evaluasi Kinerja memuat: (1) capaian IKU sampai dengan Triwulan III, (2) realisasi anggaran dan fisik per program berdasarkan DPA, (3) permasalahan dan rekomendasi tindak lanjut.</p>",
				}
			},
		),
	]


# --- the printout ----------------------------------------------------------------


def summary(office, documents) -> list[str]:
	roles = {key: role for key, role, *_rest in OFFICIALS} | {key: TEAM_ROLE for key, *_rest in TEAM}
	names = {row[0]: row[5] for row in OFFICIALS} | {row[0]: row[4] for row in TEAM}
	lines = [
		f"Kinerja SOP demo on site {frappe.local.site} ({get_url()}): {UNIT} ({UNIT_CODE})",
		f"Users (password for all: {DEMO_PASSWORD}):",
	]
	lines += [f"  {getattr(office, key):<30} {roles[key]:<15} {names[key]}" for key in roles]
	lines.append("Documents:")
	for doc in documents:
		where = (
			doc.workflow_state
			if doc.workflow_state == FINAL_STATE
			else f"step {doc.workflow_state} ({doc.current_role})"
		)
		lines.append(f"  {doc.name:<16} {doc.title:<56} {where}{letter_state(doc)}")
	return lines


def letter_state(doc) -> str:
	if not doc.get("surat_keluar"):
		return ""
	receipts = frappe.get_all(
		"Penerima Surat Keluar", filters={"parent": doc.surat_keluar}, pluck="diterima_pada"
	)
	received = len([at for at in receipts if at])
	return f"; letter {doc.nomor_surat or doc.surat_keluar}: {doc.status_pengiriman}, {received} of {len(receipts)} receipts"
