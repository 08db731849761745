"""Erzeugt die binären Beispieldokumente des Starter-Korpus unter ``corpus/``.

Geschrieben werden drei Dateien, deren Text vollständig in diesem Skript steht:

* ``corpus/faq_vergabe_umsatzsteuer.pdf``  – FAQ zu § 108 GWB und § 2b UStG (fpdf2)
* ``corpus/checkliste_kooperation_starten.docx`` – Checkliste zum Start einer
  Kooperation mit Word-Überschriften und Listenabsätzen (python-docx)
* ``corpus/glossar_ikz.odt`` – Glossar mit vierzehn IKZ-Begriffen (odfpy)

Die Markdown- und HTML-Dokumente des Korpus werden von Hand gepflegt.

Die Ausgabe ist reproduzierbar: Erstellungsdaten sind fest eingestellt und die
ZIP-Container von DOCX und ODT werden mit festen Zeitstempeln neu gepackt, damit
ein erneuter Lauf keine unnötigen Git-Änderungen erzeugt.

Aufruf (aus dem Repository-Wurzelverzeichnis)::

    .venv/bin/python scripts/make_sample_corpus.py [--out corpus]
"""

from __future__ import annotations

import argparse
import io
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

FIXED_DATE = datetime(2026, 1, 15, 9, 0, 0, tzinfo=timezone.utc)
FIXED_ZIP_TIME = (2026, 1, 15, 9, 0, 0)
AUTHOR = "IKZ-Assistent (Beispielkorpus)"

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts"),
    Path("/Library/Fonts"),
)


# ---------------------------------------------------------------------------
# Gemeinsame Datenstrukturen
# ---------------------------------------------------------------------------


@dataclass
class Section:
    """Ein Abschnitt: Überschrift, Absätze und optional eine Liste."""

    heading: str
    paragraphs: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    numbered: bool = False


# ---------------------------------------------------------------------------
# 1. FAQ Vergabe und Umsatzsteuer (PDF)
# ---------------------------------------------------------------------------

FAQ_TITLE = "FAQ: Vergaberecht und Umsatzsteuer bei interkommunaler Zusammenarbeit"

FAQ_INTRO = [
    "Beispielmaterial für hessische Kommunen. Die Antworten geben einen allgemeinen "
    "Überblick und ersetzen weder eine Rechtsberatung noch eine steuerliche Beratung "
    "oder die Abstimmung mit Vergabestelle, Finanzamt und Kommunalaufsicht.",
]

