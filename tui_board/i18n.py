"""Every string a user sees, in Dutch (the default) and English.

`t(key, **values)` gives the text in the current language. A test checks that every key
has both languages with the same placeholders.
"""

from __future__ import annotations

LANGUAGES = ("nl", "en")
_language = "nl"

MESSAGES: dict[str, tuple[str, str]] = {
    # --- refusals by the rules ---
    "refused.observer": (
        "Je kijkt mee als waarnemer: je kunt niets veranderen.",
        "You are watching as an observer: you cannot change anything.",
    ),
    "refused.not_at_table": (
        "Je zit nog niet aan tafel: meld je eerst aan met je naam.",
        "You are not at the table yet: join with your name first.",
    ),
    "refused.name_empty": ("Vul een naam in.", "Please fill in a name."),
    "refused.text_empty": ("Een kaart zonder tekst kan niet.", "A card needs some text."),
    "refused.text_too_long": (
        "Deze kaart is te lang: hooguit {max} tekens.",
        "This card is too long: at most {max} characters.",
    ),
    "refused.no_card": (
        "Die kaart bestaat niet (meer).",
        "That card does not exist (any more).",
    ),
    "refused.card_exists": (
        "Er is al een kaart met dit id.",
        "There is already a card with this id.",
    ),
    "refused.no_theme": ("Het thema {theme} bestaat niet.", "The theme {theme} does not exist."),
    "refused.not_your_card": (
        "Je kunt alleen je eigen kaarten wijzigen.",
        "You can only change your own cards.",
    ),
    "refused.phase.add_card": (
        "Kaarten toevoegen kan pas in de fase {phase}.",
        "Adding cards is possible in the phase {phase}.",
    ),
    "refused.phase.add_card.never": (
        "Kaarten toevoegen kan niet in deze sessie.",
        "Adding cards is not possible in this session.",
    ),
    "refused.phase.edit_card": (
        "Kaarten wijzigen kan pas in de fase {phase}.",
        "Changing cards is possible in the phase {phase}.",
    ),
    "refused.phase.edit_card.never": (
        "Kaarten wijzigen kan niet in deze sessie.",
        "Changing cards is not possible in this session.",
    ),
    "refused.phase.move_card": (
        "Kaarten verplaatsen kan pas in de fase {phase}.",
        "Moving cards is possible in the phase {phase}.",
    ),
    "refused.phase.move_card.never": (
        "Kaarten verplaatsen kan niet in deze sessie.",
        "Moving cards is not possible in this session.",
    ),
    "refused.phase.confirm": (
        "De spelregels bevestigen kan pas in de fase {phase}.",
        "Confirming the ground rules is possible in the phase {phase}.",
    ),
    "refused.phase.confirm.never": (
        "De spelregels bevestigen kan niet in deze sessie.",
        "Confirming the ground rules is not possible in this session.",
    ),
    "refused.phase.vote": (
        "Stemmen kan pas in de fase {phase}.",
        "Voting is possible in the phase {phase}.",
    ),
    "refused.phase.vote.never": (
        "Stemmen kan niet in deze sessie.",
        "Voting is not possible in this session.",
    ),
    "refused.phase.consent": (
        "Reageren op een afspraak kan pas in de fase {phase}.",
        "Responding to an agreement is possible in the phase {phase}.",
    ),
    "refused.phase.consent.never": (
        "Reageren op een afspraak kan niet in deze sessie.",
        "Responding to an agreement is not possible in this session.",
    ),
    "refused.phase.evaluate": (
        "Evalueren kan pas in de fase {phase}.",
        "Evaluating is possible in the phase {phase}.",
    ),
    "refused.phase.evaluate.never": (
        "Evalueren kan niet in deze sessie.",
        "Evaluating is not possible in this session.",
    ),
    "refused.facilitator_only": (
        "Dat kan alleen de procesbegeleider.",
        "Only the facilitator can do that.",
    ),
    "refused.no_person": ("Die deelnemer is er niet.", "That participant is not here."),
    # --- the notulist: recording a session afterwards, on the offline board ---
    "refused.person_exists": (
        "{name} zit al aan tafel. Kies een andere naam, of zet er iets bij (bijvoorbeeld een "
        "voorletter).",
        "{name} is already at the table. Choose another name, or add something (an initial, say).",
    ),
    "refused.behalf_self": (
        "Dit doe je namens iemand anders. Voor jezelf gebruik je de gewone toets.",
        "This is done on someone else's behalf. For yourself, use the ordinary key.",
    ),
    "refused.offline_only": (
        "Achteraf vastleggen kan alleen op het offline bord (tussenruimte open BESTAND).",
        "Recording afterwards is only possible on the offline board (tussenruimte open FILE).",
    ),
    # --- seats: merging two seats of one person, removing an empty seat ---
    "refused.merge_same": (
        "Kies twee verschillende plekken om samen te voegen.",
        "Choose two different seats to merge.",
    ),
    "refused.merge_facilitator": (
        "{name} is procesbegeleider: die plek blijft. Voeg de andere plek samen met die van "
        "{name}.",
        "{name} is a facilitator: that seat stays. Merge the other seat into {name}'s seat.",
    ),
    "refused.merge_observer": (
        "Een waarnemer zit niet aan tafel: die plek kun je niet samenvoegen.",
        "An observer is not at the table: you cannot merge that seat.",
    ),
    "refused.remove_facilitator": (
        "{name} is procesbegeleider: die plek kan niet weg.",
        "{name} is a facilitator: that seat cannot be removed.",
    ),
    "refused.remove_not_empty": (
        "{name} heeft al iets op naam (kaarten, stippen, antwoorden of een bevestiging). "
        "Voeg die plek samen met een andere plek in plaats van hem weg te halen.",
        "{name} already has something to their name (cards, dots, answers or a "
        "confirmation). Merge that seat into another seat instead of removing it.",
    ),
    "key.merge_seats": ("samenvoegen", "merge seats"),
    "key.merge_seats_long": (
        "Twee plekken van één persoon samenvoegen (met wie is er open)",
        "Merge two seats of one person (with who is here open)",
    ),
    "key.remove_seat": ("plek weg", "remove seat"),
    "key.remove_seat_long": (
        "Een lege plek weghalen (met wie is er open)",
        "Remove an empty seat (with who is here open)",
    ),
    "key.add_person": ("iemand erbij", "add person"),
    "key.add_person_long": (
        "Achteraf vastleggen: iemand aan tafel zetten (naam, organisatie, mandaat)",
        "Record afterwards: add someone at the table (name, organisation, mandate)",
    ),
    "key.card_on_behalf": ("kaart namens", "card for"),
    "key.card_on_behalf_long": (
        "Achteraf vastleggen: kaart namens … (in de kolom waar je staat)",
        "Record afterwards: card on behalf of … (in the current column)",
    ),
    "key.answer_on_behalf": ("antwoord namens", "answer for"),
    "key.answer_on_behalf_long": (
        "Achteraf vastleggen: antwoorden in de ronde namens …",
        "Record afterwards: answers in the round on behalf of …",
    ),
    "key.evaluate_on_behalf": ("evaluatie namens", "evaluation for"),
    "key.evaluate_on_behalf_long": (
        "Achteraf vastleggen: evaluatieformulier namens …",
        "Record afterwards: evaluation form on behalf of …",
    ),
    "seats.at_table": ("Aan tafel: {people}", "At the table: {people}"),
    "seats.at_table_online": (
        "Aan tafel: {people} · {online} online",
        "At the table: {people} · {online} online",
    ),
    "seats.people": ("{count} deelnemers", "{count} participants"),
    "seats.people.one": ("{count} deelnemer", "{count} participant"),
    "seats.hint": (
        "M: twee plekken samenvoegen · X: lege plek weghalen",
        "M: merge two seats · X: remove an empty seat",
    ),
    "notulist.hint": (
        "Achteraf vastleggen — N: iemand erbij · K: kaart namens · J: antwoorden namens · "
        "U: evaluatie namens",
        "Record afterwards — N: add someone · K: card for · J: answers for · U: evaluation for",
    ),
    "notulist.person_title": ("Wie zat er aan tafel?", "Who sat at the table?"),
    "notulist.person_name": ("Naam", "Name"),
    "notulist.person_organisation": (
        "Organisatie (al aan tafel: {known})",
        "Organisation (already at the table: {known})",
    ),
    "notulist.person_mandate": (
        "Mandaat om afspraken te maken? j / n (leeg: niet gezegd)",
        "Mandate to make agreements? y / n (empty: not said)",
    ),
    "notulist.person_hint": (
        "Enter: volgend veld, op het laatste toevoegen · Esc: annuleren",
        "Enter: next field, on the last one add · Escape: cancel",
    ),
    "notulist.bad_mandate": (
        "Typ j (ja), n (nee) of laat het leeg.",
        "Type y (yes), n (no) or leave it empty.",
    ),
    "notulist.added": ("{name} zit aan tafel.", "{name} is at the table."),
    "notulist.nobody": (
        "Er zit nog niemand anders aan tafel: zet eerst iemand erbij met N.",
        "Nobody else is at the table yet: add someone first with N.",
    ),
    "notulist.all_done": (
        "Iedereen aan tafel heeft al geantwoord.",
        "Everyone at the table has answered.",
    ),
    "notulist.pick_card": ("Namens wie is de kaart?", "On whose behalf is the card?"),
    "notulist.card_title": ("Kaart namens {name} in {theme}", "Card for {name} in {theme}"),
    "notulist.pick_answer": ("Wie antwoordt op: {what}", "Who answers: {what}"),
    "notulist.answer_for": ("Reactie van {name} op: {what}", "Answer of {name} to: {what}"),
    "notulist.pick_evaluate": (
        "Van wie is dit evaluatieformulier?",
        "Whose evaluation form is this?",
    ),
    "notulist.evaluate_for": ("Evaluatie van {name}", "Evaluation of {name}"),
    "lobby.option.help": (
        "nieuwkomers wachten tot de procesbegeleider ze binnenlaat (een wachtruimte)",
        "newcomers wait until the facilitator lets them in (a waiting room)",
    ),
    "lobby.you_wait": (
        "De procesbegeleider laat je zo binnen. Even geduld; stoppen kan met Ctrl+C.",
        "The facilitator will let you in shortly. Please wait; Ctrl+C stops.",
    ),
    "lobby.left": ("Je bent niet meer aan het wachten.", "You are no longer waiting."),
    "lobby.title": ("Wachten om binnen te komen", "Waiting to come in"),
    "lobby.hint": (
        "B: binnenlaten · W: niet binnenlaten",
        "B: let in · W: do not let in",
    ),
    "lobby.count": ("{count} wachten", "{count} waiting"),
    "lobby.count.one": ("{count} wacht", "{count} waiting"),
    "lobby.nameless": ("(geen naam)", "(no name)"),
    "lobby.projector": ("scherm om mee te kijken", "screen to watch along"),
    "lobby.via_ssh": ("via ssh", "via ssh"),
    "lobby.via_web": ("via de browser", "via the browser"),
    "lobby.label": (
        "{name} ({details}) · vanaf {address} · wacht {time}",
        "{name} ({details}) · from {address} · waiting {time}",
    ),
    "lobby.none": ("Er wacht niemand.", "Nobody is waiting."),
    "lobby.pick_admit": ("Wie laat je binnen?", "Whom do you let in?"),
    "lobby.pick_refuse": ("Wie laat je niet binnen?", "Whom do you not let in?"),
    "lobby.confirm_refuse": (
        "{name} niet binnenlaten? Die persoon krijgt dat te zien en het bord stopt.",
        "Not let {name} in? They will see so, and their board stops.",
    ),
    "lobby.offline": (
        "Geen verbinding met de relay: probeer het zo opnieuw.",
        "No connection to the relay: try again in a moment.",
    ),
    "key.admit": ("binnenlaten", "let in"),
    "key.admit_long": (
        "Iemand uit de wachtruimte binnenlaten (met wie is er open)",
        "Let someone in from the waiting room (with who is here open)",
    ),
    "key.refuse": ("niet binnenlaten", "do not let in"),
    "key.refuse_long": (
        "Iemand uit de wachtruimte niet binnenlaten (met wie is er open)",
        "Do not let someone in from the waiting room (with who is here open)",
    ),
    "seats.pick_merge": (
        "Welke plek moet weg? Alles van die plek gaat naar de plek die je hierna kiest.",
        "Which seat should go? Everything of it goes to the seat you choose next.",
    ),
    "seats.pick_keep": (
        "Met welke plek voeg je {name} samen? Die plek blijft.",
        "Which seat do you merge {name} into? That seat stays.",
    ),
    "seats.pick_remove": ("Welke lege plek haal je weg?", "Which empty seat do you remove?"),
    "seats.pick_hint": (
        "↑/↓: kiezen · Enter: verder · Esc: stoppen",
        "↑/↓: choose · Enter: next · Escape: cancel",
    ),
    "seats.confirm_merge": (
        "{gone} samenvoegen met {keep}? Kaarten, stippen en antwoorden van {gone} gaan naar "
        "{keep}. Daarna is er één plek: {keep}.",
        "Merge {gone} into {keep}? The cards, dots and answers of {gone} go to {keep}. Then "
        "there is one seat: {keep}.",
    ),
    "seats.confirm_remove": (
        "De lege plek van {name} weghalen?",
        "Remove the empty seat of {name}?",
    ),
    "seats.confirm_keys": ("j: ja · n of Esc: nee", "y: yes · n or Escape: no"),
    "seats.none_to_merge": (
        "Er zijn geen twee plekken om samen te voegen.",
        "There are no two seats to merge.",
    ),
    "seats.none_empty": (
        "Er is geen lege plek om weg te halen.",
        "There is no empty seat to remove.",
    ),
    "seats.merged": ("{gone} is samengevoegd met {keep}.", "{gone} was merged into {keep}."),
    "seats.removed": ("De plek van {name} is weggehaald.", "The seat of {name} was removed."),
    "seats.empty": ("leeg", "empty"),
    "seats.cards": ("{count} kaarten", "{count} cards"),
    "seats.cards.one": ("{count} kaart", "{count} card"),
    "seats.dots": ("{count} stippen", "{count} dots"),
    "seats.dots.one": ("{count} stip", "{count} dot"),
    "seats.answers": ("{count} antwoorden", "{count} answers"),
    "seats.answers.one": ("{count} antwoord", "{count} answer"),
    "seats.evaluation": ("evaluatie ingevuld", "evaluation filled in"),
    "seats.confirmed": ("spelregels bevestigd", "ground rules confirmed"),
    "refused.own_role": (
        "Je eigen rol geef je door door iemand anders procesbegeleider te maken.",
        "You pass on your own role by making someone else facilitator.",
    ),
    "refused.no_phase": ("Die fase bestaat niet.", "That phase does not exist."),
    "refused.timer_length": ("Geef een tijd van minstens één minuut.", "Give at least one minute."),
    "refused.no_timer": ("Er loopt geen timer.", "There is no timer."),
    # --- file problems ---
    "file.cannot_open": (
        "Het bestand {path} kan niet worden geopend.",
        "The file {path} cannot be opened.",
    ),
    "file.where": ("Regel {line}, kolom {column}: {what}", "Line {line}, column {column}: {what}"),
    "file.where_line": ("Regel {line}: {what}", "Line {line}: {what}"),
    "file.field": ("in het veld {field}: {what}", "in the field {field}: {what}"),
    "file.what_now": (
        "Wat nu: herstel dit in een teksteditor en controleer het bestand met "
        "`tussenruimte validate {path}`. Het bestand is niet veranderd.",
        "What now: fix this in a text editor and check the file with "
        "`tussenruimte validate {path}`. The file has not been changed.",
    ),
    "file.missing": (
        "dit bestand bestaat niet. Maak een nieuwe sessie met `tussenruimte new {path}`.",
        "this file does not exist. Make a new session with `tussenruimte new {path}`.",
    ),
    "file.unreadable": (
        "dit bestand is niet te lezen: {reason}",
        "cannot read this file: {reason}",
    ),
    "file.not_utf8": (
        "dit bestand is geen tekst in UTF-8.",
        "this file is not text in UTF-8.",
    ),
    "file.syntax": (
        "dit is geen geldige TOML: {reason}",
        "this is not valid TOML: {reason}",
    ),
    "file.git_conflict": (
        "onopgelost git-conflict op regel {line}: git heeft hier beide kanten van een merge "
        "neergezet, tussen <<<<<<<, ======= en >>>>>>>. Kies per conflict wat blijft (of "
        "houd beide kaarten) en haal die drie regels weg.",
        "unresolved git conflict at line {line}: git put both sides of a merge here, "
        "between <<<<<<<, ======= and >>>>>>>. Choose per conflict what stays (or keep both "
        "cards) and remove those three lines.",
    ),
    "file.exists": (
        "{path} bestaat al; kies een andere naam of verwijder het eerst.",
        "{path} already exists; choose another name or remove it first.",
    ),
    "file.save_failed": (
        "Opslaan in {path} is mislukt: {reason}. Het vorige bestand is heel gebleven.",
        "Saving to {path} failed: {reason}. The previous file is still whole.",
    ),
    # --- validation errors (by pydantic error type) ---
    "err.missing": ("dit veld ontbreekt", "this field is missing"),
    "err.evaluation_minimum": (
        "het minimum voor de evaluatie is {value}, maar moet minstens {lowest} zijn: met minder "
        "antwoorden zijn iemands cijfers uit de totalen te herleiden. Zet evaluation_minimum op "
        "{lowest} of hoger (standaard 5), of laat het weg",
        "the evaluation minimum is {value} but must be at least {lowest}: with fewer answers "
        "someone's ratings can be worked out from the totals. Set evaluation_minimum to "
        "{lowest} or more (default 5), or leave it out",
    ),
    "err.extra_forbidden": (
        "onbekend veld; controleer de spelling",
        "unknown field; check the spelling",
    ),
    "err.string_type": ("hier hoort tekst tussen aanhalingstekens", "this should be quoted text"),
    "err.int_type": ("hier hoort een geheel getal", "this should be a whole number"),
    "err.int_parsing": ("hier hoort een geheel getal", "this should be a whole number"),
    "err.int_from_float": ("hier hoort een geheel getal", "this should be a whole number"),
    "err.date_from_datetime_parsing": (
        "hier hoort een datum, bijvoorbeeld 2026-11-26",
        "this should be a date, for example 2026-11-26",
    ),
    "err.datetime_from_date_parsing": (
        "hier hoort een tijdstip, bijvoorbeeld 2026-11-26T10:00:00Z",
        "this should be a moment in time, for example 2026-11-26T10:00:00Z",
    ),
    "err.date_type": (
        "hier hoort een datum, bijvoorbeeld 2026-11-26",
        "this should be a date, for example 2026-11-26",
    ),
    "err.date_from_datetime_inexact": (
        "hier hoort een datum zonder tijd, bijvoorbeeld 2026-11-26",
        "this should be a date without a time, for example 2026-11-26",
    ),
    "err.datetime_type": (
        "hier hoort een tijdstip, bijvoorbeeld 2026-11-26T10:00:00Z",
        "this should be a moment in time, for example 2026-11-26T10:00:00Z",
    ),
    "err.string_too_short": ("dit mag niet leeg zijn", "this may not be empty"),
    "err.string_too_long": (
        "dit is te lang: hooguit {max_length} tekens",
        "this is too long: at most {max_length} characters",
    ),
    "err.too_short": ("hier hoort minstens één item", "at least one item is needed here"),
    "err.string_pattern_mismatch": (
        "een id bestaat uit kleine letters, cijfers, - en _ (hooguit 40 tekens)",
        "an id consists of lowercase letters, digits, - and _ (at most 40 characters)",
    ),
    "err.greater_than_equal": (
        "dit getal moet minstens {ge} zijn",
        "this number must be at least {ge}",
    ),
    "err.literal_error": ("kies uit: {expected}", "choose from: {expected}"),
    "err.bool_type": ("hier hoort true of false", "this should be true or false"),
    "err.enum": ("kies uit: {expected}", "choose from: {expected}"),
    "err.list_type": ("hier hoort een lijst [ … ]", "this should be a list [ … ]"),
    "err.tuple_type": ("hier hoort een lijst [ … ]", "this should be a list [ … ]"),
    "err.model_type": ("hier hoort een tabel", "this should be a table"),
    "err.model_attributes_type": ("hier hoort een tabel", "this should be a table"),
    "err.timezone_aware": (
        "tijd zonder tijdzone; schrijf bijvoorbeeld 2026-11-26T10:00:00Z",
        "time without a time zone; write for example 2026-11-26T10:00:00Z",
    ),
    "err.schema_version": (
        "onbekende schemaversie {version}; deze tussenruimte leest versie 1 tot en met "
        "{supported}. Werk tussenruimte bij.",
        "unknown schema version {version}; this tussenruimte reads versions 1 to {supported}. "
        "Please update tussenruimte.",
    ),
    "err.duplicate_id": (
        "het id {id!r} komt twee keer voor in {what}; elk id moet uniek zijn",
        "the id {id!r} occurs twice in {what}; every id must be unique",
    ),
    "err.unknown_theme": (
        "kaart {card!r} staat in thema {theme!r}, maar dat thema bestaat niet (wel: {known})",
        "card {card!r} is in theme {theme!r}, but that theme does not exist (known: {known})",
    ),
    "err.unknown_author": (
        "kaart {card!r} noemt auteur {author!r}, maar die staat niet bij de deelnemers",
        "card {card!r} names author {author!r}, who is not among the participants",
    ),
    "err.unknown_phase": (
        "de fase {phase!r} bestaat niet (wel: {known})",
        "the phase {phase!r} does not exist (known: {known})",
    ),
    "err.unknown_card": (
        "de kaart {card!r} bestaat niet",
        "the card {card!r} does not exist",
    ),
    "err.unknown_cluster": (
        "kaart {card!r} hoort bij cluster {cluster!r}, maar dat cluster staat niet in "
        "hetzelfde thema of bestaat niet",
        "card {card!r} belongs to cluster {cluster!r}, but that cluster is not in the same "
        "theme or does not exist",
    ),
    "err.cluster_theme": (
        "cluster {id!r} staat in thema {theme!r}, maar dat thema bestaat niet (wel: {known})",
        "cluster {id!r} is in theme {theme!r}, but that theme does not exist (known: {known})",
    ),
    "err.unknown_norm": (
        "de norm {norm!r} bestaat niet (zie docs/session-format.md)",
        "the norm {norm!r} does not exist (see docs/session-format.md)",
    ),
    "err.unknown_person": (
        "{person!r} staat niet bij de deelnemers",
        "{person!r} is not among the participants",
    ),
    "err.greater_than": ("dit getal moet groter zijn dan {gt}", "this number must exceed {gt}"),
    "err.less_than_equal": (
        "dit getal mag hooguit {le} zijn",
        "this number must be at most {le}",
    ),
    "err.other": ("{message}", "{message}"),
    # --- templates ---
    "template.unknown": (
        "Er is geen sjabloon {name!r}. Beschikbaar: {known}. Zie `tussenruimte templates`.",
        "There is no template {name!r}. Available: {known}. See `tussenruimte templates`.",
    ),
    "template.list_header": ("Sjablonen:", "Templates:"),
    "template.list_dirs": (
        "Eigen sjablonen: zet een TOML-bestand in {dir}",
        "Your own templates: put a TOML file in {dir}",
    ),
    "template.broken": ("Kapot sjabloon overgeslagen: {path}", "Broken template skipped: {path}"),
    # --- CLI ---
    "cli.description": (
        "tussenruimte — een live sessiebord voor de terminal.",
        "tussenruimte — a live session board for the terminal.",
    ),
    "cli.new.help": ("maak een nieuw sessiebestand", "make a new session file"),
    "cli.open.help": ("open het bord in deze terminal", "open the board in this terminal"),
    "cli.validate.help": ("controleer een sessiebestand", "check a session file"),
    "cli.templates.help": ("toon de sjablonen", "list the templates"),
    "cli.lang.help": ("taal van het scherm: nl of en", "language of the screen: nl or en"),
    "cli.file.help": ("het sessiebestand (.toml)", "the session file (.toml)"),
    "cli.template.help": ("het sjabloon (standaard: rivierenland)", "the template"),
    "cli.title.help": ("de titel van de sessie", "the title of the session"),
    "cli.place.help": ("waar de sessie is", "where the session takes place"),
    "cli.date.help": ("de datum (JJJJ-MM-DD), standaard vandaag", "the date (YYYY-MM-DD)"),
    "cli.name.help": ("jouw naam", "your name"),
    "cli.org.help": ("jouw organisatie", "your organisation"),
    "cli.anonymous.help": (
        "anonieme sessie: niemand ziet wie een kaart schreef, en het bestand bewaart het niet",
        "anonymous session: nobody sees who wrote a card, and the file does not keep it",
    ),
    "cli.created": (
        "Nieuwe sessie gemaakt: {path} ({themes}). Open het bord met `tussenruimte open {path}`.",
        "New session made: {path} ({themes}). Open the board with `tussenruimte open {path}`.",
    ),
    "cli.valid": (
        "{path} is in orde: {cards} in {themes}, {people}.",
        "{path} is fine: {cards} in {themes}, {people}.",
    ),
    "cli.report_stale": (
        "⚠ Het verslag {report} zegt niet meer wat er in de sessie staat (na een wijziging "
        "met de hand of een merge). Maak het opnieuw: `{command}`.",
        "⚠ The report {report} no longer says what the session holds (after a hand edit or "
        "a merge). Make it again: `{command}`.",
    ),
    "cli.bad_date": (
        "De datum {value!r} klopt niet; schrijf die als JJJJ-MM-DD, bijvoorbeeld 2026-11-26.",
        "The date {value!r} is not right; write it as YYYY-MM-DD, for example 2026-11-26.",
    ),
    "cli.default_title": ("Sessie in de tussenruimte", "Session in the in-between space"),
    "cli.default_facilitator": ("Procesbegeleider", "Facilitator"),
    "cli.interrupted": ("Gestopt.", "Stopped."),
    # --- the relay and joining ---
    "relay.bad_code": (
        "Deze code klopt niet. Controleer de code bij de procesbegeleider.",
        "This code is not right. Check the code with the facilitator.",
    ),
    "cli.relay_restarting": (
        "De relay is bewaard en gestopt om opnieuw te starten (SIGHUP). De borden maken "
        "weer verbinding zodra hij terug is.",
        "The relay has saved and stopped to restart (SIGHUP). The boards connect again as "
        "soon as it is back.",
    ),
    "cli.positive_number": (
        "'{value}' is geen heel getal van 1 of meer",
        "'{value}' is not a whole number of 1 or more",
    ),
    "cli.new_seats.help": (
        "zoveel nieuwe deelnemers mogen er per minuut binnenkomen vanaf één adres (standaard "
        "60; hoger als iedereen via één router of proxy komt)",
        "this many new participants may come in per minute from one address (default 60; "
        "higher when everyone comes through one router or proxy)",
    ),
    "cli.new_seat.help": (
        "neem een nieuwe plek aan tafel, niet de plek die deze computer bewaarde",
        "take a new seat at the table, not the one this computer kept",
    ),
    "client.seat_back": (
        "Je neemt je plek aan tafel weer in als {name}. (Iemand anders op deze computer? "
        "Start dan met --new-seat.)",
        "You take your seat at the table again as {name}. (Someone else on this computer? "
        "Then start with --new-seat.)",
    ),
    "client.seat_not_kept": (
        "Je plek kon niet bewaard worden in {folder}. Het bord werkt; na een herstart krijg "
        "je wel een nieuwe plek.",
        "Your seat could not be kept in {folder}. The board works; after a restart you get "
        "a new seat, though.",
    ),
    "relay.stopped": (
        "De sessie is gestopt. De procesbegeleider bewaart alles wat op het bord staat in "
        "het sessiebestand; jouw kaarten zijn er ook in. Bedankt voor het meedoen!",
        "The session has stopped. The facilitator keeps everything on the board in the "
        "session file; your cards are in it too. Thank you for taking part!",
    ),
    "relay.stopped_view": (
        "De sessie is gestopt. Bedankt voor het meekijken!",
        "The session has stopped. Thank you for watching!",
    ),
    "relay.stopped_facilitator": (
        "De sessie is gestopt. Alles van het bord is bewaard in het sessiebestand op de "
        "computer van de relay.",
        "The session has stopped. Everything on the board is saved in the session file on "
        "the relay's computer.",
    ),
    "relay.restarting": (
        "De relay start opnieuw. Je bord maakt zo weer verbinding.",
        "The relay is restarting. Your board will connect again in a moment.",
    ),
    "relay.taken_over": (
        "Je plek aan tafel is nu open op een ander bord (vanaf {where}). Dit bord stopt; "
        "werk verder op het andere bord.",
        "Your seat at the table is now open on another board (from {where}). This board "
        "stops; carry on on the other one.",
    ),
    "relay.seat_merged": (
        "De procesbegeleider heeft je twee plekken aan tafel samengevoegd. Je bord gaat "
        "verder als {name}.",
        "The facilitator merged your two seats at the table. Your board carries on as {name}.",
    ),
    "relay.not_admitted": (
        "De procesbegeleider heeft je niet binnengelaten. Dit bord stopt.",
        "The facilitator did not let you in. This board stops.",
    ),
    "relay.lobby_gone": (
        "Die persoon wacht niet meer: binnengelaten, weggestuurd of weggegaan.",
        "That person is no longer waiting: let in, turned away, or gone.",
    ),
    "relay.lobby_full": (
        "Er wachten al te veel mensen om binnen te komen. Probeer het over een paar minuten "
        "opnieuw.",
        "Too many people are already waiting to come in. Try again in a few minutes.",
    ),
    "relay.seat_removed": (
        "De procesbegeleider heeft deze lege plek aan tafel weggehaald. Dit bord stopt.",
        "The facilitator removed this empty seat at the table. This board stops.",
    ),
    "relay.seat_unknown": (
        "Deze plek aan tafel bestaat niet (meer). Start opnieuw met de join-regel van de "
        "procesbegeleider.",
        "This seat at the table does not exist (any more). Start again with the "
        "facilitator's join line.",
    ),
    "relay.too_many_seats": (
        "Vanaf dit adres zijn net te veel nieuwe deelnemers binnengekomen. Wacht een "
        "minuut en probeer het opnieuw.",
        "Too many new participants have just come in from this address. Wait a minute "
        "and try again.",
    ),
    "relay.too_many_attempts": (
        "Te veel verkeerde codes geprobeerd. Wacht een minuut en probeer het opnieuw.",
        "Too many wrong codes tried. Wait a minute and try again.",
    ),
    "relay.hello_first": (
        "Het bord stuurde eerst iets anders dan een aanmelding.",
        "The board sent something other than a join message first.",
    ),
    "relay.hello_timeout": (
        "Aanmelden duurde te lang; probeer het opnieuw.",
        "Joining took too long; please try again.",
    ),
    "relay.hello_twice": ("Je bent al aangemeld.", "You have already joined."),
    "relay.protocol_version": (
        "Deze versie van tussenruimte past niet bij die van de sessie. Werk tussenruimte bij.",
        "This version of tussenruimte does not match the session's. Please update tussenruimte.",
    ),
    "relay.name_needed": (
        "Vul je naam in om mee te doen.",
        "Fill in your name to take part.",
    ),
    "relay.bad_message": (
        "Een bericht van dit bord klopte niet ({where}); het is genegeerd.",
        "A message from this board was not right ({where}); it was ignored.",
    ),
    "relay.too_fast": (
        "Je gaat te snel; wacht even en probeer het opnieuw.",
        "You are going too fast; wait a moment and try again.",
    ),
    "relay.too_many_bad": (
        "Dit bord stuurde te veel berichten die niet klopten; de verbinding is gesloten. "
        "Werk tussenruimte bij.",
        "This board sent too many messages that were not right; the connection was closed. "
        "Please update tussenruimte.",
    ),
    "relay.unknown": (
        "De sessie meldt iets dat deze versie niet kent ({code}). Werk tussenruimte bij.",
        "The session reports something this version does not know ({code}). Please update "
        "tussenruimte.",
    ),
    "relay.journal_damaged": (
        "Het journaal {path} is beschadigd op regel {line}; er staan daarna nog bevestigde "
        "wijzigingen in. Er is niets veranderd. Bewaar een kopie van die map en vraag hulp.",
        "The journal {path} is damaged at line {line}; confirmed changes follow it. Nothing "
        "was changed. Keep a copy of that folder and ask for help.",
    ),
    "client.unreachable": (
        "De sessie op {url} is niet bereikbaar. Controleer het adres, of de procesbegeleider "
        "de sessie al gestart heeft, en je netwerk.",
        "The session at {url} cannot be reached. Check the address, whether the facilitator "
        "has started the session, and your network.",
    ),
    "client.untrusted": (
        "Het certificaat van {url} wordt niet vertrouwd. Vraag de procesbegeleider om het "
        "certificaat en start opnieuw met --ca BESTAND.",
        "The certificate of {url} is not trusted. Ask the facilitator for the certificate "
        "and start again with --ca FILE.",
    ),
    "client.bad_url": (
        "{url} is geen geldig adres; het begint met ws:// of wss://.",
        "{url} is not a valid address; it starts with ws:// or wss://.",
    ),
    "client.protocol": (
        "De sessie gaf een antwoord dat dit bord niet begrijpt. Werk tussenruimte bij.",
        "The session answered in a way this board does not understand. Please update tussenruimte.",
    ),
    "client.ask_code": ("Deelnamecode: ", "Join code: "),
    "client.code_needed": (
        "De deelnamecode ontbreekt. Geef hem mee met --code CODE of zet hem in TUSSENRUIMTE_CODE.",
        "The join code is missing. Give it with --code CODE, or put it in TUSSENRUIMTE_CODE.",
    ),
    "client.ask_name": ("Je naam: ", "Your name: "),
    "client.ask_org": ("Je organisatie: ", "Your organisation: "),
    "client.ask_mandate": (
        "Heb je mandaat om namens je organisatie afspraken te maken? (j/n, Enter: later) ",
        "Do you have a mandate to make agreements for your organisation? (y/n, Enter: later) ",
    ),
    "cli.mandate.help": (
        "je hebt (of: --no-mandate, je hebt geen) mandaat om afspraken te maken (spelregel 3)",
        "you have (or: --no-mandate, you have no) mandate to make agreements (ground rule 3)",
    ),
    "client.joining": ("Verbinden met {url} …", "Connecting to {url} …"),
    "client.joining_session": ("Verbinden met de sessie …", "Connecting to the session …"),
    # --- the plain board ---
    "plain.option.help": (
        "een bord regel voor regel, voor een schermlezer of brailleleesregel (typ help)",
        "a board line by line, for a screen reader or braille display (type help)",
    ),
    "plain.welcome": (
        "Je zit aan tafel in {title}, fase {number} van {total}: {phase}. "
        "Typ help voor de opdrachten.",
        "You are at the table in {title}, phase {number} of {total}: {phase}. "
        "Type help for the commands.",
    ),
    "plain.welcome_watch": (
        "Je kijkt mee in {title}, fase {number} van {total}: {phase}. Typ help voor de opdrachten.",
        "You are watching {title}, phase {number} of {total}: {phase}. Type help for the commands.",
    ),
    "plain.welcome_free": (
        "Je zit aan tafel in {title}. Typ help voor de opdrachten.",
        "You are at the table in {title}. Type help for the commands.",
    ),
    "plain.welcome_watch_free": (
        "Je kijkt mee in {title}. Typ help voor de opdrachten.",
        "You are watching {title}. Type help for the commands.",
    ),
    "plain.cards_on_board": (
        "Er staan {count} kaarten op het bord. Typ lijst om ze te horen.",
        "There are {count} cards on the board. Type list to hear them.",
    ),
    "plain.cards_on_board.one": (
        "Er staat {count} kaart op het bord. Typ lijst om hem te horen.",
        "There is {count} card on the board. Type list to hear it.",
    ),
    "plain.reloaded": (
        "Het bord is opnieuw geladen: {count} kaarten. Typ lijst om ze te horen.",
        "The board was loaded again: {count} cards. Type list to hear them.",
    ),
    "plain.reloaded.one": (
        "Het bord is opnieuw geladen: {count} kaart. Typ lijst om hem te horen.",
        "The board was loaded again: {count} card. Type list to hear it.",
    ),
    "plain.hidden": (
        "Er wachten {count} verborgen kaarten tot ze onthuld worden.",
        "{count} hidden cards wait to be revealed.",
    ),
    "plain.hidden.one": (
        "Er wacht {count} verborgen kaart tot hij onthuld wordt.",
        "{count} hidden card waits to be revealed.",
    ),
    "plain.hidden_none": (
        "Er wachten geen verborgen kaarten meer.",
        "No hidden cards are waiting any more.",
    ),
    "plain.no_phases": ("Deze sessie heeft geen fases.", "This session has no phases."),
    "plain.phase": (
        "Fase {number} van {total}: {title}. {ask}",
        "Phase {number} of {total}: {title}. {ask}",
    ),
    "plain.ask.opening": (
        "Lees de spelregels (typ spelregels) en bevestig ze (typ bevestig). Wie zit er aan "
        "tafel, en met welk mandaat?",
        "Read the ground rules (type rules) and confirm them (type confirm). Who is at the "
        "table, with what mandate?",
    ),
    "plain.offline": (
        "De verbinding is weg. Het bord probeert opnieuw te verbinden.",
        "The connection is lost. The board is trying to connect again.",
    ),
    "plain.online_again": ("De verbinding is er weer.", "The connection is back."),
    "plain.came": (
        "{name} is erbij gekomen. Er zijn nu {count} mensen online.",
        "{name} has joined. There are now {count} people online.",
    ),
    "plain.came.one": (
        "{name} is erbij gekomen. Er is nu {count} persoon online.",
        "{name} has joined. There is now {count} person online.",
    ),
    "plain.left": (
        "{name} is weggegaan. Er zijn nu {count} mensen online.",
        "{name} has left. There are now {count} people online.",
    ),
    "plain.left.one": (
        "{name} is weggegaan. Er is nu {count} persoon online.",
        "{name} has left. There is now {count} person online.",
    ),
    "plain.online": (
        "Er zijn nu {count} mensen online.",
        "There are now {count} people online.",
    ),
    "plain.online.one": (
        "Er is nu {count} persoon online.",
        "There is now {count} person online.",
    ),
    "plain.time_up": ("De tijd is om.", "Time is up."),
    "plain.timer_runs": (
        "De timer loopt: nog {count} minuten.",
        "The timer is running: {count} minutes left.",
    ),
    "plain.timer_runs.one": (
        "De timer loopt: nog {count} minuut.",
        "The timer is running: {count} minute left.",
    ),
    "plain.timer_paused": (
        "De timer staat stil met nog {count} minuten.",
        "The timer is paused with {count} minutes left.",
    ),
    "plain.timer_paused.one": (
        "De timer staat stil met nog {count} minuut.",
        "The timer is paused with {count} minute left.",
    ),
    "plain.timer_left": (
        "Nog {count} minuten op de timer.",
        "{count} minutes left on the timer.",
    ),
    "plain.timer_left.one": (
        "Nog {count} minuut op de timer.",
        "{count} minute left on the timer.",
    ),
    "plain.timer_stopped": ("De timer is gestopt.", "The timer has stopped."),
    "plain.new_card": (
        "Nieuwe kaart {nr} van {name} bij {theme}: {text}",
        "New card {nr} by {name} in {theme}: {text}",
    ),
    "plain.new_card_anonymous": (
        "Nieuwe kaart {nr} bij {theme}: {text}",
        "New card {nr} in {theme}: {text}",
    ),
    "plain.your_card": (
        "Je kaart {nr} staat bij {theme}: {text}",
        "Your card {nr} is in {theme}: {text}",
    ),
    "plain.your_card_hidden": (
        "Je kaart {nr} staat bij {theme}, verborgen tot de onthulling: {text}",
        "Your card {nr} is in {theme}, hidden until the reveal: {text}",
    ),
    "plain.card_revealed": ("Kaart {nr} is onthuld: {text}", "Card {nr} is revealed: {text}"),
    "plain.card_changed": ("Kaart {nr} gewijzigd: {text}", "Card {nr} changed: {text}"),
    "plain.card_moved": ("Kaart {nr} staat nu bij {theme}.", "Card {nr} is now in {theme}."),
    "plain.card_removed": ("Kaart {nr} is weggehaald.", "Card {nr} was removed."),
    "plain.answers_problem": (
        "Kaart {nr} is een voorstel bij het probleem op kaart {problem}.",
        "Card {nr} is a proposal for the problem on card {problem}.",
    ),
    "plain.kind.probleem": ("Kaart {nr} is nu een probleem.", "Card {nr} is now a problem."),
    "plain.kind.voorstel": ("Kaart {nr} is nu een voorstel.", "Card {nr} is now a proposal."),
    "plain.kind.none": (
        "Kaart {nr} is geen probleem of voorstel meer.",
        "Card {nr} is no longer a problem or proposal.",
    ),
    "plain.card_grouped": (
        "Kaart {nr} hoort nu bij de groep {title}.",
        "Card {nr} now belongs to the group {title}.",
    ),
    "plain.card_ungrouped": (
        "Kaart {nr} hoort niet meer bij een groep.",
        "Card {nr} no longer belongs to a group.",
    ),
    "plain.reflex": (
        "Bij kaart {nr} staat nu de reflex: {reflex}.",
        "Card {nr} is now tagged with the reflex: {reflex}.",
    ),
    "plain.reflex_off": (
        "Bij kaart {nr} staat geen reflex meer.",
        "Card {nr} no longer has a reflex.",
    ),
    "plain.cluster_new": ("Nieuwe groep bij {theme}: {title}.", "New group in {theme}: {title}."),
    "plain.cluster_renamed": (
        "De groep {old} heet nu {title}.",
        "The group {old} is now called {title}.",
    ),
    "plain.cluster_removed": ("De groep {title} is opgeheven.", "The group {title} is undone."),
    "plain.cluster_suggested": (
        "{name} stelt een groep voor: {title}, met de kaarten {cards}.",
        "{name} suggests a group: {title}, with the cards {cards}.",
    ),
    "plain.person_removed": (
        "{name} zit niet meer aan tafel.",
        "{name} is no longer at the table.",
    ),
    "plain.role.facilitator": ("procesbegeleider", "facilitator"),
    "plain.role.cofacilitator": ("tweede procesbegeleider", "co-facilitator"),
    "plain.role.participant": ("deelnemer", "participant"),
    "plain.role.observer": ("waarnemer", "observer"),
    "plain.your_role": ("Je bent nu {role}.", "You are now {role}."),
    "plain.role_of": ("{name} is nu {role}.", "{name} is now {role}."),
    "plain.private_on": (
        "Privé schrijven staat aan: nieuwe kaarten blijven verborgen tot ze onthuld worden.",
        "Private writing is on: new cards stay hidden until they are revealed.",
    ),
    "plain.private_off": (
        "Privé schrijven staat uit: nieuwe kaarten ziet iedereen meteen.",
        "Private writing is off: everyone sees new cards at once.",
    ),
    "plain.spotlight": (
        "In de schijnwerper: kaart {nr} van {name}: {text}",
        "In the spotlight: card {nr} by {name}: {text}",
    ),
    "plain.nobody": ("onbekend", "unknown"),
    "plain.spotlight_off": ("De schijnwerper is uit.", "The spotlight is off."),
    "plain.rules_changed": (
        "De spelregels zijn gewijzigd. Typ spelregels om ze te horen.",
        "The ground rules have changed. Type rules to hear them.",
    ),
    "plain.you_confirmed": (
        "Je hebt de spelregels bevestigd.",
        "You have confirmed the ground rules.",
    ),
    "plain.confirmed": (
        "{name} heeft de spelregels bevestigd.",
        "{name} has confirmed the ground rules.",
    ),
    "plain.dots": ("Iedereen heeft nu {count} stippen.", "Everyone now has {count} dots."),
    "plain.dots.one": ("Iedereen heeft nu {count} stip.", "Everyone now has {count} dot."),
    "plain.voters": (
        "Er hebben nu {count} mensen gestemd.",
        "{count} people have voted so far.",
    ),
    "plain.voters.one": (
        "Er heeft nu {count} persoon gestemd.",
        "{count} person has voted so far.",
    ),
    "plain.you_dotted": (
        "Je hebt nu {count} stippen op {target}; je hebt er nog {left} over.",
        "You now have {count} dots on {target}; you have {left} left.",
    ),
    "plain.you_dotted.one": (
        "Je hebt nu {count} stip op {target}; je hebt er nog {left} over.",
        "You now have {count} dot on {target}; you have {left} left.",
    ),
    "plain.card_name": ("kaart {nr}", "card {nr}"),
    "plain.group_name": ("de groep {title}", "the group {title}"),
    "plain.voting_closed": (
        "De stemronde is gesloten.",
        "The voting round is closed.",
    ),
    "plain.voting_open": ("De stemronde is weer open.", "The voting round is open again."),
    "plain.no_votes": ("Er zijn geen stippen gegeven.", "No dots were given."),
    "plain.result": (
        "De uitslag, van de meeste stippen naar de minste:",
        "The result, from the most dots to the fewest:",
    ),
    "plain.result_line": ("{target}: {count} stippen.", "{target}: {count} dots."),
    "plain.result_line.one": ("{target}: {count} stip.", "{target}: {count} dot."),
    "plain.agreement_new": (
        "Nieuwe conceptafspraak {nr}: {what} Waarom: {why}",
        "New draft agreement {nr}: {what} Why: {why}",
    ),
    "plain.agreement_changed": (
        "Afspraak {nr} gewijzigd: {what}",
        "Agreement {nr} changed: {what}",
    ),
    "plain.round_started": (
        "De ronde over afspraak {nr} is begonnen: {what} Reageer met reactie werkbaar, "
        "reactie bedenking en je bedenking, of reactie achterban.",
        "The round on agreement {nr} has started: {what} Answer with answer workable, "
        "answer concern and your concern, or answer consult.",
    ),
    "plain.status.beraad": (
        "Het reageren op afspraak {nr} is gesloten; nu kiest de procesbegeleider met de "
        "reacties in beeld.",
        "Answering on agreement {nr} is closed; now the facilitator chooses with the answers "
        "in view.",
    ),
    "plain.status": ("Afspraak {nr} is nu: {status}.", "Agreement {nr} is now: {status}."),
    "plain.status.aangenomen": (
        "De ronde is gesloten: afspraak {nr} is aangenomen.",
        "The round is closed: agreement {nr} is adopted.",
    ),
    "plain.status.concept": (
        "Afspraak {nr} is weer een concept.",
        "Agreement {nr} is a draft again.",
    ),
    "plain.status.geparkeerd": ("Afspraak {nr} is geparkeerd.", "Agreement {nr} is parked."),
    "plain.status.herzien": ("Afspraak {nr} wordt herzien.", "Agreement {nr} is being revised."),
    "plain.status.vervallen": ("Afspraak {nr} is vervallen.", "Agreement {nr} has lapsed."),
    "plain.answers": (
        "Op afspraak {nr} zijn nu {count} reacties.",
        "Agreement {nr} now has {count} answers.",
    ),
    "plain.answers.one": (
        "Op afspraak {nr} is nu {count} reactie.",
        "Agreement {nr} now has {count} answer.",
    ),
    "plain.answers_summary": (
        "Reacties: werkbaar {werkbaar}, bedenking {bedenking}, achterban {achterban}.",
        "Answers: workable {werkbaar}, concern {bedenking}, consult {achterban}.",
    ),
    "plain.concerns": ("Bedenkingen: {text}", "Concerns: {text}"),
    "plain.you_answered": (
        "Je reactie op afspraak {nr} is ontvangen: {kind}.",
        "Your answer on agreement {nr} is received: {kind}.",
    ),
    "plain.answer.werkbaar": ("werkbaar", "workable"),
    "plain.answer.bedenking": ("bedenking", "concern"),
    "plain.answer.achterban": ("eerst overleggen met je achterban", "consult your organisation"),
    "plain.answer.verborgen": ("verborgen", "hidden"),
    "plain.evaluation_started": (
        "De evaluatie is begonnen. Typ evaluatie om mee te doen.",
        "The evaluation has started. Type evaluation to take part.",
    ),
    "plain.you_evaluated": (
        "Je evaluatie is ontvangen. Dank je wel.",
        "Your evaluation is received. Thank you.",
    ),
    "plain.evaluated": (
        "{count} mensen hebben de evaluatie ingevuld.",
        "{count} people have filled in the evaluation.",
    ),
    "plain.evaluated.one": (
        "{count} persoon heeft de evaluatie ingevuld.",
        "{count} person has filled in the evaluation.",
    ),
    "plain.evaluation_closed": ("De evaluatie is gesloten.", "The evaluation is closed."),
    "plain.evaluation_too_few": (
        "Te weinig mensen vulden de evaluatie in om de cijfers te tonen.",
        "Too few people filled in the evaluation to show the figures.",
    ),
    "plain.evaluation_result": (
        "De uitkomst, gemiddeld op een schaal van 1 tot 5:",
        "The outcome, on average on a scale from 1 to 5:",
    ),
    "plain.evaluation_norm": ("{norm}: {mean}.", "{norm}: {mean}."),
    "plain.evaluation_lines": ("Wat we meenemen: {lines}.", "What we take with us: {lines}."),
    "plain.review_open": (
        "Terugblik op {what}: nog niet besproken.",
        "Looking back on {what}: not discussed yet.",
    ),
    "plain.ratified": (
        'De notulen van "{title}" zijn vastgesteld, zonder correcties.',
        'The minutes of "{title}" are ratified, without corrections.',
    ),
    "plain.ratified_corrections": (
        'De notulen van "{title}" zijn vastgesteld, met correcties: {corrections}',
        'The minutes of "{title}" are ratified, with corrections: {corrections}',
    ),
    "plain.unratified": (
        'De notulen van "{title}" zijn niet meer vastgesteld.',
        'The minutes of "{title}" are no longer ratified.',
    ),
    "plain.review": ("Terugblik op {what}: {verdict}.", "Looking back on {what}: {verdict}."),
    "plain.verdict.werkt": ("het werkt", "it works"),
    "plain.verdict.bijstellen": ("bijstellen", "to be adjusted"),
    "plain.verdict.vervallen": ("vervallen", "lapsed"),
    "plain.principle": ("Principe {number}: {answer}.", "Principle {number}: {answer}."),
    "plain.principle_undone": (
        "Het antwoord op principe {number} is teruggenomen.",
        "The answer on principle {number} was taken back.",
    ),
    "plain.unknown": (
        "De opdracht {word} ken ik niet. Typ help voor de opdrachten.",
        "I do not know the command {word}. Type help for the commands.",
    ),
    "plain.queued": (
        "Er is nu geen verbinding; het gaat mee zodra die er weer is.",
        "There is no connection now; it goes out as soon as it is back.",
    ),
    "plain.or": ("{first} of {last}", "{first} or {last}"),
    "plain.no_theme_number": (
        "Thema {word} bestaat niet; er zijn {count} thema's.",
        "There is no theme {word}; there are {count} themes.",
    ),
    "plain.no_theme_number.one": (
        "Thema {word} bestaat niet; er is {count} thema.",
        "There is no theme {word}; there is {count} theme.",
    ),
    "plain.no_theme": (
        "Geen thema heet {word}. De thema's: {themes}.",
        "No theme is called {word}. The themes: {themes}.",
    ),
    "plain.which_theme": (
        "Welk thema bedoel je: {themes}? Typ het nummer.",
        "Which theme do you mean: {themes}? Type the number.",
    ),
    "plain.card_how": (
        "Typ kaart, het thema en je tekst, bijvoorbeeld kaart 1 je idee. De thema's: {themes}.",
        "Type card, the theme and your text, for example card 1 your idea. The themes: {themes}.",
    ),
    "plain.list_theme": (
        "Thema {number}, {theme}: {count} kaarten.",
        "Theme {number}, {theme}: {count} cards.",
    ),
    "plain.list_theme.one": (
        "Thema {number}, {theme}: {count} kaart.",
        "Theme {number}, {theme}: {count} card.",
    ),
    "plain.list_card": ("Kaart {nr} van {name}: {text}", "Card {nr} by {name}: {text}"),
    "plain.list_card_anonymous": ("Kaart {nr}: {text}", "Card {nr}: {text}"),
    "plain.list_hidden": ("(nog verborgen)", "(still hidden)"),
    "plain.list_dots": ("({count} stippen)", "({count} dots)"),
    "plain.list_dots.one": ("({count} stip)", "({count} dot)"),
    "plain.no_card": (
        "Er is geen kaart {word}. Typ lijst om de nummers te horen.",
        "There is no card {word}. Type list to hear the numbers.",
    ),
    "plain.same_text": ("Die tekst staat al op kaart {nr}.", "Card {nr} already says that."),
    "plain.edit_how": (
        "Typ wijzig, het nummer van de kaart en de nieuwe tekst.",
        "Type edit, the number of the card and the new text.",
    ),
    "plain.delete_how": (
        "Typ weg en het nummer van de kaart.",
        "Type delete and the card's number.",
    ),
    "plain.dot_how": (
        "Typ stip en het nummer van de kaart, of stip weg en het nummer.",
        "Type dot and the card's number, or dot remove and the number.",
    ),
    "plain.spot_how": (
        "Typ spot en het nummer van de kaart, of spot uit.",
        "Type spot and the card's number, or spot off.",
    ),
    "plain.timer_how": (
        "Typ timer en het aantal minuten, bijvoorbeeld timer 5, of timer stop.",
        "Type timer and the number of minutes, for example timer 5, or timer stop.",
    ),
    "plain.no_round": (
        "Er loopt nu geen ronde over een afspraak.",
        "No round on an agreement is open now.",
    ),
    "plain.no_round_for": (
        "Over afspraak {nr} loopt nu geen ronde.",
        "No round is open on agreement {nr} now.",
    ),
    "plain.which_round": (
        "Er lopen meer rondes. Over welke afspraak: {numbers}? Typ reactie, het nummer en je "
        "reactie.",
        "More rounds are open. On which agreement: {numbers}? Type answer, the number and "
        "your answer.",
    ),
    "plain.answer_how": (
        "Typ reactie werkbaar, reactie bedenking en je bedenking, of reactie achterban.",
        "Type answer workable, answer concern and your concern, or answer consult.",
    ),
    "plain.concern_how": (
        "Schrijf je bedenking erbij: reactie bedenking en dan je tekst.",
        "Add your concern: answer concern and then your text.",
    ),
    "plain.no_evaluation": ("Er loopt nu geen evaluatie.", "No evaluation is open now."),
    "plain.evaluated_already": (
        "Je hebt de evaluatie al ingevuld.",
        "You have already filled in the evaluation.",
    ),
    "plain.evaluation_how": (
        "De evaluatie: negen vragen, geef elk een cijfer van 1 tot 5. Typ stop om te stoppen.",
        "The evaluation: nine questions, give each a score from 1 to 5. Type stop to stop.",
    ),
    "plain.evaluation_ask": (
        "Vraag {number} van 9: {norm}. Je cijfer van 1 tot 5?",
        "Question {number} of 9: {norm}. Your score from 1 to 5?",
    ),
    "plain.evaluation_line": (
        "Tot slot: wat neem je mee? Typ één zin, of alleen Enter om niets te zeggen.",
        "Finally: what do you take with you? Type one sentence, or only Enter to say nothing.",
    ),
    "plain.evaluation_score": (
        "Typ een cijfer van 1 tot 5, of stop.",
        "Type a score from 1 to 5, or stop.",
    ),
    "plain.evaluation_cancelled": (
        "Je evaluatie is niet verstuurd.",
        "Your evaluation was not sent.",
    ),
    "plain.confirmed_already": (
        "Je hebt de spelregels al bevestigd.",
        "You have already confirmed the ground rules.",
    ),
    "plain.no_rules": ("Deze sessie heeft geen spelregels.", "This session has no ground rules."),
    "plain.rule": ("Spelregel {number}: {text}", "Ground rule {number}: {text}"),
    "plain.confirm_how": (
        "Typ bevestig om de spelregels te bevestigen.",
        "Type confirm to confirm the ground rules.",
    ),
    "plain.who": (
        "Er zijn {count} mensen online: jij, {names}.",
        "{count} people are online: you, {names}.",
    ),
    "plain.who.one": (
        "Er is {count} persoon online: jij, {names}.",
        "{count} person is online: you, {names}.",
    ),
    "plain.who_alone": ("Alleen jij bent online.", "Only you are online."),
    "plain.who_watching": (
        "Er zijn {count} mensen online: {names}.",
        "{count} people are online: {names}.",
    ),
    "plain.who_watching.one": (
        "Er is {count} persoon online: {names}.",
        "{count} person is online: {names}.",
    ),
    "plain.who_nobody": ("Er is niemand online.", "Nobody is online."),
    "plain.bye": ("Je hebt het bord verlaten. Tot ziens.", "You have left the board. Goodbye."),
    "plain.help.help": ("help of h: deze uitleg.", "help or h: this explanation."),
    "plain.help.card": (
        "kaart of k, het thema en je tekst: een nieuwe kaart. Het thema met zijn nummer of "
        "een woord uit de naam, bijvoorbeeld kaart 2 je idee.",
        "card or c, the theme and your text: a new card. The theme by its number or a word "
        "of its name, for example card 2 your idea.",
    ),
    "plain.help.list": (
        "lijst of l: alle kaarten met hun nummer; lijst en een thema: de kaarten van dat thema.",
        "list or l: every card with its number; list and a theme: the cards of that theme.",
    ),
    "plain.help.edit": (
        "wijzig, het nummer en de nieuwe tekst: je kaart wijzigen.",
        "edit, the number and the new text: change your card.",
    ),
    "plain.help.delete": (
        "weg en het nummer: je kaart weghalen.",
        "delete and the number: remove your card.",
    ),
    "plain.help.move": (
        "verplaats, het nummer en een thema: de kaart naar dat thema.",
        "move, the number and a theme: the card to that theme.",
    ),
    "plain.help.kind": (
        "probleem en het nummer, voorstel en het nummer, gewoon en het nummer: de kaart "
        "markeren; voorstel, het nummer van een probleem en je tekst: een voorstel dat erop "
        "antwoordt.",
        "problem and the number, proposal and the number, plain and the number: mark the "
        "card; proposal, the number of a problem and your text: a proposal that answers it.",
    ),
    "plain.help.mandate": (
        "mandaat ja of mandaat nee: of je namens je organisatie afspraken mag maken.",
        "mandate yes or mandate no: whether you may make agreements for your organisation.",
    ),
    "plain.help.dot": (
        "stip en het nummer: een stip op die kaart; stip weg en het nummer: een stip terug.",
        "dot and the number: a dot on that card; dot remove and the number: take a dot back.",
    ),
    "plain.help.answer": (
        "reactie werkbaar, reactie bedenking en je tekst, of reactie achterban: je reactie in "
        "de ronde over een afspraak.",
        "answer workable, answer concern and your text, or answer consult: your answer in "
        "the round on an agreement.",
    ),
    "plain.help.evaluate": (
        "evaluatie: de evaluatie invullen, vraag voor vraag.",
        "evaluation: fill in the evaluation, question by question.",
    ),
    "plain.help.rules": (
        "spelregels: de spelregels horen; bevestig: ze bevestigen.",
        "rules: hear the ground rules; confirm: confirm them.",
    ),
    "plain.help.phase": (
        "fase of f: waar we zijn en wat de fase vraagt.",
        "phase or f: where we are and what the phase asks.",
    ),
    "plain.help.who": ("wie: wie er online is.", "who: who is online."),
    "plain.help.changes": (
        "Elke verandering op het bord hoor je als één zin, met het nummer van de kaart.",
        "You hear every change on the board as one sentence, with the card's number.",
    ),
    "plain.help.stop": ("stop: het bord verlaten.", "stop: leave the board."),
    "plain.help.facilitator": (
        "Als procesbegeleider: volgende fase, vorige fase, timer en minuten, timer pauze, "
        "timer verder, timer stop, privé aan, privé uit, onthul, spot en een nummer, spot "
        "uit, stemmen sluiten, stemmen open, evaluatie start, evaluatie sluiten.",
        "As facilitator: next phase, previous phase, timer and minutes, timer pause, timer "
        "resume, timer stop, private on, private off, reveal, spot and a number, spot off, "
        "voting close, voting open, evaluation start, evaluation close.",
    ),
    "plain.help.agreements": (
        "Afspraken, als procesbegeleider: afspraak, wat we afspreken, waarom, en de reden; "
        "ronde en het nummer: de ronde starten; ronde, het nummer en sluiten: het reageren "
        "sluiten; ronde, het nummer en aangenomen, concept of geparkeerd: kiezen.",
        "Agreements, as facilitator: agreement, what we agree, why, and the reason; round "
        "and the number: start the round; round, the number and close: close answering; "
        "round, the number and adopted, draft or parked: choose.",
    ),
    "plain.move_how": (
        "Typ verplaats, het nummer van de kaart en het thema.",
        "Type move, the card's number and the theme.",
    ),
    "plain.problem_how": (
        "Typ probleem en het nummer van de kaart.",
        "Type problem and the card's number.",
    ),
    "plain.proposal_how": (
        "Typ voorstel en het nummer van de kaart, of voorstel, het nummer van een probleem "
        "en je tekst.",
        "Type proposal and the card's number, or proposal, the number of a problem and your text.",
    ),
    "plain.plain_card_how": (
        "Typ gewoon en het nummer van de kaart.",
        "Type plain and the card's number.",
    ),
    "plain.mandate_how": ("Typ mandaat ja of mandaat nee.", "Type mandate yes or mandate no."),
    "plain.your_mandate_yes": (
        "Je hebt nu mandaat om namens je organisatie afspraken te maken.",
        "You now have a mandate to make agreements for your organisation.",
    ),
    "plain.your_mandate_no": (
        "Je hebt nu geen mandaat om namens je organisatie afspraken te maken.",
        "You now have no mandate to make agreements for your organisation.",
    ),
    "plain.mandate_yes": ("{name} heeft nu mandaat.", "{name} now has a mandate."),
    "plain.mandate_no": ("{name} heeft nu geen mandaat.", "{name} now has no mandate."),
    "plain.voting_how": (
        "Typ stemmen sluiten of stemmen open.",
        "Type voting close or voting open.",
    ),
    "plain.private_how": ("Typ privé aan of privé uit.", "Type private on or private off."),
    "plain.agreement_how": (
        "Typ afspraak, wat we afspreken, dan het woord waarom en de reden.",
        "Type agreement, what we agree, then the word why and the reason.",
    ),
    "plain.round_how": (
        "Typ ronde en het nummer van de afspraak om de ronde te starten, ronde, het nummer en "
        "sluiten om het reageren te sluiten, en dan ronde, het nummer en aangenomen, concept "
        "of geparkeerd.",
        "Type round and the agreement's number to start its round, round, the number and "
        "close to close answering, then round, the number and adopted, draft or parked.",
    ),
    "board.offline": (
        "verbinding verbroken — opnieuw verbinden…",
        "connection lost — reconnecting…",
    ),
    "board.via_ssh": ("via ssh", "via ssh"),
    "board.via_web": ("in de browser", "in the browser"),
    "board.online_status": (
        "{url} · {cards} · {online} online",
        "{url} · {cards} · {online} online",
    ),
    "board.join_line": ("Deelnemers: {line}", "Participants: {line}"),
    "board.people_title": ("Wie is er?", "Who is here?"),
    "board.online": ("online", "online"),
    "board.away": ("weg", "away"),
    "board.observer_badge": ("kijkt mee", "watching"),
    "key.people": ("wie is er", "who is here"),
    "key.people_long": (
        "Deelnemers tonen of verbergen (wie is er, van welke organisatie)",
        "Show or hide the participants (who is here, from which organisation)",
    ),
    "cli.host.help": (
        "start een live sessie: de relay en jouw bord als procesbegeleider",
        "start a live session: the relay and your board as facilitator",
    ),
    "cli.relay.help": (
        "alleen de relay, voor een server (één kamer per sessiebestand)",
        "only the relay, for a server (one room per session file)",
    ),
    "cli.join.help": ("doe mee met een live sessie", "join a live session"),
    "cli.url.help": (
        "het adres van de sessie, ws://… of wss://…, met het pad van de kamer als dat er is "
        "(wss://bord.example.nl/kamer/naam)",
        "the session's address, ws://… or wss://…, with the room's path if it has one "
        "(wss://bord.example.nl/kamer/name)",
    ),
    "cli.code.help": ("de deelnamecode", "the join code"),
    "cli.join_code.help": (
        "de deelnamecode (of zet TUSSENRUIMTE_CODE; zonder code vraagt het erom)",
        "the join code (or set TUSSENRUIMTE_CODE; without a code it asks for it)",
    ),
    "cli.fcode.help": ("de code voor de procesbegeleider", "the facilitator's code"),
    "cli.bind.help": ("adres om op te luisteren (standaard 0.0.0.0)", "address to listen on"),
    "cli.port.help": ("poort (standaard 8765)", "port (default 8765)"),
    "cli.tls_cert.help": ("TLS-certificaat (PEM) voor wss://", "TLS certificate (PEM) for wss://"),
    "cli.tls_key.help": ("TLS-sleutel (PEM)", "TLS key (PEM)"),
    "cli.view.help": (
        "alleen meekijken (het scherm voor de beamer)",
        "only watch (the projector screen)",
    ),
    "a11y.contrast.help": (
        "hoog contrast: zwart, wit en geel (of zet TUSSENRUIMTE_CONTRAST=1); "
        "NO_COLOR=1 geeft een bord zonder kleur",
        "high contrast: black, white and yellow (or set TUSSENRUIMTE_CONTRAST=1); "
        "NO_COLOR=1 gives a board without colour",
    ),
    "cli.join_line": (
        "Deelnemers doen mee met:\n  {line}",
        "Participants join with:\n  {line}",
    ),
    "cli.facilitator_line": (
        "Procesbegeleider doet mee met:\n  {line}",
        "The facilitator joins with:\n  {line}",
    ),
    "cli.relay_ready": (
        "Relay luistert op {address}. Stoppen: ctrl+c (de sessie wordt bewaard).",
        "Relay listening on {address}. Stop: ctrl+c (the session is saved).",
    ),
    "cli.port_in_use": (
        "Poort {port} is al in gebruik. Kies een andere met --port.",
        "Port {port} is already in use. Choose another with --port.",
    ),
    "cli.tls_failed": (
        "Het certificaat of de sleutel kan niet worden gelezen: {reason}",
        "The certificate or key cannot be read: {reason}",
    ),
    "cli.ca.help": (
        "vertrouw dit certificaat (PEM) voor wss://, bijvoorbeeld een eigen certificaat",
        "trust this certificate (PEM) for wss://, for example a self-signed one",
    ),
    "cli.trusted_proxy.help": (
        "adres of netwerk (CIDR) van een proxy ervoor; alleen van daar geldt X-Forwarded-For "
        "(mag vaker)",
        "address or network (CIDR) of a proxy in front; only from there X-Forwarded-For "
        "counts (repeatable)",
    ),
    "cli.trusted_proxy_bad": (
        "--trusted-proxy {value!r} is geen adres of netwerk. Schrijf bijvoorbeeld 127.0.0.1 "
        "of 10.0.0.0/8.",
        "--trusted-proxy {value!r} is not an address or network. Write for example 127.0.0.1 "
        "or 10.0.0.0/8.",
    ),
    "cli.same_room_name": (
        "{first} en {second} krijgen hetzelfde pad /kamer/{name}. Geef een van beide een "
        "andere bestandsnaam.",
        "{first} and {second} get the same path /kamer/{name}. Give one of them another file name.",
    ),
    "cli.tls_both": (
        "Geef --tls-cert en --tls-key allebei.",
        "Give both --tls-cert and --tls-key.",
    ),
    # --- the SSH entrance (sshgate.py) ---
    "ssh.option.help": (
        "ook een SSH-ingang op deze poort: ssh -p POORT sessie@HOST, met de code als wachtwoord",
        "also an SSH entrance on this port: ssh -p PORT session@HOST, the code as password",
    ),
    "ssh.max.help": (
        "hoeveel mensen tegelijk via ssh mee kunnen doen (standaard 60)",
        "how many people can take part over ssh at the same time (default 60)",
    ),
    "ssh.ready": (
        "Of via ssh (wachtwoord: de code):\n  {line}\nSleutel van deze server: {fingerprint}",
        "Or over ssh (password: the code):\n  {line}\nThis server's key: {fingerprint}",
    ),
    "ssh.board_line": (
        "of: {line}  (wachtwoord: de code) · sleutel {fingerprint}",
        "or: {line}  (password: the code) · key {fingerprint}",
    ),
    "ssh.banner": (
        "tussenruimte: typ de code van de sessie als wachtwoord. Je ziet niet wat je typt.",
        "tussenruimte: type the code of the session as the password. You will not see it.",
    ),
    "ssh.too_many": (
        "Te veel verkeerde codes vanaf dit adres. Wacht een minuut en probeer het opnieuw.",
        "Too many wrong codes from this address. Wait a minute and try again.",
    ),
    "ssh.no_terminal": (
        "Het bord heeft een terminal nodig. Laat -T weg, of gebruik ssh -t.",
        "The board needs a terminal. Leave out -T, or use ssh -t.",
    ),
    "ssh.full": (
        "De sessie is vol: er doen al {max} mensen mee via ssh. "
        "Vraag de procesbegeleider om de regel met tussenruimte join.",
        "The session is full: {max} people already take part over ssh. "
        "Ask the facilitator for the line with tussenruimte join.",
    ),
    "ssh.idle": (
        "Je hebt lang niets getypt, daarom is de verbinding gesloten. "
        "Doe opnieuw mee met dezelfde regel.",
        "You have not typed anything for a long time, so the connection was closed. "
        "Join again with the same line.",
    ),
    "ssh.stopped": (
        "De sessie is gestopt. Bedankt voor het meedoen!",
        "The session has stopped. Thank you for taking part!",
    ),
    "ssh.failed": (
        "Het bord kon niet starten: {reason}",
        "The board could not start: {reason}",
    ),
    "ssh.key_failed": (
        "De SSH-sleutel {path} kan niet worden gelezen of gemaakt: {reason}",
        "The SSH key {path} cannot be read or made: {reason}",
    ),
    "ssh.port_in_use": (
        "SSH-poort {port} is al in gebruik. Kies een andere met --ssh.",
        "SSH port {port} is already in use. Choose another with --ssh.",
    ),
    "ssh.start_failed": (
        "De SSH-ingang kan niet starten: {reason}",
        "The SSH entrance cannot start: {reason}",
    ),
    "ssh.ask_code": (
        "Je logde in met je SSH-sleutel. Typ de code van de sessie: ",
        "You logged in with your SSH key. Type the code of the session: ",
    ),
    "ssh.bad_code": (
        "Dat is niet de code van de sessie. Probeer het opnieuw.",
        "That is not the code of the session. Try again.",
    ),
    "ssh.no_command": (
        "Via deze ingang kun je alleen meedoen aan de sessie: een opdracht, bestanden "
        "kopiëren (scp, sftp) of doorsturen kan niet. Log in zonder opdracht, met de regel "
        "van de procesbegeleider.",
        "This entrance only lets you take part in the session: a command, copying files "
        "(scp, sftp) or forwarding is not possible. Log in without a command, with the line "
        "from the facilitator.",
    ),
    "ssh.no_forwarding": (
        "Doorsturen (ssh -L, -W) kan niet via deze ingang. Log in zonder -L en -W.",
        "Forwarding (ssh -L, -W) is not possible through this entrance. Log in without -L and -W.",
    ),
    "ssh.code_late": (
        "Je hebt de code niet op tijd getypt. Doe opnieuw mee met dezelfde regel.",
        "You did not type the code in time. Join again with the same line.",
    ),
    # --- the browser entrance (webgate.py, tui_board/web/) ---
    "web.option.help": (
        "ook een ingang voor de browser op deze poort: deelnemers openen http://HOST:POORT/ "
        "en typen de code",
        "also an entrance for browsers on this port: participants open http://HOST:PORT/ "
        "and type the code",
    ),
    "web.max.help": (
        "hoeveel mensen tegelijk in de browser mee kunnen doen (standaard 60)",
        "how many people can take part in a browser at the same time (default 60)",
    ),
    "web.public_url.help": (
        "het adres dat deelnemers in de browser openen, als dat anders is dan "
        "http://DIT-ADRES:POORT/ (een naam op het netwerk, een proxy met https)",
        "the address participants open in a browser, when it is not "
        "http://THIS-ADDRESS:PORT/ (a name on the network, a proxy with https)",
    ),
    "web.public_url_bad": (
        "--public-url moet een adres zijn dat begint met http:// of https://.",
        "--public-url must be an address that starts with http:// or https://.",
    ),
    "web.public_url_alone": (
        "--public-url hoort bij --web POORT.",
        "--public-url goes with --web PORT.",
    ),
    "web.ready": (
        "Of in de browser (met de code):\n  {url}",
        "Or in a browser (with the code):\n  {url}",
    ),
    "web.board_line": (
        "of in de browser: {url}  (met de code)",
        "or in a browser: {url}  (with the code)",
    ),
    "web.port_in_use": (
        "Webpoort {port} is al in gebruik. Kies een andere met --web.",
        "Web port {port} is already in use. Choose another with --web.",
    ),
    "web.start_failed": (
        "De ingang voor de browser kan niet starten: {reason}",
        "The entrance for browsers cannot start: {reason}",
    ),
    "web.title": ("tussenruimte", "tussenruimte"),
    "web.intro": (
        "Doe mee met de sessie: typ de code die de procesbegeleider geeft, je naam en je "
        "organisatie.",
        "Join the session: type the code the facilitator gives, your name and your organisation.",
    ),
    "web.code": ("Code van de sessie", "Session code"),
    "web.name": ("Je naam", "Your name"),
    "web.org": ("Je organisatie", "Your organisation"),
    "web.mandate": (
        "Heb je mandaat om namens je organisatie afspraken te maken?",
        "Do you have a mandate to make agreements for your organisation?",
    ),
    "web.mandate_yes": ("Ja", "Yes"),
    "web.mandate_no": ("Nee", "No"),
    "web.mandate_unsaid": (
        "Dat zeg ik later (toets m op het bord)",
        "I will say later (key m on the board)",
    ),
    "web.join": ("Meedoen", "Join"),
    "web.other_language": ("English", "Nederlands"),
    "web.starting": ("Het bord start…", "The board is starting…"),
    "web.touch": (
        "Op een tablet of telefoon: tik op het bord, dan komt het toetsenbord tevoorschijn.",
        "On a tablet or phone: tap the board to bring up the keyboard.",
    ),
    "web.closed": ("Het bord is gesloten.", "The board has closed."),
    "web.again": ("Opnieuw meedoen", "Join again"),
    "web.bad_code": (
        "Die code klopt niet. Kijk nog eens op het scherm, of vraag de procesbegeleider.",
        "That code is not right. Look at the screen again, or ask the facilitator.",
    ),
    "web.too_many": (
        "Te veel verkeerde codes vanaf dit adres. Wacht een minuut en probeer het opnieuw.",
        "Too many wrong codes from this address. Wait a minute and try again.",
    ),
    "web.name_needed": ("Vul je naam in.", "Fill in your name."),
    "web.full": (
        "De sessie is vol: er doen al {max} mensen mee in de browser. "
        "Vraag de procesbegeleider om een andere manier om mee te doen.",
        "The session is full: {max} people already take part in a browser. "
        "Ask the facilitator for another way to join.",
    ),
    "web.expired": (
        "Deze link is verlopen of al gebruikt. Doe opnieuw mee.",
        "This link has expired or has been used. Join again.",
    ),
    "web.wrong_host": (
        "Open het bord via {url}",
        "Open the board at {url}",
    ),
    "web.stopped": (
        "De sessie is gestopt. Bedankt voor het meedoen!",
        "The session has stopped. Thank you for taking part!",
    ),
    "web.idle": (
        "Je hebt lang niets getypt, daarom is het bord gesloten.",
        "You have not typed anything for a long time, so the board was closed.",
    ),
    "web.failed": (
        "Het bord kon niet starten: {reason}",
        "The board could not start: {reason}",
    ),
    "web.welcome_back": (
        "Welkom terug, {name}. Je plek aan tafel is bewaard.",
        "Welcome back, {name}. Your seat at the table was kept.",
    ),
    "web.back": ("Terug naar je plek", "Back to your seat"),
    "web.someone_else": (
        "Ben je iemand anders? Vul dan hieronder de code en je naam in.",
        "Are you someone else? Then fill in the code and your name below.",
    ),
    # --- every way in, on the facilitator's board and the projector (entrances.py) ---
    "qr.title": ("Zo doe je mee", "How to join"),
    "qr.join": ("Met tussenruimte op je laptop:", "With tussenruimte on your laptop:"),
    "qr.ssh": (
        "Met alleen ssh (wachtwoord: de code):",
        "With nothing but ssh (password: the code):",
    ),
    "qr.fingerprint": (
        "sleutel van deze server: {fingerprint}",
        "this server's key: {fingerprint}",
    ),
    "qr.web": ("In de browser, ook op je telefoon:", "In a browser, on your phone too:"),
    "qr.code": ("De code: {code}", "The code: {code}"),
    "qr.scan": ("Scan met de camera van je telefoon:", "Scan with your phone's camera:"),
    "qr.too_small": (
        "Maak het venster groter voor de QR-code ({width}×{height} nodig).",
        "Make the window bigger for the QR code ({width}×{height} needed).",
    ),
    "qr.hint": ("Esc: terug naar het bord", "Escape: back to the board"),
    "qr.key_hint": ("i: QR-code", "i: QR code"),
    "key.entrances": ("meedoen", "join"),
    "key.entrances_long": (
        "Alle manieren om mee te doen, groot en met een QR-code voor de browser",
        "Every way to join, large, with a QR code for the browser",
    ),
    # --- phases (the method's default flow) ---
    "phase.opening.title": ("Opening", "Opening"),
    "phase.opening.ask": (
        "Lees de spelregels en bevestig ze met c. Wie zit er aan tafel, en met welk mandaat?",
        "Read the ground rules and confirm them with c. Who is at the table, with what mandate?",
    ),
    "phase.verzamelen.title": ("Verzamelen", "Collecting"),
    "phase.verzamelen.ask": (
        "Schrijf je ideeën op kaarten: één idee per kaart, bij het thema waar het past.",
        "Write your ideas on cards: one idea per card, under the theme where it fits.",
    ),
    "phase.delen.title": ("Delen", "Sharing"),
    "phase.delen.ask": (
        "Lees en luister: we bespreken de kaarten samen.",
        "Read and listen: we discuss the cards together.",
    ),
    "phase.ordenen.title": ("Ordenen", "Ordering"),
    "phase.ordenen.ask": (
        "We leggen kaarten die bij elkaar horen bij elkaar.",
        "We put cards that belong together side by side.",
    ),
    "phase.prioriteren.title": ("Prioriteren", "Prioritising"),
    "phase.prioriteren.ask": (
        "Geef je stippen aan wat voor jou het belangrijkst is.",
        "Give your dots to what matters most to you.",
    ),
    "phase.afspreken.title": ("Afspreken", "Agreeing"),
    "phase.afspreken.ask": (
        "We maken samen afspraken die werkbaar zijn voor nu, met een reden erbij.",
        "Together we make agreements that are workable for now, each with a reason.",
    ),
    "phase.afsluiten.title": ("Afsluiten", "Closing"),
    "phase.afsluiten.ask": (
        "We kijken terug: wat nemen we mee?",
        "We look back: what do we take with us?",
    ),
    "phase.erkennen.title": ("De schutting erkennen", "Acknowledging the fence"),
    "phase.erkennen.ask": (
        "Benoem de verschillen: waar ben jij wel en niet van, en waarom?",
        "Name the differences: what are you responsible for and what not, and why?",
    ),
    "phase.doorzichtig.title": ("De schutting doorzichtig maken", "Making the fence see-through"),
    "phase.doorzichtig.ask": (
        "Leer elkaar kennen: wat kun je op langere termijn van de ander verwachten?",
        "Get to know each other: what can you expect from the other in the longer run?",
    ),
    "phase.verruimen.title": ("De schutting verruimen", "Widening the fence"),
    "phase.verruimen.ask": (
        "Wat is ons gezamenlijke doel, en wat is er nodig om het samen te bereiken?",
        "What is our shared goal, and what is needed to reach it together?",
    ),
    # --- the board ---
    "board.title": ("tussenruimte", "tussenruimte"),
    "board.cards": ("{count} kaarten", "{count} cards"),
    "board.cards.one": ("{count} kaart", "{count} card"),
    "board.empty": (
        "Nog geen kaarten. Druk op {press} om er een toe te voegen.",
        "No cards yet. Press {press} to add one.",
    ),
    "board.empty_later": (
        "Nog geen kaarten. Kaarten toevoegen kan in de fase {phase}.",
        "No cards yet. Cards can be added in the phase {phase}.",
    ),
    "board.empty_none": ("Nog geen kaarten.", "No cards yet."),
    "board.saved": ("Opgeslagen", "Saved"),
    "board.unsaved": ("Niet opgeslagen", "Not saved"),
    "board.saved_at": ("Opgeslagen om {time}", "Saved at {time}"),
    "board.status": ("{file} · {cards} · {state}", "{file} · {cards} · {state}"),
    "board.you": ("jij", "you"),
    "board.unknown_author": ("onbekend", "unknown"),
    "board.new_card": ("Nieuwe kaart in {theme}", "New card in {theme}"),
    "board.edit_card": ("Kaart wijzigen", "Edit card"),
    "board.editor_hint": (
        "Enter: opslaan · {newline}: nieuwe regel · Esc: annuleren",
        "Enter: save · {newline}: new line · Escape: cancel",
    ),
    "board.editor_left": ("nog {left} tekens", "{left} characters left"),
    "board.editor_left_one": ("nog 1 teken", "1 character left"),
    "board.editor_cut": ("ingekort tot {max} tekens", "cut to {max} characters"),
    "board.editor_nothing": (
        "niets geplakt: alleen onzichtbare tekens",
        "nothing pasted: only invisible characters",
    ),
    "board.paste_cut": (
        "Geplakte tekst ingekort tot {max} tekens.",
        "Pasted text cut to {max} characters.",
    ),
    "board.editor_placeholder": ("Typ je kaart…", "Type your card…"),
    "board.ended_keys": (
        "Druk op een toets om het bord te sluiten.",
        "Press any key to close the board.",
    ),
    "board.confirm_delete": ("Deze kaart verwijderen?", "Delete this card?"),
    "board.confirm_keys": (
        "j: ja, verwijderen · n of Esc: nee",
        "y: yes, delete · n or Escape: no",
    ),
    "board.deleted": ("Kaart verwijderd.", "Card deleted."),
    "board.added": ("Kaart toegevoegd.", "Card added."),
    "board.no_card_here": ("Hier staat geen kaart.", "There is no card here."),
    "board.help_title": ("Hulp: alle toetsen", "Help: every key"),
    "board.help_close": ("Esc of {press}: sluiten", "Escape or {press}: close"),
    "board.help_questions": ("Vragen van deze sessie", "Questions of this session"),
    "board.help_spelregels": ("Spelregels", "Ground rules"),
    "board.palette_placeholder": ("Zoek een actie…", "Search for an action…"),
    "board.save_error": ("Opslaan mislukt: {reason}", "Saving failed: {reason}"),
    # --- running a session ---
    "room.phase": ("Fase {number}/{count} · {title}", "Phase {number}/{count} · {title}"),
    "room.no_phases": ("Vrij bord", "Free board"),
    "room.private_on": ("🔒 privé schrijven", "🔒 private writing"),
    "room.timer": ("⏱ {time}", "⏱ {time}"),
    "room.timer_paused": ("⏸ {time} (gepauzeerd)", "⏸ {time} (paused)"),
    "room.timer_done": ("⏰ de tijd is om", "⏰ time is up"),
    "room.waiting": ("{count} wachten", "{count} waiting"),
    "room.waiting_theme": ("⏳ {count} kaarten wachten", "⏳ {count} cards waiting"),
    "room.waiting_theme.one": ("⏳ {count} kaart wacht", "⏳ {count} card waiting"),
    "room.spotlight": ("IN DE SCHIJNWERPER · {theme}", "IN THE SPOTLIGHT · {theme}"),
    "room.hidden_mark": ("🔒 alleen jij ziet deze kaart", "🔒 only you see this card"),
    "room.spelregels_title": ("Spelregels", "Ground rules"),
    "room.spelregels_confirm": (
        "Druk op {press} om de spelregels te bevestigen.",
        "Press {press} to confirm the ground rules.",
    ),
    "room.spelregels_confirmed": (
        "✓ Je hebt de spelregels bevestigd.",
        "✓ You confirmed the ground rules.",
    ),
    "room.confirmed_count": (
        "{count} van {total} bevestigd",
        "{count} of {total} confirmed",
    ),
    "room.table_title": ("Wie zit aan tafel?", "Who is at the table?"),
    "room.mandate_yes": ("mandaat ✓", "mandate ✓"),
    "room.mandate_no": ("geen mandaat ✗", "no mandate ✗"),
    "room.mandate_unknown": ("mandaat ?", "mandate ?"),
    "room.confirmed_mark": ("spelregels ✓", "rules ✓"),
    "room.role.facilitator": ("procesbegeleider", "facilitator"),
    "room.role.cofacilitator": ("co-procesbegeleider", "co-facilitator"),
    "room.role.participant": ("deelnemer", "participant"),
    "room.role.observer": ("waarnemer", "observer"),
    "room.timer_ask": ("Hoeveel minuten?", "How many minutes?"),
    "room.timer_hint": ("Enter: starten · Esc: annuleren", "Enter: start · Escape: cancel"),
    "room.timer_bad": (
        "Typ een aantal minuten, bijvoorbeeld 5.",
        "Type a number of minutes, e.g. 5.",
    ),
    "room.spelregels_edit": (
        "Spelregels voor deze sessie (één per regel)",
        "Ground rules for this session (one per line)",
    ),
    "room.spelregels_edit_hint": (
        "ctrl+s: bewaren · Esc: annuleren",
        "ctrl+s: keep · Escape: cancel",
    ),
    "room.mandate_set": ("Je hebt aangegeven: {state}.", "You said: {state}."),
    "room.view_title": ("Meekijken", "Watching"),
    "room.bell_on": ("Geluid bij nul staat aan.", "Sound at zero is on."),
    "room.bell_off": ("Geluid bij nul staat uit.", "Sound at zero is off."),
    "key.phase_next": ("volgende fase", "next phase"),
    "key.phase_prev": ("vorige fase", "previous phase"),
    "key.phase_next_long": ("Naar de volgende fase", "To the next phase"),
    "key.phase_prev_long": ("Terug naar de vorige fase", "Back to the previous phase"),
    "key.private": ("privé", "private"),
    "key.private_long": ("Privé schrijven aan/uit", "Private writing on/off"),
    "key.reveal": ("onthul", "reveal"),
    "key.reveal_long": ("Alle wachtende kaarten onthullen", "Reveal every waiting card"),
    "key.reveal_theme": ("Onthul de kaarten van: {theme}", "Reveal the cards of: {theme}"),
    "key.spotlight": ("schijnwerper", "spotlight"),
    "key.spotlight_long": (
        "Gekozen kaart in de schijnwerper op elk scherm (nog eens: uit)",
        "Put the focused card in the spotlight on every screen (again: off)",
    ),
    "key.spotlight_off": ("Schijnwerper uit", "Spotlight off"),
    "key.spotlight_jump": ("naar schijnwerper", "to spotlight"),
    "key.spotlight_jump_long": (
        "Naar de kaart in de schijnwerper springen (je cursor blijft anders waar hij is)",
        "Jump to the card in the spotlight (otherwise your cursor stays where it is)",
    ),
    "room.no_spotlight": (
        "Er staat nu geen kaart in de schijnwerper.",
        "No card is in the spotlight now.",
    ),
    "key.timer": ("timer", "timer"),
    "key.timer_long": ("Timer zetten (minuten)", "Set the timer (minutes)"),
    "key.timer_pause": ("Timer pauzeren", "Pause the timer"),
    "key.timer_resume": ("Timer verder laten lopen", "Resume the timer"),
    "key.timer_add": ("Timer: één minuut erbij", "Timer: one more minute"),
    "key.timer_stop": ("Timer weghalen", "Remove the timer"),
    "key.bell": ("Geluid bij nul aan/uit", "Sound at zero on/off"),
    "key.rules": ("spelregels", "ground rules"),
    "key.rules_long": (
        "Spelregels en wie aan tafel zit tonen of verbergen",
        "Show or hide the ground rules and who is at the table",
    ),
    "key.confirm": ("bevestig", "confirm"),
    "key.confirm_long": ("De spelregels bevestigen", "Confirm the ground rules"),
    "key.mandate": ("mandaat", "mandate"),
    "key.mandate_long": (
        "Aangeven of je mandaat hebt om afspraken te maken",
        "Say whether you have a mandate to make agreements",
    ),
    "key.edit_rules": ("Spelregels van deze sessie bewerken", "Edit this session's ground rules"),
    "key.make_cofacilitator": ("Maak co-procesbegeleider: {name}", "Make co-facilitator: {name}"),
    "key.make_participant": ("Maak weer deelnemer: {name}", "Make participant again: {name}"),
    "key.hand_over": ("Geef de procesbegeleiding aan: {name}", "Hand the facilitation to: {name}"),
    # --- after the session: report, diff, textconv (tui_board/report.py, diffing.py) ---
    "cli.report.help": (
        "maak een bondig verslag van een sessie (Markdown of HTML)",
        "make a concise report of a session (Markdown or HTML)",
    ),
    "cli.report_format.help": (
        "md: Markdown (standaard, naar het scherm); html: één los HTML-bestand",
        "md: Markdown (default, to the screen); html: one self-contained HTML file",
    ),
    "cli.report_output.help": (
        "schrijf het verslag naar dit bestand (- voor het scherm); HTML zonder -o: naast "
        "het sessiebestand",
        "write the report to this file (- for the screen); HTML without -o: next to the "
        "session file",
    ),
    "cli.report_all.help": (
        "maak de verslagen naast elk sessiebestand in deze map (en de mappen eronder) "
        "opnieuw: FILE.md, en FILE.html waar die al staat of met --format html",
        "make the reports beside every session file in this folder (and the folders below) "
        "again: FILE.md, and FILE.html where it stands or with --format html",
    ),
    "cli.diff.help": (
        "vertel wat er veranderde tussen twee versies van een sessie",
        "tell what changed between two versions of a session",
    ),
    "cli.diff_old.help": ("de oude versie van het sessiebestand", "the old session file"),
    "cli.diff_new.help": ("de nieuwe versie van het sessiebestand", "the new session file"),
    "cli.textconv.help": (
        "de sessie als leesbare tekst, voor git (diff.tussenruimte.textconv)",
        "the session as readable text, for git (diff.tussenruimte.textconv)",
    ),
    "cli.fmt.help": (
        "zet sessiebestanden in de vaste vorm die het bord schrijft",
        "put session files in the fixed layout the board writes",
    ),
    "cli.fmt_check.help": (
        "schrijf niets; noem elk bestand dat niet in de vaste vorm staat (exit 1)",
        "write nothing; name each file that is not in the fixed layout (exit 1)",
    ),
    "fmt.written": ("In de vaste vorm gezet: {path}", "Put in the fixed layout: {path}"),
    "fmt.unchanged": ("Al in de vaste vorm: {path}", "Already in the fixed layout: {path}"),
    "fmt.not_canonical": (
        "Niet in de vaste vorm: {path}",
        "Not in the fixed layout: {path}",
    ),
    "fmt.hint": (
        "Zet ze in de vaste vorm met `{command}` en kijk het resultaat na.",
        "Put them in the fixed layout with `{command}` and check the result.",
    ),
    "fmt.symlink": (
        "{path} is een link; tussenruimte volgt geen links. Geef het bestand zelf op.",
        "{path} is a link; tussenruimte follows no links. Name the file itself.",
    ),
    "fmt.write_failed": (
        "Kan {path} niet schrijven: {reason}. Er is niets veranderd.",
        "Cannot write {path}: {reason}. Nothing was changed.",
    ),
    "report.written": ("Verslag geschreven: {path}", "Report written: {path}"),
    "report.same_file": (
        "Het verslag zou het sessiebestand {path} zelf overschrijven. Kies een ander "
        "bestand met -o.",
        "The report would overwrite the session file {path} itself. Choose another file with -o.",
    ),
    "report.over_session": (
        "{path} is een sessiebestand; een verslag overschrijft dat nooit. Kies een ander "
        "bestand met -o (bijvoorbeeld met .md of .html).",
        "{path} is a session file; a report never overwrites it. Choose another file with -o "
        "(ending in .md or .html, say).",
    ),
    "report.no_file": (
        "Noem een sessiebestand (`tussenruimte report SESSIE.toml`) of een map met --all.",
        "Name a session file (`tussenruimte report SESSION.toml`) or a folder with --all.",
    ),
    "report.all_alone": (
        "--all maakt de verslagen naast elk sessiebestand; noem dan geen bestand en geen -o.",
        "--all makes the reports beside every session file; then name no file and no -o.",
    ),
    "report.all_no_folder": (
        "{path} is geen map. Noem de map met sessies: `tussenruimte report --all MAP`.",
        "{path} is not a folder. Name the folder of sessions: `tussenruimte report --all DIR`.",
    ),
    "report.all_renewed": ("Verslag vernieuwd: {path}", "Report renewed: {path}"),
    "report.all_written": ("Verslag geschreven: {path}", "Report written: {path}"),
    "report.all_current": (
        "Verslag klopt al, niet veranderd: {path}",
        "Report already up to date, not changed: {path}",
    ),
    "report.all_link": (
        "Overgeslagen, een link (tussenruimte volgt geen links): {path}",
        "Skipped, a link (tussenruimte follows no links): {path}",
    ),
    "report.all_not_session": (
        "Overgeslagen, geen sessiebestand: {path}",
        "Skipped, not a session file: {path}",
    ),
    "report.all_done": ("{count} verslagen geschreven.", "{count} reports written."),
    "report.all_done.one": ("1 verslag geschreven.", "1 report written."),
    "report.all_bad": (
        "{count} bestanden konden niet gebruikt worden (zie hierboven); hun verslag is niet "
        "veranderd.",
        "{count} files could not be used (see above); their reports were not changed.",
    ),
    "report.all_bad.one": (
        "1 bestand kon niet gebruikt worden (zie hierboven); het verslag is niet veranderd.",
        "1 file could not be used (see above); its report was not changed.",
    ),
    "report.write_failed": (
        "Kan het verslag niet schrijven naar {path}: {reason}. Kies een map waarin je mag "
        "schrijven, met -o.",
        "Cannot write the report to {path}: {reason}. Choose a folder you may write to, with -o.",
    ),
    "report.kind": ("Verslag", "Report"),
    "report.months": (
        "januari februari maart april mei juni juli augustus september oktober november december",
        "January February March April May June July August September October November December",
    ),
    "report.date": ("Datum: {date}", "Date: {date}"),
    "report.place": ("Plaats: {place}", "Place: {place}"),
    "report.phase": (
        "De sessie eindigde in de fase {phase} ({number} van {total}).",
        "The session ended in the phase {phase} ({number} of {total}).",
    ),
    "report.no_phases": ("Vrij bord, zonder fasen.", "A free board, without phases."),
    "report.anonymous": (
        "Anonieme sessie: kaarten staan zonder naam.",
        "Anonymous session: cards are shown without names.",
    ),
    "report.recorded_by": (
        "Achteraf vastgelegd door {name} op {date}.",
        "Recorded afterwards by {name} on {date}.",
    ),
    "report.recorded": ("Achteraf vastgelegd op {date}.", "Recorded afterwards on {date}."),
    "report.questions": ("Vragen van de sessie", "The session's questions"),
    "report.table": ("Wie zat aan tafel", "Who sat at the table"),
    "report.table_summary": (
        "Aan tafel: {people} · organisaties: {organisations} · mandaat: {yes} ✓, {no} ✗, "
        "{unknown} ?",
        "At the table: {people} · organisations: {organisations} · mandate: {yes} ✓, "
        "{no} ✗, {unknown} ?",
    ),
    "report.nobody": ("Niemand aangemeld.", "Nobody signed in."),
    "report.no_organisation": ("Zonder organisatie", "Without an organisation"),
    "report.mandate.yes": ("mandaat ✓", "mandate ✓"),
    "report.mandate.no": ("geen mandaat ✗", "no mandate ✗"),
    "report.mandate.unknown": ("mandaat ?", "mandate ?"),
    "report.role.facilitator": ("procesbegeleider", "facilitator"),
    "report.role.cofacilitator": ("co-procesbegeleider", "co-facilitator"),
    "report.role.participant": ("deelnemer", "participant"),
    "report.role.observer": ("waarnemer", "observer"),
    "report.spelregels": ("Spelregels", "Ground rules"),
    "report.confirmed": (
        "Bevestigd door {count} van de {total} aan tafel.",
        "Confirmed by {count} of the {total} at the table.",
    ),
    "report.no_spelregels": ("Geen spelregels vastgelegd.", "No ground rules recorded."),
    "report.cards": ("Kaarten per thema", "Cards per theme"),
    "report.cards_summary": (
        "Kaarten: {visible} · nog niet onthuld: {hidden}",
        "Cards: {visible} · not yet revealed: {hidden}",
    ),
    "report.hidden": ("Nog niet onthuld: {count}", "Not yet revealed: {count}"),
    "report.no_cards": ("Geen kaarten.", "No cards."),
    "report.voice": ("Inbreng per organisatie", "Voice per organisation"),
    "report.voice_note": (
        "Geteld per organisatie, niet per persoon; kaarten die nog niet onthuld zijn tellen mee.",
        "Counted per organisation, not per person; cards not yet revealed are included.",
    ),
    "report.voice_anonymous": (
        "Anonieme sessie: kaarten worden niet per organisatie geteld.",
        "Anonymous session: cards are not counted per organisation.",
    ),
    "report.voice.organisation": ("Organisatie", "Organisation"),
    "report.voice.people": ("Aan tafel", "At the table"),
    "report.voice.cards": ("Kaarten", "Cards"),
    "report.voice.unknown": ("Onbekend", "Unknown"),
    # report: clusters, votes, agreements, open problems, terugblik
    "report.dots": ("{count} stippen", "{count} dots"),
    "report.dots.one": ("{count} stip", "{count} dot"),
    "report.kind.probleem": ("Probleem: ", "Problem: "),
    "report.kind.voorstel": ("Voorstel: ", "Proposal: "),
    "report.hidden_card": ("(nog niet onthuld)", "(not yet revealed)"),
    "report.answers": ("(bij het probleem {problem})", "(for the problem {problem})"),
    "report.cluster": ("Cluster: {title}", "Cluster: {title}"),
    "report.clusters_summary": ("clusters: {count}", "clusters: {count}"),
    "report.cluster_empty": ("(geen kaarten)", "(no cards)"),
    "report.votes": ("Stemmen", "Voting"),
    "report.votes.open": (
        "De stemronde is niet gesloten. Stippen blijven geheim tot de procesbegeleider de "
        "ronde sluit, dus hier staan geen aantallen.",
        "The voting round was not closed. Dots stay secret until the facilitator closes the "
        "round, so no numbers are shown here.",
    ),
    "report.votes.summary": (
        "Stemronde gesloten · gestemd: {voters} · stippen gezet: {dots} · stippen per "
        "deelnemer: {budget}",
        "Voting round closed · voted: {voters} · dots placed: {dots} · dots per "
        "participant: {budget}",
    ),
    "report.votes.top": ("De meeste stippen (top {count}):", "Most dots (top {count}):"),
    "report.votes.none": ("Niemand heeft gestemd.", "Nobody voted."),
    "report.open_problems": ("Problemen zonder voorstel", "Problems without a proposal"),
    "report.open_problems.none": (
        "Elk probleem heeft een voorstel (spelregel 2).",
        "Every problem has a proposal (ground rule 2).",
    ),
    "report.open_problems.count": (
        "Nog zonder voorstel: {count}.",
        "Still without a proposal: {count}.",
    ),
    "report.agreements": ("Afspraken (TWO's)", "Agreements (TWOs)"),
    "report.two.summary": ("Afspraken: {count} · {statuses}", "Agreements: {count} · {statuses}"),
    "report.two.status.aangenomen": ("aangenomen", "adopted"),
    "report.two.status.in_ronde": ("in ronde", "in a round"),
    "report.two.status.beraad": ("reageren gesloten", "answering closed"),
    "report.two.status.concept": ("concept", "draft"),
    "report.two.status.herzien": ("herzien", "revised"),
    "report.two.status.geparkeerd": ("geparkeerd", "parked"),
    "report.two.status.vervallen": ("vervallen", "lapsed"),
    "report.two.group.aangenomen": ("Aangenomen ({count})", "Adopted ({count})"),
    "report.two.group.in_ronde": ("In ronde ({count})", "In a round ({count})"),
    "report.two.group.beraad": ("Reageren gesloten ({count})", "Answering closed ({count})"),
    "report.two.group.concept": ("Concept ({count})", "Draft ({count})"),
    "report.two.group.herzien": ("Herzien ({count})", "Revised ({count})"),
    "report.two.group.geparkeerd": ("Geparkeerd ({count})", "Parked ({count})"),
    "report.two.group.vervallen": ("Vervallen ({count})", "Lapsed ({count})"),
    "report.two.why": ("Waarom:", "Why:"),
    "report.two.owners": ("Eigenaar: {owners}", "Owner: {owners}"),
    "report.two.review": ("Evaluatie: {date}", "Review: {date}"),
    "report.two.no_review": ("geen datum", "no date"),
    "report.two.source": ("Komt uit: {text}", "Grew from: {text}"),
    "report.two.revisits": (
        "Stelt de afspraak {what} uit de vorige sessie bij.",
        "Adjusts the agreement {what} of the earlier session.",
    ),
    "report.two.round": (
        "Reacties in ronde {number}: {werkbaar}× kan ermee werken, {bedenking}× bedenking, "
        "{achterban}× overleg met achterban nodig",
        "Answers in round {number}: {werkbaar}× can work with it, {bedenking}× concern, "
        "{achterban}× needs to consult their organisation",
    ),
    "report.two.round_open": (
        "Ronde {number} loopt nog: {count} reacties, geheim tot de ronde sluit.",
        "Round {number} is still open: {count} answers, secret until the round closes.",
    ),
    "report.two.round_open.one": (
        "Ronde {number} loopt nog: {count} reactie, geheim tot de ronde sluit.",
        "Round {number} is still open: {count} answer, secret until the round closes.",
    ),
    "report.two.no_round": ("Nog geen ronde gehouden.", "No round held yet."),
    "report.two.concern_by": (
        "Bedenking van {who}, ronde {round}:",
        "Concern from {who}, round {round}:",
    ),
    "report.two.concern": ("Bedenking, ronde {round}:", "Concern, round {round}:"),
    "report.two.note_by": (
        "Opmerking bij {kind} van {who}, ronde {round}:",
        "Note with {kind} from {who}, round {round}:",
    ),
    "report.two.note": (
        "Opmerking bij {kind}, ronde {round}:",
        "Note with {kind}, round {round}:",
    ),
    "report.two.note.werkbaar": ('"kan ermee werken"', '"can work with it"'),
    "report.two.note.achterban": (
        '"overleg met achterban"',
        '"needs to consult their organisation"',
    ),
    "report.terugblik": ("Terugblik op eerdere afspraken", "Looking back on earlier agreements"),
    "report.origin": (
        'Vervolg op de sessie "{title}" van {date}.',
        'Follow-up of the session "{title}" of {date}.',
    ),
    "report.origin_file": ("(bestand: {file})", "(file: {file})"),
    "report.ratified": (
        'De notulen van "{title}" van {date} zijn vastgesteld op {on}',
        'The minutes of "{title}" of {date} were ratified on {on}',
    ),
    "report.ratified_corrections": (
        "(met correcties: {corrections}).",
        "(with corrections: {corrections}).",
    ),
    "report.ratified_as_is": ("(zonder correcties).", "(without corrections)."),
    "report.terugblik.empty": (
        "Geen afspraken om op terug te blikken.",
        "No agreements to look back on.",
    ),
    "report.terugblik.summary": (
        "Afspraken uit de vorige sessie · {counts}",
        "Agreements of the earlier session · {counts}",
    ),
    "report.verdict.werkt": ("werkt", "works"),
    "report.verdict.afgerond": ("afgerond", "closed"),
    "report.verdict.bijstellen": ("wordt bijgesteld", "to be adjusted"),
    "report.verdict.vervallen": ("vervalt", "lapses"),
    "report.verdict.open": ("nog niet besproken", "not discussed yet"),
    "report.terugblik.note": ("Ervaring:", "Experience:"),
    "report.terugblik.late": ("⚠ te laat", "⚠ late"),
    "report.terugblik.agenda": (
        "Stond {count}× op de agenda.",
        "On the agenda {count} times.",
    ),
    "report.terugblik.concern": ("Bedenking toen:", "Concern then:"),
    "report.terugblik.new": (
        "Nieuwe afspraak: {what} ({status})",
        "New agreement: {what} ({status})",
    ),
    "report.voice.dots": ("Stippen", "Dots"),
    "report.voice.answers": ("Reacties", "Answers"),
    "report.voice_votes_secret": (
        "De stemronde is niet gesloten, dus stippen worden niet geteld.",
        "The voting round was not closed, so dots are not counted.",
    ),
    "report.voice_answers": (
        "Reacties: in de laatste ronde van elke afspraak.",
        "Answers: in the last round of each agreement.",
    ),
    "diff.none": ("Geen wijzigingen.", "No changes."),
    "diff.title": ("titel gewijzigd: {old} → {new}", "title changed: {old} → {new}"),
    "diff.date": ("datum gewijzigd: {old} → {new}", "date changed: {old} → {new}"),
    "diff.place": ("plaats gewijzigd: {old} → {new}", "place changed: {old} → {new}"),
    "diff.anonymous_on": ("sessie is nu anoniem", "the session is now anonymous"),
    "diff.anonymous_off": ("sessie is niet meer anoniem", "the session is no longer anonymous"),
    "diff.questions": ("vragen van de sessie gewijzigd", "the session's questions changed"),
    "diff.phases": ("fasen van de sessie gewijzigd", "the session's phases changed"),
    "diff.phase": ("fase naar {phase}", "phase to {phase}"),
    "diff.private_on": ("privé schrijven aan", "private writing on"),
    "diff.private_off": ("privé schrijven uit", "private writing off"),
    "diff.spotlight_on": ("schijnwerper op: {card}", "spotlight on: {card}"),
    "diff.spotlight_off": ("schijnwerper uit", "spotlight off"),
    "diff.timer_set": ("timer gezet op {minutes} min", "timer set to {minutes} min"),
    "diff.timer_off": ("timer weggehaald", "timer removed"),
    "diff.spelregels": ("spelregels gewijzigd", "ground rules changed"),
    "diff.rule_added": ("spelregel erbij: {text}", "ground rule added: {text}"),
    "diff.rule_removed": ("spelregel geschrapt: {text}", "ground rule dropped: {text}"),
    "diff.confirmed": (
        "spelregels bevestigd door {person}",
        "ground rules confirmed by {person}",
    ),
    "diff.unconfirmed": ("bevestiging vervallen: {person}", "confirmation lapsed: {person}"),
    "diff.joined": ("deelnemer aangeschoven: {person}", "participant joined: {person}"),
    "diff.left": ("deelnemer vertrokken: {person}", "participant left: {person}"),
    "diff.person_changed": (
        "deelnemer gewijzigd: {old} → {new}",
        "participant changed: {old} → {new}",
    ),
    "diff.role": ("{person} is nu {role}", "{person} is now {role}"),
    "diff.mandate": ("{person}: {mandate}", "{person}: {mandate}"),
    "diff.theme_added": ("thema toegevoegd: {theme}", "theme added: {theme}"),
    "diff.theme_removed": ("thema weggehaald: {theme}", "theme removed: {theme}"),
    "diff.theme_renamed": ("thema hernoemd: {old} → {new}", "theme renamed: {old} → {new}"),
    "diff.theme_question": ("vraag bij {theme} gewijzigd", "question of {theme} changed"),
    "diff.theme_order": ("volgorde van de thema's gewijzigd", "order of the themes changed"),
    "diff.card_added": ("kaart toegevoegd in {theme}: {card}", "card added in {theme}: {card}"),
    "diff.card_changed": (
        "kaart gewijzigd in {theme}: {old} → {new}",
        "card changed in {theme}: {old} → {new}",
    ),
    "diff.card_changed_hidden": (
        "kaart gewijzigd in {theme}: (nog niet onthuld)",
        "card changed in {theme}: (not yet revealed)",
    ),
    "diff.card_revealed": ("kaart onthuld in {theme}: {card}", "card revealed in {theme}: {card}"),
    "diff.card_moved": (
        "kaart verplaatst van {old} naar {new}: {card}",
        "card moved from {old} to {new}: {card}",
    ),
    "diff.card_reordered": (
        "kaart verschoven binnen {theme}: {card}",
        "card reordered within {theme}: {card}",
    ),
    "diff.card_removed": (
        "kaart verwijderd uit {theme}: {card}",
        "card removed from {theme}: {card}",
    ),
    "diff.other": ("ook gewijzigd: {fields}", "also changed: {fields}"),
    "diff.conflict_added": ("⚠ samenvoegconflict: {what}", "⚠ merge conflict: {what}"),
    "diff.conflict_decided": (
        "samenvoegconflict beslist: {what}",
        "merge conflict decided: {what}",
    ),
    "diff.hidden_card": ("(nog niet onthuld)", "(not yet revealed)"),
    # diff and textconv: kinds, clusters, voting, agreements, terugblik
    "diff.card_added.probleem": (
        "probleem toegevoegd in {theme}: {card}",
        "problem added in {theme}: {card}",
    ),
    "diff.card_added.voorstel": (
        "voorstel toegevoegd in {theme}: {card}",
        "proposal added in {theme}: {card}",
    ),
    "diff.proposal_added": (
        "voorstel toegevoegd in {theme} bij het probleem {problem}: {card}",
        "proposal added in {theme} for the problem {problem}: {card}",
    ),
    "diff.card_marked.probleem": (
        "kaart gemarkeerd als probleem in {theme}: {card}",
        "card marked as a problem in {theme}: {card}",
    ),
    "diff.card_marked.voorstel": (
        "kaart gemarkeerd als voorstel in {theme}: {card}",
        "card marked as a proposal in {theme}: {card}",
    ),
    "diff.card_unmarked": (
        "kaart is geen probleem of voorstel meer in {theme}: {card}",
        "card is no longer a problem or proposal in {theme}: {card}",
    ),
    "diff.proposal_for": (
        "voorstel {card} hoort bij het probleem {problem}",
        "proposal {card} answers the problem {problem}",
    ),
    "diff.card_clustered": (
        "kaart bij cluster {cluster} gezet: {card}",
        "card put in cluster {cluster}: {card}",
    ),
    "diff.card_unclustered": (
        "kaart uit cluster {cluster} gehaald: {card}",
        "card taken out of cluster {cluster}: {card}",
    ),
    "diff.card_cluster_moved": (
        "kaart van cluster {old} naar cluster {new}: {card}",
        "card moved from cluster {old} to cluster {new}: {card}",
    ),
    "diff.cards": ("{count} kaarten", "{count} cards"),
    "diff.cards.one": ("{count} kaart", "{count} card"),
    "diff.cluster_made": (
        "cluster gemaakt in {theme}: {cluster} ({cards})",
        "cluster made in {theme}: {cluster} ({cards})",
    ),
    "diff.cluster_renamed": (
        "cluster hernoemd in {theme}: {old} → {new}",
        "cluster renamed in {theme}: {old} → {new}",
    ),
    "diff.cluster_moved": (
        "cluster verplaatst van {old} naar {new}: {cluster} ({cards})",
        "cluster moved from {old} to {new}: {cluster} ({cards})",
    ),
    "diff.cluster_ungrouped": (
        "cluster opgeheven in {theme}: {cluster} ({cards} weer los)",
        "cluster ungrouped in {theme}: {cluster} ({cards} loose again)",
    ),
    "diff.cluster_label": ("cluster {cluster}", "cluster {cluster}"),
    "diff.open_cluster_on": (
        "clusteren mag nu iedereen",
        "everyone may now make clusters",
    ),
    "diff.open_cluster_off": (
        "clusteren doet weer alleen de procesbegeleider",
        "only the facilitator makes clusters again",
    ),
    "diff.open_other_on": ("{what} mag nu iedereen", "everyone may now do {what}"),
    "diff.open_other_off": (
        "{what} doet weer alleen de procesbegeleider",
        "only the facilitator does {what} again",
    ),
    "diff.dots": (
        "stippen per deelnemer: {old} → {new}",
        "dots per participant: {old} → {new}",
    ),
    "diff.voting_closed": (
        "stemronde gesloten; de meeste stippen: {top}",
        "voting round closed; most dots: {top}",
    ),
    "diff.voting_closed_empty": (
        "stemronde gesloten; niemand heeft gestemd",
        "voting round closed; nobody voted",
    ),
    "diff.voting_reopened": ("stemronde weer geopend", "voting round opened again"),
    "diff.voting_changed": (
        "uitslag van de stemronde gewijzigd; de meeste stippen: {top}",
        "result of the voting round changed; most dots: {top}",
    ),
    "diff.votes_secret": (
        "stippen gezet of verschoven (geheim tot de stemronde sluit)",
        "dots placed or moved (secret until the voting round closes)",
    ),
    "diff.agreement_drafted": ("afspraak opgesteld: {agreement}", "agreement drafted: {agreement}"),
    "diff.agreement_what": (
        "afspraak gewijzigd: {old} → {new}",
        "agreement changed: {old} → {new}",
    ),
    "diff.agreement_why": (
        "waarom van afspraak {agreement} gewijzigd: {why}",
        "why of agreement {agreement} changed: {why}",
    ),
    "diff.agreement_owners": (
        "eigenaar van afspraak {agreement}: {owners}",
        "owner of agreement {agreement}: {owners}",
    ),
    "diff.agreement_review": (
        "evaluatiedatum van afspraak {agreement}: {date}",
        "review date of agreement {agreement}: {date}",
    ),
    "diff.agreement_removed": ("afspraak geschrapt: {agreement}", "agreement dropped: {agreement}"),
    "diff.round_started": (
        "ronde {number} gestart voor afspraak {agreement}",
        "round {number} started for agreement {agreement}",
    ),
    "diff.answers_secret": (
        "reacties in ronde {number} op afspraak {agreement}: {count}; wie wat zei blijft "
        "geheim tot de ronde sluit",
        "answers in round {number} on agreement {agreement}: {count}; who said what stays "
        "secret until the round closes",
    ),
    "diff.round_counts": (
        "{werkbaar}× kan ermee werken, {bedenking}× bedenking, {achterban}× overleg met "
        "achterban nodig",
        "{werkbaar}× can work with it, {bedenking}× concern, {achterban}× needs to consult "
        "their organisation",
    ),
    "diff.answers_closed": (
        "reageren gesloten in ronde {number} op afspraak {agreement}: {counts}",
        "answering closed in round {number} on agreement {agreement}: {counts}",
    ),
    "diff.round_closed.aangenomen": (
        "afspraak aangenomen: {agreement} (ronde {number}: {counts})",
        "agreement adopted: {agreement} (round {number}: {counts})",
    ),
    "diff.round_closed.geparkeerd": (
        "afspraak geparkeerd: {agreement} (ronde {number}: {counts})",
        "agreement parked: {agreement} (round {number}: {counts})",
    ),
    "diff.round_closed.concept": (
        "ronde {number} gesloten, afspraak terug naar concept om bij te stellen: {agreement} "
        "({counts})",
        "round {number} closed, agreement back to draft to be amended: {agreement} ({counts})",
    ),
    "diff.round_closed.herzien": (
        "afspraak herzien: {agreement} (ronde {number}: {counts})",
        "agreement revised: {agreement} (round {number}: {counts})",
    ),
    "diff.round_closed.vervallen": (
        "afspraak vervallen: {agreement} (ronde {number}: {counts})",
        "agreement lapsed: {agreement} (round {number}: {counts})",
    ),
    "diff.agreement_status.aangenomen": (
        "afspraak aangenomen: {agreement}",
        "agreement adopted: {agreement}",
    ),
    "diff.agreement_status.concept": (
        "afspraak bijgesteld, terug naar concept: {agreement}",
        "agreement amended, back to draft: {agreement}",
    ),
    "diff.agreement_status.geparkeerd": (
        "afspraak geparkeerd: {agreement}",
        "agreement parked: {agreement}",
    ),
    "diff.agreement_status.herzien": (
        "afspraak herzien: {agreement}",
        "agreement revised: {agreement}",
    ),
    "diff.agreement_status.vervallen": (
        "afspraak vervallen: {agreement}",
        "agreement lapsed: {agreement}",
    ),
    "diff.concern_by": (
        "bedenking bij afspraak {agreement}: {text} — {who}",
        "concern about agreement {agreement}: {text} — {who}",
    ),
    "diff.concern": (
        "bedenking bij afspraak {agreement}: {text}",
        "concern about agreement {agreement}: {text}",
    ),
    "diff.origin": (
        "vervolg op de sessie {title} van {date}",
        "follow-up of the session {title} of {date}",
    ),
    "diff.unratified": (
        "de notulen van de sessie {title} zijn niet meer vastgesteld",
        "the minutes of the session {title} are no longer ratified",
    ),
    "diff.origin_removed": (
        "geen vervolg meer op de sessie {title}",
        "no longer a follow-up of the session {title}",
    ),
    "diff.review_added": (
        "terugblik op afspraak {agreement} uit de vorige sessie",
        "looking back on agreement {agreement} of the earlier session",
    ),
    "diff.review_removed": (
        "terugblik op afspraak {agreement} weggehaald",
        "looking back on agreement {agreement} removed",
    ),
    "diff.verdict.werkt": ("afspraak {agreement} werkt", "agreement {agreement} works"),
    "diff.verdict.afgerond": (
        "afspraak {agreement} is afgerond",
        "agreement {agreement} is closed",
    ),
    "diff.verdict.bijstellen": (
        "afspraak {agreement} wordt bijgesteld",
        "agreement {agreement} will be adjusted",
    ),
    "diff.verdict.vervallen": ("afspraak {agreement} vervalt", "agreement {agreement} lapses"),
    "diff.verdict_cleared": (
        "oordeel over afspraak {agreement} weggehaald",
        "verdict on agreement {agreement} removed",
    ),
    "diff.review_note": (
        "ervaring met afspraak {agreement}: {note}",
        "experience with agreement {agreement}: {note}",
    ),
    "diff.tc.origin": ("vervolg op: {title} ({date})", "follow-up of: {title} ({date})"),
    "diff.tc.voting_closed": (
        "stemronde: gesloten ({dots} per deelnemer)",
        "voting round: closed ({dots} per participant)",
    ),
    "diff.tc.voting_open": (
        "stemronde: open, stippen geheim ({dots} per deelnemer)",
        "voting round: open, dots secret ({dots} per participant)",
    ),
    "diff.tc.kind.probleem": ("probleem: ", "problem: "),
    "diff.tc.kind.voorstel": ("voorstel: ", "proposal: "),
    "diff.tc.answers": ("(bij {problem})", "(for {problem})"),
    "diff.tc.cluster": ("cluster {cluster}", "cluster {cluster}"),
    "diff.tc.agreements": ("afspraken:", "agreements:"),
    "diff.tc.terugblik": ("terugblik op de vorige sessie:", "looking back on the earlier session:"),
    "textconv.phase": ("fase: {phase}", "phase: {phase}"),
    "textconv.private": ("privé schrijven: aan", "private writing: on"),
    "textconv.anonymous": ("anonieme sessie", "anonymous session"),
    "textconv.spelregels": (
        "spelregels ({count} van {total} bevestigd):",
        "ground rules ({count} of {total} confirmed):",
    ),
    "textconv.people": ("aan tafel:", "at the table:"),
    # --- archive (tussenruimte archive) ---
    "cli.archive.help": (
        "bewaar de sessie en haar verslag in een git-archief",
        "keep the session and its report in a git archive",
    ),
    "cli.archive.repo.help": (
        "de archiefrepository (standaard: $TUSSENRUIMTE_ARCHIVE, anders de map archief "
        "naast het sessiebestand)",
        "the archive repository (default: $TUSSENRUIMTE_ARCHIVE, else the folder archief "
        "beside the session file)",
    ),
    "cli.archive.message.help": (
        "een eigen toelichting bij de commit",
        "your own note to add to the commit",
    ),
    "cli.archive.push.help": (
        "push de commit daarna naar de remote van de huidige branch",
        "push the commit to the current branch's remote afterwards",
    ),
    "cli.merge.help": (
        "voeg drie versies van een sessie samen, per kaart en afspraak (git merge driver)",
        "merge three versions of a session, card by card and agreement by agreement (git merge "
        "driver)",
    ),
    "cli.merge.base.help": (
        "de gemeenschappelijke versie (git: %%O)",
        "the common version (git: %%O)",
    ),
    "cli.merge.ours.help": (
        "onze versie; hier komt het resultaat (git: %%A)",
        "our version; the result is written here (git: %%A)",
    ),
    "cli.merge.theirs.help": ("hun versie (git: %%B)", "their version (git: %%B)"),
    "cli.merge.path.help": (
        "de naam van het bestand in de repository, voor meldingen (git: %%P)",
        "the file's name in the repository, for messages (git: %%P)",
    ),
    "cli.git_setup.help": (
        "stel een git-clone in: sessies lezen als notulen in git diff en samenvoegen per kaart",
        "set up a git clone: sessions read as minutes in git diff and merge card by card",
    ),
    "cli.git_setup.dir.help": (
        "de repository (standaard: de huidige map)",
        "the repository (default: the current folder)",
    ),
    "git_setup.done": (
        "{repo} is ingesteld: `git diff` en `git log -p` tonen sessies als notulen, en "
        "`git merge` voegt ze per kaart samen (git config diff.tussenruimte.textconv en "
        "merge.tussenruimte.driver, met het commando tussenruimte uit je PATH).",
        "{repo} is set up: `git diff` and `git log -p` show sessions as minutes, and "
        "`git merge` merges them card by card (git config diff.tussenruimte.textconv and "
        "merge.tussenruimte.driver, with the command tussenruimte from your PATH).",
    ),
    "git_setup.attributes": (
        "{repo}/.gitattributes is aangepast: commit het, dan heeft elke clone het "
        "(git add .gitattributes && git commit).",
        "{repo}/.gitattributes was changed: commit it, so that every clone has it "
        "(git add .gitattributes && git commit).",
    ),
    "git_setup.not_on_path": (
        "Let op: het commando tussenruimte staat niet in je PATH, dus git vindt het niet. "
        "Installeer tussenruimte (bijvoorbeeld met pipx) of zet de map ervan in je PATH.",
        "Note: the command tussenruimte is not on your PATH, so git cannot find it. Install "
        "tussenruimte (for example with pipx) or put its folder on your PATH.",
    ),
    "git_setup.not_a_repo": (
        "{dir} is geen git-repository. Geef de map van een clone, bijvoorbeeld "
        "`tussenruimte git-setup archief`.",
        "{dir} is not a git repository. Give the folder of a clone, for example "
        "`tussenruimte git-setup archief`.",
    ),
    "merge.side.base": ("de gemeenschappelijke versie", "the common version"),
    "merge.side.ours": ("onze versie", "our version"),
    "merge.side.theirs": ("hun versie", "their version"),
    "merge.side_failed": (
        "{side} is geen geldige sessie: {reason}",
        "{side} is not a valid session: {reason}",
    ),
    "merge.invalid": (
        "samengevoegd zou de sessie niet kloppen: {reason}",
        "merged, the session would not be valid: {reason}",
    ),
    "merge.fell_back": (
        "{path}: niet per kaart samen te voegen, want {reason}.\n"
        "Git voegt het bestand nu regel voor regel samen; waar dat niet lukt, staan beide "
        "kanten tussen <<<<<<< en >>>>>>>. Controleer met `tussenruimte validate {arg}`, "
        "los op wat het meldt en doe dan `git add {arg}`.",
        "{path}: cannot merge card by card, because {reason}.\n"
        "Git now merges the file line by line; where that fails, both sides stand between "
        "<<<<<<< and >>>>>>>. Check with `tussenruimte validate {arg}`, fix what it reports "
        "and then run `git add {arg}`.",
    ),
    "merge.save_failed": (
        "{path}: het samengevoegde bestand kon niet worden bewaard: {reason}",
        "{path}: the merged file could not be saved: {reason}",
    ),
    "merge.recorded": (
        "{path}: samengevoegd, met {count} conflicten die iemand moet beslissen (het bestand "
        "is geldig en houdt onze waarde):",
        "{path}: merged, with {count} conflicts someone has to decide (the file is valid and "
        "keeps our value):",
    ),
    "merge.recorded.one": (
        "{path}: samengevoegd, met {count} conflict dat iemand moet beslissen (het bestand is "
        "geldig en houdt onze waarde):",
        "{path}: merged, with {count} conflict someone has to decide (the file is valid and "
        "keeps our value):",
    ),
    "merge.what_now": (
        "Pas aan wat anders moet, haal de [[conflicts]] weg uit {path} en doe `git add {arg}`.",
        "Change what should be different, remove the [[conflicts]] from {path} and run "
        "`git add {arg}`.",
    ),
    "merge.conflict.field": (
        "{what}, veld {field}: hier staat {ours}, de andere kant had {theirs}",
        "{what}, field {field}: here it says {ours}, the other side had {theirs}",
    ),
    "merge.conflict.removed_theirs": (
        "{what}: de andere kant haalde dit weg, hier is het veranderd; het blijft staan",
        "{what}: the other side removed this, here it was changed; it stays",
    ),
    "merge.conflict.removed_ours": (
        "{what}: hier weggehaald, de andere kant veranderde het; het staat er weer",
        "{what}: removed here, the other side changed it; it is back",
    ),
    "merge.conflicts": (
        "⚠ {count} samenvoegconflicten, nog niet beslist:",
        "⚠ {count} merge conflicts, not decided yet:",
    ),
    "merge.conflicts.one": (
        "⚠ {count} samenvoegconflict, nog niet beslist:",
        "⚠ {count} merge conflict, not decided yet:",
    ),
    "merge.conflicts.what_now": (
        "Beslis per conflict wat blijft en haal dan de [[conflicts]] weg uit het bestand.",
        "Decide per conflict what stays, then remove the [[conflicts]] from the file.",
    ),
    "report.conflicts": ("Onbesliste samenvoegconflicten", "Undecided merge conflicts"),
    "report.conflicts.one": ("Onbeslist samenvoegconflict", "Undecided merge conflict"),
    "merge.field.text": ("tekst", "text"),
    "merge.field.title": ("titel", "title"),
    "merge.field.place": ("plaats", "place"),
    "merge.field.date": ("datum", "date"),
    "merge.field.name": ("naam", "name"),
    "merge.field.organisation": ("organisatie", "organisation"),
    "merge.field.theme": ("thema", "theme"),
    "merge.field.position": ("plek", "position"),
    "merge.field.what": ("afspraak", "agreement"),
    "merge.field.why": ("waarom", "why"),
    "merge.field.owners": ("eigenaars", "owners"),
    "merge.field.review": ("evaluatiedatum", "review date"),
    "merge.field.status": ("status", "status"),
    "merge.field.dots": ("stippen", "dots"),
    "merge.field.verdict": ("oordeel", "verdict"),
    "merge.field.note": ("notitie", "note"),
    "merge.field.kind": ("soort", "kind"),
    "merge.field.phase": ("fase", "phase"),
    "board.conflicts": ("⚠ {count} samenvoegconflicten", "⚠ {count} merge conflicts"),
    "board.conflicts.one": ("⚠ {count} samenvoegconflict", "⚠ {count} merge conflict"),
    "merge.part.session": ("sessie", "session"),
    "merge.part.cards": ("kaart", "card"),
    "merge.part.agreements": ("afspraak", "agreement"),
    "merge.part.participants": ("deelnemer", "participant"),
    "merge.part.themes": ("thema", "theme"),
    "merge.part.clusters": ("cluster", "cluster"),
    "merge.part.phases": ("fase", "phase"),
    "merge.part.terugblik": ("terugblik", "look back"),
    "merge.part.principles": ("principe", "principle"),
    "merge.part.votes": ("stem", "vote"),
    "merge.part.evaluation": ("evaluatie", "evaluation"),
    "merge.part.timer": ("timer", "timer"),
    "merge.part.origin": ("vorige sessie", "earlier session"),
    "cli.archive.rename.help": (
        "geef het bestand in het archief een naam met datum en titel (standaard houdt het "
        "zijn eigen naam)",
        "name the file in the archive by date and title (by default it keeps its own name)",
    ),
    "archive.name_taken": (
        "In het archief staat al {path}, met een andere sessie. Die wordt niet overschreven. "
        "Archiveer met --rename (dan krijgt het bestand een naam met datum en titel), of geef "
        "het sessiebestand een andere naam.",
        "The archive already holds {path}, with another session. It is not overwritten. "
        "Archive with --rename (the file then gets a name of date and title), or give the "
        "session file another name.",
    ),
    "archive.correction": (
        "Correctie in sessie {date}: {title} — {summary}",
        "Correction in session {date}: {title} — {summary}",
    ),
    "archive.adopted": ("afspraak '{what}' aangenomen", "agreement '{what}' adopted"),
    "archive.adopted_more": (
        "nog {count} afspraken aangenomen",
        "{count} more agreements adopted",
    ),
    "archive.adopted_more.one": (
        "nog {count} afspraak aangenomen",
        "{count} more agreement adopted",
    ),
    "archive.title_changed": ("titel gewijzigd", "title changed"),
    "archive.place_changed": ("plaats gewijzigd", "place changed"),
    "archive.changed_other": ("andere gegevens gewijzigd", "other details changed"),
    "archive.cards.added": ("{count} kaarten erbij", "{count} cards added"),
    "archive.cards.added.one": ("{count} kaart erbij", "{count} card added"),
    "archive.cards.changed": ("{count} kaarten gewijzigd", "{count} cards changed"),
    "archive.cards.changed.one": ("{count} kaart gewijzigd", "{count} card changed"),
    "archive.cards.removed": ("{count} kaarten weggehaald", "{count} cards removed"),
    "archive.cards.removed.one": ("{count} kaart weggehaald", "{count} card removed"),
    "archive.agreements.added": ("{count} afspraken erbij", "{count} agreements added"),
    "archive.agreements.added.one": ("{count} afspraak erbij", "{count} agreement added"),
    "archive.agreements.changed": ("{count} afspraken gewijzigd", "{count} agreements changed"),
    "archive.agreements.changed.one": ("{count} afspraak gewijzigd", "{count} agreement changed"),
    "archive.agreements.removed": (
        "{count} afspraken weggehaald",
        "{count} agreements removed",
    ),
    "archive.agreements.removed.one": (
        "{count} afspraak weggehaald",
        "{count} agreement removed",
    ),
    "archive.participants.added": ("{count} deelnemers erbij", "{count} participants added"),
    "archive.participants.added.one": ("{count} deelnemer erbij", "{count} participant added"),
    "archive.participants.changed": (
        "{count} deelnemers gewijzigd",
        "{count} participants changed",
    ),
    "archive.participants.changed.one": (
        "{count} deelnemer gewijzigd",
        "{count} participant changed",
    ),
    "archive.participants.removed": (
        "{count} deelnemers weggehaald",
        "{count} participants removed",
    ),
    "archive.participants.removed.one": (
        "{count} deelnemer weggehaald",
        "{count} participant removed",
    ),
    "archive.subject": (
        "Sessie {date}: {title} — {summary}",
        "Session {date}: {title} — {summary}",
    ),
    "archive.count.cards": ("{count} kaarten", "{count} cards"),
    "archive.count.cards.one": ("{count} kaart", "{count} card"),
    "archive.count.agreements": ("{count} afspraken", "{count} agreements"),
    "archive.count.agreements.one": ("{count} afspraak", "{count} agreement"),
    "archive.count.people": ("{count} deelnemers", "{count} participants"),
    "archive.count.people.one": ("{count} deelnemer", "{count} participant"),
    "archive.count.organisations": ("{count} organisaties", "{count} organisations"),
    "archive.count.organisations.one": ("{count} organisatie", "{count} organisation"),
    "archive.count.people_from": ("{people} uit {organisations}", "{people} from {organisations}"),
    "archive.no_git": (
        "Git is niet gevonden. Installeer git en probeer het opnieuw; er is niets gearchiveerd.",
        "Git was not found. Install git and try again; nothing was archived.",
    ),
    "archive.git_failed": (
        "Git gaf een fout bij `{command}`: {reason}",
        "Git reported an error in `{command}`: {reason}",
    ),
    "archive.not_a_folder": (
        "{repo} is geen map. Kies met --repo een map voor het archief; er is niets veranderd.",
        "{repo} is not a folder. Choose a folder for the archive with --repo; nothing was changed.",
    ),
    "archive.not_a_repo": (
        "{repo} is geen git-repository en is niet leeg. Kies met --repo een bestaande "
        "git-repository, een lege map of een nieuwe map; er is niets veranderd.",
        "{repo} is not a git repository and is not empty. Choose an existing git repository, "
        "an empty folder or a new folder with --repo; nothing was changed.",
    ),
    "archive.cannot_create": (
        "De archiefmap {repo} kan niet worden gemaakt: {reason}. Kies met --repo een andere "
        "map; er is niets gearchiveerd.",
        "The archive folder {repo} cannot be made: {reason}. Choose another folder with "
        "--repo; nothing was archived.",
    ),
    "archive.dirty": (
        "De archiefrepository {repo} heeft wijzigingen die nog niet zijn gecommit ({files}). "
        "Commit of herstel die eerst (zie `git -C {repo} status`); er is niets veranderd.",
        "The archive repository {repo} has changes that are not committed yet ({files}). "
        "Commit or undo them first (see `git -C {repo} status`); nothing was changed.",
    ),
    "archive.detached": (
        "De archiefrepository {repo} staat niet op een branch (detached HEAD, of een rebase "
        "is bezig). Ga eerst terug naar een branch, bijvoorbeeld met `git -C {repo} switch "
        "main`; er is niets veranderd.",
        "The archive repository {repo} is not on a branch (detached HEAD, or a rebase is in "
        "progress). Go back to a branch first, for example with `git -C {repo} switch "
        "main`; nothing was changed.",
    ),
    "archive.in_the_way": (
        "{path} staat in de weg: daar hoort een gewone map of een gewoon bestand van het "
        "archief. Ruim het op en probeer het opnieuw; er is niets veranderd.",
        "{path} is in the way: a plain folder or file of the archive belongs there. Clear "
        "it up and try again; nothing was changed.",
    ),
    "archive.ignored": (
        "Git negeert {path} in {repo} (zie .gitignore), dus het archief kan daar niets "
        "bewaren. Pas .gitignore aan; er is niets veranderd.",
        "Git ignores {path} in {repo} (see .gitignore), so the archive cannot keep anything "
        "there. Change .gitignore; nothing was changed.",
    ),
    "archive.write_failed": (
        "Schrijven in het archief {repo} is mislukt: {reason}. Er is niets gecommit.",
        "Writing to the archive {repo} failed: {reason}. Nothing was committed.",
    ),
    "archive.warn.hidden": (
        "Let op: {count} kaarten zijn nog niet onthuld. Hun tekst staat wel in het "
        "gearchiveerde sessiebestand (het verslag telt ze alleen).",
        "Note: {count} cards have not been revealed yet. Their text is in the archived "
        "session file (the report only counts them).",
    ),
    "archive.warn.hidden.one": (
        "Let op: {count} kaart is nog niet onthuld. De tekst staat wel in het gearchiveerde "
        "sessiebestand (het verslag telt hem alleen).",
        "Note: {count} card has not been revealed yet. Its text is in the archived session "
        "file (the report only counts it).",
    ),
    "archive.warn.journal": (
        "Let op: de live sessie heeft wijzigingen die nog niet in {path} staan. Stop de "
        "sessie eerst (of wacht tot ze is opgeslagen) en archiveer dan opnieuw.",
        "Note: the live session has changes that are not in {path} yet. Stop the session "
        "first (or wait until it has been saved) and archive again.",
    ),
    "archive.no_remote": (
        "De archiefrepository {repo} heeft geen remote om naar te pushen. Voeg er een toe "
        "met `git -C {repo} remote add origin URL`.",
        "The archive repository {repo} has no remote to push to. Add one with "
        "`git -C {repo} remote add origin URL`.",
    ),
    "archive.which_remote": (
        "De archiefrepository {repo} heeft meer remotes ({remotes}) en de branch {branch} "
        "heeft geen upstream. Kies er een met `git -C {repo} push -u REMOTE {branch}`.",
        "The archive repository {repo} has several remotes ({remotes}) and the branch "
        "{branch} has no upstream. Choose one with `git -C {repo} push -u REMOTE {branch}`.",
    ),
    "archive.push_failed": (
        "Pushen van {branch} naar {remote} is mislukt: {reason}",
        "Pushing {branch} to {remote} failed: {reason}",
    ),
    "archive.commit_kept": (
        "De commit {commit} blijft lokaal bewaard; push later opnieuw met --push of met "
        "`git push`.",
        "The commit {commit} stays kept locally; push again later with --push or with `git push`.",
    ),
    "archive.created": (
        "Nieuwe archiefrepository gemaakt: {repo} (git init).",
        "New archive repository made: {repo} (git init).",
    ),
    "archive.unchanged": (
        "Niets veranderd sinds het vorige archief van deze sessie ({file} in {repo}): geen "
        "nieuwe commit.",
        "Nothing changed since this session was last archived ({file} in {repo}): no new commit.",
    ),
    "archive.done": (
        "Gearchiveerd in {repo}: {file} en {report}.",
        "Archived in {repo}: {file} and {report}.",
    ),
    "archive.commit": ("Commit {commit}: {subject}", "Commit {commit}: {subject}"),
    "archive.fallback_identity": (
        "Deze repository heeft geen git-identiteit, dus de commit staat op naam van {name}. "
        'Stel je eigen naam in met `git -C {repo} config user.name "…"` en '
        '`git -C {repo} config user.email "…"`.',
        "This repository has no git identity, so the commit is made in the name of {name}. "
        'Set your own with `git -C {repo} config user.name "…"` and '
        '`git -C {repo} config user.email "…"`.',
    ),
    "archive.pushed": ("Gepusht naar {remote} ({branch}).", "Pushed to {remote} ({branch})."),
    "archive.live.help": (
        "archiveer de sessie bij een nette stop in deze git-repository, zoals "
        "`tussenruimte archive FILE --repo DIR`",
        "archive the session into this git repository when it stops cleanly, like "
        "`tussenruimte archive FILE --repo DIR`",
    ),
    "archive.live.start": (
        "De sessie is gestopt en bewaard. Archiveren van {path} in {repo}…",
        "The session stopped and was saved. Archiving {path} in {repo}…",
    ),
    "archive.live.failed": (
        "{path} is niet gearchiveerd. Het sessiebestand is heel gebleven; archiveer het "
        "later met `tussenruimte archive {path} --repo {repo}`.",
        "{path} was not archived. The session file is intact; archive it later with "
        "`tussenruimte archive {path} --repo {repo}`.",
    ),
    "archive.live.not_saved": (
        "De relay is niet netjes gestopt, dus er is niet gearchiveerd. Start de sessie "
        "opnieuw met `tussenruimte host {path}` (het journaal brengt alles terug) en stop "
        "dan opnieuw.",
        "The relay did not stop cleanly, so nothing was archived. Start the session again "
        "with `tussenruimte host {path}` (the journal brings everything back) and stop again.",
    ),
    # --- history (tussenruimte history DIR: history.py, historycmd.py, tui/history.py) ---
    "history.cli.help": (
        "de sessies van een map of archief door de tijd: tijdlijn, afspraken, inbreng, thema's",
        "the sessions of a folder or archive over time: timeline, agreements, voice, themes",
    ),
    "history.cli.folder": (
        "de map met sessiebestanden (of de archiefrepository); submappen tellen mee",
        "the folder with session files (or the archive repository); subfolders included",
    ),
    "history.cli.format": (
        "tui: op het scherm; md: Markdown voor het archief (standaard: tui in een terminal, "
        "anders md)",
        "tui: on the screen; md: Markdown for the archive (default: tui in a terminal, "
        "md otherwise)",
    ),
    "history.cli.output": (
        "schrijf de Markdown naar dit bestand (- voor het scherm)",
        "write the Markdown to this file (- for the screen)",
    ),
    "history.no_folder": (
        "De map {path} bestaat niet. Geef de map met sessiebestanden of het archief.",
        "The folder {path} does not exist. Give the folder with session files or the archive.",
    ),
    "history.not_a_folder": (
        "{path} is geen map. Geef de map met sessiebestanden of het archief (voor één sessie: "
        "tussenruimte report).",
        "{path} is not a folder. Give the folder with session files or the archive (for one "
        "session: tussenruimte report).",
    ),
    "history.output_needs_md": (
        "-o schrijft Markdown: gebruik het met --format md (of laat --format weg).",
        "-o writes Markdown: use it with --format md (or leave --format out).",
    ),
    "history.no_sessions": (
        "Geen sessies gevonden in {path}: geen enkel .toml-bestand is een sessie die te openen is.",
        "No sessions found in {path}: no .toml file is a session that can be opened.",
    ),
    "history.skipped_file": ("Overgeslagen: {file}", "Skipped: {file}"),
    "history.unreadable": (
        "Kan deze map niet lezen: {reason}",
        "Cannot read this folder: {reason}",
    ),
    "history.same_file": (
        "{path} is een sessiebestand (of eindigt op .toml): de geschiedenis schrijft daar "
        "nooit overheen. Kies een ander bestand met -o.",
        "{path} is a session file (or ends in .toml): the history never writes over it. "
        "Choose another file with -o.",
    ),
    "history.write_failed": (
        "Kan de geschiedenis niet schrijven naar {path}: {reason}. Kies een map waarin je mag "
        "schrijven, met -o.",
        "Cannot write the history to {path}: {reason}. Choose a folder you may write to, with -o.",
    ),
    "history.written": (
        "Geschiedenis van {count} sessies geschreven: {path}",
        "History of {count} sessions written: {path}",
    ),
    "history.written.one": (
        "Geschiedenis van {count} sessie geschreven: {path}",
        "History of {count} session written: {path}",
    ),
    "history.title": ("Geschiedenis: {folder}", "History: {folder}"),
    "history.kind": ("Geschiedenis", "History"),
    "history.as_of": (
        "Stand van {date}: daarmee is bepaald welke evaluaties te laat zijn.",
        "As of {date}: this decides which reviews are overdue.",
    ),
    "history.sessions_none": ("geen sessies", "no sessions"),
    "history.sessions_one": ("1 sessie, op {date}", "1 session, on {date}"),
    "history.sessions_span": (
        "{count} sessies, van {first} tot {last}",
        "{count} sessions, from {first} to {last}",
    ),
    "history.skipped_count": (
        "Overgeslagen bestanden: {count}",
        "Files skipped: {count}",
    ),
    "history.copies_count": (
        "Kopieën van een sessie die al meetelt, overgeslagen: {count}",
        "Copies of a session already counted, left out: {count}",
    ),
    "history.copy_file": (
        "Kopie overgeslagen: {file} (dezelfde sessie als {kept}, die telt)",
        "Copy left out: {file} (the same session as {kept}, which counts)",
    ),
    "history.copies_heading": ("Kopieën, één keer geteld", "Copies, counted once"),
    "history.copy_differs": (
        "maar de twee verschillen (kaarten: {copy} in de kopie, {kept} in wat telt); kijk na "
        "welke klopt en zet die op de plek die telt",
        "but the two differ (cards: {copy} in the copy, {kept} in what counts); check which is "
        "right and put it where it counts",
    ),
    "history.clash": (
        "⚠ {file} heeft dezelfde identiteit als {other}, maar is een andere sessie (andere "
        "datum of titel): beide tellen mee. Haal in een van beide de regel `id` onder "
        "[session] weg, dan krijgt die een eigen identiteit.",
        "⚠ {file} has the same identity as {other} but is another session (another date or "
        "title): both count. Remove the line `id` under [session] from one of them to give "
        "it an identity of its own.",
    ),
    "history.clashes_count": (
        "Sessies met dezelfde identiteit: {count}",
        "Sessions sharing an identity: {count}",
    ),
    "history.agenda_times": ("{count}× op de agenda", "{count}× on the agenda"),
    "history.ignored_count": (
        "Andere TOML-bestanden (geen sessie, zoals sjablonen) niet meegeteld: {count}",
        "Other TOML files (not a session, such as templates) left out: {count}",
    ),
    "history.skipped_heading": ("Overgeslagen bestanden", "Files skipped"),
    "history.session_label": ("{title} ({date})", "{title} ({date})"),
    "history.timeline": ("Tijdlijn", "Timeline"),
    "history.timeline_note": (
        "Aan tafel: mensen, waarnemers niet meegeteld. Afspraken: aangenomen in die sessie. "
        "Terugblik: afspraken van eerder waarop die sessie terugkeek.",
        "At the table: people, observers not counted. Agreements: adopted in that session. "
        "Looked back: earlier agreements that session looked back on.",
    ),
    "history.follows": ("{session} is een vervolg op {origin}.", "{session} follows {origin}."),
    "history.ratified": (
        "notulen vastgesteld op {on} in {session}",
        "minutes ratified on {on} in {session}",
    ),
    "history.anonymous_short": ("anoniem", "anonymous"),
    "history.col.date": ("Datum", "Date"),
    "history.col.session": ("Sessie", "Session"),
    "history.col.place": ("Plaats", "Place"),
    "history.col.people": ("Aan tafel", "At the table"),
    "history.col.organisations": ("Organisaties", "Organisations"),
    "history.col.cards": ("Kaarten", "Cards"),
    "history.col.made": ("Afspraken", "Agreements"),
    "history.col.looked_back": ("Terugblik", "Looked back"),
    "history.col.organisation": ("Organisatie", "Organisation"),
    "history.col.cards_chart": ("Kaarten over alle sessies", "Cards over all sessions"),
    "history.col.share": ("Aandeel", "Share"),
    "history.col.over_time": ("Verloop per sessie", "Per session over time"),
    "history.col.sessions": ("Sessies", "Sessions"),
    "history.col.seats": ("Plaatsen aan tafel", "Seats at the table"),
    "history.col.dots": ("Stippen", "Dots"),
    "history.col.answers": ("Reacties", "Answers"),
    "history.col.theme": ("Thema", "Theme"),
    "history.agreements": ("Afspraken door de tijd", "Agreements over time"),
    "history.no_agreements": (
        "In deze sessies is nog geen afspraak aangenomen.",
        "No agreement has been adopted in these sessions yet.",
    ),
    "history.made_total": ("{count} afspraken gemaakt", "{count} agreements made"),
    "history.made_total.one": ("{count} afspraak gemaakt", "{count} agreement made"),
    "history.plus_before": ("(en {count} van eerder)", "(and {count} from before)"),
    "history.state.werkt": ("werkt", "works"),
    "history.state.bijstellen": ("bijgesteld", "adjusted"),
    "history.state.vervallen": ("vervallen", "lapsed"),
    "history.state.agenda": ("op de agenda", "on the agenda"),
    "history.state.overdue": ("evaluatie te laat", "overdue for review"),
    "history.state.open": ("loopt nog", "still running"),
    "history.state.undated": ("zonder evaluatiedatum", "no review date"),
    "history.verdict.werkt": ("werkt", "works"),
    "history.verdict.afgerond": ("afgerond", "closed"),
    "history.verdict.bijstellen": ("bijstellen", "adjust"),
    "history.verdict.vervallen": ("laten vervallen", "let it lapse"),
    "history.legend.states": (
        "✓ werkt · ↻ bijgesteld · ✗ vervallen · … op de agenda van een latere sessie, nog "
        "zonder oordeel · ⚠ evaluatiedatum voorbij en niet teruggeblikt · ○ loopt nog · "
        "– zonder evaluatiedatum",
        "✓ works · ↻ adjusted · ✗ lapsed · … on the agenda of a later session, not judged "
        "yet · ⚠ review date passed and not looked back on · ○ still running · – no review "
        "date",
    ),
    "history.overdue_heading": ("Evaluatie te laat", "Overdue for review"),
    "history.before_heading": (
        "Van vóór deze sessies (bekend uit een terugblik)",
        "From before these sessions (known from a terugblik)",
    ),
    "history.made_heading": ("Gemaakt in {session}", "Made in {session}"),
    "history.made_in": ("Gemaakt in {session}", "Made in {session}"),
    "history.made_before": ("Gemaakt vóór deze sessies", "Made before these sessions"),
    "history.owners": ("eigenaar: {owners}", "owner: {owners}"),
    "history.why": ("Waarom: {why}", "Why: {why}"),
    "history.review_date": ("evaluatie: {date}", "review: {date}"),
    "history.adjusts": ("Stelt bij: {what}", "Adjusts: {what}"),
    "history.looked_back": (
        "Terugblik in {session}: {verdict}",
        "Looked back in {session}: {verdict}",
    ),
    "history.on_agenda": (
        "Op de agenda van {session}, nog zonder oordeel",
        "On the agenda of {session}, not judged yet",
    ),
    "history.adjusted_to": (
        "Bijgesteld tot: {what}, in {session}",
        "Adjusted to: {what}, in {session}",
    ),
    "history.overdue_by": (
        "De evaluatiedatum is {count} dagen voorbij.",
        "The review date passed {count} days ago.",
    ),
    "history.overdue_by.one": (
        "De evaluatiedatum is {count} dag voorbij.",
        "The review date passed {count} day ago.",
    ),
    "history.voice": ("Inbreng per organisatie", "Voice per organisation"),
    "history.legend.voice": (
        "Geteld per organisatie, nooit per persoon. Verloop: één teken per sessie; ▂ tot █ "
        "meer kaarten, ▁ aan tafel zonder kaarten, · niet aan tafel, ? anonieme sessie. "
        "Stippen tellen alleen uit gesloten stemrondes.",
        "Counted per organisation, never per person. Over time: one sign per session; ▂ to █ "
        "more cards, ▁ at the table without cards, · not at the table, ? anonymous session. "
        "Dots count only from closed voting rounds.",
    ),
    "history.voice_unknown": (
        "Kaarten zonder organisatie (anonieme sessies, onbekende schrijver): {count}",
        "Cards without an organisation (anonymous sessions, unknown writer): {count}",
    ),
    "history.themes": ("Kaarten per thema door de tijd", "Cards per theme over time"),
    "history.legend.themes": (
        "Thema's met dezelfde titel tellen samen. Verloop: één teken per sessie; ▂ tot █ meer "
        "kaarten, ▁ geen kaarten, · thema niet in die sessie.",
        "Themes with the same title count together. Over time: one sign per session; ▂ to █ "
        "more cards, ▁ no cards, · theme not in that session.",
    ),
    "history.origin": ("Vervolg op {origin}", "Follows {origin}"),
    "history.facts": (
        "Aan tafel: {people} uit {organisations} · kaarten: {cards} · afspraken "
        "opgesteld: {drafted}",
        "At the table: {people} from {organisations} · cards: {cards} · "
        "agreements drafted: {drafted}",
    ),
    "history.voice_row": (
        "mensen {people} · kaarten {cards} · stippen {dots} · reacties {answers}",
        "people {people} · cards {cards} · dots {dots} · answers {answers}",
    ),
    "history.unknown_row": (
        "Kaarten zonder organisatie: {count}",
        "Cards without an organisation: {count}",
    ),
    "history.made_here": ("Afspraken gemaakt: {count}", "Agreements made: {count}"),
    "history.none_made": ("Geen afspraak aangenomen.", "No agreement adopted."),
    "history.looked_back_here": ("Terugblik: {count}", "Looked back: {count}"),
    "history.open": ("nog niet besproken", "not discussed yet"),
    "history.late": ("⚠ te laat", "⚠ late"),
    "history.window": (
        "Verloop: sessie {first} tot {last} ({count} van {total}); omgekeerd: de gekozen sessie.",
        "Over time: session {first} to {last} ({count} of {total}); reversed: the selected "
        "session.",
    ),
    "history.org_total": (
        "{share} van alle kaarten · aan tafel in {sessions}",
        "{share} of all cards · at the table in {sessions}",
    ),
    "history.theme_total": ("{title} · in {sessions}", "{title} · in {sessions}"),
    "history.topbar": ("{count} sessies · {first} – {last}", "{count} sessions · {first} – {last}"),
    "history.topbar.one": (
        "{count} sessie · {first} – {last}",
        "{count} session · {first} – {last}",
    ),
    "history.status_agreements": ("Afspraken: {marks}", "Agreements: {marks}"),
    "history.pane.details": ("Sessie", "Session"),
    "history.pane.agreements": ("Afspraken", "Agreements"),
    "history.pane.voice": ("Inbreng", "Voice"),
    "history.pane.themes": ("Thema's", "Themes"),
    "history.key.sessions": ("sessie", "session"),
    "history.key.scroll": ("scrollen", "scroll"),
    "history.key.pane": ("volgend paneel", "next pane"),
    "history.key.choose": ("paneel", "pane"),
    "history.key.timeline": ("tijdlijn", "timeline"),
    # --- the method's instruments in the report, diff and history ---
    "report.legs": ("Tweebenig: afspraken per been", "Two-legged: agreements per leg"),
    "report.legs.note": (
        "Denk tweebenig (principe 11): het administratieve been is de formele organisatie "
        "(mandaat, budget, convenant), het adaptieve been het informele platform (praktijk, "
        "netwerk). Een afspraak heeft beide nodig.",
        "Think two-legged (principle 11): the administrative leg is the formal organisation "
        "(mandate, budget, covenant), the adaptive leg the informal platform (practice, "
        "network). An agreement needs both.",
    ),
    "report.legs.flagged": ("⚠ Op één been: {count}.", "⚠ On one leg: {count}."),
    "report.legs.one_leg": ("⚠ staat op één been", "⚠ stands on one leg"),
    "report.legs.both": ("Op beide benen ({count})", "On both legs ({count})"),
    "report.legs.administratief": (
        "Alleen het administratieve been ({count})",
        "Only the administrative leg ({count})",
    ),
    "report.legs.adaptief": (
        "Alleen het adaptieve been ({count})",
        "Only the adaptive leg ({count})",
    ),
    "report.legs.none": ("Nog zonder been ({count})", "No leg yet ({count})"),
    "report.evaluation": (
        "Procesevaluatie: hoe werkten we vandaag samen?",
        "Process evaluation: how did we work together today?",
    ),
    "report.eval.count": ("Aantal antwoorden: {count}.", "Answers: {count}."),
    "board.quit_evaluation_open": (
        "De evaluatie is nog open: {count} antwoorden gaan verloren als je nu stopt. Sluit "
        "haar eerst (ctrl+p: Evaluatie sluiten), of druk nog eens op q om toch te stoppen.",
        "The evaluation is still open: {count} answers are lost if you stop now. Close it "
        "first (ctrl+p: Close the evaluation), or press q again to stop anyway.",
    ),
    "board.quit_evaluation_open.one": (
        "De evaluatie is nog open: {count} antwoord gaat verloren als je nu stopt. Sluit "
        "haar eerst (ctrl+p: Evaluatie sluiten), of druk nog eens op q om toch te stoppen.",
        "The evaluation is still open: {count} answer is lost if you stop now. Close it "
        "first (ctrl+p: Close the evaluation), or press q again to stop anyway.",
    ),
    "report.eval.open": (
        "Nog geen uitkomst: de evaluatie is nog niet gesloten. Een open evaluatie bewaart "
        "geen antwoorden; ze tellen pas als de procesbegeleider haar sluit.",
        "No outcome yet: the evaluation has not been closed. An open evaluation keeps no "
        "answers; they count only once the facilitator closes it.",
    ),
    "report.eval.too_few": (
        "Geen uitkomst: te weinig antwoorden om te tonen (minder dan {min}), zodat niemands "
        "cijfers te herleiden zijn.",
        "No outcome: too few answers to show (fewer than {min}), so that nobody's ratings can "
        "be traced.",
    ),
    "report.eval.summary": (
        "{count} mensen gaven de samenwerking van vandaag een cijfer van 1 tot 5 op de negen "
        "normen. Per norm het gemiddelde en hoe vaak elk cijfer gegeven is; wie wat gaf, is "
        "nergens bewaard.",
        "{count} people rated today's collaboration from 1 to 5 on the nine norms. Per norm "
        "the mean and how often each rating was given; who gave what is kept nowhere.",
    ),
    "report.eval.summary.one": (
        "{count} persoon gaf de samenwerking van vandaag een cijfer van 1 tot 5 op de negen "
        "normen. Per norm het gemiddelde en hoe vaak elk cijfer gegeven is; wie wat gaf, is "
        "nergens bewaard.",
        "{count} person rated today's collaboration from 1 to 5 on the nine norms. Per norm "
        "the mean and how often each rating was given; who gave what is kept nowhere.",
    ),
    "report.eval.made_from": (
        "Gemaakt met {count} antwoorden.",
        "Made from {count} answers.",
    ),
    "report.eval.made_from.one": ("Gemaakt met {count} antwoord.", "Made from {count} answer."),
    "report.eval.norm": ("Norm", "Norm"),
    "report.eval.mean": ("Gemiddeld", "Mean"),
    "report.eval.lines": ("Wat nemen we mee?", "What do we take with us?"),
    "report.eval.lines_note": (
        "Zonder namen, op alfabet.",
        "Without names, in alphabetical order.",
    ),
    "report.eval.no_lines": ("Niemand schreef een open regel.", "Nobody wrote an open line."),
    "report.reflexes": (
        "Waar grepen we terug op een reflex?",
        "Where did we fall back on a reflex?",
    ),
    "report.reflex.summary": (
        "Kaarten met een reflex: {count}. Onder druk grijpen organisaties terug op vertrouwde "
        "reflexen; hier zag de groep dat gebeuren.",
        "Cards tagged with a reflex: {count}. Under pressure organisations fall back on "
        "familiar reflexes; here the group saw it happen.",
    ),
    "report.principles": (
        "Gezondheidscheck: de elf principes",
        "Health check: the eleven principles",
    ),
    "report.principles.summary": ("Zo staan we ervoor: {counts}", "Where we stand: {counts}"),
    "report.principle.ja": ("ja", "yes"),
    "report.principle.deels": ("deels", "partly"),
    "report.principle.nee": ("nee", "no"),
    "report.principle.open": ("nog niet besproken", "not discussed yet"),
    "diff.reflex_tagged": (
        "reflex {reflex} bij kaart in {theme}: {card}",
        "reflex {reflex} on a card in {theme}: {card}",
    ),
    "diff.reflex_untagged": (
        "reflex weggehaald bij kaart in {theme}: {card}",
        "reflex removed from a card in {theme}: {card}",
    ),
    "diff.open_reflex_on": (
        "reflexen aan kaarten hangen mag nu iedereen",
        "everyone may now tag cards with a reflex",
    ),
    "diff.open_reflex_off": (
        "reflexen aan kaarten hangen doet weer alleen de procesbegeleider",
        "only the facilitator tags cards with a reflex again",
    ),
    "diff.agreement_legs": (
        "afspraak {agreement} rust op: {legs}",
        "agreement {agreement} rests on: {legs}",
    ),
    "diff.agreement_no_legs": (
        "afspraak {agreement} rust nog op geen been",
        "agreement {agreement} rests on no leg yet",
    ),
    "diff.instrument.evaluatie": ("procesevaluatie", "process evaluation"),
    "diff.instrument.reflexen": ("reflexen", "reflexes"),
    "diff.instrument.benen": ("tweebenige afspraken", "two-legged agreements"),
    "diff.instrument.principes": ("de elf principes", "the eleven principles"),
    "diff.instrument_on": ("onderdeel aangezet: {instrument}", "part switched on: {instrument}"),
    "diff.instrument_off": ("onderdeel uitgezet: {instrument}", "part switched off: {instrument}"),
    "diff.principle": (
        "principe {number} {principle}: {answer}",
        "principle {number} {principle}: {answer}",
    ),
    "diff.principle_cleared": (
        "principe {number} {principle}: antwoord teruggenomen",
        "principle {number} {principle}: answer taken back",
    ),
    "diff.principle_note": (
        "principe {number}, notitie: {note}",
        "principle {number}, note: {note}",
    ),
    "diff.evaluation_started": ("procesevaluatie gestart", "process evaluation started"),
    "diff.evaluation_answers": (
        "procesevaluatie: {count} ingevuld (de cijfers blijven geheim)",
        "process evaluation: {count} filled in (the ratings stay secret)",
    ),
    "diff.evaluation_closed": (
        "procesevaluatie gesloten met {count} antwoorden; de uitkomst staat in het verslag",
        "process evaluation closed with {count} answers; the outcome is in the report",
    ),
    "diff.evaluation_closed.one": (
        "procesevaluatie gesloten met {count} antwoord; de uitkomst staat in het verslag",
        "process evaluation closed with {count} answer; the outcome is in the report",
    ),
    "diff.evaluation_closed_few": (
        "procesevaluatie gesloten met {count} antwoorden: te weinig antwoorden om te tonen "
        "(minder dan {min})",
        "process evaluation closed with {count} answers: too few answers to show (fewer than "
        "{min})",
    ),
    "diff.evaluation_closed_few.one": (
        "procesevaluatie gesloten met {count} antwoord: te weinig antwoorden om te tonen "
        "(minder dan {min})",
        "process evaluation closed with {count} answer: too few answers to show (fewer than {min})",
    ),
    "diff.evaluation_removed": ("procesevaluatie weggehaald", "process evaluation removed"),
    "diff.tc.instruments": ("onderdelen aan: {instruments}", "parts switched on: {instruments}"),
    "diff.tc.reflex": ("reflex: {reflex}", "reflex: {reflex}"),
    "diff.tc.legs": ("rust op: {legs}", "rests on: {legs}"),
    "diff.tc.principles": ("de elf principes:", "the eleven principles:"),
    "diff.tc.evaluation_open": (
        "procesevaluatie: open, {count} ingevuld",
        "process evaluation: open, {count} filled in",
    ),
    "diff.tc.evaluation_few": (
        "procesevaluatie: gesloten met {count} antwoorden, te weinig antwoorden om te tonen "
        "(minder dan {min})",
        "process evaluation: closed with {count} answers, too few answers to show (fewer "
        "than {min})",
    ),
    "diff.tc.evaluation_few.one": (
        "procesevaluatie: gesloten met {count} antwoord, te weinig antwoorden om te tonen "
        "(minder dan {min})",
        "process evaluation: closed with {count} answer, too few answers to show (fewer "
        "than {min})",
    ),
    "diff.tc.evaluation": (
        "procesevaluatie ({count} antwoorden; gemiddeld, en hoe vaak 1·2·3·4·5):",
        "process evaluation ({count} answers; mean, and how often 1·2·3·4·5):",
    ),
    "diff.tc.evaluation.one": (
        "procesevaluatie ({count} antwoord; gemiddeld, en hoe vaak 1·2·3·4·5):",
        "process evaluation ({count} answer; mean, and how often 1·2·3·4·5):",
    ),
    "history.pane.instruments": ("Instrumenten", "Instruments"),
    "history.norms": ("De negen normen door de tijd", "The nine norms over time"),
    "history.principles": ("De elf principes door de tijd", "The eleven principles over time"),
    "history.reflexes": ("Reflexen door de tijd", "Reflexes over time"),
    "history.col.norm": ("Norm", "Norm"),
    "history.col.means": ("Gemiddeld per sessie", "Mean per session"),
    "history.col.number": ("Nr.", "No."),
    "history.col.principle": ("Principe", "Principle"),
    "history.col.last": ("Laatst", "Latest"),
    "history.col.reflex": ("Reflex", "Reflex"),
    "history.col.total": ("Totaal", "Total"),
    "history.col.per_session": ("Per sessie", "Per session"),
    "history.eval.shown": ("{count} antwoorden", "{count} answers"),
    "history.eval.shown.one": ("{count} antwoord", "{count} answer"),
    "history.eval.few": (
        "te weinig antwoorden om te tonen ({count})",
        "too few answers to show ({count})",
    ),
    "history.eval.open": (
        "de evaluatie is nog niet gesloten ({count} ingevuld)",
        "the evaluation has not been closed ({count} filled in)",
    ),
    "history.eval.none": ("geen procesevaluatie", "no process evaluation"),
    "history.this_session": ("Deze sessie: {state}", "This session: {state}"),
    "history.norms_none": (
        "Nog geen sessie met een gesloten evaluatie van minstens {min} antwoorden.",
        "No session yet with a closed evaluation of at least {min} answers.",
    ),
    "history.principles_none": (
        "Nog geen sessie met een gezondheidscheck op de principes.",
        "No session yet with a health check on the principles.",
    ),
    "history.reflexes_none": (
        "Nog geen kaart met een reflex.",
        "No card tagged with a reflex yet.",
    ),
    "history.off": ("stond uit", "switched off"),
    "history.reflex_counts": (
        "deze sessie {count} · samen {total}",
        "this session {count} · in all {total}",
    ),
    "history.legend.norms": (
        "Gemiddeld cijfer (1 tot 5) per sessie, van oud naar nieuw: ▁ gemiddeld 1 tot █ "
        "gemiddeld 5; · geen gesloten evaluatie met genoeg antwoorden.",
        "Mean rating (1 to 5) per session, oldest first: ▁ a mean of 1 to █ a mean of 5; · no "
        "closed evaluation with enough answers.",
    ),
    "history.legend.principles": (
        "Eén teken per sessie, van oud naar nieuw: ● ja · ◐ deels · ○ nee · — niet besproken "
        "· · stond uit.",
        "One sign per session, oldest first: ● yes · ◐ partly · ○ no · — not discussed · · "
        "switched off.",
    ),
    "history.legend.reflexes": (
        "Kaarten met die reflex, één teken per sessie van oud naar nieuw: ▂ tot █ meer, ▁ geen, "
        "· reflexen stonden uit.",
        "Cards tagged with that reflex, one sign per session oldest first: ▂ to █ more, ▁ none, "
        "· reflexes switched off.",
    ),
    # --- dot voting ---
    "refused.vote_closed": (
        "De stemronde is gesloten.",
        "The voting round is closed.",
    ),
    "refused.vote_budget": (
        "Je stippen zijn op: je hebt er {dots}. Haal er een weg met - om te verschuiven.",
        "Your dots are used up: you have {dots}. Take one back with - to move it.",
    ),
    "refused.vote_card": (
        "Op één kaart passen hooguit {dots} stippen.",
        "One card takes at most {dots} dots.",
    ),
    "refused.vote_card.one": (
        "Op één kaart past hooguit {dots} stip.",
        "One card takes at most {dots} dot.",
    ),
    "vote.dots_left": ("Stippen: nog {left} van {dots}", "Dots: {left} of {dots} left"),
    "vote.voters": ("{count} hebben gestemd", "{count} have voted"),
    "vote.voters_one": ("1 heeft gestemd", "1 has voted"),
    "vote.closed": ("Stemronde gesloten", "Voting closed"),
    "vote.mine": ("jouw stippen: {dots}", "your dots: {dots}"),
    "vote.total": ("{count} stippen", "{count} dots"),
    "vote.total.one": ("{count} stip", "{count} dot"),
    "key.vote_up": ("stip erbij", "add a dot"),
    "key.vote_up_long": ("Een stip op de gekozen kaart zetten", "Put a dot on the focused card"),
    "key.vote_down": ("stip eraf", "remove a dot"),
    "key.vote_down_long": (
        "Een stip van de gekozen kaart terugnemen",
        "Take a dot back from the focused card",
    ),
    "key.close_voting": ("sluit stemmen", "close voting"),
    "key.close_voting_long": (
        "De stemronde sluiten: iedereen ziet de uitslag",
        "Close the voting round: everyone sees the result",
    ),
    "key.reopen_voting": ("De stemronde weer openen", "Open the voting round again"),
    "key.sort_votes": (
        "Kaarten sorteren op stippen (nog eens: op volgorde)",
        "Sort cards by dots (again: back to order)",
    ),
    "key.set_dots": ("Aantal stippen per deelnemer: {dots}", "Dots per participant: {dots}"),
    # --- voice per organisation ---
    "voice.title": ("Inbreng per organisatie", "Voice per organisation"),
    "voice.legend": (
        "mensen · kaarten · stippen · reacties",
        "people · cards · dots · answers",
    ),
    "voice.row": (
        "{people} aan tafel · {cards} · {dots} · {answers}",
        "{people} at the table · {cards} · {dots} · {answers}",
    ),
    "voice.quiet": ("nog niet gehoord", "not heard yet"),
    "key.voice": ("inbreng", "voice"),
    "key.voice_long": (
        "Inbreng per organisatie tonen of verbergen (wie is nog niet gehoord?)",
        "Show or hide the voice per organisation (who has not been heard?)",
    ),
    # --- problem → proposal (spelregel 2) ---
    "refused.not_a_problem": (
        "Een voorstel hoort bij een kaart die als probleem is gemarkeerd.",
        "A proposal belongs to a card marked as a problem.",
    ),
    "refused.cluster_title": (
        "Geef het cluster een titel.",
        "Give the cluster a title.",
    ),
    "refused.cluster_facilitator": (
        "Alleen de procesbegeleider en de co-procesbegeleider mogen clusteren. Stel het hardop "
        "voor.",
        "Only the facilitator and the co-facilitator may cluster. Suggest it out loud.",
    ),
    "refused.cluster_hidden": (
        "Een verborgen kaart kan nog niet in een cluster: eerst onthullen.",
        "A hidden card cannot go into a cluster yet: reveal it first.",
    ),
    "refused.cluster_two": (
        "Markeer minstens twee kaarten met spatie om een cluster te maken.",
        "Mark at least two cards with space to make a cluster.",
    ),
    "refused.no_cluster": (
        "Dat cluster bestaat niet meer.",
        "That cluster no longer exists.",
    ),
    "refused.vote_in_cluster": (
        "Deze kaart hoort bij een cluster: je stemt op het cluster als geheel.",
        "This card belongs to a cluster: you vote on the cluster as a whole.",
    ),
    "refused.agreement_exists": (
        "Er is al een afspraak met dit id; probeer het nog eens.",
        "There already is an agreement with this id; please try again.",
    ),
    "refused.instrument_off": (
        "Dit onderdeel staat uit in deze sessie (het sjabloon zet het uit).",
        "This part is switched off in this session (by its template).",
    ),
    "refused.reflex_facilitator": (
        "Alleen de procesbegeleider en de co-procesbegeleider mogen een reflex aan een kaart "
        "hangen.",
        "Only the facilitator and the co-facilitator may tag a card with a reflex.",
    ),
    "refused.evaluation_closed": (
        "De evaluatie is al gesloten; een gesloten evaluatie gaat niet opnieuw open.",
        "The evaluation is already closed; a closed evaluation does not open again.",
    ),
    "refused.no_evaluation": (
        "Er loopt geen evaluatie. De procesbegeleider start die in de fase Afsluiten.",
        "No evaluation is running. The facilitator starts it in the closing phase.",
    ),
    "refused.evaluated": (
        "Je hebt de evaluatie al ingevuld. Dank je wel!",
        "You have already filled in the evaluation. Thank you!",
    ),
    "refused.evaluation_scores": (
        "Geef elke norm een cijfer van 1 tot en met 5.",
        "Give every norm a score from 1 to 5.",
    ),
    # --- the method's instruments on the board ---
    "instr.key.evaluate": ("evaluatie", "evaluation"),
    "instr.key.evaluate_long": (
        "Evaluatie invullen (daarna: de uitkomst tonen of verbergen)",
        "Fill in the evaluation (afterwards: show or hide the outcome)",
    ),
    "instr.key.reflex": ("reflex", "reflex"),
    "instr.key.reflex_long": (
        "Een reflex aan de gekozen kaart hangen: waar grepen we terug op een reflex?",
        "Tag the focused card with a reflex: where did we fall back on a reflex?",
    ),
    "instr.key.principles": ("gezondheidscheck", "health check"),
    "instr.key.principles_long": (
        "Gezondheidscheck op de elf principes (procesbegeleider: invullen; anderen: tonen)",
        "Health check on the eleven principles (facilitator: record; others: show)",
    ),
    "instr.eval.start": (
        "Evaluatie starten (negen normen, zonder namen)",
        "Start the evaluation (nine norms, without names)",
    ),
    "instr.eval.close": (
        "Evaluatie sluiten en de uitkomst tonen (dit kan maar één keer)",
        "Close the evaluation and show the outcome (this happens only once)",
    ),
    "instr.eval.toggle": ("Evaluatie tonen of verbergen", "Show or hide the evaluation"),
    "instr.eval.started": (
        "De evaluatie is gestart. Iedereen kan nu op {press} drukken.",
        "The evaluation has started. Everyone can press {press} now.",
    ),
    "instr.eval.closed_now": ("De evaluatie is gesloten.", "The evaluation is closed."),
    "instr.eval.offer": (
        "Tijd voor de evaluatie? Start die met ctrl+p: Evaluatie starten.",
        "Time for the evaluation? Start it with ctrl+p: Start the evaluation.",
    ),
    "instr.eval.title": ("Evaluatie van vandaag", "Today's evaluation"),
    "instr.eval.none": (
        "Er loopt nog geen evaluatie. De procesbegeleider start die bij het afsluiten.",
        "No evaluation yet. The facilitator starts it when closing.",
    ),
    "instr.eval.count": ("Evaluatie: {count} ingevuld", "Evaluation: {count} answered"),
    "instr.eval.fill_in": ("E: invullen", "E: fill in"),
    "instr.eval.open_note": (
        "De uitkomst komt pas als de procesbegeleider de evaluatie sluit, "
        "met minstens {min} antwoorden. Namen komen er nooit bij.",
        "The outcome is shown only once the facilitator closes the evaluation, "
        "with at least {min} answers. Names are never shown.",
    ),
    "instr.eval.you_did": ("Jij hebt hem ingevuld. Dank je wel!", "You filled it in. Thank you!"),
    "instr.eval.you_can": ("Druk op {press} om hem in te vullen.", "Press {press} to fill it in."),
    "instr.eval.closed": ("Gesloten: {count} ingevuld.", "Closed: {count} answered."),
    "instr.eval.too_few": ("Te weinig antwoorden om te tonen.", "Too few answers to show."),
    "instr.eval.legend": (
        "gemiddelde (1–5) · aantal keer 1/2/3/4/5",
        "mean (1–5) · how often 1/2/3/4/5",
    ),
    "instr.eval.lines": ("Wat nemen we mee (zonder namen):", "What we take with us (no names):"),
    "instr.eval.no_lines": ("Niemand schreef een regel.", "Nobody wrote a line."),
    "instr.eval.screen_title": (
        "Hoe ging de samenwerking vandaag? Geef elke norm een cijfer: 1 = slecht, 5 = heel goed.",
        "How did we work together today? Give every norm a score: 1 = poor, 5 = very good.",
    ),
    "instr.eval.screen_keys": (
        "↑/↓: norm · 1–5 of ←/→: cijfer · Tab: naar de regel · Enter: versturen · "
        "Esc: annuleren. Je naam staat nooit bij je cijfers.",
        "↑/↓: norm · 1–5 or ←/→: score · Tab: to the line · Enter: send · Esc: cancel. "
        "Your name is never shown with your scores.",
    ),
    "instr.eval.line_label": (
        "Wat nemen we mee? (mag leeg)",
        "What do we take with us? (optional)",
    ),
    "instr.eval.todo": (
        "Nog {count} van de 9 normen zonder cijfer.",
        "{count} of 9 norms still without a score.",
    ),
    "instr.eval.all_done": (
        "Alle negen normen hebben een cijfer. Enter: versturen.",
        "All nine norms have a score. Enter: send.",
    ),
    "instr.eval.missing": ("Nog geen cijfer voor: {norms}", "No score yet for: {norms}"),
    "instr.eval.thanks": (
        "Dank je wel! Je cijfers tellen mee, zonder je naam.",
        "Thank you! Your scores count, without your name.",
    ),
    "instr.reflex.title": (
        "Op welke reflex grijpen we hier terug?",
        "Which reflex do we fall back on here?",
    ),
    "instr.reflex.keys": (
        "1–5: reflex kiezen · 0: geen reflex · Esc: terug",
        "1–5: choose a reflex · 0: no reflex · Esc: back",
    ),
    "instr.reflex.none_choice": ("geen reflex", "no reflex"),
    "instr.reflex.tagged": ("Reflex aan de kaart: {name}", "Reflex on the card: {name}"),
    "instr.reflex.untagged": ("Reflex van de kaart gehaald.", "Reflex taken off the card."),
    "instr.reflex.voice_title": (
        "Waar grepen we terug op een reflex?",
        "Where did we fall back on a reflex?",
    ),
    "instr.reflex.voice_none": ("Nog geen kaart met een reflex.", "No card with a reflex yet."),
    "instr.reflex.voice_row": ("{name}: {count}", "{name}: {count}"),
    "instr.reflex.help_title": ("Reflexen (x op een kaart)", "Reflexes (x on a card)"),
    "instr.legs.label": (
        "Waar rust de afspraak op? (Tab naar een vakje, spatie: aan of uit)",
        "What does the agreement rest on? (Tab to a box, space: on or off)",
    ),
    "instr.legs.admin_box": (
        "administratief been (mandaat, budget, convenant)",
        "administrative leg (mandate, budget, covenant)",
    ),
    "instr.legs.adapt_box": (
        "adaptief been (praktijk, netwerk)",
        "adaptive leg (practice, network)",
    ),
    "instr.legs.both": ("Benen: {legs}", "Legs: {legs}"),
    "instr.legs.one": ("⚠ één been: alleen {leg}", "⚠ one leg: only {leg}"),
    "instr.legs.none": (
        "⚠ één been? Nog geen been gekozen.",
        "⚠ one leg? No leg chosen yet.",
    ),
    "instr.princ.title": (
        "Gezondheidscheck: de elf principes",
        "Health check: the eleven principles",
    ),
    "instr.princ.keys": (
        "↑/↓: principe · j: ja · d: deels · n: nee · 0: terugnemen · Esc: klaar",
        "↑/↓: principle · j: yes · d: partly · n: no · 0: take back · Esc: done",
    ),
    "instr.princ.answer.ja": ("ja", "yes"),
    "instr.princ.answer.deels": ("deels", "partly"),
    "instr.princ.answer.nee": ("nee", "no"),
    "instr.princ.answer.open": ("nog niet besproken", "not discussed yet"),
    "instr.princ.note_prompt": (
        "Korte notitie (mag leeg; Enter bewaart)",
        "A short note (optional; Enter keeps it)",
    ),
    "instr.princ.note": ("Notitie: {note}", "Note: {note}"),
    "instr.princ.count": ("{done} van de 11 besproken", "{done} of 11 discussed"),
    "instr.princ.toggle": (
        "Gezondheidscheck tonen of verbergen",
        "Show or hide the health check",
    ),
    "refused.no_origin": (
        "Deze sessie is geen vervolg op een eerdere sessie: er zijn geen notulen om vast te "
        "stellen.",
        "This session does not follow an earlier one: there are no minutes to ratify.",
    ),
    "refused.no_review": (
        "Die afspraak staat niet in de terugblik.",
        "That agreement is not in the look-back.",
    ),
    "key.mark": ("markeren", "mark"),
    "key.mark_long": (
        "Markeer de kaart voor een cluster (nog eens: markering weg; Esc: alles weg)",
        "Mark the card for a cluster (again: unmark; Esc: unmark all)",
    ),
    "key.group": ("clusteren", "cluster"),
    "key.group_long": (
        "Maak van de gemarkeerde kaarten één cluster met een titel (zonder markering: "
        "titel van het cluster wijzigen)",
        "Make the marked cards one cluster with a title (without marks: rename the cluster)",
    ),
    "key.ungroup": ("cluster opheffen", "ungroup"),
    "key.ungroup_long": (
        "Hef het cluster van deze kaart op; de kaarten blijven staan",
        "Undo this card's cluster; the cards stay where they are",
    ),
    "cluster.mark_first": (
        "Markeer eerst kaarten met {mark}, dan {group} om ze te clusteren.",
        "First mark cards with {mark}, then press {group} to cluster them.",
    ),
    "cluster.title_ask": ("Titel van het cluster", "Title of the cluster"),
    "cluster.rename_ask": ("Nieuwe titel van het cluster", "New title of the cluster"),
    "cluster.not_in_cluster": (
        "Deze kaart hoort niet bij een cluster.",
        "This card is not in a cluster.",
    ),
    "cluster.ungrouped": ("Cluster opgeheven.", "Cluster undone."),
    "cluster.marked": (
        "{count} gemarkeerd (g: clusteren, Esc: wissen)",
        "{count} marked (g: cluster, Esc: clear)",
    ),
    "cluster.suggest_ask": (
        "Stel de procesbegeleider een cluster voor. Welke titel?",
        "Propose a cluster to the facilitator. Which title?",
    ),
    "cluster.suggest_hint": (
        "Alleen de procesbegeleider kan clusteren; die krijgt je voorstel. Enter: sturen · Esc: "
        "annuleren",
        "Only the facilitator can cluster; they get your proposal. Enter: send · Esc: cancel",
    ),
    "cluster.suggest_sent": (
        "Je voorstel is naar de procesbegeleider gestuurd.",
        "Your proposal was sent to the facilitator.",
    ),
    "cluster.suggested": (
        '{name} stelt een cluster voor: "{title}" ({count} kaarten). Overnemen: ctrl+p, '
        '"cluster overnemen".',
        '{name} proposes a cluster: "{title}" ({count} cards). To take it over: ctrl+p, '
        '"take over cluster".',
    ),
    "cluster.suggested.one": (
        '{name} stelt een cluster voor: "{title}" ({count} kaart). Overnemen: ctrl+p, '
        '"cluster overnemen".',
        '{name} proposes a cluster: "{title}" ({count} card). To take it over: ctrl+p, '
        '"take over cluster".',
    ),
    "cluster.adopt": (
        "Cluster overnemen van {name}: {title}",
        "Take over cluster from {name}: {title}",
    ),
    "cluster.adopt_help": (
        "Maak van de {count} voorgestelde kaarten één cluster",
        "Make the {count} proposed cards one cluster",
    ),
    "screen.line_hint": ("Enter: bewaren · Esc: annuleren", "Enter: keep · Esc: cancel"),
    "cli.from.help": (
        "maak de sessie als vervolg op een eerdere: spelregels, organisaties en aangenomen "
        "afspraken (voor de terugblik) gaan mee",
        "make the session a follow-up of an earlier one: spelregels, organisations and adopted "
        "agreements (to look back on) come along",
    ),
    "cli.participants.help": (
        "neem met --from ook de deelnemers van de vorige keer over",
        "with --from, also carry over last time's participants",
    ),
    "cli.participants_needs_from": (
        "--participants werkt alleen samen met --from EERDER.toml.",
        "--participants only works together with --from EARLIER.toml.",
    ),
    "cli.carried": (
        'Uit "{title}" meegenomen: {count} afspraken om op terug te blikken.',
        'Carried over from "{title}": {count} agreements to look back on.',
    ),
    "cli.carried.one": (
        'Uit "{title}" meegenomen: {count} afspraak om op terug te blikken.',
        'Carried over from "{title}": {count} agreement to look back on.',
    ),
    "cli.carried_none": (
        'Uit "{title}" gaat geen afspraak mee om op terug te blikken.',
        'Nothing from "{title}" to look back on.',
    ),
    "cli.carry.line": ("  + {what} — {why}", "  + {what} — {why}"),
    "cli.carry.left": ("Niet meegenomen:", "Not carried over:"),
    "cli.carry.left_line": ("  - {what} — {why}", "  - {what} — {why}"),
    "carry.adopted": ("aangenomen in de vorige sessie", "adopted in the previous session"),
    "carry.open": ("nog niet besproken", "not discussed yet"),
    "carry.werkt": ("werkt, blijft staan", "works, stays in force"),
    "carry.bijstellen": (
        "wordt bijgesteld, maar het nieuwe concept is nog niet aangenomen",
        "being adjusted, but the new draft is not adopted yet",
    ),
    "carry.afgerond": ("afgerond: werkte en is klaar", "closed: it worked and is done"),
    "carry.vervallen": ("vervallen verklaard", "declared lapsed"),
    "carry.replaced": ('vervangen door "{detail}"', 'replaced by "{detail}"'),
    "carry.status.herzien": (
        "herzien in de vorige sessie",
        "revised in the previous session",
    ),
    "carry.status.vervallen": (
        "vervallen in de vorige sessie",
        "lapsed in the previous session",
    ),
    "carry.not_adopted": ("niet aangenomen ({detail})", "not adopted ({detail})"),
    "carry.agenda": ("{count}× op de agenda", "{count}× on the agenda"),
    "carry.late": (
        "⚠ te laat: evaluatiedatum {date} is voorbij",
        "⚠ late: review date {date} has passed",
    ),
    "key.terugblik": ("terugblik", "look back"),
    "key.terugblik_long": (
        "Terugblik op de afspraken van de vorige sessie: werkt, bijstellen of vervallen",
        "Look back on the agreements of the previous session: works, adjust or lapse",
    ),
    "two.revisits": (
        "Tweede ronde van een afspraak van de vorige keer:",
        "Second round of an agreement from last time:",
    ),
    "terugblik.title": (
        "Terugblik: afspraken van de vorige keer",
        "Looking back: last time's agreements",
    ),
    "terugblik.from": ('Uit "{title}" van {date}', 'From "{title}" of {date}'),
    "terugblik.none": (
        "Er zijn geen afspraken van een vorige sessie om op terug te blikken.",
        "There are no agreements of a previous session to look back on.",
    ),
    "terugblik.verdict.open": ("nog bespreken", "still to discuss"),
    "terugblik.verdict.werkt": ("werkt, blijft staan", "works, stays in force"),
    "terugblik.verdict.afgerond": ("afgerond: werkte en is klaar", "closed: it worked and is done"),
    "terugblik.agenda": ("{count}× op de agenda", "{count}× on the agenda"),
    "terugblik.verdict.bijstellen": (
        "bijstellen: nieuw concept voor een tweede ronde",
        "adjust: a new draft for a second round",
    ),
    "terugblik.verdict.vervallen": ("vervallen", "lapsed"),
    "terugblik.note": ("Ervaring: {note}", "Experience: {note}"),
    "terugblik.overdue": ("⚠ te laat", "⚠ late"),
    "terugblik.keys": (
        "↑/↓ kies een afspraak · 1 werkt · 2 bijstellen · 3 vervallen · 4 afgerond · "
        "0 nog bespreken · dan de ervaring en Enter: door naar de volgende · v notulen "
        "vaststellen · Esc: klaar",
        "↑/↓ choose an agreement · 1 works · 2 adjust · 3 lapsed · 4 closed · "
        "0 still to discuss · then the experience and Enter: on to the next · v ratify the "
        "minutes · Esc: done",
    ),
    "terugblik.minutes.open": (
        "Notulen van die sessie: nog niet vastgesteld",
        "Minutes of that session: not ratified yet",
    ),
    "terugblik.minutes.ratified": (
        "Notulen van die sessie: vastgesteld op {on}",
        "Minutes of that session: ratified on {on}",
    ),
    "terugblik.ratify_prompt": (
        "Correcties op de notulen? (mag leeg; Enter stelt de notulen vast)",
        "Corrections to the minutes? (may be empty; Enter ratifies the minutes)",
    ),
    "terugblik.done.ratified": (
        "Genoteerd: de notulen van de vorige sessie zijn vastgesteld.",
        "Noted: the minutes of the previous session are ratified.",
    ),
    "terugblik.note_prompt": (
        "Wat is de ervaring? (mag leeg; Enter bewaart)",
        "What is the experience? (may be empty; Enter keeps it)",
    ),
    "terugblik.done.werkt": (
        "Genoteerd: de afspraak werkt en blijft staan; ze komt de volgende keer terug.",
        "Noted: the agreement works and stays in force; it comes back next time.",
    ),
    "terugblik.done.afgerond": (
        "Genoteerd: de afspraak is afgerond; ze komt niet meer terug.",
        "Noted: the agreement is closed; it does not come back.",
    ),
    "terugblik.done.bijstellen": (
        "Genoteerd: bijstellen. Er staat een nieuw concept bij de afspraken (A).",
        "Noted: adjust. A new draft is among the agreements (A).",
    ),
    "terugblik.done.bijstellen_date": (
        "Genoteerd: bijstellen. Het nieuwe concept staat bij de afspraken (A). De oude "
        "evaluatiedatum is voorbij of ontbrak: geef het concept een nieuwe.",
        "Noted: adjust. The new draft is among the agreements (A). The old review date has "
        "passed or was missing: give the draft a new one.",
    ),
    "terugblik.done.vervallen": ("Genoteerd: de afspraak vervalt.", "Noted: the agreement lapses."),
    "terugblik.done.open": ("Weer open: nog bespreken.", "Open again: still to discuss."),
    "voice.absent": (
        "nog niemand van deze organisatie aan tafel",
        "nobody of this organisation at the table yet",
    ),
    "kind.probleem": ("⚠ probleem", "⚠ problem"),
    "kind.no_proposal": ("nog geen voorstel", "no proposal yet"),
    "kind.proposals": ("{count} voorstellen", "{count} proposals"),
    "kind.proposals.one": ("{count} voorstel", "{count} proposal"),
    "kind.voorstel": ("➜ voorstel", "➜ proposal"),
    "kind.answers": ("bij: {text}", "for: {text}"),
    "kind.new_proposal": ("Voorstel bij: {text}", "Proposal for: {text}"),
    "key.kind": ("probleem/voorstel", "problem/proposal"),
    "key.kind_long": (
        "Gekozen kaart markeren: probleem → voorstel → gewoon",
        "Mark the focused card: problem → proposal → plain",
    ),
    "key.propose": ("voorstel", "proposal"),
    "key.propose_long": (
        "Een voorstel schrijven bij het gekozen probleem",
        "Write a proposal for the focused problem",
    ),
    # --- agreements (TWO) and consent ---
    "refused.what_needed": ("Schrijf op wat de afspraak is.", "Write down what the agreement is."),
    "refused.why_needed": (
        "Een afspraak heeft een waarom nodig (spelregel 6).",
        "An agreement needs a why (ground rule 6).",
    ),
    "refused.owner_unknown": (
        "{owner} zit niet aan tafel; een eigenaar is een organisatie aan tafel.",
        "{owner} is not at the table; an owner is an organisation at the table.",
    ),
    "refused.in_round": (
        "Deze afspraak is in een ronde; sluit eerst de ronde.",
        "This agreement is in a round; close the round first.",
    ),
    "refused.no_agreement": ("Die afspraak bestaat niet.", "That agreement does not exist."),
    "refused.no_round": (
        "Er loopt geen ronde voor deze afspraak.",
        "There is no round for this agreement.",
    ),
    "refused.answers_open": (
        "Sluit eerst het reageren: dan ziet iedereen de reacties, en daarna kies je.",
        "Close answering first: then everyone sees the answers, and then you choose.",
    ),
    "refused.answers_closed": (
        "Reageren is gesloten: de gespreksleider kiest nu wat er met de afspraak gebeurt.",
        "Answering is closed: the facilitator now chooses what happens to the agreement.",
    ),
    "refused.concern_text": (
        "Schrijf kort je bedenking op (spelregel 5).",
        "Write your concern briefly (ground rule 5).",
    ),
    "two.title": ("Afspraken (TWO's)", "Agreements (TWOs)"),
    "two.none": (
        "Nog geen afspraken. Druk op {press} op een kaart om er een op te stellen.",
        "No agreements yet. Press {press} on a card to draft one.",
    ),
    "two.status.concept": ("concept", "draft"),
    "two.status.in_ronde": ("in ronde", "in a round"),
    "two.status.beraad": ("reageren gesloten, keuze volgt", "answering closed, choice to come"),
    "two.status.aangenomen": ("aangenomen", "adopted"),
    "two.status.geparkeerd": ("geparkeerd", "parked"),
    "two.status.herzien": ("herzien", "revised"),
    "two.status.vervallen": ("vervallen", "lapsed"),
    "two.why": ("Waarom: {why}", "Why: {why}"),
    "two.owners": ("Eigenaar: {owners}", "Owner: {owners}"),
    "two.review": ("Evaluatie: {date}", "Review: {date}"),
    "two.answered": ("{org}: {done} van {total} gereageerd", "{org}: {done} of {total} answered"),
    "two.answer.werkbaar": ("kan ermee werken", "can work with it"),
    "two.answer.bedenking": ("bedenking", "concern"),
    "two.answer.achterban": ("overleg met achterban nodig", "needs to consult their organisation"),
    "two.answer.verborgen": ("heeft gereageerd", "has answered"),
    "two.concerns": (
        "Bedenkingen (blijven bij de afspraak):",
        "Concerns (they stay with the agreement):",
    ),
    "two.round": ("ronde {number}", "round {number}"),
    "two.count.werkbaar": ("{count} kunnen ermee werken", "{count} can work with it"),
    "two.count.werkbaar.one": ("{count} kan ermee werken", "{count} can work with it"),
    "two.count.bedenking": ("{count} bedenkingen", "{count} concerns"),
    "two.count.bedenking.one": ("{count} bedenking", "{count} concern"),
    "two.count.achterban": (
        "{count} overleggen eerst met hun achterban",
        "{count} consult their organisation first",
    ),
    "two.count.achterban.one": (
        "{count} overlegt eerst met de achterban",
        "{count} consults their organisation first",
    ),
    "two.decide_title": (
        "Ronde {number} gesloten: {what}",
        "Round {number} closed: {what}",
    ),
    "two.decide_none": ("Niemand heeft gereageerd.", "Nobody answered."),
    "two.decide_head.bedenking": ("Bedenkingen", "Concerns"),
    "two.decide_head.achterban": (
        "Overleg met achterban nodig",
        "Needs to consult their organisation",
    ),
    "two.decide_head.werkbaar": ("Kan ermee werken", "Can work with it"),
    "two.decide_keys": (
        "1: aannemen · 2: terug naar concept (bijstellen) · 3: parkeren · Esc: later kiezen",
        "1: adopt · 2: back to draft (amend) · 3: park · Escape: choose later",
    ),
    "two.form_title": ("Afspraak opstellen (TWO)", "Draft an agreement (TWO)"),
    "two.form_what": ("Afspraak: wat gaan we doen?", "Agreement: what will we do?"),
    "two.form_why": ("Waarom? (verplicht)", "Why? (required)"),
    "two.form_owners": (
        "Eigenaar: organisaties aan tafel, gescheiden door komma's ({known})",
        "Owner: organisations at the table, separated by commas ({known})",
    ),
    "two.form_review": (
        "Evaluatiedatum (JJJJ-MM-DD, mag leeg)",
        "Review date (YYYY-MM-DD, may be empty)",
    ),
    "two.form_hint": (
        "Tab of Enter: volgend veld · shift+Tab: vorig veld · Enter op de datum: bewaren · "
        "ctrl+s: bewaren · Esc: annuleren",
        "Tab or Enter: next field · shift+Tab: previous field · Enter on the date: keep · "
        "ctrl+s: keep · Esc: cancel",
    ),
    "two.bad_date": (
        "De datum klopt niet; schrijf JJJJ-MM-DD.",
        "The date is not right; write YYYY-MM-DD.",
    ),
    "two.answer_title": ("Jouw reactie op: {what}", "Your answer to: {what}"),
    "two.answer_keys": (
        "1: kan ermee werken · 2: bedenking · 3: overleg met achterban nodig · Esc: later",
        "1: can work with it · 2: concern · 3: needs to consult · Escape: later",
    ),
    "two.concern_prompt": ("Je bedenking (Enter: versturen)", "Your concern (Enter: send)"),
    "two.no_round": ("Er loopt nu geen ronde.", "There is no round now."),
    "two.open_problems": (
        "{count} problemen zonder voorstel",
        "{count} problems without a proposal",
    ),
    "two.open_problems.one": (
        "{count} probleem zonder voorstel",
        "{count} problem without a proposal",
    ),
    "key.agree": ("afspraak", "agreement"),
    "key.agree_long": (
        "Een afspraak (TWO) opstellen vanuit de gekozen kaart",
        "Draft an agreement (TWO) from the focused card",
    ),
    "key.agreements": ("afspraken", "agreements"),
    "key.agreements_long": ("Afspraken tonen of verbergen", "Show or hide the agreements"),
    "key.answer": ("reageer", "answer"),
    "key.answer_long": (
        "Reageren op de afspraak in de ronde",
        "Answer the agreement in the round",
    ),
    "key.start_round": ("Ronde starten: {what}", "Start a round: {what}"),
    "key.close_round": (
        "Ronde sluiten: reacties tonen, dan kiezen: {what}",
        "Close the round: show the answers, then choose: {what}",
    ),
    "key.decide": ("Kiezen na de ronde: {what}", "Choose after the round: {what}"),
    "key.edit_two": ("Afspraak bewerken: {what}", "Edit the agreement: {what}"),
    # --- counted nouns: t_count("count.cards", n) → "1 kaart", "3 kaarten" ---
    "count.cards": ("{count} kaarten", "{count} cards"),
    "count.cards.one": ("{count} kaart", "{count} card"),
    "count.themes": ("{count} thema's", "{count} themes"),
    "count.themes.one": ("{count} thema", "{count} theme"),
    "count.participants": ("{count} deelnemers", "{count} participants"),
    "count.participants.one": ("{count} deelnemer", "{count} participant"),
    "count.sessions": ("{count} sessies", "{count} sessions"),
    "count.sessions.one": ("{count} sessie", "{count} session"),
    "count.organisations": ("{count} organisaties", "{count} organisations"),
    "count.organisations.one": ("{count} organisatie", "{count} organisation"),
    "count.dots": ("{count} stippen", "{count} dots"),
    "count.dots.one": ("{count} stip", "{count} dot"),
    "count.reactions": ("{count} reacties", "{count} answers"),
    "count.reactions.one": ("{count} reactie", "{count} answer"),
    # --- key names (footer, help, command palette) ---
    "key.left": ("vorige kolom", "previous column"),
    "key.right": ("volgende kolom", "next column"),
    "key.up": ("vorige kaart", "previous card"),
    "key.down": ("volgende kaart", "next card"),
    "key.new": ("nieuw", "new"),
    "key.edit": ("wijzig", "edit"),
    "key.delete": ("verwijder", "delete"),
    "key.move_left": ("kaart naar links", "card to the left"),
    "key.move_right": ("kaart naar rechts", "card to the right"),
    "key.move_up": ("kaart omhoog", "card up"),
    "key.move_down": ("kaart omlaag", "card down"),
    "key.save": ("opslaan", "save"),
    "key.quit": ("stop", "quit"),
    "key.help": ("hulp", "help"),
    "key.palette": ("alle acties", "all actions"),
    "key.more": ("meer", "more"),
    "key.new_long": (
        "Nieuwe kaart in de gekozen kolom (in de kaart: ctrl+j of alt+Enter voor een nieuwe "
        "regel, Enter bewaart)",
        "New card in the focused column (in the card: ctrl+j or alt+Enter for a new line, "
        "Enter saves)",
    ),
    "key.edit_long": ("Gekozen kaart wijzigen", "Edit the focused card"),
    "key.delete_long": ("Gekozen kaart verwijderen", "Delete the focused card"),
    "key.save_long": ("Sessie nu opslaan", "Save the session now"),
    "key.quit_long": ("Opslaan en stoppen", "Save and quit"),
    "key.help_long": ("Hulp met alle toetsen", "Help with every key"),
    "key.goto_theme": ("Ga naar thema: {theme}", "Go to theme: {theme}"),
    # --- your own keys (keymap.py, `tussenruimte keys`, --keys) ---
    "keys.bad_file": (
        "Het toetsenbestand {path} wordt niet gebruikt.",
        "The keymap file {path} is not used.",
    ),
    "keys.what_now": (
        "Het bord start met de gewone toetsen. Herstel het bestand en controleer het met "
        "`tussenruimte keys --check {path}`.",
        "The board starts with its usual keys. Fix the file and check it with "
        "`tussenruimte keys --check {path}`.",
    ),
    "keys.no_file": ("het bestand bestaat niet.", "the file does not exist."),
    "keys.unknown_id": (
        "de actie {id} bestaat niet. `tussenruimte keys` toont alle acties.",
        "there is no action {id}. `tussenruimte keys` lists every action.",
    ),
    "keys.not_text": (
        'bij {id} hoort een toets als tekst, zoals "a" of "ctrl+up,plus".',
        '{id} needs a key as text, such as "a" or "ctrl+up,plus".',
    ),
    "keys.none_given": ("bij {id} staat geen toets.", "{id} has no key."),
    "keys.empty_key": ("er staat een lege toets.", "there is an empty key."),
    "keys.unknown_key": (
        "{name} is geen toets. Schrijf één teken (a, A, +, ?) of een naam zoals up, "
        "pagedown, enter of f5.",
        "{name} is not a key. Write one character (a, A, +, ?) or a name such as up, "
        "pagedown, enter or f5.",
    ),
    "keys.never": (
        "{name} komt nooit aan: een terminal geeft de toets {modifier} niet door.",
        "{name} never arrives: a terminal does not pass the {modifier} key on.",
    ),
    "keys.cannot_send": (
        "{name} kan een terminal niet versturen. Wel: ctrl+ een kleine letter, shift+ of "
        "ctrl+shift+ een pijl, alt+ één teken; een hoofdletter in plaats van shift+letter.",
        "a terminal cannot send {name}. It can: ctrl+ a small letter, shift+ or ctrl+shift+ "
        "an arrow, alt+ one character; a capital instead of shift+letter.",
    ),
    "keys.reserved": (
        "{name} is al van de terminal (stoppen, Tab of Enter).",
        "{name} already belongs to the terminal (stopping, Tab or Enter).",
    ),
    "keys.taken": (
        "de toets {name} van {id} is al van {other}. Geef een van beide een andere toets.",
        "the key {name} of {id} already belongs to {other}. Give one of them another key.",
    ),
    "keys.ok": (
        "Het toetsenbestand {path} is goed: {count} acties hebben een eigen toets.",
        "The keymap file {path} is fine: {count} actions have a key of their own.",
    ),
    "keys.ok.one": (
        "Het toetsenbestand {path} is goed: {count} actie heeft een eigen toets.",
        "The keymap file {path} is fine: {count} action has a key of its own.",
    ),
    "keys.using": ("Eigen toetsen uit {path}.", "Your own keys from {path}."),
    "keys.none_used": (
        "Gewone toetsen. Eigen toetsen zet je in {path} (zie README, Eigen toetsen).",
        "The usual keys. Put your own keys in {path} (see the README, Eigen toetsen).",
    ),
    "keys.head_id": ("actie", "action"),
    "keys.head_default": ("standaard", "default"),
    "keys.head_mapped": ("nu", "now"),
    "keys.head_meaning": ("betekenis", "meaning"),
    "cli.keys.help": (
        "toon elke toets van het bord en wat hij doet",
        "list every key of the board and what it does",
    ),
    "cli.keys_file.help": (
        "eigen toetsen uit dit bestand (anders {path}, als dat er is)",
        "your own keys from this file (else {path}, if it exists)",
    ),
    "cli.keys_check.help": (
        "controleer een toetsenbestand en stop",
        "check a keymap file and stop",
    ),
}


def set_language(language: str) -> None:
    """Choose the language for every later `t()` call ("nl" or "en")."""
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    _language = language


def language() -> str:
    """The current language."""
    return _language


def t(key: str, **values: object) -> str:
    """The message `key` in the current language, with `values` filled in."""
    nl, en = MESSAGES[key]
    template = en if _language == "en" else nl
    return template.format(**values) if values else template


def t_count(key: str, count: int, **values: object) -> str:
    """The message `key` about `count` things, with the noun in the right number: the
    catalogue's `key.one` when `count` is 1 (and it has one), else `key` (the plural,
    also for 0). `{count}` is filled in with `count`."""
    one = f"{key}.one"
    return t(one if count == 1 and one in MESSAGES else key, count=count, **values)


def t_wire(key: str, values: dict[str, str]) -> str:
    """A message whose key came over the wire: an unknown key (a newer relay) or missing
    values give a general message instead of an error."""
    try:
        nl, en = MESSAGES[key]
        return (en if _language == "en" else nl).format(**values)
    except (KeyError, IndexError, ValueError):
        return t("relay.unknown", code=key)
