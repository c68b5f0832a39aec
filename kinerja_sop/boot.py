"""What the desk receives at login: the catalogue's lists, so the form and
list scripts need no copy of them."""

from kinerja_sop.domain.catalogue import SOP_DOCUMENTS, UNIT_DOCUMENTS


def boot_session(bootinfo):
	bootinfo.kinerja_sop = {"sop_documents": list(SOP_DOCUMENTS), "unit_documents": list(UNIT_DOCUMENTS)}
