"""Quotes: the speaker from the grammar of reported speech in English, Spanish and
Portuguese; pronouns and roles resolved to the person named before; words in quote marks
nobody is quoted for kept apart as phrases."""

from __future__ import annotations

from casereader.core.sides.quotes import Quote, find_quotes


def _quotes(*paragraphs: str, people: set[str] | None = None) -> list[Quote]:
    return find_quotes([("doc", n, "Outlet", text) for n, text in enumerate(paragraphs, 1)], people)


def _said(*paragraphs: str, people: set[str] | None = None) -> dict[str, str]:
    return {q.text: q.speaker for q in _quotes(*paragraphs, people=people) if q.kind == "quote"}


def test_a_speech_verb_after_the_quote_in_every_order_and_tense() -> None:
    said = _said(
        "“We are deeply concerned by the alarming levels of inaction,” said Tedros Adhanom Ghebreyesus, the "
        "Director-General of the WHO.",
        '"This is a new act of aggression against Ukraine," Volodymyr Zelenskyy stressed.',
        "“Esse é o primeiro de um grande número de atos”, afirmou Lula.",
        '"Con el apoyo internacional somos más eficaces", ha declarado Grande-Marlaska.',
        "“Vamos encontrar os recursos necessários para o povo gaúcho”, disse o presidente Luiz Inácio Lula da Silva.",
    )
    assert said == {
        "We are deeply concerned by the alarming levels of inaction": "Tedros Adhanom Ghebreyesus",
        "This is a new act of aggression against Ukraine": "Volodymyr Zelenskyy",
        "Esse é o primeiro de um grande número de atos": "Lula",
        "Con el apoyo internacional somos más eficaces": "Grande-Marlaska",
        "Vamos encontrar os recursos necessários para o povo gaúcho": "Luiz Inácio Lula da Silva",
    }


def test_a_speech_verb_or_a_source_before_the_quote_gives_its_subject_not_its_object() -> None:
    said = _said(
        "Monica Schoch-Spana told the press in a separate interview, “People have been accused of spreading germs.”",
        "Grande-Marlaska ha agradecido a Laftit el “compromiso y esfuerzo de Marruecos” en la lucha.",
        "Por otro lado, según Saiz, la ocupación sigue elevada: “Se cierran plazas cuando descienden las llegadas”.",
        "This was stated by President Volodymyr Zelenskyy. “All responsibility rests with Russia's leaders.”",
    )
    assert said["People have been accused of spreading germs"] == "Monica Schoch-Spana"
    assert said["compromiso y esfuerzo de Marruecos"] == "Grande-Marlaska"  # not Laftit, thanked
    assert said["Se cierran plazas cuando descienden las llegadas"] == "Saiz"
    assert said["All responsibility rests with Russia's leaders"] == "Volodymyr Zelenskyy"


def test_pronouns_roles_and_verbs_without_a_subject_stand_for_the_person_named_before() -> None:
    people = {"Alexandre Padilha", "Simone Tebet", "Alar Karis", "Volodymyr Zelenskyy", "Padilha"}
    said = _said(
        "A ministra Simone Tebet participou da reunião.",
        "O ministro das Relações Institucionais, Alexandre Padilha, indicou que há urgência. "
        "“A expectativa é de que seja aprovado o mais rápido possível”, disse.",
        "Segundo Padilha, há um total de emendas. “Tem mais R$ 480 milhões identificados”, completou o ministro.",
        '"We consider your visit a sign of solidarity with Ukraine," the President said, said Volodymyr Zelenskyy. '
        "Alar Karis, for his part, noted that Estonia remains close to Ukraine. "
        '"Russia must stop provocations and withdraw its troops," he added.',
        people=people,
    )
    assert said["A expectativa é de que seja aprovado o mais rápido possível"] == "Alexandre Padilha"
    assert said["Tem mais R$ 480 milhões identificados"] == "Padilha"
    assert said["Russia must stop provocations and withdraw its troops"] == "Alar Karis"


def test_a_quotation_over_paragraphs_and_a_sentence_that_is_a_quotation_keep_their_speaker() -> None:
    said = _said(
        "“The first part of a long statement goes on",
        "“and ends in the next paragraph,” said Maria Silva.",
        "“A whole sentence quoted on its own, with no verb at all.”",
    )
    assert said == {
        "The first part of a long statement goes on": "Maria Silva",
        "and ends in the next paragraph": "Maria Silva",
        "A whole sentence quoted on its own, with no verb at all": "Maria Silva",
    }


