"""The demo creator: a seeded, deterministic record of a food-and-travel micro influencer.

Nina Ferreira (fictional) cooks and travels from Lisbon: Instagram ≈ 24k, TikTok ≈ 61k and
YouTube ≈ 8k followers. The demo holds daily snapshots that end at `today` (smooth growth,
weekend bumps, noise, one viral TikTok week about five months ago and one gap of a few days
the creator forgot to record), posts with per-post metrics, audience breakdowns at two dates,
brands with private contact details, deals in every stage with their deliverables, caption
drafts, and one WebVTT subtitle file. The first start offers it, `companion demo` writes it
headless, and tests and benchmarks build on it: the same seed and the same `today` always
give byte-identical rows.

Scale N (`companion demo --scale N`) makes a bigger record for benchmarks:

- posts: 400 × N;
- history: min(2 × N, 10) years of daily snapshots (365 days a year), ending at `today`;
- accounts: 3 for N = 1; 6 for N ≥ 2 (adds Pinterest ≈ 14k, Facebook ≈ 4.7k, X ≈ 3k).

So `--scale 50` gives 6 accounts × 10 years of daily snapshots and 20,000 posts. Brands,
deals, captions and the subtitle file are the same at every scale.

All rows are written in one transaction, so a failure leaves the database empty. The
subtitle file is written to a `demo-files` folder next to the database file.

The hand-written data (accounts, caption material, audience, brands, deals, caption drafts,
the subtitle cues) lives in `resources/demo/*.json`; the modules here hold the formulas:
`accounts` and `timeline` plan the history, `posts`, `post_text` and `metrics` make the
posts, `snapshots` the daily numbers, `audience`, `deals`, `captions` and `subtitles` the
rest, `pinning` ties posts to the story, and `build` puts it all together.
"""

from companion.demo.accounts import DemoScale, creator
from companion.demo.build import DEMO_SEED, DemoRecord, DemoSummary, build_demo, generate_demo
from companion.demo.subtitles import subtitle_path, subtitle_text, subtitled_reel

CREATOR_NAME: str = creator().name
SUBTITLED_REEL_CAPTION: str = subtitled_reel().post_caption

__all__ = [
    "CREATOR_NAME",
    "DEMO_SEED",
    "SUBTITLED_REEL_CAPTION",
    "DemoRecord",
    "DemoScale",
    "DemoSummary",
    "build_demo",
    "generate_demo",
    "subtitle_path",
    "subtitle_text",
]
