"""English on a page meant for an Indonesian user: a visible text that is one of the
English source strings of Frappe or of this app with no Indonesian translation for
the user (Frappe's own id.csv merged with the app's, the app's winning as in Frappe).
A source string with placeholders counts where one of its literal parts, of two
words or more, stands in a text of the page untranslated."""

import csv
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
APP_TRANSLATIONS = REPO / "kinerja_sop" / "translations" / "id.csv"
PLACEHOLDER = re.compile(r"\{\d*\}")
WORD = re.compile(r"[A-Za-z]{2,}")


def read_csv(path: Path) -> dict[str, str]:
	if not path.exists():
		return {}
	with path.open(encoding="utf-8", newline="") as f:
		return {row[0]: row[1] for row in csv.reader(f) if len(row) >= 2}


def read_pot(path: Path) -> set[str]:
	"""msgids of a gettext template (single-line and continued strings)."""
	if not path.exists():
		return set()
	ids, current, in_id = set(), [], False
	for line in path.read_text(encoding="utf-8").splitlines():
		if line.startswith("msgid "):
			current, in_id = [line[6:]], True
		elif in_id and line.startswith('"'):
			current.append(line)
		else:
			if in_id:
				ids.add("".join(unquote(part) for part in current))
			in_id = False
	return {text for text in ids if text}


def unquote(part: str) -> str:
	return part.strip()[1:-1].replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


class EnglishFinder:
	def __init__(self, frappe_app: Path):
		translations = read_csv(frappe_app / "translations" / "id.csv")
		translations.update(read_csv(APP_TRANSLATIONS))
		self.translations = translations
		sources = read_pot(frappe_app / "locale" / "main.pot") | set(translations)
		self.untranslated = {text for text in sources if self.is_english_only(text)}
		self.plain = {text for text in self.untranslated if not PLACEHOLDER.search(text)}
		self.parts = {}
		for text in self.untranslated - self.plain:
			for part in PLACEHOLDER.split(text):
				part = part.strip(" :.,()")
				if len(WORD.findall(part)) >= 2 and len(part) >= 10:
					self.parts.setdefault(part, text)

	def is_english_only(self, text: str) -> bool:
		"""Has letters, is not an acronym or a single short word, and no Indonesian is shipped
		for it (a translation the same as the source, "Filter", "Status", is Indonesian too)."""
		if self.translations.get(text, "").strip():
			return False
		words = WORD.findall(PLACEHOLDER.sub("", text))
		if not words or text.isupper() or (len(words) == 1 and len(words[0]) <= 3):
			return False
		return True

	def find(self, texts: list[str]) -> set[str]:
		found = {text for text in texts if text in self.plain}
		for text in texts:
			for part, source in self.parts.items():
				if part in text:
					found.add(f"{source} (as: {text[:80]})")
		return found
