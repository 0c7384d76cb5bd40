"""What generated demo posts say and where they live: captions, platform post ids and URLs."""

import random
from dataclasses import dataclass
from functools import cache

from companion.core.platforms import Platform
from companion.core.posts import PostKind
from companion.demo.accounts import AccountPlan
from companion.demo.data import demo_data

# Instagram-style post ids (shortcodes) and YouTube video ids use this alphabet.
ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


@dataclass(frozen=True)
class Place:
    city: str
    foods: tuple[str, ...]

    @property
    def hashtag(self) -> str:
        return "#" + self.city.lower().replace(" ", "")


@dataclass(frozen=True)
class PostTexts:
    """What captions are made of; templates fill in {food}, {Food}, {city}, {n} and {budget}."""

    places: tuple[Place, ...]
    headlines: tuple[str, ...]
    youtube_titles: tuple[str, ...]
    instagram_closers: tuple[str, ...]
    story_lines: tuple[str, ...]
    food_emoji: tuple[str, ...]
    topic_tags: tuple[str, ...]
    viral_caption: str
    """The caption of the TikTok that went viral."""


@cache
def post_texts() -> PostTexts:
    """The caption material in `resources/demo/posts_text.json`."""
    data = demo_data("posts_text.json")
    return PostTexts(
        places=tuple(Place(place["city"], tuple(place["foods"])) for place in data["places"]),
        headlines=tuple(data["headlines"]),
        youtube_titles=tuple(data["youtube_titles"]),
        instagram_closers=tuple(data["instagram_closers"]),
        story_lines=tuple(data["story_lines"]),
        food_emoji=tuple(data["food_emoji"]),
        topic_tags=tuple(data["topic_tags"]),
        viral_caption=data["viral_caption"],
    )


def post_caption(rng: random.Random, platform: Platform, kind: PostKind) -> str:
    """A caption in the style of the platform and the kind of post."""
    texts = post_texts()
    place = rng.choice(texts.places)
    food = rng.choice(place.foods)
    words = {
        "food": food,
        "Food": food[0].upper() + food[1:],
        "city": place.city,
        "n": rng.randint(3, 7),
        "budget": rng.choice((15, 20, 25, 30)),
    }
    emoji = rng.choice(texts.food_emoji)
    if kind is PostKind.STORY:
        return rng.choice(texts.story_lines).format(**words)
    if kind is PostKind.LIVE:
        return f"LIVE: cooking {food} from {place.city}, come hang out {emoji}"
    if platform is Platform.YOUTUBE:
        title = rng.choice(texts.youtube_titles).format(**words)
        return f"{title} #shorts" if kind is PostKind.REEL else title
    headline = rng.choice(texts.headlines).format(**words)
    if platform is Platform.INSTAGRAM:
        tags = _hashtags(rng, place, rng.randint(4, 9))
        return f"{headline} {emoji}\n\n{rng.choice(texts.instagram_closers)}\n\n{tags}"
    if platform is Platform.TIKTOK:
        return f"{headline} {emoji} {_hashtags(rng, place, rng.randint(3, 5))} #foodtok"
    if platform is Platform.PINTEREST:
        return f"{headline} | Save it for your {place.city} trip"
    if platform is Platform.X:
        return f"{headline} {emoji} {_hashtags(rng, place, 1)}"
    return f"{headline} {emoji}"


def _hashtags(rng: random.Random, place: Place, count: int) -> str:
    return " ".join([place.hashtag, *rng.sample(post_texts().topic_tags, count - 1)])


def platform_post_id(rng: random.Random, platform: Platform) -> str:
    """A post id in the platform's own format."""
    if platform in (Platform.INSTAGRAM, Platform.YOUTUBE):
        return "".join(rng.choices(ID_ALPHABET, k=11))
    if platform is Platform.FACEBOOK:
        return f"{rng.randrange(10**15, 10**16)}"
    return f"{rng.randrange(7 * 10**18, 8 * 10**18)}"


def post_url(account: AccountPlan, kind: PostKind, post_id: str) -> str | None:
    """Where the post lives; stories expire and lives are not kept, so they have none."""
    if kind in (PostKind.STORY, PostKind.LIVE):
        return None
    handle = account.handle
    match account.platform:
        case Platform.INSTAGRAM:
            path = "reel" if kind is PostKind.REEL else "p"
            return f"https://www.instagram.com/{path}/{post_id}/"
        case Platform.TIKTOK:
            return f"https://www.tiktok.com/@{handle}/video/{post_id}"
        case Platform.YOUTUBE if kind is PostKind.REEL:
            return f"https://www.youtube.com/shorts/{post_id}"
        case Platform.YOUTUBE:
            return f"https://www.youtube.com/watch?v={post_id}"
        case Platform.PINTEREST:
            return f"https://www.pinterest.com/pin/{post_id}/"
        case Platform.FACEBOOK:
            return f"https://www.facebook.com/{handle}/posts/{post_id}"
        case _:
            return f"https://x.com/{handle}/status/{post_id}"