def test_no_speaker_is_guessed_when_the_text_gives_none() -> None:
    quotes = _quotes("The report, published on Monday, reads “the situation remains critical across the region”.")
    assert [(q.speaker, q.kind, q.said_by) for q in quotes] == [("", "quote", "unattributed")]


def test_scare_quotes_titles_terms_code_and_urls_are_not_quotations() -> None:
    quotes = _quotes(
        "Russia recognised the “independence” of the occupied districts.",
        "By recognising the “sovereignty” of the districts, Russia breaks the law, President Zelenskyy said.",
        "The plan “Brasil Unido pelo Rio Grande do Sul” was announced.",
        "That year's H1N1 was commonly called “swine flu.” The virus is “2019-nCoV”.",
        'See "https://example.org/page" and the hashtag "#freedom" and "config_value=3".',
    )
    kinds = {q.text: q.kind for q in quotes}
    assert kinds == {
        "independence": "phrase",
        "sovereignty": "phrase",
        "Brasil Unido pelo Rio Grande do Sul": "phrase",
        "swine flu": "phrase",
        "2019-nCoV": "phrase",
    }
    assert all(q.speaker == "" and q.said_by == "—" for q in quotes)


def test_a_speaker_described_before_the_name_a_gerund_and_a_relative_clause() -> None:
    people = {"Joshua Wong", "Carrie Lam", "Donald Trump", "Trump", "Emily Murphy", "Murphy", "Chris Christie"}
    said = _said(
        "Carrie Lam withdrew the bill on Wednesday.",
        '"Whenever there are signs of sending a palm branch," wrote student protester Joshua Wong on Twitter.',
        '"She is just doing this to try and disintegrate the movement," said a protester using the pseudonym Katya.',
        "Following the announcement, Trump issued a statement at his golf club outside Washington, D.C. saying, "
        '"The simple fact is this election is far from over."',
        "Murphy claimed she made this decision without influence from the White House, insisting she was "
        '"never directly or indirectly pressured by any official".',
        "Other Republicans broke with Trump, such as former New Jersey governor Chris Christie, who denounced the "
        'claims as a "national embarrassment".',
        '"Con el apoyo internacional somos más eficaces", explicó durante su visita a Ceuta.',
        people=people,
    )
    assert said == {
        "Whenever there are signs of sending a palm branch": "Joshua Wong",
        "She is just doing this to try and disintegrate the movement": "Katya",
        "The simple fact is this election is far from over": "Trump",
        "never directly or indirectly pressured by any official": "Murphy",
        "national embarrassment": "Chris Christie",
        "Con el apoyo internacional somos más eficaces": "Chris Christie",  # the last speaker: no name given
    }


def test_a_description_before_a_name_is_not_the_speaker() -> None:
    said = _said(
        "Former Trump adviser and retired general Michael Flynn was on stage while Trump flew over. "
        'He said "That is pretty cool, imagine just being able to jump in a helicopter."',
        "In an interview, Northwestern University public health expert Wendy Parmet said the name would stigmatize. "
        '"People tend to think of the disease as belonging to some group of people," she went on to say.',
    )
    assert said == {
        "That is pretty cool, imagine just being able to jump in a helicopter": "Michael Flynn",
        "People tend to think of the disease as belonging to some group of people": "Wendy Parmet",
    }


def test_an_aside_a_clause_after_and_a_gerund_with_its_own_subject_and_a_title_of_a_place() -> None:
    said = _said(
        "House of Commons Speaker John Bercow commented on the matter — which the BBC noted as an unusual move — "
        '"However it is dressed up, it is blindingly obvious what the purpose is."',
        "Republican Representatives attacked the inquiry, with Steve Scalise of Louisiana calling it "
        '"Soviet-style" and Ross Spano of Florida calling the process "a blatant and obvious coup to unseat a '
        'sitting president".',
        'First Minister of Scotland Nicola Sturgeon said via Twitter, "Parliament must be recalled immediately '
        'to allow the work of scrutiny to continue."',
        "Since then, a Republican, Mark Amodei, has voiced support for the inquiry, telling a newspaper: "
        '"I am a big fan of oversight, so let us let the committees get to work."',
        'Legislator Tanya Chan spoke to the press after the speech: "I really urge her to please step down now."',
        people={"John Bercow", "Mark Amodei", "Republican", "Tanya Chan"},
    )
    assert said == {
        "However it is dressed up, it is blindingly obvious what the purpose is": "John Bercow",
        "Soviet-style": "Steve Scalise",
        "a blatant and obvious coup to unseat a sitting president": "Ross Spano",
        "Parliament must be recalled immediately to allow the work of scrutiny to continue": "Nicola Sturgeon",
        "I am a big fan of oversight, so let us let the committees get to work": "Mark Amodei",
        "I really urge her to please step down now": "Tanya Chan",
    }


