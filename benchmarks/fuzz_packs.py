"""Mutated content packs against check_pack and load_with_fallback: prints name=value lines.

    python benchmarks/fuzz_packs.py [--mutations 2000] [--seed 11] [--show 5]

Each mutation starts from a copy of the built-in pack (resources/content/en/, plus a picture
images/probe.png) and changes one thing: bytes flipped, a file cut short or emptied, a huge line,
NUL bytes, invalid UTF-8, lists nested thousands deep in a TOML file, a link that loops or leads
out of the pack, a bad name in the manifest, a duplicated id, a picture outside the pack in any
Markdown form, a link to a section that does not exist, a step that does not exist, an unknown
treatment in captions.toml, an HTML tag over two lines, a web link, a valid picture. The pack is
then checked with check_pack and loaded with load_with_fallback, as the viewer does at start-up.

pack_mutations      mutations tried (target ≥ 2000)
pack_tracebacks     exceptions escaping check_pack or load_with_fallback (target 0)
pack_internal       problems from the last line of defence ("could not be read: ...") (target 0)
pack_accepted_bad   mutations bad by construction that check_pack accepted (target 0), or web
                    links accepted without a warning
pack_rejected_good  mutations good by construction (a picture inside the pack) refused (target 0)
pack_refused        packs refused, with problems
pack_slowest_s      the slowest check_pack (target ≤ 1 s for a 256 KB file)
pack_slowest_kind   the mutation that took it
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cryoviewer.content import check_pack, load_with_fallback  # noqa: E402
from cryoviewer.resources import builtin_content  # noqa: E402

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")
HUGE_UNITS = ["[", "](", "![", "<a ", "`", "\\", "!", "(", ")", "<", "#", "*", "-", ".", " ",
              "a", "[a](", "](#", "&#", "%2F", "\t", "https://", "a@b.", "[a]:", "![a][",
              "]]", "!!!?", "<!--", "'", '"']
# Outside pictures, in every form Markdown allows; {p} is an absolute path outside the pack.
OUTSIDE_PICTURES = [
    "![x]({p})", "![x]({p} 'title')", '![x]({p} "title")', "![x]({p} (title))",
    "![x](<{p}>)", "![x](<{d}/with space.png>)", "![a [b] c]({p})", "![x][img]\n\n[img]: {p}",
    "![img]\n\n[img]: {p}", "![img][]\n\n[IMG]: <{p}>", "![x](../outside.png)",
    "![x](images/../../outside.png)", "![x](file://{p})", "![x](%2F{q})", "![x](&#47;{q})",
    "![x](\n{p})", "[![x]({p})](#pain)", "- ![x]({p})", "> ![x]({p})",
    "![x](images/missing.png)", "![x](manifest.toml)", "![x](images)",
]
GOOD_PICTURES = ["![x](images/probe.png)", "![x](<images/probe.png>)",
                 "![x](images/probe.png 'a probe')", "![x][p]\n\n[p]: images/probe.png",
                 "![a [nested] alt](images/probe.png)", "![x](./images/probe.png)"]
BAD_LINKS = ["[x](#no-such-section)", "[x](other.md)", "[x][r]\n\n[r]: #nowhere",
             "[x](#)", "[x]()", "[x](file:///etc/passwd)"]
BAD_STEPS = ["skin-spray/insert", "liver-probe/thaw3", "kidney/freeze1", "skin-probe/remove",
             "large-tumour/freeze3", "liver-probe/boil"]
BAD_NAMES = ['"a\\u0000b.md"', '"' + "n" * 300 + '.md"', '"../x.md"', '"sub/x.md"',
             '"C:x.md"', '"/etc/passwd"', '""', '"what-is-cryosurgery.md"', '"."', '"..md\\\\"',
             '"x.txt"', '"a\\tb.md"']


class Pack:
    """A fresh copy of the built-in pack to mutate."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.root = folder / "pack"
        self.outside = folder / "outside.png"

    def reset(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
        shutil.copytree(builtin_content(), self.root)
        (self.root / "images").mkdir()
        (self.root / "images" / "probe.png").write_bytes(PNG)
        self.outside.write_bytes(PNG)
        (self.folder / "with space.png").write_bytes(PNG)

    def sections(self) -> list[Path]:
        return sorted(self.root.glob("*.md"))

    def all_files(self) -> list[Path]:
        return self.sections() + [self.root / "manifest.toml", self.root / "captions.toml"]

    def append_to_body(self, rng: random.Random, text: str) -> None:
        path = rng.choice(self.sections())
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + text + "\n",
                        encoding="utf-8")


