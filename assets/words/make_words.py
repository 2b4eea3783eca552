"""Make ``build_tools/assets/words/zh-common.txt`` (shipped in the package): common Chinese words of 2-4 characters.

The measurer uses it to avoid a line break inside a word when it balances a title's
lines ("2024年互联网 / 金融培训资料", not "…互联网金 / 融培训资料"). A list, not a
segmenter at build time: jieba takes seconds to load, a set of 20,000 words milliseconds.
Source: jieba's dictionary (MIT licence), words used at least ``MIN_FREQUENCY`` times.
Run once after ``pip install jieba``: ``python assets/words/make_words.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

MIN_FREQUENCY = 200
WORD = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


def main() -> None:
    import jieba  # only to regenerate the list

    source = Path(jieba.__file__).parent / "dict.txt"
    words = set()
    for line in source.read_text(encoding="utf-8").splitlines():
        word, frequency, *_ = line.split()
        if WORD.match(word) and int(frequency) >= MIN_FREQUENCY:
            words.add(word)
    target = Path(__file__).resolve().parents[2] / "build_tools/assets/words/zh-common.txt"
    header = (f"# Common Chinese words (jieba dictionary, MIT licence; "
              f"frequency >= {MIN_FREQUENCY})\n")
    target.write_text(header + "\n".join(sorted(words)) + "\n", encoding="utf-8")
    print(f"wrote {target} ({len(words)} words)")


if __name__ == "__main__":
    main()