# Jeder Teil: (Teilüberschrift, [(Frage, [Antwortabsätze]), ...])
FAQ_PARTS: list[tuple[str, list[tuple[str, list[str]]]]] = [
    (
        "Teil A: Vergaberecht (§ 108 GWB)",
        [
            (
                "Muss eine Kommune ausschreiben, wenn sie eine andere Kommune beauftragt?",
                [
                    "Nicht automatisch, aber die Frage muss immer geprüft werden. Auch ein "
                    "Vertrag zwischen zwei Gemeinden kann ein öffentlicher Auftrag sein, "
                    "wenn die eine Seite eine Leistung erbringt und die andere dafür zahlt. "
                    "Oberhalb der EU-Schwellenwerte gilt dann der Vierte Teil des Gesetzes "
                    "gegen Wettbewerbsbeschränkungen (GWB), unterhalb das Landesvergaberecht.",
                    "Das GWB nimmt die öffentlich-öffentliche Zusammenarbeit in § 108 GWB "
                    "unter bestimmten Voraussetzungen vom Vergaberecht aus. Zu unterscheiden "
                    "sind die Inhouse-Vergabe (§ 108 Abs. 1 bis 5 GWB) und die horizontale "
                    "Zusammenarbeit (§ 108 Abs. 6 GWB). Keine Beschaffung liegt außerdem "
                    "vor, wenn eine Aufgabe vollständig mit allen Zuständigkeiten auf einen "
                    "anderen Träger übergeht, etwa auf einen Zweckverband oder durch eine "
                    "Delegation nach dem KGG; eine solche „Kompetenzübertragung“ hat auch der "
                    "Europäische Gerichtshof nicht als öffentlichen Auftrag gewertet.",
                ],
            ),
            (
                "Was versteht man unter einer Inhouse-Vergabe?",
                [
                    "Eine Inhouse-Vergabe („Eigenerledigung“) liegt vor, wenn ein öffentlicher "
                    "Auftraggeber eine von ihm beherrschte Einrichtung beauftragt. Nach § 108 Abs. 1 GWB "
                    "müssen drei Bedingungen gleichzeitig erfüllt sein:",
                    "Erstens übt der Auftraggeber über die beauftragte juristische Person "
                    "eine Kontrolle aus wie über eine eigene Dienststelle. Zweitens dienen "
                    "mehr als 80 Prozent der Tätigkeiten der beauftragten Einrichtung "
                    "Aufgaben, mit denen sie vom kontrollierenden Auftraggeber betraut "
                    "wurde. Drittens gibt es keine direkte private Kapitalbeteiligung.",
                    "Die Kontrolle wird vermutet, wenn der Auftraggeber die strategischen "
                    "Ziele und die wesentlichen Entscheidungen maßgeblich bestimmt "
                    "(§ 108 Abs. 2 GWB). Nach § 108 Abs. 3 GWB gilt die Ausnahme auch in "
                    "umgekehrter Richtung, also wenn die kontrollierte Einrichtung ihren "
                    "Träger beauftragt, und zwischen Schwestergesellschaften.",
                ],
            ),
            (
                "Können mehrere Gemeinden ihre gemeinsame Gesellschaft ohne Ausschreibung beauftragen?",
                [
                    "Ja, wenn sie die Gesellschaft gemeinsam kontrollieren. § 108 Abs. 4 GWB "
                    "überträgt die Inhouse-Regel auf diesen Fall. Wann eine gemeinsame "
                    "Kontrolle vorliegt, beschreibt § 108 Abs. 5 GWB:",
                    "In den beschlussfassenden Organen sind alle beteiligten Auftraggeber "
                    "vertreten, wobei eine Person auch mehrere Kommunen vertreten darf. Die "
                    "Auftraggeber können gemeinsam die strategischen Ziele und wesentlichen "
                    "Entscheidungen bestimmen. Und die Gesellschaft verfolgt keine "
                    "Interessen, die denen ihrer Träger zuwiderlaufen.",
                    "Auch hier gilt die 80-Prozent-Grenze für die Tätigkeit im Auftrag der "
                    "Träger, und eine direkte private Beteiligung ist ausgeschlossen. Für "
                    "einen Zweckverband oder eine gemeinsame kommunale Anstalt lassen sich "
                    "diese Bedingungen meist gut erfüllen.",
                ],
            ),
            (
                "Was ist eine horizontale Zusammenarbeit nach § 108 Abs. 6 GWB?",
                [
                    "Bei der horizontalen Zusammenarbeit gründen die Partner keine "
                    "gemeinsame Einrichtung. Sie schließen einen Vertrag, etwa eine "
                    "öffentlich-rechtliche Vereinbarung, und arbeiten direkt zusammen. "
                    "Vergaberechtsfrei ist das nur, wenn alle drei Voraussetzungen des "
                    "§ 108 Abs. 6 GWB erfüllt sind:",
                    "1. Der Vertrag begründet eine echte Zusammenarbeit, mit der die "
                    "Partner ihre öffentlichen Dienstleistungen zur Erreichung gemeinsamer "
                    "Ziele erbringen.",
                    "2. Die Durchführung der Zusammenarbeit wird ausschließlich durch "
                    "Überlegungen im Zusammenhang mit dem öffentlichen Interesse bestimmt.",
                    "3. Die beteiligten Auftraggeber erbringen weniger als 20 Prozent der "
                    "von der Zusammenarbeit erfassten Tätigkeiten auf dem Markt.",
                    "Beispiel: Zwei Nachbargemeinden betreiben ihre Bauhöfe abgestimmt, "
                    "teilen Spezialfahrzeuge und vertreten sich gegenseitig im Winterdienst. "
                    "Beide bringen eigene Beiträge ein und verfolgen dasselbe Ziel einer "
                    "verlässlichen Grundversorgung.",
                ],
            ),
            (
                "Wie werden die Prozentgrenzen von 80 und 20 Prozent berechnet?",
                [
                    "§ 108 Abs. 7 GWB nennt als Maßstab den durchschnittlichen "
                    "Gesamtumsatz der letzten drei Jahre vor der Vergabe. Statt des Umsatzes "
                    "darf ein anderer geeigneter tätigkeitsgestützter Wert verwendet werden, "
                    "zum Beispiel die in diesem Zeitraum angefallenen Kosten. Fehlen solche "
                    "Zahlen, etwa weil die Einrichtung neu gegründet wird, genügt eine "
                    "nachvollziehbare Prognose der Geschäftsentwicklung.",
                ],
            ),
            (
                "Darf bei einer horizontalen Zusammenarbeit Geld fließen?",
                [
                    "Ja, eine Erstattung von Kosten ist üblich und unschädlich. Entscheidend "
                    "ist, dass die Zusammenarbeit nicht zu einem verdeckten Einkauf wird. "
                    "Zahlt eine Kommune lediglich für eine Leistung, ohne selbst etwas zur "
                    "gemeinsamen Aufgabe beizutragen, spricht viel für einen gewöhnlichen "
                    "Auftrag. Gewinnaufschläge sollten vermieden und die Kostenverteilung "
                    "im Vertrag transparent geregelt werden.",
                ],
            ),
            (
                "Was ändert sich, wenn ein privates Unternehmen beteiligt ist?",
                [
                    "Eine direkte private Kapitalbeteiligung schließt die Inhouse-Vergabe "
                    "aus. Eine gemischt-wirtschaftliche Gesellschaft muss daher in der Regel "
                    "im Wettbewerb beauftragt werden, oder der private Partner wird selbst "
                    "in einem transparenten Verfahren ausgewählt. Auch bei der horizontalen "
                    "Zusammenarbeit dürfen nur öffentliche Auftraggeber Vertragspartner sein.",
                ],
            ),
            (
                "Wie sollte die Vergabeprüfung dokumentiert werden?",
                [
                    "Die Verwaltung sollte in einem Vermerk festhalten, welche Ausnahme sie "
                    "in Anspruch nimmt, welche Tatsachen die Voraussetzungen belegen und "
                    "welche Zahlen der Prozentberechnung zugrunde liegen. Der Vermerk "
                    "gehört zu den Beschlussunterlagen für die Gemeindevertretung und sollte "
                    "bei wesentlichen Änderungen der Kooperation aktualisiert werden.",
                ],
            ),
        ],
    ),
    (
        "Teil B: Umsatzsteuer (§ 2b UStG)",
        [
            (
                "Warum spielt die Umsatzsteuer bei kommunaler Zusammenarbeit eine Rolle?",
                [
                    "Früher waren Kommunen nur im Rahmen ihrer Betriebe gewerblicher Art "
                    "unternehmerisch tätig, so dass Leistungen an Nachbarkommunen meist "
                    "nicht besteuert wurden. Mit § 2b UStG richtet sich die Besteuerung "
                    "juristischer Personen des öffentlichen Rechts nach neuen Regeln. "
                    "Leistungen zwischen Kommunen können danach umsatzsteuerpflichtig "
                    "sein, was eine Kooperation um den Steuersatz verteuern kann, wenn der "
                    "Empfänger keinen Vorsteuerabzug hat.",
                ],
            ),
            (
                "Was regelt § 2b UStG im Grundsatz?",
                [
                    "Nach § 2b Abs. 1 UStG ist eine juristische Person des öffentlichen "
                    "Rechts keine Unternehmerin, soweit sie im Rahmen der öffentlichen "
                    "Gewalt handelt, also auf öffentlich-rechtlicher Grundlage. Das gilt "
                    "nicht, wenn diese Behandlung zu größeren Wettbewerbsverzerrungen "
                    "führen würde.",
                    "§ 2b Abs. 2 UStG nennt zwei Fälle, in denen solche Verzerrungen "
                    "insbesondere nicht vorliegen: wenn der Umsatz aus gleichartigen "
                    "Tätigkeiten voraussichtlich nicht mehr als 17 500 Euro im Kalenderjahr "
                    "beträgt, und wenn vergleichbare privatrechtliche Leistungen ohnehin "
                    "steuerfrei wären, ohne dass auf die Befreiung verzichtet werden kann. "
                    "Privatrechtlich erbrachte Leistungen fallen dagegen nicht unter § 2b UStG.",
                ],
            ),
            (
                "Wann ist die Zusammenarbeit zwischen Kommunen umsatzsteuerlich unschädlich?",
                [
                    "Für Leistungen an eine andere juristische Person des öffentlichen "
                    "Rechts enthält § 2b Abs. 3 UStG zwei weitere Fallgruppen. Nach Nr. 1 "
                    "liegen keine größeren Wettbewerbsverzerrungen vor, wenn die Leistung "
                    "aufgrund gesetzlicher Bestimmungen nur von öffentlichen Stellen "
                    "erbracht werden darf.",
                    "Nach § 2b Abs. 3 Nr. 2 UStG kommt es darauf an, ob die Zusammenarbeit "
                    "durch gemeinsame spezifische öffentliche Interessen bestimmt wird. Das "
                    "ist regelmäßig der Fall, wenn alle vier folgenden Merkmale vorliegen:",
                    "a) Die Leistungen beruhen auf langfristigen öffentlich-rechtlichen "
                    "Vereinbarungen.",
                    "b) Sie dienen dem Erhalt der öffentlichen Infrastruktur und der "
                    "Erfüllung einer Aufgabe, die allen Beteiligten obliegt.",
                    "c) Sie werden ausschließlich gegen Kostenerstattung erbracht.",
                    "d) Der Leistende erbringt gleichartige Leistungen im Wesentlichen an "
                    "andere juristische Personen des öffentlichen Rechts.",
                    "Ein privatrechtlicher Vertrag genügt hierfür nicht; die Kooperation "
                    "sollte deshalb auf eine öffentlich-rechtliche Grundlage gestellt werden.",
                ],
            ),
            (
                "Gilt § 2b UStG schon heute für alle Kommunen?",
                [
                    "Nicht zwingend. § 27 Abs. 22 UStG erlaubte den Kommunen, per Erklärung "
                    "gegenüber dem Finanzamt vorerst beim alten Recht zu bleiben. Nach "
                    "§ 27 Abs. 22a UStG wirkt eine solche Optionserklärung, die nicht "
                    "widerrufen wurde, für Leistungen bis zum 31.12.2026 fort.",
                    "Spätestens für Umsätze ab dem 1. Januar 2027 ist § 2b UStG damit von "
                    "allen Kommunen anzuwenden. Bestehende Kooperationsverträge sollten "
                    "rechtzeitig vorher überprüft und bei Bedarf angepasst werden.",
                ],
            ),
            (
                "Ist ein Zweckverband selbst umsatzsteuerpflichtig?",
                [
                    "Ein Zweckverband ist eine juristische Person des öffentlichen Rechts, "
                    "für die § 2b UStG ebenso gilt wie für seine Mitglieder. Erfüllt er "
                    "die ihm übertragene Aufgabe als eigene hoheitliche Aufgabe, ist er "
                    "insoweit regelmäßig kein Unternehmer. Erbringt er dagegen Leistungen "
                    "an Dritte oder an Mitglieder, die auch private Anbieter erbringen "
                    "könnten, ist eine genaue Prüfung nötig. Ob die Verbandsumlage als "
                    "Entgelt für eine Leistung anzusehen ist, hängt vom Einzelfall ab.",
                ],
            ),
            (
                "Wie wirkt sich eine Umsatzsteuerpflicht auf die Kostenverteilung aus?",
                [
                    "Ist eine Leistung zwischen Kommunen steuerpflichtig, muss der "
                    "leistende Partner Umsatzsteuer an das Finanzamt abführen und wird sie "
                    "in der Regel weiterberechnen. Der Empfänger kann sie nur dann als "
                    "Vorsteuer abziehen, wenn er die Leistung für eine eigene "
                    "unternehmerische Tätigkeit bezieht. Bei hoheitlichen Aufgaben ist das "
                    "meist nicht der Fall, so dass die Steuer zu echten Mehrkosten führt.",
                    "Die Wirtschaftlichkeitsberechnung einer Kooperation sollte deshalb "
                    "immer zwei Varianten enthalten: eine ohne und eine mit Umsatzsteuer. "
                    "Lohnt sich die Zusammenarbeit nur ohne Steuer, sollte die Gestaltung "
                    "vor der Beschlussfassung steuerlich abgesichert werden.",
                ],
            ),
            (
                "Sind Vergaberecht und Umsatzsteuer gleich zu beurteilen?",
                [
                    "Nein. Beide Rechtsgebiete verfolgen unterschiedliche Zwecke und haben "
                    "eigene Voraussetzungen. Eine Zusammenarbeit kann nach § 108 Abs. 6 GWB "
                    "vergaberechtsfrei und trotzdem umsatzsteuerpflichtig sein, und "
                    "umgekehrt. Die beiden Prüfungen sollten deshalb getrennt, aber "
                    "aufeinander abgestimmt durchgeführt werden.",
                ],
            ),
            (
                "Wie lässt sich Rechtssicherheit erreichen?",
                [
                    "Bei größeren Vorhaben empfiehlt sich eine verbindliche Auskunft des "
                    "Finanzamts nach § 89 Abs. 2 AO. Sie kann gebührenpflichtig sein, schafft aber "
                    "Klarheit vor Vertragsschluss. Die Auslegung des § 2b UStG durch die "
                    "Finanzverwaltung ergibt sich vor allem aus Schreiben des "
                    "Bundesministeriums der Finanzen; zu einzelnen Merkmalen werden "
                    "unionsrechtliche Zweifel diskutiert. Verträge sollten daher eine "
                    "Klausel enthalten, wie mit einer später anfallenden Umsatzsteuer "
                    "umzugehen ist.",
                ],
            ),
        ],
    ),
]


