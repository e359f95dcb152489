"""The Contributing page shows each template in a code block that no template can break out of."""
from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config

from gpia.views.contributing import code_block, templates

from conftest import ROOT, page

# A template that tries to close its code block and put HTML on the page.
HOSTILE = """# ``` closes a fence of three backticks; ~~~ one of tildes
key: "```"
```
~~~
````
`````yaml
~~~~~~
</code></pre><script>alert(1)</script>
<img src=x onerror=alert(2)>
  ```
````` trailing
last: ~~~"""


@pytest.fixture(scope="module")
def render():
    """The page's Markdown as MkDocs renders it: the same extensions and settings as the site."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    extensions, settings = config["markdown_extensions"], config["mdx_configs"]
    return lambda text: markdown.Markdown(extensions=extensions, extension_configs=settings).convert(text)


def code_blocks(markup: str) -> list[str]:
    return [html.unescape(m) for m in re.findall(r'<pre><code class="language-yaml">(.*?)</code></pre>', markup, re.S)]


def test_code_block_fence_is_longer_than_any_backtick_run() -> None:
    assert code_block("a: 1", "yaml") == "```yaml\na: 1\n```"
    assert code_block("a: ```\n~~~~", "yaml") == "````yaml\na: ```\n~~~~\n````"
    assert code_block(HOSTILE, "yaml").startswith("``````yaml\n") and code_block(HOSTILE, "yaml").endswith("\n``````")


def test_a_template_cannot_close_its_block(tmp_path: Path, render) -> None:
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    (tmp_path / "templates" / "zz-hostile.yaml").write_text(HOSTILE + "\n", encoding="utf-8")
    markup = render(templates(tmp_path))
    names = sorted(p.name for p in (tmp_path / "templates").glob("*.yaml"))
    blocks = code_blocks(markup)
    assert len(blocks) == len(names) == markup.count("<pre>")  # one block per template, none split
    assert blocks[-1] == HOSTILE + "\n"  # shown exactly as written
    for name, block in zip(names, blocks):
        assert block == (tmp_path / "templates" / name).read_text(encoding="utf-8").rstrip("\n") + "\n", name
    assert "<script>" not in markup and "<img" not in markup
    assert "&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in markup
    assert '<h3 id="templateszz-hostileyaml"><code>templates/zz-hostile.yaml</code>' in markup


def test_the_site_shows_every_template_exactly(built_site: Path) -> None:
    blocks = code_blocks(page(built_site, "contributing"))
    expected = [(ROOT / "templates" / p.name).read_text(encoding="utf-8").rstrip("\n") + "\n"
                for p in sorted((ROOT / "templates").glob("*.yaml"))]
    assert blocks[-len(expected):] == expected
