"""The media kit PDF: pages, the figures a brand reads, vector charts, embedded fonts, photos, themes."""

import io
from dataclasses import replace
from pathlib import Path

import pypdf
import pytest
from PySide6.QtGui import QColor, QImage

from companion.core.mediakit_profile import (
    ChosenPost,
    KitChoices,
    KitSection,
    Paper,
    kit_themes,
    theme_by_id,
)
from companion.core.mediakit_profile import Testimonial as Quote
from companion.exporters.mediakit_pdf import (
    ExportFailed,
    export_media_kit,
    kit_page_image,
    lay_out_kit,
)
from companion.store.database import open_store
from companion.store.mediakit import (
    chosen_accounts,
    load_media_kit,
    load_profile,
    posts_to_choose,
    save_profile,
)
from tests.exporters.mediakit_data import PROFILE, TODAY, demo_database, pdf_text

A4_POINTS = (595, 842)
LETTER_POINTS = (612, 792)


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_database(tmp_path_factory.mktemp("kit"))


def export(path: Path, choices: KitChoices | None = None, theme: str = "fresh") -> bytes:
    choices = choices or KitChoices()
    with open_store(path, exclusive=False) as store:
        kit = load_media_kit(store, choices, TODAY)
    buffer = io.BytesIO()
    export_media_kit(kit, theme_by_id(theme), choices.paper, buffer)
    return buffer.getvalue()


def test_the_demo_kit_is_two_a4_pages(demo_path):
    reader = pypdf.PdfReader(io.BytesIO(export(demo_path)))
    assert len(reader.pages) == 2
    for page in reader.pages:
        assert (round(page.mediabox.width), round(page.mediabox.height)) == A4_POINTS


def test_letter_paper(demo_path):
    reader = pypdf.PdfReader(io.BytesIO(export(demo_path, KitChoices(paper=Paper.LETTER))))
    assert (round(reader.pages[0].mediabox.width), round(reader.pages[0].mediabox.height)) == (
        LETTER_POINTS
    )


def test_the_text_a_brand_reads_is_there_and_selectable(demo_path):
    text = pdf_text(export(demo_path))
    for expected in (
        "Nina Ferreira",
        "@nina.eats.abroad",
        "@ninaeatsabroad",
        "Figures as of",
        "Micro",
        "benchmark",
        "VERB article: 10k–99,999 followers average 4 %",
        "VERB article: nano influencers",
        "Top countries",
        "Brands I’ve worked with",
        "Conservas Maré",
        "$650",
        "She knows her audience and it shows.",
        "hello@ninaeatsabroad.com",
    ):
        assert expected in text, expected


def test_followers_and_date_match_the_record(demo_path):
    with open_store(demo_path, exclusive=False) as store:
        kit = load_media_kit(store, KitChoices(), TODAY)
    text = pdf_text(export(demo_path))
    for platform in kit.platforms:
        assert f"{platform.followers:,}" in text
    assert f"Figures as of {kit.as_of.day} {kit.as_of:%B %Y}" in text


def test_charts_are_vectors_with_text_not_pictures(demo_path):
    reader = pypdf.PdfReader(io.BytesIO(export(demo_path)))
    for page in reader.pages:
        assert "/XObject" not in page["/Resources"] or not page["/Resources"]["/XObject"]
    text = pdf_text(export(demo_path))
    # Axis and bar labels of the charts are text in the PDF, not shapes.
    assert "United States" in text and "25–34" in text and "Female" in text


def test_every_font_is_embedded(demo_path):
    reader = pypdf.PdfReader(io.BytesIO(export(demo_path, theme="editorial")))
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, font["/BaseFont"]
            names.add(str(font["/BaseFont"]).lstrip("/").split("+")[-1])
    assert any(name.startswith("STIXGeneral") for name in names)


def test_the_same_kit_gives_the_same_bytes(demo_path):
    assert export(demo_path) == export(demo_path)


def test_every_theme_draws_the_kit(demo_path):
    for theme in kit_themes():
        assert pdf_text(export(demo_path, theme=theme.id)).count("Nina Ferreira") >= 2


def test_left_out_sections_are_not_printed(demo_path):
    choices = KitChoices(sections=(KitSection.PROFILE, KitSection.PLATFORMS))
    data = export(demo_path, choices)
    text = pdf_text(data)
    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) == 1
    for absent in ("Top countries", "Brands I’ve worked with", "Conservas Maré", "$650"):
        assert absent not in text


