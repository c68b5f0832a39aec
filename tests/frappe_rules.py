"""What Frappe v15 accepts in DocType JSON, written down so the static tier can
check our files without Frappe (taken from frappe/model/__init__.py and
frappe/core/doctype/doctype/doctype.py of Frappe 15)."""

FIELD_TYPES = {
	"Autocomplete", "Attach", "Attach Image", "Barcode", "Button", "Check", "Code", "Color",
	"Column Break", "Currency", "Data", "Date", "Datetime", "Duration", "Dynamic Link", "Float",
	"Fold", "Geolocation", "Heading", "HTML", "HTML Editor", "Icon", "Image", "Int", "JSON",
	"Link", "Long Text", "Markdown Editor", "Password", "Percent", "Phone", "Read Only",
	"Rating", "Section Break", "Select", "Signature", "Small Text", "Tab Break", "Table",
	"Table MultiSelect", "Text", "Text Editor", "Time",
}  # fmt: skip
NO_VALUE_TYPES = {
	"Section Break",
	"Column Break",
	"Tab Break",
	"HTML",
	"Table",
	"Table MultiSelect",
	"Button",
	"Image",
	"Fold",
	"Heading",
}
RESERVED_FIELDNAMES = {
	"doctype", "name", "owner", "creation", "modified", "modified_by", "docstatus", "idx",
	"parent", "parentfield", "parenttype", "_user_tags", "_comments", "_assign", "_liked_by", "_seen",
}  # fmt: skip
DATA_OPTIONS = {"", "Email", "Name", "Phone", "URL", "Barcode", "IBAN"}
# Frappe's own DocTypes our links may point at.
FRAPPE_DOCTYPES = {
	"User", "Role", "DocType", "File", "Workflow State", "Workflow", "Print Format", "Letter Head",
	"Module Def", "ToDo", "Country", "Currency", "Comment", "Communication", "Workflow Action",
}  # fmt: skip
FRAPPE_ROLES = {"System Manager", "Administrator", "All", "Guest", "Desk User"}