def test_a_body_named_by_a_common_noun_is_the_body_the_case_names_never_the_last_person() -> None:
    people = {"Clara Mendes", "Tomás Ferreira", "Olga Brandt"}
    said = _said(
        "Clara Mendes toured the flooded district with the Ministry of Transport on Sunday.",
        'The ministry said on Monday: "Every bridge on the river will be inspected before traffic resumes."',
        "Tomás Ferreira visitou o porto com o Tribunal de Contas da União.",
        "“As contas do porto serão auditadas até o fim do ano”, afirmou o tribunal.",
        "Olga Brandt opened the hearing.",
        '"The line stays closed until the inspection is over," the agency said.',
        people=people,
    )
    assert said == {
        "Every bridge on the river will be inspected before traffic resumes": "Ministry of Transport",
        "As contas do porto serão auditadas até o fim do ano": "Tribunal de Contas da União",
        "The line stays closed until the inspection is over": "",  # no agency named: not Olga Brandt
    }


def test_an_indefinite_speaker_a_group_or_a_document_with_no_issuer_is_unattributed() -> None:
    people = {"Rafael Osório", "Greta Lind"}
    quotes = _quotes(
        "Rafael Osório left the building before noon.",
        '"Nobody was allowed near the archive that week," a former employee said.',
        'On Tuesday, officials said the archive was "never meant to hold that many files."',
        "Greta Lind signed the contract.",
        '"The contract was signed without a tender," the report said.',
        "“No hubo ninguna licitación para ese contrato”, declaró un portavoz.",
        people=people,
    )
    assert [(q.text, q.speaker, q.kind) for q in quotes] == [
        ("Nobody was allowed near the archive that week", "", "quote"),
        ("never meant to hold that many files", "", "quote"),
        ("The contract was signed without a tender", "", "quote"),
        ("No hubo ninguna licitación para ese contrato", "", "quote"),
    ]


def test_a_document_or_a_spokesperson_speaks_for_whoever_issued_it() -> None:
    people = {"Ivo Drummond"}
    said = _said(
        "Ivo Drummond spoke to the press at the docks.",
        'According to a statement from the Harbour Authority, "the eastern pier will reopen on Friday."',
        '"Ferries will run again from the eastern pier," a spokesperson for the Coast Guard said.',
        "“Os barcos voltam a operar na sexta-feira”, diz a nota da Capitania dos Portos.",
        'The Port Council issued a statement. The statement said "no cargo was lost in the storm at all."',
        people=people,
    )
    assert said == {
        "the eastern pier will reopen on Friday": "Harbour Authority",
        "Ferries will run again from the eastern pier": "Coast Guard",
        "Os barcos voltam a operar na sexta-feira": "Capitania dos Portos",
        "no cargo was lost in the storm at all": "Port Council",
    }


def test_a_source_after_the_quote_counts_only_when_the_sentence_names_no_speaker() -> None:
    people = {"Nadia Roux", "Roux"}
    said = _said(
        "Nadia Roux arrived at the summit in Geneva.",
        '"The harvest is the worst in a decade," according to the Grain Board.',
        'Roux called the plan a "betrayal of every farmer in the valley," according to Radio Valle.',
        people=people,
    )
    assert said == {
        "The harvest is the worst in a decade": "Grain Board",
        "betrayal of every farmer in the valley": "Roux",  # the radio reports what Roux said
    }


def test_the_clause_after_a_semicolon_has_its_own_speaker() -> None:
    people = {"Jonas Petrov", "Petrov"}
    said = _said(
        'Petrov said the new tax was "a mistake"; the council called it "the only way to keep the library open."',
        people=people,
    )
    assert said == {"a mistake": "Petrov", "the only way to keep the library open": ""}


def test_a_role_after_the_verb_in_spanish_and_portuguese_is_still_the_person_named_before() -> None:
    people = {"Inês Vasconcelos", "Marta Ibáñez"}
    said = _said(
        "A secretária Inês Vasconcelos visitou o abrigo.",
        "“Ninguém ficará sem teto neste inverno”, disse a ex-secretária, que deixou o cargo em março.",
        "“Vamos abrir mais vagas”, disse a jornalistas.",
        "La ministra Marta Ibáñez visitó el albergue.",
        "“Nadie se quedará sin techo este invierno”, dijo a la prensa.",
        people=people,
    )
    assert said == {
        "Ninguém ficará sem teto neste inverno": "Inês Vasconcelos",
        "Vamos abrir mais vagas": "Inês Vasconcelos",  # "a jornalistas": to journalists, no subject
        "Nadie se quedará sin techo este invierno": "Marta Ibáñez",
    }


