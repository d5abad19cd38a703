"""The fallback that puts back the blocks of a page's article trafilatura left out
(``html_blocks``), given trafilatura's text as it read the page."""

from casereader.core.ingest.formats.html import restore_left_out

# A serial's chapter written in an editor that makes a <div> of each paragraph; a picture's
# caption in Wikipedia's "thumb" box and a note with a blank line (two <br>) among them.
CHAPTER = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Chapter 12: The showers</title></head>
<body><div class="chapter-content">
<h1>Chapter 12: The showers</h1>
<div style="margin: 1em 0"><div style="direction: ltr"><span style="font-family: arial">Were you expecting
the competition for the showers to be this fierce after the run this morning, in the cold?</span></div></div>
<div style="margin: 1em 0"><div style="direction: ltr"><span>Haoyu snorted.</span></div></div>
<div style="margin: 1em 0"><div style="direction: ltr"><span>Alden had not expected it at all, and he
said so, while the line of boys in front of them grew longer and louder.</span></div></div>
<div class="thumb"><div class="thumbinner"><img src="x.jpg" alt="">
<div class="thumbcaption">The shower block behind the dormitories</div></div></div>
<div style="margin: 1em 0"><div style="direction: ltr"><span>Alden stared at him.</span></div></div>
<div>A note from the author<br><br>Thanks for reading this far; the next chapter comes on Friday.</div>
<div style="margin: 1em 0"><div style="direction: ltr"><span>The two of them waited for another twenty
minutes before a stall came free, and by then the hot water was long gone.</span></div></div>
</div>
<footer><div>Copyright the Serial Society. All rights reserved.</div></footer>
</body></html>
"""

READ = """Were you expecting the competition for the showers to be this fierce after the run this morning, in the cold?
Alden had not expected it at all, and he said so, while the line of boys in front of them grew longer and louder.
The two of them waited for another twenty minutes before a stall came free, and by then the hot water was long gone."""


def test_a_div_of_inline_text_is_a_paragraph_put_back() -> None:
    """Short lines of dialogue in a ``<div>`` each, left out, are put back in their place; a
    picture's caption and a ``<div>`` holding a blank line are not made paragraphs."""
    text, _ = restore_left_out(CHAPTER, READ)
    lines = text.split("\n")
    assert lines[0] == "Chapter 12: The showers"
    assert lines[2] == "Haoyu snorted."
    assert lines[4] == "Alden stared at him."
    assert "The shower block behind the dormitories" not in text
    assert not any("A note from the author" in line and "Thanks for reading" in line for line in lines)
    assert lines[-1].startswith("The two of them waited")


LONG = (
    "It is the game that shows best what the headset can do, and it plays as well the fifth time as the first, "
    "with a soundtrack that follows every move you make, levels that open up as you learn them, and a last "
    "stage that is worth the price on its own. Newcomers will find the first levels gentle, and those who "
    "played the original years ago will find it changed in every way that matters."
)
# A list of games, each heading a link to the game's store page, and below the article a
# list of other stories, each headline a link above a one-sentence blurb.
GAMES = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>The best headset games</title></head>
<body><article>
<h1>The best headset games</h1>
<p>Here are the games worth buying with the headset, from the cheapest to the dearest one.</p>
<h3><a href="https://store.example/rez" rel="nofollow">Rez Infinite ($30)</a></h3>
<p>{LONG}</p>
<h3><a href="https://store.example/thumper" rel="nofollow">Thumper ($20)</a></h3>
<p>{LONG.replace("It is the game", "It is the other game")}</p>
<h3><a href="/news/console-prices">Console prices go up again this winter</a></h3>
<p>Both consoles cost more from next month, the makers say.</p>
<h3><a href="/news/arcade">An arcade reopens downtown</a></h3>
<p>The old arcade on Main Street opens its doors again on Friday.</p>
</article></body></html>"""

GAMES_READ = "\n".join(
    [
        "Here are the games worth buying with the headset, from the cheapest to the dearest one.",
        LONG,
        LONG.replace("It is the game", "It is the other game"),
        "Both consoles cost more from next month, the makers say.",
        "The old arcade on Main Street opens its doors again on Friday.",
    ]
)


def test_a_linked_heading_over_a_section_is_put_back_a_teasers_headline_is_not() -> None:
    """A heading that is a link (to a store) above a section trafilatura kept is put back; the
    linked headline of a story above a one-sentence blurb is not."""
    text, _ = restore_left_out(GAMES, GAMES_READ)
    lines = text.split("\n")
    assert lines[lines.index("Rez Infinite ($30)") + 1] == LONG
    assert "Thumper ($20)" in lines
    assert "Console prices go up again this winter" not in lines
    assert "An arcade reopens downtown" not in lines


# A blog post whose <article> carries names of the site's own ("is-language-Tier1"), with a list
# item of a bold lead-in and a line break.
POST = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>What student newsrooms need</title></head>
<body><article class="post-Article is-language-Tier1">
<h1>What student newsrooms need</h1>
<p>We have talked to student newsrooms for a year, and this is what we heard from their editors.</p>
<ul>
<li><strong>The handoff</strong><br>Problems arise because web editors are given roles that absolve the rest
of the editors from thinking about the web.</li>
<li><strong>Mentorship</strong><br>Lack of mentorship is still a big problem for student papers everywhere.</li>
</ul>
</article></body></html>"""

POST_READ = """We have talked to student newsrooms for a year, and this is what we heard from their editors.
- The handoff
Problems arise because web editors are given roles that absolve the rest of the editors from thinking about the web.
- Mentorship
Lack of mentorship is still a big problem for student papers everywhere."""


def test_the_article_element_is_never_boilerplate_by_its_names() -> None:
    """An ``<article>`` whose class names a language is still the article: its headline is put
    back and its list items read as the page has them (a line break is a space)."""
    text, _ = restore_left_out(POST, POST_READ)
    lines = text.split("\n")
    assert lines[0] == "What student newsrooms need"
    assert (
        "- The handoff Problems arise because web editors are given roles that absolve the rest of the editors "
        "from thinking about the web."
    ) in lines
    assert "- Mentorship Lack of mentorship is still a big problem for student papers everywhere." in lines
