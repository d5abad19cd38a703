"""Outlets as their readers know them, by web address: a page that names no site, or names it
by its domain ("www.elcolombiano.com") or a section ("Política"), is cited by the outlet
that publishes at that address.  Subdomains are looked up by their parent
("newsfeed.time.com" is TIME's), the longest listed domain first."""

from __future__ import annotations

import re

KNOWN_OUTLETS = {
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "wsj.com": "The Wall Street Journal",
    "latimes.com": "Los Angeles Times",
    "usatoday.com": "USA Today",
    "theguardian.com": "The Guardian",
    "guardian.co.uk": "The Guardian",
    "telegraph.co.uk": "The Telegraph",
    "independent.co.uk": "The Independent",
    "dailymail.co.uk": "Daily Mail",
    "ft.com": "Financial Times",
    "economist.com": "The Economist",
    "bloomberg.com": "Bloomberg",
    "businessweek.com": "Bloomberg Businessweek",
    "reuters.com": "Reuters",
    "apnews.com": "AP News",
    "npr.org": "NPR",
    "politico.com": "Politico",
    "axios.com": "Axios",
    "cnn.com": "CNN",
    "foxnews.com": "Fox News",
    "nbcnews.com": "NBC News",
    "cbsnews.com": "CBS News",
    "abcnews.go.com": "ABC News",
    "msnbc.com": "MSNBC",
    "time.com": "TIME",
    "theatlantic.com": "The Atlantic",
    "newyorker.com": "The New Yorker",
    "vox.com": "Vox",
    "theverge.com": "The Verge",
    "wired.com": "WIRED",
    "huffpost.com": "HuffPost",
    "huffingtonpost.com": "The Huffington Post",
    "salon.com": "Salon",
    "breitbart.com": "Breitbart",
    "tmz.com": "TMZ",
    "webmd.com": "WebMD",
    "miamiherald.com": "Miami Herald",
    "elnuevoherald.com": "el Nuevo Herald",
    "aljazeera.com": "Al Jazeera",
    "theintercept.com": "The Intercept",
    "propublica.org": "ProPublica",
    "marketplace.org": "Marketplace",
    "insightcrime.org": "InSight Crime",
    "hrw.org": "Human Rights Watch",
    "amnesty.org": "Amnesty International",
    "wola.org": "WOLA",
    "elpais.com": "El País",
    "elmundo.es": "El Mundo",
    "abc.es": "ABC",
    "lavanguardia.com": "La Vanguardia",
    "eldiario.es": "elDiario.es",
    "elconfidencial.com": "El Confidencial",
    "publico.es": "Público",
    "rtve.es": "RTVE",
    "europapress.es": "Europa Press",
    "efe.com": "EFE",
    "ultimahora.es": "Ultima Hora",
    "elcolombiano.com": "El Colombiano",
    "eltiempo.com": "El Tiempo",
    "elespectador.com": "El Espectador",
    "semana.com": "Semana",
    "clarin.com": "Clarín",
    "lanacion.com.ar": "La Nación",
    "pagina12.com.ar": "Página/12",
    "infobae.com": "Infobae",
    "eluniversal.com.mx": "El Universal",
    "jornada.com.mx": "La Jornada",
    "milenio.com": "Milenio",
    "proceso.com.mx": "Proceso",
    "elnacional.com": "El Nacional",
    "efectococuyo.com": "Efecto Cocuyo",
    "elpitazo.net": "El Pitazo",
    "cronica.uno": "Crónica Uno",
    "talcualdigital.com": "TalCual",
    "ultimasnoticias.com.ve": "Últimas Noticias",
    "telesurtv.net": "teleSUR",
    "misionverdad.com": "Misión Verdad",
    "orinocotribune.com": "Orinoco Tribune",
    "elfaro.net": "El Faro",
    "laprensagrafica.com": "La Prensa Gráfica",
    "elsalvador.com": "El Diario de Hoy",
    "latercera.com": "La Tercera",
    "emol.com": "Emol",
    "biobiochile.cl": "BioBioChile",
    "elcomercio.pe": "El Comercio",
    "larepublica.pe": "La República",
    "eluniverso.com": "El Universo",
    "elcomercio.com": "El Comercio",
    "univision.com": "Univision",
    "telemundo.com": "Telemundo",
    "cnnespanol.cnn.com": "CNN en Español",
    "folha.uol.com.br": "Folha de S.Paulo",
    "estadao.com.br": "O Estado de S. Paulo",
    "oglobo.globo.com": "O Globo",
    "g1.globo.com": "g1",
    "uol.com.br": "UOL",
    "cartacapital.com.br": "CartaCapital",
    "brasildefato.com.br": "Brasil de Fato",
    "agenciabrasil.ebc.com.br": "Agência Brasil",
    "publico.pt": "Público",
    "dn.pt": "Diário de Notícias",
    "expresso.pt": "Expresso",
    "observador.pt": "Observador",
    "rtp.pt": "RTP",
    "lemonde.fr": "Le Monde",
    "lefigaro.fr": "Le Figaro",
    "liberation.fr": "Libération",
    "france24.com": "France 24",
    "spiegel.de": "Der Spiegel",
    "dw.com": "DW",
    "correiobraziliense.com.br": "Correio Braziliense",
    "metropoles.com": "Metrópoles",
    "poder360.com.br": "Poder360",
    "cnnbrasil.com.br": "CNN Brasil",
    "band.uol.com.br": "Band",
    "r7.com": "R7",
    "terra.com.br": "Terra",
    "veja.abril.com.br": "Veja",
    "exame.com": "Exame",
    "valor.globo.com": "Valor Econômico",
    "zh.clicrbs.com.br": "GZH",
    "gauchazh.clicrbs.com.br": "GZH",
    "estadodeminas.com.br": "Estado de Minas",
    "jornaldebrasilia.com.br": "Jornal de Brasília",
    "rp.pl": "Rzeczpospolita",
    "wyborcza.pl": "Gazeta Wyborcza",
    "xinhuanet.com": "Xinhua",
    "news.cn": "Xinhua",
    "english.news.cn": "Xinhua",
    "people.com.cn": "People's Daily",
    "chinadaily.com.cn": "China Daily",
    "scmp.com": "South China Morning Post",
    "bbc.com": "BBC",
    "bbc.co.uk": "BBC",
    "theglobeandmail.com": "The Globe and Mail",
    "abc.net.au": "ABC News (Australia)",
    "smh.com.au": "The Sydney Morning Herald",
    "elpais.com.uy": "El País (Uruguay)",
    "elheraldo.co": "El Heraldo",
    "excelsior.com.mx": "Excélsior",
    "animalpolitico.com": "Animal Político",
    "elperiodico.com": "El Periódico",
    "20minutos.es": "20minutos",
    "lavoz.com.ar": "La Voz del Interior",
    "perfil.com": "Perfil",
    "meduza.io": "Meduza",
    "kommersant.ru": "Kommersant",
    "tass.ru": "TASS",
    "tass.com": "TASS",
    "ria.ru": "RIA Novosti",
    "idnes.cz": "iDNES.cz",
    "novinky.cz": "Novinky.cz",
    "aktualne.cz": "Aktuálně.cz",
    "irozhlas.cz": "iROZHLAS",
    "asahi.com": "The Asahi Shimbun",
    "nhk.or.jp": "NHK",
    "japantimes.co.jp": "The Japan Times",
}