def test_a_colon_or_a_semicolon_introduces_the_words_of_the_clause_s_subject() -> None:
    people = {"Hedda Lorentz", "Pablo Cuesta"}
    said = _said(
        "Pablo Cuesta was in the room when the verdict came.",
        "The Appeals Tribunal of Lisbon also ruled on Friday, finding against the mayor: "
        '"The permit was issued without the consultation the law requires."',
        "Hedda Lorentz was blunt: “We will not sign anything until the workers are paid.”",
        "According to the local paper, a spokesman for the Harbour Board expressed regret; "
        '"We should have warned the fishermen a week earlier than we did."',
        people=people,
    )
    assert said == {
        "The permit was issued without the consultation the law requires": "Appeals Tribunal of Lisbon",
        "We will not sign anything until the workers are paid": "Hedda Lorentz",
        "We should have warned the fishermen a week earlier than we did": "Harbour Board",  # not the paper
    }


def test_que_after_a_place_or_a_body_is_the_object_the_sentence_s_subject_speaks() -> None:
    people = {"Lucía Ferrer", "Ferrer", "Bruno Sales"}
    said = _said(
        'Ferrer ha defendido la cooperación con Portugal, que ha calificado de "un aliado imprescindible".',
        'El acuerdo lo firmó Bruno Sales, que ha calificado la jornada de "un día para la historia del puerto".',
        people=people,
    )
    assert said == {
        "un aliado imprescindible": "Ferrer",  # Portugal is what she described, not the speaker
        "un día para la historia del puerto": "Bruno Sales",  # a person before "que" speaks
    }


def test_a_description_in_apposition_is_not_the_speaker_the_name_before_it_is() -> None:
    people = {"Sven Adler", "Adler", "Mara Quist", "Quist", "Ilse Born"}
    said = _said(
        "Mara Quist opened the session.",
        'Sven Adler, an adviser to Quist, said "the budget will not pass in its current form."',
        '"We expect a vote before the summer recess," Ilse Born, the party spokeswoman, told reporters.',
        people=people,
    )
    assert said == {
        "the budget will not pass in its current form": "Sven Adler",  # not Quist, whom he advises
        "We expect a vote before the summer recess": "Ilse Born",
    }


def test_a_gerund_after_a_comma_and_a_closing_reporting_clause_keep_the_sentence_s_speaker() -> None:
    people = {"Lea Marchetti", "Marchetti", "Otto Brandvold", "Brandvold"}
    said = _said(
        'Otto Brandvold chaired the meeting. "The dam is safe," Marchetti said at the Water Board, '
        'adding: "Nobody living below it needs to leave their home tonight."',
        'The river would "stay within its banks all week" despite the rain, Brandvold said.',
        people=people,
    )
    assert said == {
        "The dam is safe": "Marchetti",
        "Nobody living below it needs to leave their home tonight": "Marchetti",  # not the Water Board
        "stay within its banks all week": "Brandvold",
    }


def test_a_short_quotation_that_is_a_sentence_of_its_own_is_the_last_speaker_s_words() -> None:
    people = {"Runa Halvorsen", "Halvorsen"}
    quotes = _quotes(
        '"The bridge opens on Saturday," Halvorsen said at the ceremony. "No more ferries."',
        'The new bridge was called "a miracle" by the local paper.',
        people=people,
    )
    assert [(q.text, q.speaker, q.kind) for q in quotes] == [
        ("The bridge opens on Saturday", "Halvorsen", "quote"),
        ("No more ferries", "Halvorsen", "quote"),
        ("a miracle", "", "phrase"),  # a fragment inside a sentence stays a phrase
    ]


def test_he_or_she_is_a_person_never_a_body_a_group_or_a_place_named_after_a_gerund() -> None:
    people = {"Amara Okafor", "Okafor", "Teodor Vasile", "Vasile"}
    said = _said(
        "Amara Okafor opened the port in the Gulf of Guinea, praising the workers who built it.",
        'The Harbour Authority called the opening "a turning point for the whole coast".',
        '"Ships will come back to this harbour within a year," she said.',
        "For his part, Teodor Vasile assured the crowd that the road would follow. "
        '"The road will be finished by spring," he said.',
        'They concluded that the plan was "sound and fully financed by the regional budget".',
        people=people,
    )
    assert said == {
        "a turning point for the whole coast": "Harbour Authority",
        "Ships will come back to this harbour within a year": "Amara Okafor",  # not the Authority, nor the Gulf
        "The road will be finished by spring": "Teodor Vasile",
        "sound and fully financed by the regional budget": "",  # "They": not a name
    }


