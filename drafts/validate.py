"""Temporary helper for content drafting: validate a drafts/*.yaml file against the model.

Usage: python drafts/validate.py drafts/chapters-1-3.yaml   (a YAML list of chapters)
       python drafts/validate.py drafts/extras.yaml         (mapping: glossary, quiz, references)
"""
import sys

import yaml
from pydantic import TypeAdapter

from build_tools.outline.model import Chapter, Question, Reference, Term

data = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
if isinstance(data, list):
    chapters = TypeAdapter(list[Chapter]).validate_python(data)
    for c in chapters:
        mins = c.divider.minutes + sum(s.minutes for s in c.slides)
        print(f"chapter {c.number} {c.title}: {len(c.slides)} slides, {mins} min")
        for s in c.slides:
            print(f"   {s.id:40} {s.kind:11} {s.minutes:3} min  notes {len(s.notes):3} chars, "
                  f"handout {len(s.handout or ''):3} chars  {s.title}")
else:
    TypeAdapter(list[Term]).validate_python(data["glossary"])
    TypeAdapter(list[Question]).validate_python(data["quiz"])
    TypeAdapter(list[Reference]).validate_python(data["references"])
    print(len(data["glossary"]), "terms,", len(data["quiz"]), "questions,",
          len(data["references"]), "references")
print("valid")
