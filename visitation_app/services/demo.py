"""A demo database: three visitation meetings, one in each phase, to explore the app with.

* Ældre og Sundhed, about three weeks ago: held, decided and with approved minutes.
* Voksen og Handicap, today: in progress, some cases decided and some not.
* Børn og Unge, in about two weeks: planned, with the cases prepared.

Everything is made through the same services the window uses. The people are invented,
the CPR numbers fictitious, and the texts Danish on purpose: they are what a Danish
committee would write, not interface text, so they do not go through `_()`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from sqlmodel import select

from visitation_app.domain.agenda import meeting_start
from visitation_app.domain.errors import UserError
from visitation_app.domain.vocabulary import (
    AgendaItemKind,
    CitizenParticipation,
    CommitteeArea,
    MeetingEventKind,
    Outcome,
    ParticipantRole,
)
from visitation_app.i18n import _
from visitation_app.services.actions import add_action, update_action
from visitation_app.services.agenda import add_case_item, add_standard_item, update_item
from visitation_app.services.cases import create_case
from visitation_app.services.decisions import save_decision
from visitation_app.services.meetings import (
    create_meeting,
    end_meeting,
    list_meetings,
    start_meeting,
)
from visitation_app.services.minutes import approve_minutes
from visitation_app.services.participants import add_participant, update_participant
from visitation_app.store.database import Database, open_database
from visitation_app.store.models import MeetingEvent

MUNICIPALITY = "Fjordbjerg Kommune"


class DemoTargetExistsError(UserError):
    """The file a demo database was to be written to exists, and replacing it was not asked."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            _("The file {path} already exists; choose another name or replace it.").format(
                path=path
            )
        )
        self.path = path


# --- small helpers -----------------------------------------------------------------------


def _kr(kroner: int) -> int:
    """Øre from whole kroner."""
    return kroner * 100


def _weekday(day: dt.date, step: int) -> dt.date:
    """`day`, or the nearest weekday in the direction of `step` (-1 or +1)."""
    while day.weekday() >= 5:
        day += dt.timedelta(days=step)
    return day