def test_the_noun_said_again_is_the_one_body_of_that_noun_the_document_names() -> None:
    people = {"Nils Ekdahl"}
    said = _said(
        "Nils Ekdahl appealed to the Regional Court of Bergen.",
        "The court heard the appeal on Monday.",
        "The court's summary concluded: “The fine is set aside in full.”",
        people=people,
    )
    assert said == {"The fine is set aside in full": "Regional Court of Bergen"}
    two_courts = _said(
        "Nils Ekdahl appealed from the District Court of Voss to the Regional Court of Bergen.",
        "The court heard the appeal on Monday.",
        "The court's summary concluded: “The fine is set aside in full.”",
        people=people,
    )
    assert two_courts == {"The fine is set aside in full": ""}  # two courts named: not a guess


def test_a_dateline_is_not_the_subject_of_the_first_sentence() -> None:
    people = {"Helena Duarte"}
    said = _said(
        "Campinas (SP), 03/09/2025 - A secretária de Saúde, Helena Duarte, visitou o hospital nesta quarta-feira.",
        "“Os leitos novos abrem na semana que vem”, afirmou.",
        people=people,
    )
    assert said == {"Os leitos novos abrem na semana que vem": "Helena Duarte"}


def test_a_source_or_a_view_that_is_a_role_or_a_possessive_is_the_person_named_before() -> None:
    people = {"Rosa Quintela", "Quintela", "Caio Prates", "Prates"}
    said = _said(
        "La consejera Rosa Quintela inauguró el puerto.",
        'Para la consejera, "el puerto cambiará la economía de toda la isla".',
        'Quintela celebró un acuerdo que, a su juicio, es "el mayor de la última década".',
        "O ministro Caio Prates visitou a usina.",
        "Na avaliação do ministro, a usina “vai abastecer três estados”.",
        "De acordo com o ministro, a obra “termina antes do prazo”.",
        people=people,
    )
    assert said == {
        "el puerto cambiará la economía de toda la isla": "Rosa Quintela",
        "el mayor de la última década": "Quintela",
        "vai abastecer três estados": "Caio Prates",
        "termina antes do prazo": "Caio Prates",
    }


def test_more_verbs_of_saying_in_every_language_but_not_their_noun_homographs() -> None:
    people = {"Tiago Moura", "Moura", "Irene Salas", "Salas", "Dan Hoyle", "Hoyle"}
    quotes = _quotes(
        "“É gravíssimo”, resumiu Tiago Moura.",
        "“Es gravísimo”, puntualizó Irene Salas.",
        '"Not my finest hour," Hoyle quipped.',
        "Não adianta o “plano emergencial” sem verba, e a emenda “Reconstrução” segue parada.",
        people=people,
    )
    assert [(q.text, q.speaker, q.kind) for q in quotes] == [
        ("É gravíssimo", "Tiago Moura", "quote"),
        ("Es gravísimo", "Irene Salas", "quote"),
        ("Not my finest hour", "Hoyle", "quote"),
        ("plano emergencial", "", "phrase"),  # "adianta" (it is no use) says nothing
        ("Reconstrução", "", "phrase"),  # "emenda" is an amendment here
    ]


def test_a_sentence_pointing_back_at_the_quotation_gives_its_speaker() -> None:
    people = {"Juan Vela", "Ana Gil", "Rui Teles", "Clara Braga"}
    said = _said(
        "El ministro Juan Vela llegó al puerto. La alcaldesa Ana Gil habló primero.",
        '"El puerto funciona mejor que nunca". Así lo ha afirmado el consejero Juan Vela ante la prensa.',
        "O ministro Rui Teles chegou ao porto. A prefeita Clara Braga falou primeiro.",
        "“O porto nunca funcionou tão bem.” Foi o que disse o ministro Rui Teles na chegada.",
        people=people,
    )
    assert said == {
        "El puerto funciona mejor que nunca": "Juan Vela",  # not Ana Gil, the last subject before it
        "O porto nunca funcionou tão bem": "Rui Teles",  # not Clara Braga
    }


def test_a_role_is_the_person_the_document_introduced_with_that_role_not_merely_the_last_one() -> None:
    people = {"Oksana Levchuk", "Levchuk", "Pavel Orlov", "Orlov", "Fernando Lopes", "Beatriz Cunha"}
    said = _said(
        "Ukrainian President Oksana Levchuk met Russian negotiator Pavel Orlov in Geneva.",
        "Orlov spoke first and left early.",
        '"We will not give up an inch of our land," the Ukrainian president said.',
        "O ministro da Fazenda, Fernando Lopes, chegou cedo.",
        "A ministra Beatriz Cunha falou em seguida.",
        "“As contas vão fechar”, disse o ministro.",
        people=people,
    )
    assert said == {
        "We will not give up an inch of our land": "Oksana Levchuk",  # not Orlov, a Russian negotiator
        "As contas vão fechar": "Fernando Lopes",  # "o ministro", not "a ministra" named last
    }


