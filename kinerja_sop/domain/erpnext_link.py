"""The optional ERPNext/HRMS link, as data: which fields it adds, which of
ERPNext's fields it reads and writes, and how an official maps onto an Employee.

ERPNext is never a dependency: the Frappe glue (`kinerja_sop.integrations.erpnext`)
creates these Custom Fields only on a site where ERPNext is installed. The
static tier checks every definition here against ERPNext v15's own
employee.json and department.json (tests/data/erpnext_v15/).
"""

from datetime import date

from kinerja_sop.domain.officials import parse_nip

APP = "erpnext"

# Custom Fields on our DocTypes that link to ERPNext's; created only with ERPNext.
CUSTOM_FIELDS = {
	"Pejabat Unit Kerja": [
		{
			"fieldname": "employee",
			"fieldtype": "Link",
			"options": "Employee",
			"label": "Employee",
			"insert_after": "user",
			"description": "The ERPNext Employee of this official (NIP in Employee Number)",
		},
	],
	"Unit Kerja": [
		{
			"fieldname": "company",
			"fieldtype": "Link",
			"options": "Company",
			"label": "Company",
			"insert_after": "province",
			"description": "ERPNext Company whose Employees are this unit's officials",
		},
		{
			"fieldname": "department",
			"fieldtype": "Link",
			"options": "Department",
			"label": "Department",
			"insert_after": "company",
			"description": "ERPNext Department of this unit",
		},
	],
}

# ERPNext's fields this app writes or reads: fieldname -> (fieldtype, options).
EMPLOYEE_FIELDS = {
	"employee_number": ("Data", None),
	"first_name": ("Data", None),
	"employee_name": ("Data", None),
	"gender": ("Link", "Gender"),
	"date_of_birth": ("Date", None),
	"date_of_joining": ("Date", None),
	"status": ("Select", None),
	"user_id": ("Link", "User"),
	"company": ("Link", "Company"),
	"department": ("Link", "Department"),
	"designation": ("Link", "Designation"),
}
EMPLOYEE_STATUSES = ("Active", "Inactive")
DEPARTMENT_FIELDS = {
	"department_name": ("Data", None),
	"company": ("Link", "Company"),
}

# Which side is the source of truth: an administrator's setting.
SYNC_OFF = "Off"
TO_ERPNEXT = "Kinerja SOP to ERPNext"
FROM_ERPNEXT = "ERPNext to Kinerja SOP"
SYNC_DIRECTIONS = (SYNC_OFF, TO_ERPNEXT, FROM_ERPNEXT)


def employee_values(official: dict, company: str, department: str | None) -> dict:
	"""An official (a Pejabat Unit Kerja row) as the Employee fields it fills.

	The NIP gives what ERPNext requires and the officials table does not hold:
	birth date, gender, and the CPNS appointment as the date of joining.
	"""
	nip = parse_nip(official["nip"])
	year, month = nip.appointed
	return {
		"employee_number": nip.value,
		"first_name": official["full_name"],
		"gender": "Male" if nip.gender == "L" else "Female",
		"date_of_birth": nip.birth_date,
		"date_of_joining": date(year, month, 1),
		"status": "Active" if official.get("is_active") else "Inactive",
		"user_id": official.get("user") or None,
		"company": company,
		"department": department or None,
		"designation": official.get("position_title") or None,
	}


def official_values(employee: dict) -> dict:
	"""An Employee as the official's fields it fills (ERPNext as the source).

	An Employee without a User leaves the official's User link alone.
	"""
	values = {
		"full_name": employee["employee_name"],
		"position_title": employee.get("designation") or None,
		"is_active": 1 if employee.get("status") == "Active" else 0,
	}
	if employee.get("user_id"):
		values["user"] = employee["user_id"]
	return values