def test_a_photo_is_embedded_at_print_resolution(demo_path, tmp_path):
    photo = tmp_path / "nina.png"
    picture = QImage(3000, 3000, QImage.Format.Format_RGB32)
    picture.fill(QColor("#C08040"))
    assert picture.save(str(photo))
    copy = tmp_path / "copy.sqlite"
    copy.write_bytes(demo_path.read_bytes())
    with open_store(copy) as store:
        save_profile(store, replace(load_profile(store), photo_path=str(photo)))
    reader = pypdf.PdfReader(io.BytesIO(export(copy)))
    images = [image for page in reader.pages for image in page.images]
    assert len(images) == 1
    assert images[0].image.width < 400  # 92 points at 220 dpi, not the 3000 px original


def test_a_missing_photo_leaves_a_quiet_circle_not_an_error(demo_path, tmp_path):
    copy = tmp_path / "copy.sqlite"
    copy.write_bytes(demo_path.read_bytes())
    with open_store(copy) as store:
        save_profile(store, replace(PROFILE, photo_path=str(tmp_path / "gone.jpg")))
    assert "Nina Ferreira" in pdf_text(export(copy))


def test_the_preview_draws_the_same_pages(demo_path):
    with open_store(demo_path, exclusive=False) as store:
        kit = load_media_kit(store, KitChoices(), TODAY)
    layout = lay_out_kit(kit, theme_by_id("fresh"), Paper.A4)
    image = kit_page_image(layout, 0, 600)
    assert image.width() == 600 and image.height() == round(841.89 * 600 / 595.28)
    band = QColor(theme_by_id("fresh").band)
    assert image.pixelColor(5, 5) == band
    assert image.pixelColor(300, 400) != band


def test_a_folder_that_cannot_be_written_is_named(demo_path, tmp_path):
    with open_store(demo_path, exclusive=False) as store:
        kit = load_media_kit(store, KitChoices(), TODAY)
    target = tmp_path / "missing" / "kit.pdf"
    with pytest.raises(ExportFailed, match=r"kit\.pdf"):
        export_media_kit(kit, theme_by_id("fresh"), Paper.A4, target)
    assert not target.exists()


def test_a_full_kit_with_pictures_still_fits_on_two_pages(demo_path, tmp_path):
    picture = QImage(1200, 900, QImage.Format.Format_RGB32)
    picture.fill(QColor("#5E7F4F"))
    assert picture.save(str(tmp_path / "post.png"))
    copy = tmp_path / "copy.sqlite"
    copy.write_bytes(demo_path.read_bytes())
    with open_store(copy) as store:
        kit = load_media_kit(store, KitChoices(), TODAY)
        picks = tuple(
            ChosenPost(rated.post.id, str(tmp_path / "post.png"))
            for rated in posts_to_choose(store, chosen_accounts(store, KitChoices()), TODAY)[:3]
        )
        words = (
            *PROFILE.testimonials,
            Quote("On time, honest, and it outperformed our ads.", "CMO"),
        )
        save_profile(
            store,
            replace(
                PROFILE, photo_path=str(tmp_path / "post.png"), top_posts=picks, testimonials=words
            ),
        )
    data = export(copy)
    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) == 2
    assert "On time, honest, and it outperformed our ads." in pdf_text(data)
    assert kit.platforms


def test_an_account_without_numbers_prints_dashes_not_guesses(db_path):
    with open_store(db_path) as store:
        with store.transaction():
            store.db["account"].insert(
                {"platform": "tiktok", "handle": "newbie", "created": "2026-11-01T00:00:00+00:00"}
            )
        kit = load_media_kit(store, KitChoices(), TODAY)
    buffer = io.BytesIO()
    assert export_media_kit(kit, theme_by_id("fresh"), Paper.A4, buffer) == 1
    text = pdf_text(buffer.getvalue())
    assert "@newbie" in text and "—" in text
    assert "Figures as of 20 November 2026" in text


def test_sources_sit_under_the_figures_they_explain(demo_path):
    """On a two-page kit the small print closes page 1, beside the benchmarks it footnotes,
    when it fits there."""
    reader = pypdf.PdfReader(io.BytesIO(export(demo_path)))
    assert len(reader.pages) == 2
    first, second = (" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Benchmark source" in first and "Benchmark source" not in second


def test_the_kit_closes_with_an_invitation_to_get_in_touch(demo_path):
    text = pdf_text(export(demo_path))
    assert "Let’s work together" in text and PROFILE.email in text


def test_a_one_page_kit_keeps_its_small_print_on_its_page(demo_path):
    choices = KitChoices(sections=(KitSection.PROFILE, KitSection.KEY_FIGURES))
    reader = pypdf.PdfReader(io.BytesIO(export(demo_path, choices)))
    assert len(reader.pages) == 1
    assert "Benchmark source" in " ".join(reader.pages[0].extract_text().split())