def test_a_name_right_after_a_role_word_is_a_person_whatever_the_names_view_made_of_it() -> None:
    people = {"Greta Lund"}  # the Names view missed Kaya
    said = _said(
        "Greta Lund opened the summit on Monday.",
        "Later, President Mevlüt Kaya called for a ceasefire along the whole border.",
        '"Nobody gains anything from another winter of war," he said.',
        "O secretário Nacional de Portos, Rui Almeida, chegou depois.",
        "“Os portos reabrem amanhã”, afirmou.",
        people=people | {"Rui Almeida"},
    )
    assert said == {
        "Nobody gains anything from another winter of war": "Mevlüt Kaya",  # not Greta Lund
        "Os portos reabrem amanhã": "Rui Almeida",  # "Nacional de Portos" is no person
    }


def _kinds(*paragraphs: str, people: set[str] | None = None) -> dict[str, tuple[str, str]]:
    return {q.text: (q.kind, q.speaker) for q in _quotes(*paragraphs, people=people)}


def test_a_short_fragment_is_the_words_of_the_subject_of_a_verb_that_calls_or_describes_with_it() -> None:
    kinds = _kinds(
        "Governor Ana Ruiz characterized the flood barriers as “a total success” on Friday.",
        "Mayor Tom Reyes lashed out at the council on Monday, accusing it of “wasting time”.",
        "Senator Paul Okafor referred to the vote as “The Great Delay”.",
        "Okafor’s description of the budget as a “lifeline” surprised his party.",
        "La alcaldesa Marta Gil tildó la propuesta de “ocurrencia” durante el pleno.",
        "O prefeito João Lima chamou a obra de “vitória” em entrevista.",
        people={"Ana Ruiz", "Tom Reyes", "Paul Okafor", "Okafor", "Marta Gil", "João Lima"},
    )
    assert kinds["a total success"] == ("quote", "Ana Ruiz")
    assert kinds["wasting time"] == ("quote", "Tom Reyes")  # the gerund's subject is the sentence's
    assert kinds["The Great Delay"] == ("quote", "Paul Okafor")  # what the vote is, in his words: no title
    assert kinds["lifeline"] == ("quote", "Okafor")
    assert kinds["ocurrencia"] == ("quote", "Marta Gil")
    assert kinds["vitória"] == ("quote", "João Lima")


def test_a_verb_of_view_gives_the_fragments_after_it_to_its_holder() -> None:
    kinds = _kinds(
        "Senator Paul Okafor met the committee on Tuesday.",
        "Asked about the reform, the senator is convinced that, after the vote, the bill is “dead in the water”.",
        "Okafor expected the hearing to be “a circus”.",
        people={"Paul Okafor", "Okafor"},
    )
    assert kinds["dead in the water"] == ("quote", "Paul Okafor")
    assert kinds["a circus"] == ("quote", "Okafor")


def test_a_fragment_no_person_or_body_gives_as_their_words_stays_a_phrase() -> None:
    kinds = _kinds(
        "The illness was commonly called “lung fever” by farmers.",  # a passive: a term
        "They referred to the gap as “the corridor”.",  # nobody named
        "Governor Ana Ruiz praised the film “Silent Harbour” at the festival.",  # a title
        "Governor Ana Ruiz praised the volunteers and the streets were “quiet” again.",  # another clause
        "La llamada “ley escoba” fue aprobada ayer.",  # a participle as an adjective: a name
        "A chamada “PEC da transição” foi votada.",
        people={"Ana Ruiz"},
    )
    for text in ("lung fever", "the corridor", "Silent Harbour", "quiet", "ley escoba", "PEC da transição"):
        assert kinds[text][0] == "phrase", text


def test_what_a_crowd_cries_and_what_someone_put_so_are_their_words_capitals_and_all() -> None:
    kinds = _kinds(
        "Outside the court, protesters chanted “Free The Nine” until dusk.",
        "A “turning point”, as Ana Ruiz put it, came with the second vote.",
        "Senator Paul Okafor hoped the deal would bring “lasting calm” to the region.",
        "Los manifestantes corearon “No Nos Callarán” ante el ayuntamiento.",
        people={"Ana Ruiz", "Paul Okafor"},
    )
    assert kinds["Free The Nine"][0] == "quote"
    assert kinds["turning point"] == ("quote", "Ana Ruiz")
    assert kinds["lasting calm"] == ("quote", "Paul Okafor")
    assert kinds["No Nos Callarán"][0] == "quote"


