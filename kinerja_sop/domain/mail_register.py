"""The outgoing-mail register's own workflow (SOP Pengiriman): a letter is
registered (and numbered), sent, and done when every recipient's receipt is in."""

from kinerja_sop.domain.catalogue import KASUBAG_UMUM, STAF
from kinerja_sop.domain.workflow_builder import StatePlan, TransitionPlan, WorkflowPlan

KONSEP, TERDAFTAR, DIKIRIM, DITERIMA_SEMUA, DIBATALKAN = (
	"Konsep",
	"Terdaftar",
	"Dikirim",
	"Diterima Semua",
	"Dibatalkan",
)
MAIL_ROLES = (KASUBAG_UMUM, STAF)


def surat_keluar_workflow() -> WorkflowPlan:
	states = (
		StatePlan(KONSEP, None, 0, STAF, "Primary"),
		StatePlan(TERDAFTAR, None, 1, KASUBAG_UMUM, "Info"),
		StatePlan(DIKIRIM, None, 1, STAF, "Warning"),
		StatePlan(DITERIMA_SEMUA, None, 1, STAF, "Success"),
		StatePlan(DIBATALKAN, None, 2, KASUBAG_UMUM, "Danger"),
	)
	moves = (
		(KONSEP, "Daftarkan", TERDAFTAR, MAIL_ROLES),
		(TERDAFTAR, "Kirim", DIKIRIM, MAIL_ROLES),
		(DIKIRIM, "Selesai Diterima", DITERIMA_SEMUA, MAIL_ROLES),
		(TERDAFTAR, "Batalkan", DIBATALKAN, (KASUBAG_UMUM,)),
	)
	transitions = tuple(
		TransitionPlan(state, action, next_state, role, "do", True)
		for state, action, next_state, roles in moves
		for role in roles
	)
	return WorkflowPlan("Alur Surat Keluar", "Surat Keluar", states, transitions, sign_step=None)