def _find_font(name: str) -> Path | None:
    """Sucht eine TTF-Datei in üblichen Schriftverzeichnissen."""
    for directory in FONT_DIRS:
        candidate = directory / name
        if candidate.is_file():
            return candidate
    return None


def _latin1(text: str) -> str:
    """Ersetzt Zeichen außerhalb von Latin-1 für die Kernschrift Helvetica."""
    table = str.maketrans({"„": '"', "“": '"', "”": '"', "–": "-", "—": "-", "’": "'"})
    return text.translate(table)


def build_faq_pdf(target: Path) -> None:
    """Schreibt das FAQ als mehrseitige PDF-Datei."""
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    regular = _find_font("DejaVuSans.ttf")
    bold = _find_font("DejaVuSans-Bold.ttf")
    unicode_font = regular is not None and bold is not None
    family = "DejaVu" if unicode_font else "Helvetica"

    def fix(text: str) -> str:
        return text if unicode_font else _latin1(text)

    class FaqPDF(FPDF):
        def footer(self) -> None:
            self.set_y(-15)
            self.set_font(family, "", 8)
            label = f"FAQ Vergabe und Umsatzsteuer – Beispielmaterial – Seite {self.page_no()}"
            self.cell(0, 10, fix(label), align="C")

    pdf = FaqPDF(format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(FAQ_TITLE)
    pdf.set_author(AUTHOR)
    pdf.set_subject(fix("Beispielmaterial: § 108 GWB und § 2b UStG bei interkommunaler Zusammenarbeit"))
    pdf.set_keywords("IKZ, Vergaberecht, § 108 GWB, Umsatzsteuer, § 2b UStG, Hessen")
    pdf.set_lang("de-DE")
    if regular is not None and bold is not None:
        pdf.add_font(family, "", str(regular))
        pdf.add_font(family, "B", str(bold))
    pdf.set_margins(22, 20, 22)
    pdf.set_auto_page_break(auto=True, margin=22)
    pdf.add_page()

    def heading(text: str, size: float, space_before: float) -> None:
        # Überschrift nicht allein am Seitenende stehen lassen.
        if pdf.get_y() > pdf.h - 55:
            pdf.add_page()
        else:
            pdf.ln(space_before)
        pdf.set_font(family, "B", size)
        pdf.multi_cell(0, size * 0.5, fix(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1.5)

    def paragraph(text: str) -> None:
        pdf.set_font(family, "", 10.5)
        pdf.multi_cell(0, 5.6, fix(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(2.2)

    heading(FAQ_TITLE, 16, 0)
    for text in FAQ_INTRO:
        paragraph(text)
    for part_title, questions in FAQ_PARTS:
        heading(part_title, 14, 5)
        for question, answers in questions:
            heading(question, 12, 3)
            for answer in answers:
                paragraph(answer)
    pdf.output(str(target))


# ---------------------------------------------------------------------------
# 2. Checkliste Kooperation starten (DOCX)
# ---------------------------------------------------------------------------

CHECKLIST_TITLE = "Checkliste: Eine interkommunale Kooperation starten"

CHECKLIST_INTRO = [
    "Diese Checkliste ist Beispielmaterial für hessische Gemeinden, Städte und Landkreise. "
    "Sie führt in zehn Phasen von der ersten Idee bis zur Auswertung einer Zusammenarbeit. "
    "Nicht jeder Punkt passt auf jedes Vorhaben; kleine Kooperationen kommen oft mit "
    "weniger Schritten aus. Die Liste ersetzt keine rechtliche Prüfung im Einzelfall.",
]

CHECKLIST_PHASES: list[Section] = [
    Section(
        "Phase 1: Idee und Bedarf",
        ["Am Anfang steht eine Aufgabe, die eine Kommune allein nur mit Mühe oder zu hohen Kosten erfüllt."],
        [
            "Aufgabe genau beschreiben: Was soll gemeinsam erledigt werden, was bleibt bei jeder Kommune?",
            "Ausgangslage erheben: Personal, Fallzahlen, Kosten, Technik und Vertretungsregelungen.",
            "Ziele festlegen, zum Beispiel bessere Erreichbarkeit, geringere Kosten oder sichere Vertretung.",
            "Politische Rückendeckung klären: Bürgermeisterin oder Bürgermeister und Fraktionen früh informieren.",
        ],
    ),
    Section(
        "Phase 2: Partner finden",
        ["Kooperationen gelingen am besten zwischen Partnern, die sich kennen und ähnliche Interessen haben."],
        [
            "Mögliche Partner ansprechen: Nachbargemeinden, Landkreis, bestehende Zweckverbände.",
            "Gemeinsame Absichtserklärung formulieren, die Ziele, Zeitplan und Ansprechpersonen nennt.",
            "Eine Lenkungsgruppe mit Vertretern aller Partner bilden und eine federführende Kommune bestimmen.",
            "Beschäftigte und Personalvertretungen frühzeitig einbinden.",
        ],
    ),
    Section(
        "Phase 3: Machbarkeit und Wirtschaftlichkeit",
        ["Bevor über die Rechtsform entschieden wird, sollte feststehen, dass sich die Zusammenarbeit lohnt."],
        [
            "Kosten der bisherigen Aufgabenerledigung je Kommune ermitteln.",
            "Kosten der gemeinsamen Lösung einschließlich Einmalkosten für Umstellung und IT schätzen.",
            "Wirtschaftlichkeitsvergleich der Varianten erstellen und Risiken benennen.",
            "Verteilungsschlüssel für Kosten vorschlagen, etwa nach Einwohnerzahl oder Fallzahlen.",
            "Fördermöglichkeiten des Landes für interkommunale Projekte prüfen und Antragsfristen notieren.",
        ],
    ),
    Section(
        "Phase 4: Rechtsform wählen",
        ["Das KGG bietet mehrere Formen an; daneben kommen privatrechtliche Gesellschaften in Betracht."],
        [
            "Kommunale Arbeitsgemeinschaft (§§ 3, 4 KGG) für Abstimmung und Planung ohne Aufgabenübergang.",
            "Öffentlich-rechtliche Vereinbarung (§§ 24 ff. KGG) als Delegation oder Mandatierung.",
            "Zweckverband (§§ 5 ff. KGG) für dauerhafte Aufgaben mit eigener Körperschaft.",
            "Gemeinsame kommunale Anstalt (§ 29a KGG) für unternehmerisch geführte Aufgaben.",
            "GmbH oder andere Gesellschaft nur im Rahmen der §§ 121 ff. HGO.",
        ],
    ),
    Section(
        "Phase 5: Vergabe- und Steuerprüfung",
        ["Vergaberecht und Umsatzsteuer werden getrennt geprüft, die Ergebnisse aber gemeinsam bewertet."],
        [
            "Prüfen, ob eine Ausnahme nach § 108 GWB greift (Inhouse-Vergabe oder horizontale Zusammenarbeit).",
            "Bei horizontaler Zusammenarbeit die 20-Prozent-Grenze für Marktaktivitäten belegen.",
            "Umsatzsteuerliche Folgen nach § 2b UStG klären und den Stand der Optionserklärung prüfen.",
            "Bei Unsicherheit eine verbindliche Auskunft des Finanzamts einholen.",
            "Prüfergebnis in einem Vermerk festhalten.",
        ],
    ),
    Section(
        "Phase 6: Vertrag oder Satzung ausarbeiten",
        ["Je nach Rechtsform entsteht eine Vereinbarung, eine Verbandssatzung, eine Anstaltssatzung oder ein Gesellschaftsvertrag."],
        [
            "Beteiligte und Aufgaben eindeutig bestimmen.",
            "Kostenverteilung, Abrechnung und Vorauszahlungen regeln.",
            "Mitwirkungs- und Informationsrechte der Partner festlegen.",
            "Laufzeit, Kündigung und Vermögensauseinandersetzung regeln; bei öffentlich-rechtlichen Vereinbarungen über zehn Jahre ist eine Kündigungsregel Pflicht.",
            "Personalübergang und Datenschutz (Auftragsverarbeitung) regeln.",
            "Steuerklausel für den Fall einer späteren Umsatzsteuerpflicht aufnehmen.",
        ],
    ),
    Section(
        "Phase 7: Beschlüsse der Gemeindevertretung",
        ["Die Entscheidung über eine Kooperation trifft die Vertretungskörperschaft jeder beteiligten Kommune. Bewährt hat sich diese Reihenfolge:"],
        [
            "Entwurf im Gemeindevorstand beraten und die Beschlussvorlage erstellen.",
            "Vorlage in den zuständigen Ausschüssen beraten.",
            "Beschluss der Gemeindevertretung herbeiführen; beim Landkreis entscheidet der Kreistag.",
            "Gleichlautende Beschlüsse aller Partner abwarten und Vertrag oder Satzung unterzeichnen.",
        ],
        numbered=True,
    ),
    Section(
        "Phase 8: Genehmigung oder Anzeige bei der Aufsicht",
        ["Die Kommunalaufsicht sollte schon während der Ausarbeitung einbezogen werden, nicht erst am Ende."],
        [
            "Zweckverband: Verbandssatzung der Aufsichtsbehörde zur Genehmigung vorlegen.",
            "Öffentlich-rechtliche Vereinbarung: Delegation genehmigen lassen, Mandatierung anzeigen.",
            "Gemeinsame kommunale Anstalt: Satzung zur Genehmigung vorlegen.",
            "Gesellschaft: Entscheidung nach den Vorschriften der HGO rechtzeitig anzeigen.",
            "Öffentliche Bekanntmachung veranlassen, soweit vorgeschrieben.",
        ],
    ),
    Section(
        "Phase 9: Umsetzung",
        ["Mit dem Inkrafttreten beginnt die eigentliche Arbeit."],
        [
            "Zeitplan für Übergang, Umzüge und IT-Umstellung festlegen.",
            "Bürgerinnen und Bürger über neue Ansprechpartner und Öffnungszeiten informieren.",
            "Berichtswesen und Abrechnung zwischen den Partnern einrichten.",
            "Regelmäßige Treffen der Lenkungsgruppe im ersten Jahr beibehalten.",
        ],
    ),
    Section(
        "Phase 10: Evaluation",
        ["Eine Kooperation sollte nach einer vereinbarten Zeit überprüft werden, meist nach zwei bis drei Jahren."],
        [
            "Zielerreichung anhand der Kennzahlen aus Phase 1 messen.",
            "Kosten und Qualität mit der Ausgangslage vergleichen.",
            "Rückmeldungen von Beschäftigten und Bürgern auswerten.",
            "Vertrag oder Satzung bei Bedarf anpassen, erweitern oder beenden.",
        ],
    ),
]


def build_checklist_docx(target: Path) -> None:
    """Schreibt die Checkliste als DOCX mit Word-Formatvorlagen."""
    from docx import Document

    document = Document()
    props = document.core_properties
    props.title = CHECKLIST_TITLE
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.subject = "Beispielmaterial: Start einer interkommunalen Zusammenarbeit in Hessen"
    props.keywords = "IKZ, Checkliste, KGG, Hessen"
    props.category = "Leitfaden"
    props.language = "de-DE"
    props.created = FIXED_DATE.replace(tzinfo=None)
    props.modified = FIXED_DATE.replace(tzinfo=None)
    props.revision = 1

    document.add_heading(CHECKLIST_TITLE, level=1)
    for text in CHECKLIST_INTRO:
        document.add_paragraph(text)
    for phase in CHECKLIST_PHASES:
        document.add_heading(phase.heading, level=2)
        for text in phase.paragraphs:
            document.add_paragraph(text)
        style = "List Number" if phase.numbered else "List Bullet"
        for item in phase.bullets:
            document.add_paragraph(item, style=style)
    document.add_heading("Hinweis", level=2)
    document.add_paragraph(
        "Die Checkliste ist ein Beispiel und erhebt keinen Anspruch auf Vollständigkeit. "
        "Maßgeblich sind die jeweils geltenden Gesetze sowie die Hinweise der zuständigen "
        "Aufsichtsbehörde."
    )

    buffer = io.BytesIO()
    document.save(buffer)
    target.write_bytes(_normalize_zip(buffer.getvalue()))


# ---------------------------------------------------------------------------
# 3. Glossar (ODT)
# ---------------------------------------------------------------------------

GLOSSARY_TITLE = "Glossar zur interkommunalen Zusammenarbeit"

GLOSSARY_INTRO = (
    "Dieses Beispielglossar erklärt vierzehn Begriffe, die bei der interkommunalen "
    "Zusammenarbeit in Hessen häufig vorkommen. Die Erläuterungen sind bewusst kurz "
    "gehalten und ersetzen nicht den Blick in das Gesetz."
)

GLOSSARY: list[tuple[str, str]] = [
    (
        "Zweckverband",
        "Ein Zusammenschluss von Gemeinden und Landkreisen, der als Körperschaft des "
        "öffentlichen Rechts eine eigene Rechtspersönlichkeit besitzt. Die Mitglieder "
        "übertragen ihm bestimmte Aufgaben, die dann mit allen Rechten und Pflichten auf "
        "ihn übergehen. Rechtsgrundlage in Hessen sind die §§ 5 ff. KGG.",
    ),
    (
        "Verbandssatzung",
        "Die Grundordnung eines Zweckverbands nach § 9 KGG. Sie bestimmt unter anderem "
        "die Mitglieder, die Aufgaben, Name und Sitz, die Organe und die Verteilung der "
        "Stimmen sowie den Maßstab, nach dem die Mitglieder zur Finanzierung beitragen. "
        "Die Verbandssatzung wird von der Aufsichtsbehörde genehmigt und öffentlich "
        "bekannt gemacht.",
    ),
    (
        "Verbandsversammlung",
        "Das oberste Organ des Zweckverbands. In ihr sind alle Mitglieder durch "
        "Vertreterinnen und Vertreter repräsentiert. Sie entscheidet über die "
        "grundlegenden Angelegenheiten, etwa den Haushalt, Satzungsänderungen und die "
        "Wahl des Verbandsvorstands, der die laufenden Geschäfte führt.",
    ),
    (
        "Delegation",
        "Eine Variante der öffentlich-rechtlichen Vereinbarung nach § 24 Abs. 1 Nr. 1 KGG. "
        "Eine Kommune übernimmt Aufgaben der anderen Beteiligten in ihre eigene "
        "Zuständigkeit, zum Beispiel durch Mitbenutzung ihrer Einrichtung. Eine "
        "Delegation bedarf der Genehmigung der Aufsichtsbehörde.",
    ),
    (
        "Mandatierung",
        "Die zweite Variante der öffentlich-rechtlichen Vereinbarung nach § 24 Abs. 1 Nr. 2 "
        "KGG. Eine Kommune erledigt Aufgaben für die anderen Beteiligten, die Zuständigkeit "
        "bleibt aber bei diesen. Die Mandatierung wird der Aufsichtsbehörde angezeigt.",
    ),
    (
        "Öffentlich-rechtliche Vereinbarung",
        "Ein Vertrag zwischen Kommunen nach den §§ 24 ff. KGG, durch den eine Kommune "
        "Aufgaben für die anderen übernimmt oder durchführt, ohne dass eine neue "
        "Organisation entsteht. Sie muss schriftlich geschlossen werden und die "
        "Beteiligten sowie die Aufgaben bestimmen. Es gibt zwei Varianten: Delegation "
        "und Mandatierung.",
    ),
    (
        "Gemeinsame kommunale Anstalt",
        "Eine Anstalt des öffentlichen Rechts, die mehrere Gemeinden oder Landkreise "
        "gemeinsam tragen (§ 29a KGG). Sie wird von einem Vorstand geleitet und von einem "
        "Verwaltungsrat überwacht. Ihre Satzung bedarf der Genehmigung der "
        "Aufsichtsbehörde; ergänzend gilt § 126a HGO entsprechend.",
    ),
    (
        "Inhouse-Vergabe",
        "Beauftragung einer kontrollierten Einrichtung ohne Vergabeverfahren nach § 108 "
        "Abs. 1 bis 5 GWB. Voraussetzung sind eine Kontrolle wie über eine eigene "
        "Dienststelle, mehr als 80 Prozent Tätigkeit für den Auftraggeber und keine "
        "direkte private Kapitalbeteiligung.",
    ),
    (
        "Horizontale Zusammenarbeit",
        "Vertragliche Kooperation mehrerer öffentlicher Auftraggeber ohne gemeinsame "
        "Einrichtung nach § 108 Abs. 6 GWB. Sie ist vergaberechtsfrei, wenn sie gemeinsame "
        "Ziele verfolgt, allein vom öffentlichen Interesse bestimmt ist und die Partner "
        "weniger als 20 Prozent der betroffenen Tätigkeiten auf dem Markt erbringen.",
    ),
    (
        "Betrieb gewerblicher Art",
        "Eine Einrichtung einer juristischen Person des öffentlichen Rechts, die einer "
        "nachhaltigen wirtschaftlichen Tätigkeit zur Erzielung von Einnahmen dient und sich "
        "wirtschaftlich heraushebt (§ 4 KStG). Beispiele sind ein Freibad mit Kiosk oder "
        "eine Parkhausbewirtschaftung. Der Begriff ist für die Körperschaftsteuer wichtig; "
        "für die Umsatzsteuer gilt heute § 2b UStG.",
    ),
    (
        "jPdöR",
        "Abkürzung für juristische Person des öffentlichen Rechts. Dazu gehören Gemeinden, "
        "Landkreise, Zweckverbände und Anstalten des öffentlichen Rechts. Der Begriff ist "
        "vor allem im Steuerrecht gebräuchlich, etwa in § 2b UStG.",
    ),
    (
        "Aufsichtsbehörde",
        "Die staatliche Stelle, die die Rechtmäßigkeit des Handelns der Kommunen "
        "überwacht. Für kreisangehörige Gemeinden ist das in Hessen in der Regel der "
        "Landrat als Behörde der Landesverwaltung, für Städte mit mehr als 50 000 "
        "Einwohnern und für Landkreise das Regierungspräsidium. Welche Behörde für einen Zweckverband zuständig ist, regelt "
        "§ 35 KGG.",
    ),
    (
        "Umlage",
        "Der Beitrag, den die Mitglieder eines Zweckverbands leisten, soweit seine eigenen "
        "Einnahmen den Finanzbedarf nicht decken (§ 19 KGG). Der Verteilungsmaßstab, etwa "
        "nach Einwohnerzahl oder Nutzung, steht in der Verbandssatzung. Die Umlage wird "
        "jährlich mit dem Haushalt des Verbands festgesetzt und belastet die Haushalte "
        "der Mitgliedskommunen.",
    ),
    (
        "Sitzgemeinde",
        "Die Gemeinde, in der ein Zweckverband, eine gemeinsame Einrichtung oder eine "
        "gemeinsame Anstalt ihren Sitz hat. Häufig stellt die Sitzgemeinde Räume und "
        "Personal zur Verfügung oder übernimmt die Geschäftsführung gegen Kostenerstattung. "
        "Der Sitz wird in der Verbandssatzung oder in der Anstaltssatzung festgelegt.",
    ),
]


def build_glossary_odt(target: Path) -> None:
    """Schreibt das Glossar als ODT mit echten Überschriften (text:h)."""
    from odf.opendocument import OpenDocumentText
    from odf import dc, meta
    from odf.style import Style, TextProperties
    from odf.text import H, P

    doc = OpenDocumentText()
    doc.meta.addElement(dc.Title(text=GLOSSARY_TITLE))
    doc.meta.addElement(dc.Creator(text=AUTHOR))
    doc.meta.addElement(dc.Language(text="de-DE"))
    doc.meta.addElement(meta.CreationDate(text=FIXED_DATE.strftime("%Y-%m-%dT%H:%M:%S")))
    doc.meta.addElement(dc.Date(text=FIXED_DATE.strftime("%Y-%m-%dT%H:%M:%S")))

    h1 = Style(name="Heading_20_1", displayname="Heading 1", family="paragraph", defaultoutlinelevel=1)
    h1.addElement(TextProperties(fontsize="18pt", fontweight="bold"))
    h2 = Style(name="Heading_20_2", displayname="Heading 2", family="paragraph", defaultoutlinelevel=2)
    h2.addElement(TextProperties(fontsize="14pt", fontweight="bold"))
    doc.styles.addElement(h1)
    doc.styles.addElement(h2)

    doc.text.addElement(H(outlinelevel=1, stylename=h1, text=GLOSSARY_TITLE))
    doc.text.addElement(P(text=GLOSSARY_INTRO))
    for term, definition in GLOSSARY:
        doc.text.addElement(H(outlinelevel=2, stylename=h2, text=term))
        doc.text.addElement(P(text=definition))

    buffer = io.BytesIO()
    doc.write(buffer)
    target.write_bytes(_normalize_zip(buffer.getvalue()))


# ---------------------------------------------------------------------------
# Hilfsfunktionen und Einstiegspunkt
# ---------------------------------------------------------------------------


def _normalize_zip(data: bytes) -> bytes:
    """Packt einen ZIP-Container mit festen Zeitstempeln und gleicher Reihenfolge neu."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = info.compress_type
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def main(argv: list[str] | None = None) -> None:
    """Erzeugt PDF, DOCX und ODT im Zielverzeichnis."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_out = Path(__file__).resolve().parent.parent / "corpus"
    parser.add_argument("--out", type=Path, default=default_out, help="Zielverzeichnis (Standard: corpus/)")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)

    build_faq_pdf(out / "faq_vergabe_umsatzsteuer.pdf")
    build_checklist_docx(out / "checkliste_kooperation_starten.docx")
    build_glossary_odt(out / "glossar_ikz.odt")
    for name in ("faq_vergabe_umsatzsteuer.pdf", "checkliste_kooperation_starten.docx", "glossar_ikz.odt"):
        print(f"geschrieben: {out / name} ({(out / name).stat().st_size} Bytes)")


if __name__ == "__main__":
    main()