def test_a_passive_verb_of_calling_gives_the_fragment_to_its_agent_not_to_the_person_before() -> None:
    kinds = _kinds(
        "Chancellor Olaf Scholz met the delegation. The accord was hailed as “historic” by Secretary Ana Ruiz.",
        "La medida fue calificada de “histórica” por la ministra Elma Saiz.",
        "A proposta foi classificada como “inaceitável” pelo governador Eduardo Leite.",
        "Eduardo Leite visited the dam. The plan was described as “reckless” by critics.",
        people={"Olaf Scholz", "Ana Ruiz", "Elma Saiz", "Eduardo Leite"},
    )
    assert kinds["historic"] == ("quote", "Ana Ruiz")
    assert kinds["histórica"] == ("quote", "Elma Saiz")
    assert kinds["inaceitável"] == ("quote", "Eduardo Leite")
    assert kinds["reckless"] == ("quote", "")  # critics the text does not name, not Eduardo Leite


def test_single_quote_marks_hold_apostrophes() -> None:
    said = _said(
        "‘We’re ready to talk, but we won’t give up the harbour,’ Ana Ruiz said.",
        "Ruiz called the offer ‘a non-starter’.",
        people={"Ana Ruiz", "Ruiz"},
    )
    assert said["We’re ready to talk, but we won’t give up the harbour"] == "Ana Ruiz"
    assert said["a non-starter"] == "Ruiz"


def test_a_short_sentence_in_quote_marks_with_its_full_stop_outside_is_someones_words() -> None:
    kinds = _kinds(
        "O prefeito João Lima visitou o abrigo. “Vamos reconstruir”. Depois seguiu para a capital.",
        people={"João Lima"},
    )
    assert kinds["Vamos reconstruir"] == ("quote", "João Lima")


def test_straight_marks_with_one_missing_cost_one_quotation_not_the_pairing_of_the_others() -> None:
    people = {"Volodymyr Zelenskyy", "Zelenskyy"}
    said = _said(
        # the opening mark lost: the sentence up to the closing mark, a word quoted inside it kept in it
        'Volodymyr Zelenskyy spoke to journalists. We do not discuss "denazification" and other such '
        'things," the President said. "Security guarantees come first," he added.',
        # paragraphs joined into one line: the next one opens with the mark again, the first is not closed
        'Zelenskyy answered questions. "We are ready to discuss neutrality. "But only with guarantees '
        'and a referendum," Zelenskyy said.',
        people=people,
    )
    assert said == {
        'We do not discuss "denazification" and other such things': "Volodymyr Zelenskyy",
        "Security guarantees come first": "Volodymyr Zelenskyy",
        "We are ready to discuss neutrality": "Zelenskyy",
        "But only with guarantees and a referendum": "Zelenskyy",
    }


def test_a_quotation_cut_where_a_long_paragraph_is_split_keeps_its_words_and_speaker() -> None:
    said = _said(
        "The talks ended on Tuesday. " + '"' + "We have made progress on many points. " * 3 + "The next round",
        'will take place in Istanbul," said Mykhailo Podolyak. Another sentence follows.',
        people={"Mykhailo Podolyak", "Anna Malyar"},
    )
    assert said == {
        ("We have made progress on many points. " * 3 + "The next round").strip(): "Mykhailo Podolyak",
        "will take place in Istanbul": "Mykhailo Podolyak",
    }


def test_a_long_quotation_and_marks_of_every_shape_are_read() -> None:
    long = " ".join(["We will defend every city and every village of our country."] * 15)
    said = _said(
        f'"{long[:-1]}," Zelenskyy said.',
        "„Wir stehen an der Seite der Ukraine“, said Olaf Scholz.",
        "''We condemn this attack,'' said Antony Blinken.",
        '“Mixed marks happen in copied texts," said Anna Malyar.',
        "Mark Rutte told reporters the alliance would 'never abandon its partners'.",
    )
    assert said == {
        long.rstrip("."): "Zelenskyy",
        "Wir stehen an der Seite der Ukraine": "Olaf Scholz",
        "We condemn this attack": "Antony Blinken",
        "Mixed marks happen in copied texts": "Anna Malyar",
        "never abandon its partners": "Mark Rutte",
    }