# Names of folders (and of site sections) that say where a file was put, not who published
# it: sections, generic words, languages, formats.  Dates and numbers are told by their form.
_NOT_OUTLETS = frozenset("""
news noticias notícias noticia notícia nachrichten actualites actualités actualidad actualidade nouvelles
politics politica política politique politik economy economia economía économie wirtschaft business negocios
negócios world mundo monde welt international internacional internacionais nacional national nation brasil
local locales regional cidades ciudad city opinion opinión opinião opiniao editorial editoriais editoriales
sports sport deportes esportes esporte culture cultura kultur science ciencia ciência tech technology
tecnologia tecnología health saude saúde salud society sociedad sociedade justice justica justiça
announcements announcement text texts txt other others misc miscellaneous posts post articles article artigos
articulos artículos blog blogs docs doc documents documentos files archivos arquivos downloads download pages
page html htm web website websites saved archive archives archivo arquivo inbox mail mails email emails
mailbox pdf pdfs docx epub warc wacz feed feeds rss data sources source fuentes fontes new old tmp temp drafts
draft press press-releases releases release notes stories story content contents items media images img assets
static reports report informes relatorios relatórios clippings clipping case cases caso casos research
encodings encoding markdown md input inputs output raw misc. unsorted todo read later home index default
en es pt fr de it nl ca cs pl ru zh ja english spanish portuguese español espanol português portugues
january february march april may june july august september october november december
enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre
janeiro fevereiro março marco maio junho julho setembro outubro novembro dezembro
""".split())
_DATE_OR_NUMBER = r"[\d\W_]+|(?:19|20)\d\d[-_.]?\w*|\w*[-_.](?:19|20)\d\d"


def outlet_like(name: str) -> bool:
    """Whether a folder's name may name an outlet: not a date or a number ("16", "08",
    "2024", "2024-05"), not a section or a generic word ("announcements", "text", "other",
    "news", "política", "posts")."""
    folded = name.strip().casefold()
    if not folded or re.fullmatch(_DATE_OR_NUMBER, folded):
        return False
    return folded not in _NOT_OUTLETS and folded.replace("_", "-") not in _NOT_OUTLETS


def is_section_name(name: str) -> bool:
    """A site name that is a section of the site ("Política", "News"), not the outlet."""
    return name.strip().casefold() in _NOT_OUTLETS


def outlet_for_host(host: str) -> str:
    """The outlet publishing at ``host`` ("nytimes.com" -> "The New York Times"), "" if unknown."""
    labels = host.lower().removeprefix("www.").split(".")
    for start in range(len(labels) - 1):
        name = KNOWN_OUTLETS.get(".".join(labels[start:]))
        if name:
            return name
    return ""