def mutate(rng: random.Random, pack: Pack) -> tuple[str, str]:
    """Change the pack; (kind, expect): "bad" (must be refused), "warn" (must warn), "good"
    (must be accepted), or "any" (a random change: anything but a traceback)."""
    kind = rng.choice(["flip", "truncate", "empty", "huge_line", "many_lines", "deep_toml",
                       "loop", "outside_link", "bad_name", "nul", "utf8", "duplicate_id",
                       "outside_picture", "outside_picture", "broken_link", "bad_step",
                       "bad_paragraphs", "bad_caption", "html_split", "web_link", "good_picture",
                       "many_keys", "insert_noise"])
    files = pack.all_files()
    if kind == "flip":
        path = rng.choice(files)
        data = bytearray(path.read_bytes())
        for _ in range(rng.randint(1, 8)):
            if data:
                data[rng.randrange(len(data))] = rng.randrange(256)
        path.write_bytes(bytes(data))
        return kind, "any"
    if kind == "truncate":
        path = rng.choice(files)
        data = path.read_bytes()
        path.write_bytes(data[:rng.randrange(len(data) + 1)])
        return kind, "any"
    if kind == "empty":
        path = rng.choice(pack.sections() + [pack.root / "manifest.toml"])
        path.write_bytes(b"")
        return kind, "bad"
    if kind == "huge_line":
        unit = rng.choice(HUGE_UNITS)
        size = rng.choice([10_001, 50_000, 150_000, 250_000])
        pack.append_to_body(rng, (unit * (size // len(unit) + 1))[:size])
        return f"huge_line {unit!r}", "bad"
    if kind == "many_lines":
        unit = rng.choice(HUGE_UNITS)
        pack.append_to_body(rng, "\n".join([unit * rng.randint(1, 20)] * 20_000)[:240_000])
        return f"many_lines {unit!r}", "any"
    if kind == "deep_toml":
        path = pack.root / rng.choice(["captions.toml", "manifest.toml"])
        depth = rng.choice([20, 1000, 100_000])
        nest = rng.choice([("[" * depth, "]" * depth), ("{a=" * depth, "}" * depth)])
        path.write_text(path.read_text(encoding="utf-8") + f"\ndeep = {nest[0]}1{nest[1]}\n",
                        encoding="utf-8")
        return f"deep_toml {depth}", "bad"
    if kind == "loop":
        path = rng.choice(pack.sections() + [pack.root / "manifest.toml"])
        path.unlink()
        target = rng.choice([path.name, path.name + ".other"])
        if target != path.name:
            (pack.root / target).symlink_to(path.name)
        path.symlink_to(target)
        return kind, "bad"
    if kind == "outside_link":
        path = rng.choice(pack.sections())
        copy = pack.folder / ("copy-" + path.name)
        shutil.copy(path, copy)
        path.unlink()
        path.symlink_to(copy)
        return kind, "bad"
    if kind == "bad_name":
        manifest = pack.root / "manifest.toml"
        text = manifest.read_text(encoding="utf-8")
        old = '"' + rng.choice(pack.sections()).name + '"'
        new = rng.choice(BAD_NAMES)
        if new == '"what-is-cryosurgery.md"':  # listed twice
            new = old + ", " + new if old != new else old + ", " + old
        manifest.write_text(text.replace(old, new, 1), encoding="utf-8")
        return f"bad_name {new[:20]}", "bad"
    if kind == "nul":
        path = rng.choice(files)
        data = path.read_bytes()
        at = rng.randrange(len(data) + 1)
        path.write_bytes(data[:at] + b"\0" + data[at:])
        return kind, "bad"
    if kind == "utf8":
        path = rng.choice(files)
        data = path.read_bytes()
        at = rng.randrange(len(data) + 1)
        path.write_bytes(data[:at] + rng.choice([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xfe\xff"])
                         + data[at:])
        return kind, "bad"
    if kind == "duplicate_id":
        first, second = rng.sample(pack.sections(), 2)
        first_id = first.read_text(encoding="utf-8").split("\nid: ", 1)[1].split("\n", 1)[0]
        text = second.read_text(encoding="utf-8")
        second_id = text.split("\nid: ", 1)[1].split("\n", 1)[0]
        second.write_text(text.replace(f"\nid: {second_id}\n", f"\nid: {first_id}\n", 1),
                          encoding="utf-8")
        return kind, "bad"
    if kind == "outside_picture":
        form = rng.choice(OUTSIDE_PICTURES)
        pack.append_to_body(rng, form.format(p=pack.outside, d=pack.folder,
                                             q=str(pack.outside).lstrip("/").replace(
                                                 "/", "%2F" if "%2F" in form else "&#47;")))
        return f"outside_picture {form[:24]!r}", "bad"
    if kind == "good_picture":
        form = rng.choice(GOOD_PICTURES)
        pack.append_to_body(rng, form)
        return f"good_picture {form[:24]!r}", "good"
    if kind == "broken_link":
        form = rng.choice(BAD_LINKS)
        pack.append_to_body(rng, f"See {form} for more.")
        return f"broken_link {form!r}", "bad"
    if kind in ("bad_step", "bad_paragraphs"):
        path = rng.choice(pack.sections())
        text = path.read_text(encoding="utf-8")
        head, rest = text.split("\n---\n", 1)
        head = "\n".join(line for line in head.split("\n")
                         if not line.startswith(("step:", "paragraphs:")))
        if kind == "bad_step":
            head += f"\nstep: {rng.choice(BAD_STEPS)}"
        else:
            head += "\nstep: skin-spray/freeze1\nparagraphs: " + rng.choice(
                ["insert", "remove", "freeze3", "thaw3", "-, boil"])
        path.write_text(head + "\n---\n" + rest, encoding="utf-8")
        return kind, "bad"
    if kind == "bad_caption":
        path = pack.root / "captions.toml"
        table, key = rng.choice([("kidney", "heal"), ("skin-spray", "insert"),
                                 ("skin-probe", "remove"), ("liver-probe", "freeze3"),
                                 ("liver-probe", "boil")])
        text = path.read_text(encoding="utf-8")
        if f"[{table}]" in text:
            text = text.replace(f"[{table}]\n", f"[{table}]\n{key} = \"Words.\"\n", 1)
        else:
            text += f"\n[{table}]\n{key} = \"Words.\"\n"
        path.write_text(text, encoding="utf-8")
        return f"bad_caption {table}.{key}", "bad"
    if kind == "html_split":
        pack.append_to_body(rng, rng.choice(["Text <span\nclass='x'>here</span>.",
                                             "<img\nsrc='images/probe.png'>", "<!--\nhidden -->",
                                             "a <b\n>bold</b\n> c"]))
        return kind, "bad"
    if kind == "web_link":
        pack.append_to_body(rng, rng.choice(["See [this](https://example.org).",
                                             "See <https://example.org>.",
                                             "See https://example.org/page.",
                                             "See www.example.org.", "[x][w]\n\n[w]: http://e.org",
                                             "Mail [us](mailto:a@b.org)."]))
        return kind, "warn"
    if kind == "many_keys":
        path = pack.root / rng.choice(["captions.toml", "manifest.toml"])
        extra = "".join(f"\nk{i} = \"{'x' * 8}\"" for i in range(20_000))
        path.write_text(path.read_text(encoding="utf-8") + extra[:240_000], encoding="utf-8")
        return kind, "bad"
    # insert_noise: a random run of Markdown punctuation somewhere in a section
    path = rng.choice(pack.sections())
    text = path.read_text(encoding="utf-8")
    at = rng.randrange(len(text) + 1)
    noise = "".join(rng.choice(HUGE_UNITS + ["\n", "\n\n"]) for _ in range(rng.randint(1, 40)))
    path.write_text(text[:at] + noise + text[at:], encoding="utf-8")
    return kind, "any"


def run(mutations: int, seed: int, show: int = 5, out=sys.stdout) -> dict:
    """Try the mutations; the figures (and the first few failures, on stderr)."""
    rng = random.Random(seed)
    figures = {"pack_mutations": 0, "pack_tracebacks": 0, "pack_internal": 0,
               "pack_accepted_bad": 0, "pack_rejected_good": 0, "pack_refused": 0,
               "pack_slowest_s": 0.0, "pack_slowest_kind": ""}
    failures: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        pack = Pack(Path(folder))
        for _ in range(mutations):
            pack.reset()
            kind, expect = mutate(rng, pack)
            figures["pack_mutations"] += 1
            try:
                start = time.perf_counter()
                checked, problems = check_pack(pack.root)
                took = time.perf_counter() - start
                load_with_fallback(pack.root, builtin_content())
            except Exception:
                figures["pack_tracebacks"] += 1
                failures.append(f"{kind}: {traceback.format_exc()}")
                continue
            if took > figures["pack_slowest_s"]:
                figures["pack_slowest_s"], figures["pack_slowest_kind"] = took, kind
            figures["pack_refused"] += checked is None
            if any("could not be read:" in p.message for p in problems):
                figures["pack_internal"] += 1
                failures.append(f"{kind}: internal {[str(p) for p in problems]}")
            warned = any(p.severity == "warning" and "never open" in p.message
                         for p in problems)
            if (expect == "bad" and checked is not None) or (expect == "warn" and not warned):
                figures["pack_accepted_bad"] += 1
                failures.append(f"{kind}: accepted, problems {[str(p) for p in problems]}")
            if expect == "good" and checked is None:
                figures["pack_rejected_good"] += 1
                failures.append(f"{kind}: refused {[str(p) for p in problems]}")
    for failure in failures[:show]:
        print(failure[:2000], file=sys.stderr)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mutations", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--show", type=int, default=5, help="failures to print on stderr")
    args = parser.parse_args(argv)
    figures = run(args.mutations, args.seed, args.show)
    for name, value in figures.items():
        print(f"{name}={value:.3f}" if isinstance(value, float) else f"{name}={value}")
    bad = figures["pack_tracebacks"] + figures["pack_accepted_bad"] + figures["pack_internal"]
    return 1 if bad or figures["pack_rejected_good"] or figures["pack_slowest_s"] > 1 else 0


if __name__ == "__main__":
    sys.exit(main())