def _months_after(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last_day in (day.day, 30, 29, 28):
        with contextlib.suppress(ValueError):
            return dt.date(year, month, last_day)
    raise AssertionError("unreachable")


def _born(today: dt.date, age: int, month: int, day: int) -> dt.date:
    """The birth date of someone who is `age` years old on `today`."""
    had_birthday = (month, day) <= (today.month, today.day)
    return dt.date(today.year - age - (0 if had_birthday else 1), month, day)


def _cpr(born: dt.date, tail: str) -> str:
    """A fictitious CPR number in the real format: DDMMYY-CXXX, C giving the century."""
    century_digit = "4" if 2000 <= born.year <= 2036 else "1"
    return f"{born:%d%m%y}-{century_digit}{tail}"


def _case(db: Database, meeting_id: int, minutes: int, case: dict[str, Any], **item: Any) -> int:
    """Create the case, put it on the agenda, and record what `item` holds; the item id.

    `item` may hold `voice` (participation, statement[, represented_by]), `notes`,
    `decision` (fields for save_decision) and `actions` ((what, owner, due, done) tuples).
    """
    row = create_case(db, **case)
    agenda_item = add_case_item(db, meeting_id, row.id, minutes)
    changes: dict[str, Any] = {}
    if "voice" in item:
        participation, statement, *represented = item["voice"]
        changes["citizen_participation"] = participation.value
        changes["citizen_statement"] = statement
        changes["citizen_represented_by"] = represented[0] if represented else ""
    if item.get("notes"):
        changes["notes"] = item["notes"]
    if changes:
        update_item(db, agenda_item.id, **changes)
    if "decision" in item:
        save_decision(db, agenda_item.id, **item["decision"])
    for description, owner, due, done in item.get("actions", ()):
        _action(db, meeting_id, description, owner, due, done, agenda_item.id)
    return agenda_item.id


def _action(
    db: Database,
    meeting_id: int,
    description: str,
    owner: str,
    due: dt.date | None,
    done: bool,
    item_id: int | None = None,
) -> None:
    action = add_action(
        db,
        meeting_id,
        description=description,
        owner=owner,
        due_date=due,
        agenda_item_id=item_id,
    )
    if done:
        update_action(db, action.id, done=True)


def _standard(db: Database, meeting_id: int, kind: AgendaItemKind, notes: str = "") -> None:
    item = add_standard_item(db, meeting_id, kind.value)
    if notes:
        update_item(db, item.id, notes=notes)


Person = tuple[str, ParticipantRole, str, bool | None]


def _people(db: Database, meeting_id: int, people: list[Person]) -> None:
    for name, role, organisation, present in people:
        participant = add_participant(
            db, meeting_id, name=name, role=role.value, organisation=organisation
        )
        if present is not None:
            update_participant(db, participant.id, present=present)


def _set_event_time(db: Database, meeting_id: int, kind: MeetingEventKind, at: dt.datetime) -> None:
    """Date a start or end event to when the demo meeting took place, not to when it was built."""
    with db.session() as session:
        for event in session.exec(
            select(MeetingEvent).where(
                MeetingEvent.meeting_id == meeting_id, MeetingEvent.kind == kind.value
            )
        ):
            event.at = at
            session.add(event)


# --- the meetings ------------------------------------------------------------------------


def _elderly_meeting(db: Database, day: dt.date, today: dt.date) -> None:
    """Ældre og Sundhed, held and approved: every kind of outcome, with follow-up actions."""
    chair, visitator = "Hanne Lykkegaard", "Jonas Birk Andersen"
    therapist = "Mette Skov Frederiksen"
    meeting = create_meeting(
        db,
        title=f"Visitationsudvalget Ældre og Sundhed, uge {day.isocalendar().week}",
        area=CommitteeArea.ELDERLY.value,
        meeting_date=day,
        start_time=dt.time(9, 0),
        location="Rådhuset, mødelokale 3",
        chair_name=chair,
    )
    m = meeting.id
    _people(db, m, [
        (chair, ParticipantRole.CHAIR, "Leder af Visitation & Bestiller", True),
        (visitator, ParticipantRole.CASE_WORKER, "Visitator, hjemmeplejen", True),
        (therapist, ParticipantRole.CASE_WORKER, "Ergoterapeut, Visitation & Bestiller", True),
        ("Ayşe Demir", ParticipantRole.LEGAL_ADVISER, "Juridisk konsulent", True),
        ("Peter Holm", ParticipantRole.FINANCE, "Økonomikonsulent, Ældreområdet", True),
        ("Lise Winther", ParticipantRole.MANAGER, "Områdeleder, Hjemmeplejen Nord", False),
        ("Karen Kristensen", ParticipantRole.RELATIVE, "Datter til Else Marie Kristensen", True),
        ("Arne Vestergaard", ParticipantRole.CITIZEN, "", True),
        ("Mohammad Rahimi", ParticipantRole.CITIZEN, "", True),
        ("Soraya Rahimi", ParticipantRole.RELATIVE, "Ægtefælle til Mohammad Rahimi", True),
        ("Farid Noori", ParticipantRole.INTERPRETER, "Tolk (dari), Tolkeservice Syd", True),
        ("Kim Sørensen", ParticipantRole.CITIZEN, "", True),
        ("Bente Lauridsen", ParticipantRole.ADVOCATE, "Bisidder for Kim Sørensen", True),
    ])  # fmt: skip

    _standard(db, m, AgendaItemKind.APPROVE_AGENDA, "Dagsordenen blev godkendt uden bemærkninger.")
    _standard(
        db,
        m,
        AgendaItemKind.FOLLOW_UP,
        "Alle fire handlingspunkter fra sidste møde er afsluttet. Ankestyrelsen har stadfæstet "
        "udvalgets afslag på rengøring hver uge i sagen fra juni. Ventetiden fra afgørelse til "
        "opstart af praktisk hjælp er nu 6 hverdage (målet er 10).",
    )
    received = day - dt.timedelta(days=18)
    start = day + dt.timedelta(days=2)

    age = 88
    _case(db, m, 20, dict(
        area=CommitteeArea.ELDERLY.value,
        citizen_name="Else Marie Kristensen",
        reference=f"ÆS-{day.year}-0412",
        cpr=_cpr(_born(today, age, 3, 14), "286"),
        applied_for="Personlig pleje morgen og aften samt rengøring\n"
        "Ansøgning efter udskrivelse fra sygehuset med brud på venstre håndled.",
        legal_paragraph="Ældreloven § 10",
        case_worker=visitator,
        received_on=received,
        summary=f"Else Marie er {age} år, enke og bor alene i en lejlighed på 2. sal med "
        "elevator. Hun faldt i køkkenet for fem uger siden, brækkede venstre håndled og var "
        "indlagt i ni dage. Ved hjemmebesøget kunne hun ikke selv komme ind og ud af "
        "brusenichen, tage støttestrømper på eller knappe tøjet. Hun har let kognitiv "
        "svækkelse og glemmer af og til sin medicin. Datteren Karen kommer to gange om ugen.\n"
        "Funktionsevne (FSIII): egenomsorg 3, praktiske opgaver 3, mobilitet 2, mentale "
        "funktioner 1.",
        citizen_goals="»Jeg vil gerne blive boende i min egen lejlighed og selv kunne lave min "
        "morgenkaffe. Til jul vil jeg kunne gå ned til købmanden med min rollator igen.«",
    ),
        voice=(
            CitizenParticipation.REPRESENTED,
            "Karen gengav sin mors ord: »Jeg skammer mig over at skulle have hjælp til badet, "
            "men jeg kan ikke mere. Jeg vil helst have de samme mennesker hver gang.«",
            "Karen Kristensen (datter)",
        ),
        notes="Visitator fremlagde hjemmebesøg og FSIII-vurdering. Datteren bekræftede, at "
        "moren ikke kan klare bad og påklædning. Udvalget drøftede et rehabiliteringsforløb, "
        "men bruddet gør det ikke realistisk de første otte uger; det tages op ved "
        "revisitationen.",
        decision=dict(
            outcome=Outcome.GRANTED.value,
            service="Helhedspleje: personlig pleje morgen og aften, rengøring hver 14. dag",
            extent="Morgen ca. 30 min. (bad, påklædning, støttestrømper, medicin), aften ca. "
            "15 min. (afklædning, medicin); rengøring 1 time hver 14. dag",
            legal_basis="Ældreloven § 10",
            justification="Udvalget har lagt vægt på hjemmebesøget og FSIII-vurderingen, der "
            "viser svære begrænsninger i egenomsorg og praktiske opgaver efter bruddet. "
            "Hjælpen gives som et samlet forløb, som hjemmeplejen tilrettelægger med Else Marie "
            "fra dag til dag inden for rammen. Behovet vurderes igen, når håndleddet er "
            "genoptrænet.",
            valid_from=start,
            review_date=_months_after(start, 3),
            annual_cost_ore=_kr(147_640),
        ),
        actions=[
            ("Sende afgørelsen til Else Marie (kopi til datteren efter samtykke)", visitator,
             day + dt.timedelta(days=3), True),
            ("Bestille opstart hos Hjemmeplejen Nord", visitator, day + dt.timedelta(days=1),
             True),
            ("Revisitation med henblik på rehabiliteringsforløb", visitator,
             _months_after(start, 3), False),
        ],
    )  # fmt: skip

    age = 81
    _case(db, m, 20, dict(
        area=CommitteeArea.ELDERLY.value,
        citizen_name="Arne Vestergaard",
        reference=f"ÆS-{day.year}-0437",
        cpr=_cpr(_born(today, age, 9, 2), "517"),
        applied_for="Madservice alle ugens dage og rengøring hver uge",
        legal_paragraph="Ældreloven § 10",
        case_worker=visitator,
        received_on=received + dt.timedelta(days=3),
        summary=f"Arne er {age} år og blev enkemand i foråret. Han bor i eget rækkehus. Hans "
        "kone stod for madlavning og rengøring. Han har KOL med ilt om natten og bliver "
        "forpustet efter få minutters arbejde, men klarer selv sin personlige hygiejne. Han "
        "har tabt 6 kg på tre måneder. Ved hjemmebesøget var køkkenet ryddeligt, og han "
        "støvsuger selv stuen med en let ledningsfri støvsuger; gulvvask og badeværelse kan "
        "han ikke klare. Sønnen bor i Aarhus og kommer hver anden weekend.",
        citizen_goals="»Jeg vil have et ordentligt måltid mad hver dag. Og så vil jeg have, "
        "at huset ser ud, som da Birgit levede.«",
    ),
        voice=(
            CitizenParticipation.PRESENT,
            "»Jeg kan godt tørre støv af selv, det har jeg tid nok til. Men når jeg vasker "
            "gulv, må jeg sætte mig hvert femte minut. Og maden – jeg spiser rugbrød morgen, "
            "middag og aften.«",
        ),
        notes="Økonomikonsulenten oplyste, at kommunens nettoudgift til madservice er ca. 38 kr. "
        "pr. hovedret efter egenbetaling. Kvalitetsstandarden giver rengøring hver 14. dag; "
        "der er ikke oplyst særlige forhold, der begrunder mere.",
        decision=dict(
            outcome=Outcome.PARTLY_GRANTED.value,
            service="Madservice og rengøring (ansøgt: rengøring hver uge)",
            extent="Varm hovedret 7 dage om ugen med udbringning; rengøring af køkken, bad og "
            "stue 1 time hver 14. dag",
            legal_basis="Ældreloven § 10 og kommunens kvalitetsstandard for helhedspleje",
            justification="Udvalget bevilger madservice, fordi vægttabet og KOL gør det svært "
            "for Arne selv at sikre en tilstrækkelig ernæring. Udvalget giver afslag på "
            "rengøring hver uge og bevilger rengøring hver 14. dag. Der er lagt vægt på, at "
            "kommunens serviceniveau er rengøring hver 14. dag, og at Arne selv kan klare "
            "lettere opgaver som at tørre støv af og støvsuge stuen. Der er ikke oplyst "
            "helbredsmæssige forhold, fx allergi, der gør rengøring hver uge nødvendig. "
            "Arne er vejledt om, at han kan klage over den del af afgørelsen, han ikke har "
            "fået medhold i.",
            valid_from=day + dt.timedelta(days=7),
            review_date=_months_after(day + dt.timedelta(days=7), 6),
            annual_cost_ore=_kr(25_180),
        ),
        actions=[
            ("Sende afgørelse med begrundelse og klagevejledning", visitator,
             day + dt.timedelta(days=3), True),
            ("Ernæringsscreening og vejning efter fire uger", "Sygeplejerske Mia Thorsen",
             day + dt.timedelta(days=35), False),
        ],
    )  # fmt: skip

    age = 79
    _case(db, m, 15, dict(
        area=CommitteeArea.ELDERLY.value,
        citizen_name="Grethe Bech",
        reference=f"ÆS-{day.year}-0441",
        cpr=_cpr(_born(today, age, 11, 23), "848"),
        applied_for="Praktisk hjælp til rengøring hver 14. dag",
        legal_paragraph="Ældreloven § 10",
        case_worker=therapist,
        received_on=received + dt.timedelta(days=4),
        summary=f"Grethe er {age} år og bor i eget hus med sin mand, Poul (80). Hun har "
        "slidgigt i begge knæ og venter på et nyt knæ. Hun kan ikke længere støvsuge og vaske "
        "gulv. Ved hjemmebesøget oplyste Poul, at han har overtaget indkøb og tøjvask og godt "
        "kan støvsuge, men at han »ikke er vant til det«. Poul har ingen kendte "
        "helbredsmæssige begrænsninger og cykler dagligt. Begge er partshørt over "
        "oplysningerne om Pouls helbred, og Grethe har sendt bemærkninger.",
        citizen_goals="»Jeg vil have mine knæ opereret og så klare mit hus selv igen. Indtil "
        "da vil jeg ikke være en byrde for Poul.«",
    ),
        voice=(
            CitizenParticipation.NOT_PRESENT,
            "Fra hjemmebesøget: »Poul gør sit bedste, men det er jo ikke hans stærke side. "
            "Jeg synes, vi har betalt skat nok til at få lidt hjælp.«",
        ),
        notes="Juridisk konsulent: der gives hjælp til de opgaver, husstanden ikke selv kan "
        "løse, og det indgår i vurderingen, at der er en rask ægtefælle. Grethe havde meldt "
        "afbud og bedt om at få afgørelsen skriftligt.",
        decision=dict(
            outcome=Outcome.REFUSED.value,
            service="Praktisk hjælp til rengøring",
            legal_basis="Ældreloven § 10 og kommunens kvalitetsstandard for helhedspleje "
            "(afsnit om husstandens ressourcer)",
            justification="Udvalget giver afslag på praktisk hjælp til rengøring. Der er lagt "
            "vægt på, at Grethe bor sammen med sin ægtefælle, der ifølge parrets egne "
            "oplysninger ikke har helbredsmæssige begrænsninger og allerede står for indkøb og "
            "tøjvask. Hjælp gives til de opgaver, husstanden ikke selv kan løse, og det er "
            "udvalgets vurdering, at Poul kan gøre rent. Grethe kan søge igen, hvis Pouls "
            "helbred ændrer sig, og kan få midlertidig hjælp efter knæoperationen.",
            valid_from=day,
        ),
        actions=[
            ("Sende afslag med begrundelse og klagevejledning (klagefrist 4 uger)", therapist,
             day + dt.timedelta(days=3), True),
            ("Ringe til Grethe efter knæoperationen om midlertidig hjælp", therapist,
             day + dt.timedelta(days=60), False),
        ],
    )  # fmt: skip

    age = 76
    _case(db, m, 25, dict(
        area=CommitteeArea.ELDERLY.value,
        citizen_name="Mohammad Rahimi",
        reference=f"ÆS-{day.year}-0388",
        cpr=_cpr(_born(today, age, 1, 1), "093"),
        applied_for="Plejebolig\nAnsøgning fra borgeren og ægtefællen med støtte fra egen læge.",
        legal_paragraph="Almenboligloven §§ 54 og 54 a",
        case_worker=visitator,
        received_on=received - dt.timedelta(days=20),
        summary=f"Mohammad er {age} år og bor med sin kone, Soraya, i en treværelses lejlighed "
        "på 3. sal uden elevator. Han kom til Danmark fra Afghanistan i 1998. Familien "
        "fortæller, at han det seneste år er blevet mere glemsom, to gange er faret vild på vej "
        "hjem fra moskéen og om natten står op for at gå på arbejde. Han er ikke udredt for "
        "demens. Han får i dag personlig pleje morgen og aften og hjælp til medicin. Soraya er "
        "udmattet og sover dårligt.",
        citizen_goals="»Jeg vil blive hos min kone. Hvis vi skal flytte, så skal vi flytte "
        "sammen.« Soraya ønsker et sted, hvor der er personale om natten.",
    ),
        voice=(
            CitizenParticipation.PRESENT,
            "Gengivet via tolk: »Jeg er ikke syg i hovedet. Jeg går bare tur. Men trapperne er "
            "blevet svære, det er rigtigt.«",
        ),
        notes="Tolk (dari) deltog. Sagen er ikke tilstrækkeligt oplyst: der foreligger ingen "
        "demensudredning, og lægens udtalelse handler mest om hjertet. Mohammad og Soraya fik "
        "forklaret, hvad der mangler, og var enige i udsættelsen.",
        decision=dict(
            outcome=Outcome.POSTPONED.value,
            service="Plejebolig",
            legal_basis="Almenboligloven §§ 54 og 54 a; retssikkerhedsloven § 10 (sagens "
            "oplysning)",
            justification="Udvalget udsætter sagen, fordi den ikke er oplyst nok til en "
            "afgørelse. Der mangler en demensudredning, en udtalelse fra egen læge om "
            "Mohammads hukommelse og døgnrytme og en ergoterapeutisk vurdering af trapperne. "
            "Sagen forelægges igen, når oplysningerne foreligger, senest om seks uger. Indtil "
            "da fortsætter den nuværende hjælp, og behovet for tilsyn om natten vurderes straks.",
            review_date=day + dt.timedelta(days=42),
        ),
        actions=[
            ("Henvise til demensudredning via egen læge", visitator,
             day + dt.timedelta(days=7), True),
            ("Vurdere behov for tilsyn om natten", "Teamleder, Hjemmeplejen Nord",
             day + dt.timedelta(days=2), True),
            ("Forelægge sagen igen med de nye oplysninger (bestille tolk, dari)", visitator,
             day + dt.timedelta(days=42), False),
        ],
    )  # fmt: skip

    age = 83
    _case(db, m, 10, dict(
        area=CommitteeArea.ELDERLY.value,
        citizen_name="Inger Johanne Mikkelsen",
        reference=f"ÆS-{day.year}-0450",
        cpr=_cpr(_born(today, age, 6, 30), "124"),
        applied_for="Genoptræning efter nyt knæ og kørsel til træning",
        legal_paragraph="Ældreloven (genoptræning)",
        case_worker=therapist,
        received_on=received + dt.timedelta(days=9),
        summary=f"Inger Johanne er {age} år og fik indsat et nyt knæ for tre uger siden. Hun "
        "blev udskrevet med en genoptræningsplan fra hospitalet, men ansøgningen kom til "
        "visitationen, fordi hun også ønsker hjælp til at komme til og fra træningen. Hun går "
        "med rollator og må ikke køre bil de første seks uger.",
        citizen_goals="»Jeg vil kunne gå rundt i min datters have uden rollator til sommer.«",
    ),
        voice=(
            CitizenParticipation.NOT_PRESENT,
            "I telefonen: »Jeg vil bare gerne i gang, jeg har ventet længe nok.«",
        ),
        decision=dict(
            outcome=Outcome.REFERRED.value,
            service="Genoptræning efter genoptræningsplan",
            legal_basis="Sundhedsloven § 140",
            justification="Genoptræning efter en indlæggelse med en genoptræningsplan gives "
            "efter sundhedsloven og ikke efter ældreloven. Sagen er derfor sendt til "
            "Træningsenheden, som har modtaget planen og kontakter Inger Johanne inden for to "
            "hverdage. Træningsenheden vurderer også kørslen.",
            valid_from=day,
        ),
        actions=[
            ("Sende sagen og genoptræningsplanen til Træningsenheden", therapist,
             day + dt.timedelta(days=1), True),
            ("Ringe til Inger Johanne og forklare henvisningen", therapist,
             day + dt.timedelta(days=1), True),
        ],
    )  # fmt: skip

    age = 58
    _case(db, m, 20, dict(
        area=CommitteeArea.ELDERLY.value,
        citizen_name="Kim Sørensen",
        reference=f"ÆS-{day.year}-0455",
        cpr=_cpr(_born(today, age, 8, 19), "371"),
        applied_for="Praktisk hjælp til rengøring, tøjvask og indkøb",
        legal_paragraph="Serviceloven § 83, stk. 1, nr. 2",
        case_worker=therapist,
        received_on=received + dt.timedelta(days=5),
        summary=f"Kim er {age} år og har haft sclerose i 14 år. Han bor alene i en "
        "stuelejlighed og bruger kørestol ude og rollator inde. Han arbejder 12 timer om ugen "
        "i fleksjob som bogholder. Efter et attak i sommer er kraften i armene nedsat, og han "
        "kan ikke bære vasketøj eller indkøbsposer. Han er ikke omfattet af ældreloven, fordi "
        "behovet skyldes sclerosen og ikke alder; sagen behandles efter serviceloven.",
        citizen_goals="»Jeg vil bruge mine kræfter på mit job og på min søn i weekenderne – "
        "ikke på at vaske gulv.«",
    ),
        voice=(
            CitizenParticipation.PRESENT,
            "»Det er svært at bede om hjælp. Men jeg er nødt til at vælge, hvad jeg bruger mine "
            "kræfter på, ellers ligger jeg syg hele weekenden.«",
        ),
        notes="Bisidder deltog. Ergoterapeutisk vurdering af kraft og udholdenhed i armene "
        "forelå.",
        decision=dict(
            outcome=Outcome.GRANTED.value,
            service="Praktisk hjælp: rengøring, tøjvask og indkøb",
            extent="Rengøring 1 time hver 14. dag, tøjvask 30 min. hver uge, indkøbsordning "
            "1 gang om ugen",
            legal_basis="Serviceloven § 83, stk. 1, nr. 2",
            justification="Kim får den hjælp, han har søgt om. Der er lagt vægt på den "
            "ergoterapeutiske vurdering og på, at hjælpen gør det muligt for ham at bevare sit "
            "fleksjob.",
            valid_from=day + dt.timedelta(days=5),
            review_date=_months_after(day + dt.timedelta(days=5), 12),
            annual_cost_ore=_kr(28_275),
        ),
        actions=[
            ("Sende afgørelsen til Kim", therapist, day + dt.timedelta(days=3), True),
            ("Vurdere hjælpemidler til køkkenet (Serviceloven § 112)", therapist,
             day + dt.timedelta(days=30), False),
        ],
    )  # fmt: skip

    _standard(
        db,
        m,
        AgendaItemKind.ANY_OTHER_BUSINESS,
        "Økonomikonsulenten orienterede: med dagens bevillinger er 81 % af årets ramme for "
        "helhedspleje disponeret. Næste møde begynder kl. 13.00 på grund af kursusdag.",
    )
    _action(
        db,
        m,
        "Tilføje eksempler om husstandens ressourcer i kvalitetsstandarden",
        "Ayşe Demir",
        day + dt.timedelta(days=30),
        False,
    )

    start_meeting(db, m, by=chair)
    end_meeting(db, m, by=chair)
    begins = meeting_start(day, dt.time(9, 0), meeting.timezone)
    _set_event_time(db, m, MeetingEventKind.STARTED, begins + dt.timedelta(minutes=2))
    _set_event_time(db, m, MeetingEventKind.ENDED, begins + dt.timedelta(minutes=142))
    approve_minutes(db, m, by=chair)


def _disability_meeting(db: Database, day: dt.date, today: dt.date) -> None:
    """Voksen og Handicap, today: two cases decided, one under way, two still to come."""
    chair, worker_a, worker_b = "Rasmus Nørgaard Friis", "Fatima Al-Sayed", "Sofie Dahl Christensen"
    meeting = create_meeting(
        db,
        title=f"Visitationsudvalget Voksen og Handicap, uge {day.isocalendar().week}",
        area=CommitteeArea.ADULT_DISABILITY.value,
        meeting_date=day,
        start_time=dt.time(9, 0),
        location="Sundhedshuset, lokale 1.12",
        chair_name=chair,
    )
    m = meeting.id
    _people(db, m, [
        (chair, ParticipantRole.CHAIR, "Afdelingsleder, Handicap og Psykiatri", True),
        (worker_a, ParticipantRole.CASE_WORKER, "Socialrådgiver, Myndighed Voksen", True),
        (worker_b, ParticipantRole.CASE_WORKER, "Socialrådgiver, Myndighed Voksen", True),
        ("Mikkel Thygesen", ParticipantRole.LEGAL_ADVISER, "Juridisk konsulent", True),
        ("Lone Bach", ParticipantRole.FINANCE, "Økonomikonsulent, Handicap og Psykiatri", True),
        ("Jakob Winther-Hansen", ParticipantRole.CITIZEN, "", True),
        ("Tina Møller", ParticipantRole.ADVOCATE, "Bisidder for Jakob Winther-Hansen", True),
        ("Sara Nielsen", ParticipantRole.CITIZEN, "", True),
        ("Hanne Nielsen", ParticipantRole.RELATIVE, "Mor og værge for Sara Nielsen", True),
        ("Tobias Ravn", ParticipantRole.CITIZEN, "", True),
        ("Amira Hassan", ParticipantRole.CITIZEN, "", None),
    ])  # fmt: skip

    _standard(db, m, AgendaItemKind.APPROVE_AGENDA, "Godkendt.")
    _standard(
        db,
        m,
        AgendaItemKind.FOLLOW_UP,
        "Handleplanen for borgeren fra sidste møde (§ 141) er sendt. To afgørelser om "
        "botilbud er påklaget; genvurderingen er i gang.",
    )
    received = day - dt.timedelta(days=30)
    start = day + dt.timedelta(days=7)

    age = 24
    _case(db, m, 20, dict(
        area=CommitteeArea.ADULT_DISABILITY.value,
        citizen_name="Jakob Winther-Hansen",
        reference=f"VH-{day.year}-1187",
        cpr=_cpr(_born(today, age, 4, 7), "237"),
        applied_for="Socialpædagogisk bistand 6 timer om ugen i egen bolig",
        legal_paragraph="Serviceloven § 85",
        case_worker=worker_a,
        received_on=received,
        summary=f"Jakob er {age} år og har autisme og ADHD. Han flyttede for fire måneder siden "
        "fra sine forældre til egen lejlighed og er i virksomhedspraktik 10 timer om ugen. "
        "Han har svært ved at få struktur på post, regninger, indkøb og rengøring og har fået "
        "to rykkere. Moren kommer flere gange om ugen og rydder op.\n"
        "VUM 2.0: samfundsliv svært nedsat, praktiske opgaver moderat nedsat, mentale "
        "funktioner moderat nedsat. Mål: udvikle funktionsevnen.",
        citizen_goals="»Jeg vil kunne bo i min egen lejlighed, uden at min mor skal komme og "
        "rydde op. Og jeg vil selv betale mine regninger til tiden.«",
    ),
        voice=(
            CitizenParticipation.PRESENT,
            "»Jeg har brug for nogen, der hjælper mig med at lave en plan for ugen. Men ikke "
            "hver dag – så føler jeg mig overvåget.«",
        ),
        notes="Sagsbehandleren indstillede 4 timer fordelt på to besøg og en digital ugeplan. "
        "Jakobs ønske om ikke at få besøg hver dag blev tillagt vægt. Bisidderen havde ingen "
        "bemærkninger til udredningen.",
        decision=dict(
            outcome=Outcome.PARTLY_GRANTED.value,
            service="Socialpædagogisk bistand i eget hjem (ansøgt: 6 timer om ugen)",
            extent="4 timer om ugen fordelt på to faste besøg og støtte via digital ugeplan",
            legal_basis="Serviceloven § 85, stk. 1",
            justification="Udvalget bevilger socialpædagogisk bistand i 4 timer om ugen. Der er "
            "lagt vægt på VUM-udredningen, der viser svært nedsat funktionsevne i samfundsliv og "
            "moderat nedsat funktionsevne i praktiske opgaver, og på Jakobs eget ønske om ikke "
            "at have besøg hver dag. Udvalget vurderer, at to faste besøg og en digital ugeplan "
            "dækker behovet for støtte til struktur, post og økonomi. Målet er at udvikle "
            "Jakobs færdigheder, så støtten kan trappes ned; omfanget følges op efter tre "
            "måneder.",
            valid_from=start,
            review_date=_months_after(start, 3),
            annual_cost_ore=_kr(116_480),
        ),
        actions=[
            ("Lave handleplan (§ 141) sammen med Jakob og bisidderen", worker_a,
             day + dt.timedelta(days=21), False),
        ],
    )  # fmt: skip

    age = 31
    _case(db, m, 15, dict(
        area=CommitteeArea.ADULT_DISABILITY.value,
        citizen_name="Sara Nielsen",
        reference=f"VH-{day.year}-1203",
        cpr=_cpr(_born(today, age, 12, 1), "486"),
        applied_for="Ledsageordning 15 timer om måneden",
        legal_paragraph="Serviceloven § 97",
        case_worker=worker_b,
        received_on=received + dt.timedelta(days=6),
        summary=f"Sara er {age} år, har en moderat udviklingshæmning og velbehandlet epilepsi. "
        "Hun bor i en almen bolig med socialpædagogisk støtte og arbejder i beskyttet "
        "beskæftigelse. Hun kan ikke færdes alene uden for de ruter, hun kender. Hun ønsker "
        "ledsagelse til svømmeklubben, til koncerter og til sin veninde i nabobyen. Moren er "
        "værge for de personlige forhold.",
        citizen_goals="»Jeg vil gå til svømning om torsdagen og til koncert med Louise. Jeg vil "
        "selv bestemme, hvad vi skal.«",
    ),
        voice=(CitizenParticipation.PRESENT, "»Jeg vil have en ledsager, som kan lide musik.«"),
        decision=dict(
            outcome=Outcome.GRANTED.value,
            service="Ledsageordning",
            extent="15 timer om måneden; ubrugte timer kan spares op i op til seks måneder",
            legal_basis="Serviceloven § 97",
            justification="Sara er mellem 18 og 67 år og kan på grund af betydelig og varigt "
            "nedsat funktionsevne ikke færdes alene uden for hjemmet. Ledsagelsen bruges til "
            "aktiviteter, hun selv vælger.",
            valid_from=day + dt.timedelta(days=14),
            review_date=_months_after(day + dt.timedelta(days=14), 12),
            annual_cost_ore=_kr(53_100),
        ),
    )  # fmt: skip

    age = 42
    _case(db, m, 30, dict(
        area=CommitteeArea.ADULT_DISABILITY.value,
        citizen_name="Tobias Ravn",
        reference=f"VH-{day.year}-1219",
        cpr=_cpr(_born(today, age, 5, 27), "629"),
        applied_for="Midlertidigt botilbud med henblik på afklaring og rehabilitering",
        legal_paragraph="Serviceloven § 107",
        case_worker=worker_a,
        received_on=received + dt.timedelta(days=10),
        summary=f"Tobias er {age} år og fik en blodprop i hjernen for fire måneder siden. Han "
        "er udskrevet fra neurorehabilitering med lammelse i venstre side, nedsat hukommelse "
        "og stor træthed. Han bor midlertidigt hos sin søster, fordi hans lejlighed på 4. sal "
        "ikke har elevator. Han har to børn på 9 og 12 år hver anden weekend. Den "
        "neuropsykologiske undersøgelse viser nedsat overblik og planlægning.",
        citizen_goals="»Jeg vil tilbage til mit eget liv: egen lejlighed, mine børn hver anden "
        "weekend og på sigt arbejde igen som elektriker eller noget i nærheden.«",
    ),
        voice=(
            CitizenParticipation.PRESENT,
            "»Jeg vil ikke bo et sted med gamle mennesker. Jeg skal have et sted, hvor mine børn "
            "kan besøge mig.«",
        ),
        notes="Sagsbehandleren fremlagde genoptræningsplanen og den neuropsykologiske "
        "undersøgelse. Økonomikonsulenten: Kærholm har en ledig lejlighed fra den 1. i næste "
        "måned. Udvalget drøfter, om et forløb på 6 eller 12 måneder er rigtigt.",
    )  # fmt: skip

    age = 37
    _case(db, m, 15, dict(
        area=CommitteeArea.ADULT_DISABILITY.value,
        citizen_name="Amira Hassan",
        reference=f"VH-{day.year}-1224",
        cpr=_cpr(_born(today, age, 10, 9), "968"),
        applied_for="Dækning af merudgifter, ca. 1.400 kr. om måneden",
        legal_paragraph="Serviceloven § 100",
        case_worker=worker_b,
        received_on=received + dt.timedelta(days=12),
        summary=f"Amira er {age} år, har Crohns sygdom og har haft stomi i to år. Hun arbejder "
        "30 timer om ugen som laborant. Hun har søgt om merudgifter til stomivenligt tøj, "
        "ekstra vask, medicin med egenbetaling og kørsel til behandling på hospitalet. "
        "Udgifterne er dokumenteret med kvitteringer for de seneste seks måneder.",
        citizen_goals="»Jeg vil kunne blive ved med at arbejde fuld tid og have et normalt liv, "
        "uden at sygdommen æder hele min økonomi.«",
    ),
    )  # fmt: skip

    age = 55
    _case(db, m, 15, dict(
        area=CommitteeArea.ADULT_DISABILITY.value,
        citizen_name="Niels Peter Bondo",
        reference=f"VH-{day.year}-1230",
        cpr=_cpr(_born(today, age, 2, 17), "015"),
        applied_for="Elkørestol til brug inde og ude",
        legal_paragraph="Serviceloven § 112",
        case_worker=worker_b,
        received_on=received + dt.timedelta(days=14),
        summary=f"Niels Peter er {age} år og har en fremadskridende muskelsygdom. Han kan gå "
        "50 meter med rollator, men falder oftere. Han bor i et hus i landzone 4 km fra "
        "nærmeste butik. Ergoterapeuten har afprøvet to elkørestole med ham; den ene passer "
        "til hans bil med lift.",
        citizen_goals="»Jeg vil selv kunne tage hen til min søn og ud at fiske, uden at nogen "
        "skal køre mig.«",
    ),
        voice=(
            CitizenParticipation.NOT_PRESENT,
            "Har skriftligt bedt udvalget se videoen fra afprøvningen: »Så kan I se, hvor "
            "langt jeg kommer med rollatoren.«",
        ),
    )  # fmt: skip

    _standard(db, m, AgendaItemKind.ANY_OTHER_BUSINESS)

    age = 49
    create_case(
        db,
        area=CommitteeArea.ADULT_DISABILITY.value,
        citizen_name="Birgitte Kjær",
        reference=f"VH-{day.year}-1241",
        cpr=_cpr(_born(today, age, 3, 29), "552"),
        applied_for="Boligindretning: fjernelse af dørtrin og ombygning af badeværelse",
        legal_paragraph="Serviceloven § 116",
        case_worker=worker_b,
        received_on=day - dt.timedelta(days=3),
        summary=f"Birgitte er {age} år og har haft en rygmarvsskade siden en trafikulykke for "
        "to år siden. Hun bruger kørestol hele dagen og bor med sin mand i et parcelhus fra "
        "1970'erne. Badeværelset er for smalt til kørestolen, og hun kan ikke komme ud i "
        "haven uden hjælp. Ergoterapeuten har været på besøg og beskriver tre løsninger med "
        "overslag.",
        citizen_goals="»Jeg vil kunne gå i bad alene og selv trille ud og drikke min kaffe på "
        "terrassen.«",
    )
    start_meeting(db, m, by=chair)
    begun = meeting_start(day, dt.time(9, 0), meeting.timezone) + dt.timedelta(minutes=3)
    if begun < dt.datetime.now(dt.UTC):
        _set_event_time(db, m, MeetingEventKind.STARTED, begun)


def _children_meeting(db: Database, day: dt.date, today: dt.date) -> None:
    """Børn og Unge, planned: the cases are prepared, nothing is decided yet."""
    chair, worker_a, worker_b = "Charlotte Bundgaard", "Emre Yıldız", "Line Holst"
    meeting = create_meeting(
        db,
        title=f"Visitationsudvalget Børn og Unge, uge {day.isocalendar().week}",
        area=CommitteeArea.CHILDREN.value,
        meeting_date=day,
        start_time=dt.time(13, 0),
        location="Familiehuset, mødelokale Egern",
        chair_name=chair,
    )
    m = meeting.id
    _people(db, m, [
        (chair, ParticipantRole.CHAIR, "Afdelingsleder, Børn og Familie", None),
        (worker_a, ParticipantRole.CASE_WORKER, "Socialrådgiver, Børn og Familie", None),
        (worker_b, ParticipantRole.CASE_WORKER, "Socialrådgiver, Handicapteamet for børn", None),
        ("Bo Thorsen", ParticipantRole.LEGAL_ADVISER, "Jurist, Børn og Familie", None),
        ("Maria Pedersen", ParticipantRole.FINANCE, "Økonomikonsulent, Børn og Unge", None),
        ("Kirsten Aagaard", ParticipantRole.MANAGER, "Leder af Familieplejen", None),
        ("Jannie Jensen", ParticipantRole.RELATIVE, "Mor til Malik Jensen", None),
        ("Malik Jensen", ParticipantRole.CITIZEN, "15 år", None),
        ("Nadia Berg", ParticipantRole.ADVOCATE, "Bisidder for Malik (Barnets Lov § 6)", None),
        ("Rana Khalil", ParticipantRole.RELATIVE, "Mor til Yousef Khalil", None),
        ("Yusuf Kaya", ParticipantRole.INTERPRETER, "Tolk (arabisk)", None),
    ])  # fmt: skip

    _standard(db, m, AgendaItemKind.APPROVE_AGENDA)
    _standard(db, m, AgendaItemKind.FOLLOW_UP)
    received = today - dt.timedelta(days=25)

    age = 8
    _case(db, m, 25, dict(
        area=CommitteeArea.CHILDREN.value,
        citizen_name="Liva Sofie Mortensen",
        reference=f"BU-{day.year}-0734",
        cpr=_cpr(_born(today, age, 7, 12), "502"),
        applied_for="Familiebehandling og fast kontaktperson til Liva",
        legal_paragraph="Barnets Lov § 32, stk. 1",
        case_worker=worker_a,
        received_on=received,
        summary=f"Liva er {age} år og bor med sin mor og lillebror på 4 år. Skolen har "
        "underrettet om højt fravær, og om at Liva ofte kommer uden madpakke. Den "
        "børnefaglige undersøgelse er afsluttet: moren har en depression og får behandling, "
        "og Liva tager meget ansvar for sin lillebror. Moren ønsker hjælp og har givet "
        "samtykke. Livas far har samvær hver anden weekend og støtter indsatsen.",
        citizen_goals="Liva: »Jeg vil gerne have, at mor ikke er så ked af det. Og jeg vil "
        "gerne gå til fodbold ligesom Ida.« Moren: »Jeg vil være en mor, der kan få ungerne op "
        "om morgenen.«",
    ))  # fmt: skip

    age = 15
    _case(db, m, 30, dict(
        area=CommitteeArea.CHILDREN.value,
        citizen_name="Malik Jensen",
        reference=f"BU-{day.year}-0698",
        cpr=_cpr(_born(today, age, 3, 3), "117"),
        applied_for="Anbringelse på opholdssted med samtykke",
        legal_paragraph="Barnets Lov § 46",
        case_worker=worker_a,
        received_on=received - dt.timedelta(days=40),
        summary=f"Malik er {age} år. Han har ikke været i skole i fire måneder, er to gange "
        "anholdt for butikstyveri og er flere nætter om ugen ude til kl. 3–4. Familiebehandling "
        "og kontaktperson efter § 32 har ikke ændret udviklingen. Moren er alene med Malik og "
        "to yngre søskende og siger, at hun ikke længere kan passe på ham. Malik og moren har "
        "besøgt opholdsstedet Lyngbakken og giver begge samtykke. Malik er over 12 år, og "
        "hans samtykke er indhentet ved en børnesamtale med bisidder.",
        citizen_goals="Malik: »Jeg vil gå i skole et sted, hvor de ikke kender mig i forvejen. "
        "Og jeg vil se min lillesøster hver weekend.«",
    ))  # fmt: skip

    age = 6
    _case(db, m, 20, dict(
        area=CommitteeArea.CHILDREN.value,
        citizen_name="Emil Kragh",
        reference=f"BU-{day.year}-0751",
        cpr=_cpr(_born(today, age, 9, 25), "311"),
        applied_for="Tabt arbejdsfortjeneste til far, 20 timer om ugen",
        legal_paragraph="Barnets Lov § 87",
        case_worker=worker_b,
        received_on=received + dt.timedelta(days=5),
        summary=f"Emil er {age} år og har infantil autisme og svær søvnforstyrrelse. Han går i "
        "specialbørnehave, der kun kan have ham til kl. 12. Emils far har gået ned i tid for at "
        "passe ham om eftermiddagen, og moren arbejder på skiftehold. Familien har "
        "dokumenteret lønnedgangen. Psykiatriens udtalelse anbefaler faste voksne og få "
        "skift i hverdagen.",
        citizen_goals="Faren: »Vi vil gerne kunne blive ved med at passe Emil hjemme og begge "
        "beholde vores arbejde.«",
    ))  # fmt: skip

    age = 11
    _case(db, m, 20, dict(
        area=CommitteeArea.CHILDREN.value,
        citizen_name="Yousef Khalil",
        reference=f"BU-{day.year}-0760",
        cpr=_cpr(_born(today, age, 1, 20), "895"),
        applied_for="Merudgifter til kørsel, tøj og fodtøj",
        legal_paragraph="Barnets Lov § 86",
        case_worker=worker_b,
        received_on=received + dt.timedelta(days=8),
        summary=f"Yousef er {age} år og har cerebral parese. Han går med skinner og bruger "
        "kørestol over længere afstande. Familien har søgt om dækning af kørsel til "
        "behandling to gange om ugen, ekstra slid på tøj og specialfodtøj. Familien taler "
        "arabisk derhjemme; moren har bedt om tolk til mødet.",
        citizen_goals="Yousef: »Jeg vil spille kørestolsbasket med de andre om onsdagen.«",
    ))  # fmt: skip

    _standard(db, m, AgendaItemKind.ANY_OTHER_BUSINESS)

    # Referred, not yet on an agenda: what the chair picks from when planning the next meeting.
    age = 14
    create_case(
        db,
        area=CommitteeArea.CHILDREN.value,
        citizen_name="Sofie Nørgaard Lund",
        reference=f"BU-{day.year}-0772",
        cpr=_cpr(_born(today, age, 5, 8), "664"),
        applied_for="Aflastning i plejefamilie én weekend om måneden",
        legal_paragraph="Barnets Lov § 32, stk. 1",
        case_worker=worker_b,
        received_on=today - dt.timedelta(days=4),
        summary=f"Sofie er {age} år og har ADHD og Tourettes syndrom. Hun bor med sin mor og "
        "to mindre brødre; moren er alene om omsorgen og er sygemeldt med stress. Skolen "
        "beskriver en pige, der fungerer godt i klassen, men derhjemme er konflikterne "
        "mange, især om aftenen. Familien har haft familievejleder i et halvt år og ønsker "
        "nu aflastning, så moren kan samle kræfter, og brødrene får tid med hende.",
        citizen_goals="Sofie: »Jeg vil gerne et sted hen, hvor der er en hest eller en hund. "
        "Og mor skal ikke være sur hele tiden.«",
    )


# --- public -------------------------------------------------------------------------------


def build_demo(db: Database, today: dt.date | None = None) -> None:
    """Fill an empty database with the three demo meetings, dated around `today`."""
    if list_meetings(db):
        raise UserError(
            _("The database already has meetings; demo data can only go into an empty one.")
        )
    today = today or dt.date.today()
    _elderly_meeting(db, _weekday(today - dt.timedelta(days=21), -1), today)
    _disability_meeting(db, today, today)
    _children_meeting(db, _weekday(today + dt.timedelta(days=14), +1), today)


def _remove_with_journal(path: Path) -> None:
    for companion in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        with contextlib.suppress(FileNotFoundError):
            companion.unlink()


def create_demo_database(
    path: str | os.PathLike[str], *, force: bool = False, today: dt.date | None = None
) -> Path:
    """Write a new demo database to `path`, whole or not at all.

    The demo is built in a temporary file beside `path` and moved into place at the end,
    so an existing file is only replaced (with `force`) by a complete new one.
    """
    target = Path(path).expanduser().absolute()
    if target.is_dir():
        raise UserError(
            _("{path} is a folder; give the name of the database file to create.").format(
                path=target
            )
        )
    if target.exists() and not force:
        raise DemoTargetExistsError(target)
    folder = target.parent
    if not folder.is_dir():
        raise UserError(_("The folder {folder} does not exist.").format(folder=folder))
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".new", dir=folder)
    except OSError as error:
        raise UserError(
            _("Cannot write to {folder}: {reason}").format(folder=folder, reason=error.strerror)
        ) from error
    os.close(handle)
    temporary = Path(name)
    try:
        db = open_database(temporary, create=True)
        try:
            build_demo(db, today)
        finally:
            db.close()
        # Fold the write-ahead log into the file, so the file alone holds everything.
        connection = sqlite3.connect(temporary)
        try:
            connection.execute("PRAGMA journal_mode = DELETE")
        finally:
            connection.close()
        # The old file's journal must not be applied to the new file.
        for stale in (Path(f"{target}-wal"), Path(f"{target}-shm")):
            with contextlib.suppress(FileNotFoundError):
                stale.unlink()
        os.replace(temporary, target)
    except BaseException:
        _remove_with_journal(temporary)
        raise
    return target
