"""Unit scoping: a user sees and acts only within the Unit Kerja granted to them.

Frappe's User Permissions already restrict a user who has one for Unit Kerja;
a user with none would see every unit, so these hooks close that gap on the
server: no grant, no unit. Administrators of the app see all units.
"""

import frappe
from frappe.core.doctype.user_permission.user_permission import get_user_permissions

from kinerja_sop.domain.catalogue import ADMIN_ROLE

UNIT_DOCTYPE = "Unit Kerja"
UNIT_ADMIN_ROLES = {"System Manager", ADMIN_ROLE}


def is_unit_admin(user: str | None = None) -> bool:
	user = user or frappe.session.user
	return user == "Administrator" or bool(UNIT_ADMIN_ROLES & set(frappe.get_roles(user)))


def get_user_units(user: str | None = None) -> list[str]:
	"""The units the user was granted through User Permissions."""
	user = user or frappe.session.user
	return [perm.get("doc") for perm in get_user_permissions(user).get(UNIT_DOCTYPE, [])]


def unit_query_conditions(user: str | None, doctype: str, unit_field: str) -> str:
	if is_unit_admin(user):
		return ""
	units = get_user_units(user)
	if not units:
		return "1=0"
	values = ", ".join(frappe.db.escape(unit) for unit in units)
	return f"`tab{doctype}`.`{unit_field}` in ({values})"


def unit_kerja_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	return unit_query_conditions(user, UNIT_DOCTYPE, "name")


def has_unit_kerja_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	if is_unit_admin(user) or doc.is_new():
		return None
	return doc.name in get_user_units(user)


def unit_document_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	return unit_query_conditions(user, doctype, "unit_kerja")


def has_unit_document_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	"""A document belongs to one Unit Kerja: only that unit's users may touch it."""
	if is_unit_admin(user) or not doc.get("unit_kerja"):
		return None
	return doc.unit_kerja in get_user_units(user)


def get_unit_role_holders(unit: str, role: str | None) -> list[str]:
	"""Enabled users granted the unit, holding `role` (any role when None)."""
	granted = frappe.get_all(
		"User Permission", filters={"allow": UNIT_DOCTYPE, "for_value": unit}, pluck="user", distinct=True
	)
	if not granted:
		return []
	filters = {"name": ("in", granted), "enabled": 1}
	users = frappe.get_all("User", filters=filters, pluck="name")
	if role is None:
		return users
	holders = set(
		frappe.get_all(
			"Has Role", filters={"role": role, "parenttype": "User", "parent": ("in", users)}, pluck="parent"
		)
	)
	return [user for user in users if user in holders]
