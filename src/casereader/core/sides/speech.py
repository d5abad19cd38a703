"""The words of reported speech in English, Spanish and Portuguese: speech verbs in every
tense, the phrases that cite a source ("according to", "según", "segundo"), the roles and
pronouns that stand for a speaker already named.

Spanish and Portuguese verbs are listed by their infinitive and conjugated here (the regular
endings of the indicative, the participle and the gerund; irregular forms listed apart):
a lemmatiser would do it from data (simplemma does, for 54 languages), but loading its three
dictionaries took 4.6 s, half the time all the views may take on a large case, and it gave
"añadido" as a form of "haber".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..text.analysis import fold
from .text import words

# English: every form written out (few verbs, irregular ones among them).  Words that are
# also common nouns ("state", "report", "note", "claim", "call") only in their -ed/-ing forms.
_ENGLISH = words(
    "say says said saying tell tells told telling stated stating noted noting add adds added adding "
    "stress stresses stressed stressing emphasize emphasizes emphasized emphasizing emphasise emphasises "
    "emphasised insist insists insisted insisting explain explains explained explaining declare declares "
    "declared declaring announce announces announced announcing claimed claiming argue argues argued arguing "
    "warn warns warned warning write writes wrote written writing continue continues continued continuing "
    "ask asks asked asking replied replying respond responds responded responding answered tweeted posted "
    "recall recalls recalled recalling remark remarks remarked commented observe observes observed "
    "assert asserts asserted acknowledge acknowledges acknowledged admit admits admitted confirm confirms "
    "confirmed deny denies denied describe describes described urge urges urged vow vows vowed promised "
    "predicted conclude concludes concluded complain complains complained suggest suggests suggested "
    "reported reporting called calling thank thanks thanked thanking underline underlines underlined "
    "underscore underscores underscored highlight highlights highlighted reiterate reiterates reiterated "
    "point points pointed mention mentions mentioned publish publishes published repeat repeats repeated "
    "denounce denounces denounced denouncing criticized criticised criticizing criticising slammed "
    "speak speaks spoke speaking spoken expresses expressed expressing ruled assure assures assured assuring "
    "quipped joked pledged cautioned contended conceded revealed disclosed alleged boasted lamented "
    "testify testifies testified testifying countered retorted exclaimed indicated "
    "affirmed recounted clarified elaborated specified summarized summarised "
    "professed describing "
)
# Spanish and Portuguese infinitives, conjugated below.
_SPANISH = words(
    "afirmar declarar señalar asegurar indicar explicar denunciar calificar informar destacar subrayar "
    "recalcar resaltar apuntar precisar agregar manifestar insistir añadir advertir reconocer recordar "
    "agradecer confirmar anunciar expresar defender instar reiterar lamentar criticar admitir aclarar "
    "comentar concluir relatar responder replicar escribir trasladar constatar remarcar enfatizar "
    "sostener valorar detallar alertar opinar proclamar avisar exigir pedir reclamar matizar "
    "insistir garantizar prometer celebrar repetir resumir puntualizar aseverar argumentar plantear revelar "
    "negar justificar remachar apostillar sentenciar zanjar incidir anticipar adelantar"
)
_PORTUGUESE = words(
    "afirmar declarar destacar ressaltar salientar frisar explicar informar relatar reforçar completar "
    "acrescentar pontuar avaliar ponderar enfatizar sublinhar garantir assegurar observar lembrar comentar "
    "anunciar alertar apontar classificar denunciar criticar defender concluir prosseguir continuar contar "
    "escrever responder questionar indagar perguntar admitir reconhecer confirmar mencionar detalhar "
    "agradecer advertir insistir reiterar argumentar sustentar manifestar publicar postar citar "
    "exaltar celebrar elogiar lamentar cobrar pedir prometer repetir resumir esclarecer revelar negar "
    "justificar assinalar realçar adiantar complementar emendar rebater ironizar desabafar sinalizar"
)
_IRREGULAR = words(
    # decir, sostener, advertir, reconocer, defender, concluir, exponer, pedir (es)
    "dijo dijeron dice dicen dicho dicha diciendo decía decían dirá dirán sostuvo sostiene sostienen "
    "advirtió advierte advierten reconoció reconoce reconocen defendió defiende defienden concluyó concluye "
    "expuso expone exponen exponía pidió pide piden prometió "
    # dizer, pedir, prosseguir (pt)
    "disse disseram diz dizem dito dita dizendo dizia diziam dirá dirão pediu pede pedem prossegue "
)
_AR = "a an ó aron aba aban ado ada ando ará arán aría ou aram ava avam arão"  # es + pt
_ER = "e en ió ieron ía ían ido ida iendo erá erán eu eram ia iam endo"
_IR = "e en ió ieron ía ían ido ida iendo irá irán iu iram indo"
# Conjugated forms that are also common nouns or other words ("cuenta", "alerta", "nota").
_NOT_VERBS = {
    "conta", "alerta", "pide", "cita", "contam", "cobra", "pedido", "dita", "dicha", "defende",
    "emenda", "emendas", "adianta", "resume", "resumen",
}  # fmt: skip


def _conjugate(infinitive: str) -> set[str]:
    stem, ending = infinitive[:-2], infinitive[-2:]
    if ending not in ("ar", "er", "ir"):
        return set()
    suffixes = {"ar": _AR, "er": _ER, "ir": _IR}[ending].split()
    return {stem + s for s in suffixes}


_WRITTEN = {
    w
    for w in set(_ENGLISH) | set(_IRREGULAR) | {form for verb in (*_SPANISH, *_PORTUGUESE) for form in _conjugate(verb)}
    if fold(w) not in _NOT_VERBS
}
SPEECH_VERBS: frozenset[str] = frozenset(fold(w) for w in _WRITTEN)


def _trie(forms: Iterable[str]) -> str:
    """A pattern matching any of ``forms``, as a trie (one branch per letter: the regex engine
    tries a handful of alternatives at each position, not thousands)."""
    tree: dict[str, Any] = {}
    for form in forms:
        node = tree
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(tree)


# Speech verbs as written (accents or none) in running text, whole words only.
SPEECH_VERB = re.compile(r"(?<![\w’'-])" + _trie(_WRITTEN | SPEECH_VERBS) + r"(?![\w’'-])")

# Auxiliaries and adverbs that may stand between a speaker and the verb ("Grande-Marlaska ha
# añadido", "Lula também afirmou", "he also said").
BETWEEN = frozenset(
    fold(w)
    for w in words(
        "ha han había habían has have had has also then later again further once more still "
        "tem têm tinha havia ainda também já depois então luego también además asimismo después "
        "entonces hoy ayer today yesterday publicly firmly repeatedly earlier le lhe les lhes se "
    )
)
# Phrases that cite a source for what follows: "according to X", "según X".
SOURCE_PHRASES = (
    "according to", "in the words of", "in the view of", "según", "de acuerdo con", "en opinión de",
    "en opinión del", "en palabras de", "en palabras del", "a juicio de", "a juicio del", "segundo",
    "de acordo com", "conforme", "na opinião de", "na opinião do", "na opinião da", "nas palavras de",
    "nas palavras do", "nas palavras da", "na avaliação de", "na avaliação do", "na avaliação da",
    "na visão de", "na visão do", "na visão da", "para",
)  # fmt: skip
# The same with a possessive: the opinion of the person named before ("a su juicio", "in his view").
OWN_VIEW = (
    "a su juicio", "en su opinión", "en su opinion", "in his view", "in her view", "in his opinion",
    "in her opinion", "na sua avaliação", "em sua avaliação", "na sua opinião", "em sua opinião",
    "na sua visão", "em sua visão",
)  # fmt: skip
PRONOUNS = frozenset(words("he she ele ela él ella"))  # as written, lower case: "El" is an article
PLURAL_PRONOUNS = frozenset(fold(w) for w in words("they eles elas ellos ellas we nós nosotros"))
ROLES = frozenset(
    fold(w)
    for w in words(
        "president minister secretary spokesman spokeswoman spokesperson director director-general chancellor speaker "
        "official ambassador governor mayor senator leader head chief premier commissioner envoy prosecutor "
        "judge general commander presidente presidenta ministro ministra titular secretario secretaria "
        "subsecretario subsecretaria portavoz directora directora comisario comisaria delegado delegada "
        "alcalde alcaldesa jefe jefa fiscal juez jueza embajador embajadora canciller vicepresidente "
        "vicepresidenta secretário secretária porta-voz diretor diretora governador governadora prefeito "
        "prefeita senador senadora deputado deputada chefe superintendente procurador procuradora "
        "vice-presidente vice-presidenta advogado-geral chanceler comandante diretor-geral diretora-geral "
        "directora-general consejero consejera conselheiro conselheira "
    )
)
# Nouns that describe a speaker without being an office: "a protester using the pseudonym
# Katya", "Northwestern University public health expert Wendy Parmet", "Trump adviser".
DESCRIPTIONS = frozenset(
    fold(w)
    for w in words(
        "adviser advisor aide ally loyalist protester activist lawyer attorney analyst professor researcher "
        "expert economist scientist student candidate witness resident survivor negotiator mediator"
    )
)
# Words that open a phrase before a sentence's subject: "After the vote, X said …".
OPENERS = frozenset(
    fold(w)
    for w in words(
        "after before following during despite in on at with for since prior amid while when tras después por "
        "durante antes desde con en ante após depois diante"
    )
)
# A clause after a quote that opens with one of these is the next quote's, not this one's.
AND_BUT = frozenset(fold(w) for w in words("and but y pero e mas"))
# "Chris Christie, who denounced … as a “…”": the name the clause is about speaks.
RELATIVE = frozenset(fold(w) for w in words("who quien quienes"))
# A preposition ends a speaker's description: "explicó durante su visita a Ceuta" names nobody.
PREPOSITIONS = frozenset(
    fold(w)
    for w in words(
        "on in at from to for with by via during after before about against into over "
        "en con por para durante tras ante sobre desde hasta entre sin contra hacia según "
        "em no na nos nas com pelo pela após até sem"
    )
)
DETERMINERS = frozenset(fold(w) for w in words("the a an o a os as el la los las um uma un una this este esta"))
OF = frozenset(fold(w) for w in words("of de da do das dos del"))
# Verbs of naming: a phrase in quote marks just after them is a term or a name, not a quotation.
NAMING = frozenset(
    fold(w)
    for w in words(
        "named called dubbed termed titled known nicknamed so-called labelled labeled denominado denominada "
        "llamado llamada llamados llamadas chamado chamada chamados chamadas conhecido conhecida conocido "
        "conocida apelidado apelidada batizado batizada bautizado bautizada intitulado intitulada titulado "
        "titulada denominados denominadas"
    )
)
# Nouns of a written statement: "a statement from the Harbour Authority", "la nota del
# Ministerio", "the statement said".  A document speaks for whoever issued it, and for nobody
# the text names when it does not say who.
DOCUMENTS = frozenset(
    fold(w)
    for w in words(
        "statement release communique communiqué note report summary letter memo tweet post ruling decision "
        "judgment judgement filing document text announcement notice message transcript readout "
        "comunicado nota declaración informe carta texto documento sentencia resolución mensaje publicación "
        "escrito declaração relatório decisão sentença mensagem despacho ofício"
    )
)
# Those who speak for a body: "a spokesman for the Kremlin" gives the Kremlin's words.
SPOKESPEOPLE = frozenset(
    fold(w)
    for w in words("spokesman spokeswoman spokesperson representative portavoz vocero vocera porta-voz representante")
)
# Indefinite articles: "a senior official said" brings in someone new, not the person named
# before.  "a" is one only in English (in Portuguese it is "the": "a ministra").
INDEFINITE = frozenset(fold(w) for w in words("an un una unos unas um uma uns umas"))
# Nouns of bodies and groups: "the ministry said" is the ministry the case names ("Ministry of
# Health"), or nobody named; never the person named before (as "the minister" is).
INSTITUTIONS = frozenset(
    fold(w)
    for w in words(
        "ministry government court tribunal police army military office department agency administration "
        "campaign committee council commission party embassy company firm authority authorities service "
        "organization organisation group bank board parliament congress senate cabinet presidency union "
        "officials prosecutors investigators witnesses residents protesters experts lawyers analysts "
        "mourners demonstrators crowd crowds supporters manifestantes simpatizantes apoiadores "
        "ministerio gobierno corte juzgado policía ejército fiscalía oficina departamento agencia "
        "administración campaña comité consejo comisión partido embajada empresa autoridad autoridades "
        "servicio organización grupo banco junta parlamento congreso senado gabinete presidencia "
        "ayuntamiento delegación dirección secretaría ministério governo polícia exército procuradoria "
        "escritório agência administração campanha comitê conselho comissão embaixada autoridade "
        "serviço organização congresso presidência prefeitura secretaria pasta defesa defensa"
    )
)
# Possessive pronouns of a person: "his office said" speaks for the person named before.
POSSESSIVES = frozenset(fold(w) for w in words("his her su sus seu sua seus suas"))
# Verbs that give a short fragment in quote marks to their subject as the subject's words
# when it stands in their own clause: "X characterized the call as “…”", "X accused her of
# “…”", "X se refirió a ellos como “…”", "X chamou a proposta de “…”" (the speech verbs above
# do too).  Infinitives of Spanish and Portuguese are conjugated as above.
_CHARACTERISING_EN = words(
    # no base forms that are nouns as well ("call", "term", "brand", "label", "praise")
    "refers referred referring characterize characterizes characterized characterizing characterise "
    "characterises characterised characterising termed terming branded branding dubbed dubbing labelled "
    "labeled labelling labeling accuse accuses accused accusing hails hailed hailing dismisses dismissed "
    "dismissing derides derided deriding decries decried decrying praised praising shouted shouting "
    "chanted chanting yelled yelling gritó gritaron corearon gritou gritaram talked talking condemns condemned "
    "condemning blamed blaming "
    "threatens threatened threatening cited citing rejected rejecting welcomed welcoming lauded lauding "
    "touted touting demanded demanding mocked mocking ridiculed ridiculing likened likening appealed appealing "
    "pleaded pleading requested requesting voiced voicing reaffirmed reaffirming echoed echoing invoked "
    "invoking applauded applauding portrayed portraying framed framing defended defending signaled regarded "
    "signalled signaling signalling proclaimed proclaiming deemed deeming apologized apologised "
    "expects expected expecting wants wanted seeks sought "
    "refirió refirieron refiere refieren refería refiriéndose"  # referir (es), irregular
)
_CHARACTERISING_ES_PT = words(
    "llamar tildar tachar definir describir hablar acusar condenar rechazar amenazar citar denominar catalogar "
    "chamar qualificar definir descrever referir falar acusar rotular condenar rejeitar ameaçar"
)
CHARACTERISING: frozenset[str] = frozenset(
    fold(w)
    for w in {*_CHARACTERISING_EN, *(form for verb in _CHARACTERISING_ES_PT for form in _conjugate(verb))}
    if fold(w) not in _NOT_VERBS
)
# Verbs and adjectives of a person's view: a fragment anywhere in what follows them in the
# sentence is the view's holder's words ("the minister is convinced that … “…”").
OPINION = frozenset(
    fold(w)
    for w in words(
        "convinced believe believes believed think thinks consider considers considered envision envisions envisioned "
        "claims alleges "
        "hope hopes hoped hoping espera esperaba esperó esperan "
        "envisage envisages envisaged cree creen creía consideró considera consideran convencido convencida "
        "convencidos piensa pensaba acredita acreditam acreditava acreditou considerou entende entendeu acha achou"
    )
)
# Forms of "to be" before a participle: a passive ("was called “…”") has no speaker for subject,
# except before an adjective of view ("is convinced").
COPULAS = frozenset(
    fold(w)
    for w in words(
        "is are was were be been being es son era eran fue fueron está están estaba é são foi foram está estão estava"
    )
)
# Auxiliaries before a Spanish or Portuguese participle that make it a verb ("ha calificado",
# "tem chamado"); without one the participle is an adjective ("la llamada “…”").
AUXILIARIES = frozenset(fold(w) for w in words("ha han había habían has have had he hemos tem têm tinha tinham havia"))
VIEW_ADJECTIVES = frozenset(fold(w) for w in words("convinced convencido convencida convencidos convencidas"))
# Words that open another clause between a verb and a fragment: the fragment is not the verb's.
CLAUSE_WORDS = frozenset(
    fold(w) for w in words("and but which who whom that while because y pero que cual quien porque e mas qual quem")
)
# Nouns of what someone said: "Netanyahu's description of Turkey as a “…”", "in his words, “…”".
SAYINGS = frozenset(
    fold(w)
    for w in words(
        "words description characterization characterisation remark remarks comment comments warning "
        "reference claim accusation call pledge promise threat"
    )
)
# Verbs of crying out: what follows them in quote marks is what was cried, capitals and all
# ("chanted “Death to the Dictator”"), not a title.
UTTERING = frozenset(
    fold(w) for w in words("shouted shouting chanted chanting yelled yelling gritó gritaron corearon gritou gritaram")
)