def test_words_in_capitals_after_a_speech_verb_are_said_and_inches_are_no_quote_marks() -> None:
    quotes = _quotes(
        'Trump wrote on Twitter that the sites "WILL BE HIT VERY FAST AND VERY HARD."',
        'Trump tweeted, "Iran Never Won A War, But Never Lost A Negotiation"',
        'The army launched "Operation Shield" on Monday.',
        'Mark Ames, 5\'10" tall, said he was "very tired" after the march.',
    )
    kinds = {q.text: (q.kind, q.speaker) for q in quotes}
    assert kinds == {
        "WILL BE HIT VERY FAST AND VERY HARD": ("quote", "Trump"),
        "Iran Never Won A War, But Never Lost A Negotiation": ("quote", "Trump"),
        "Operation Shield": ("phrase", ""),
        "very tired": ("quote", "Mark Ames"),
    }


def test_one_mark_closing_two_quotations_a_space_on_the_wrong_side_and_marks_without_spaces() -> None:
    people = {"Volodymyr Zelenskyy", "Olena Zelenska", "Vladimir Putin"}
    quotes = _quotes(
        # the mark after "murderers" closes the words quoted inside and the quotation
        'Volodymyr Zelenskyy emphasized: "We cannot say: "No, we will not talk because they are murderers". '
        'According to him, the talks go on. "We need guarantees," he said.',
        '"The war has affected not only our state, "Olena Zelenska said.',
        'Vladimir Putin: When you have brotherly relations, you do not say"a good brother" or"a bad brother."',
        people=people,
    )
    said = {q.text: q.speaker for q in quotes if q.n < 3}
    assert said == {
        'We cannot say: "No, we will not talk because they are murderers': "Volodymyr Zelenskyy",
        "We need guarantees": "Volodymyr Zelenskyy",
        "The war has affected not only our state": "Olena Zelenska",
    }
    assert [q.text for q in quotes if q.n == 3] == ["a good brother", "a bad brother"]


def test_a_role_before_anyone_is_named_is_the_person_named_next_and_a_statement_reads() -> None:
    people = {"Volodymyr Zelenskyy", "Alar Karis"}
    said = _said(
        '"We are grateful to our partners for their support," the President said.',
        "Volodymyr Zelenskyy also thanked Estonia. Alar Karis said Estonia stands with Ukraine.",
        '"We will keep helping," he added.',
        'The statement of the Ministry of Foreign Affairs read in part: "Estonia stands with Ukraine."',
        people=people,
    )
    assert said == {
        "We are grateful to our partners for their support": "Volodymyr Zelenskyy",
        "We will keep helping": "Alar Karis",
        "Estonia stands with Ukraine": "Ministry of Foreign Affairs",
    }


def test_a_described_speaker_an_agent_after_an_adverb_a_role_and_a_clause_after_it() -> None:
    people = {"Nancy Pelosi", "Juan Dalmau", "Thomas Rivera Schatz", "Jader Filho", "Lula", "Simone Cleusa da Luz"}
    said = _said(
        'Nancy Pelosi, the Speaker of the House, said on Friday "We are committed to keeping our border safe."',
        "Senate President Thomas Rivera Schatz filed the lawsuit. According to a memo posted online by Senator "
        'Juan Dalmau, the hearing was cancelled because Pierluisi did "not recognize the authority of the Senate."',
        "O ministro das Cidades, Jader Filho, visitou as obras. “Eu fiz questão de chegar mais cedo”, comentou o "
        "ministro, dirigindo-se ao presidente Lula.",
        "Uma das beneficiárias, Simone Cleusa da Luz, de 31 anos, falou da felicidade: "
        "“Hoje é um grande dia para mim.”",
        people=people,
    )
    assert said == {
        "We are committed to keeping our border safe": "Nancy Pelosi",
        "not recognize the authority of the Senate": "Juan Dalmau",
        "Eu fiz questão de chegar mais cedo": "Jader Filho",
        "Hoje é um grande dia para mim": "Simone Cleusa da Luz",
    }


def test_a_claim_in_the_present_a_document_as_the_source_and_the_name_of_a_report() -> None:
    quotes = _quotes(
        "President Trump claims he would be okay if the shutdown went on for “years.”",
        "Por razones “de eficacia y eficiencia”, según aclara el texto de la orden ministerial, se amplía la validez.",
        "El “Informe sobre el sistema de protección internacional en España”, publicado por la Secretaría de "
        "Estado, analiza el sistema.",
        people={"Trump"},
    )
    assert {q.text: (q.kind, q.speaker) for q in quotes} == {
        "years": ("quote", "Trump"),
        "de eficacia y eficiencia": ("quote", ""),
        "Informe sobre el sistema de protección internacional en España": ("phrase", ""),
    }
