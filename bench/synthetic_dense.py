"""The dense synthetic profile: the benchmark's first generator, kept as it was.

Every file is a small form with a list and a dialog: one UI element per ~115 bytes of source,
about ten times the UI density of real apps (bench/real_repos.json). It shows the indexer's cost
per element; `synthetic_repo.py` has the realistic profile.
"""

from __future__ import annotations

import random
from pathlib import Path

from synthetic_repo import scaffold, write


def _tsx_dense(name: str, index: int, rng: random.Random) -> str:
    fields = "\n".join(
        f"""        <label htmlFor="{name.lower()}-f{n}">{{t('{name.lower()}.field{n}')}}</label>
        <input id="{name.lower()}-f{n}" name="f{n}" value={{values.f{n}}}
          onChange={{(e) => set('f{n}', e.target.value)}} />"""
        for n in range(rng.randint(2, 5))
    )
    rows = rng.randint(1, 3)
    return f"""import {{ useState }} from 'react';
import {{ useTranslation }} from 'react-i18next';
import {{ Button }} from '../ui/Button';
import Child{index % 50} from '../shared/Child{index % 50}';

interface {name}Props {{
  items: {{ id: string; title: string }}[];
  onSave: (values: Record<string, string>) => void;
}}

/** Generated component {index}: a form, a list and a confirmation. */
export default function {name}({{ items, onSave }}: {name}Props) {{
  const {{ t }} = useTranslation();
  const [values, setValues] = useState<Record<string, string>>({{}});
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function set(key: string, value: string) {{
    setValues((current) => ({{ ...current, [key]: value }}));
  }}

  function handleSubmit(event: React.FormEvent) {{
    event.preventDefault();
    if (!values.f0) {{
      setError(t('{name.lower()}.errors.required'));
      return;
    }}
    onSave(values);
  }}

  return (
    <section className="page page-{index}" data-testid="{name.lower()}">
      <h1>{{t('{name.lower()}.title')}}</h1>
      <form onSubmit={{handleSubmit}} aria-label="{name} form">
{fields}
        {{error && <p role="alert">{{error}}</p>}}
        <Button type="submit">{{t('common.save')}}</Button>
      </form>
      <ul className="list">
        {{items.map((item) => (
          <li key={{item.id}}>
            <span>{{item.title}}</span>
            <button type="button" title="Remove item" onClick={{() => setOpen(true)}}>×</button>
          </li>
        ))}}
      </ul>
{"".join(f'      <Child{index % 50} label="Row {r}" />' + chr(10) for r in range(rows))}      {{open && (
        <div role="dialog" aria-label="Confirm {index}">
          <p>Are you sure?</p>
          <button onClick={{() => setOpen(false)}}>Cancel</button>
        </div>
      )}}
    </section>
  );
}}
"""


def _vue_dense(name: str, index: int, rng: random.Random) -> str:
    rows = "\n".join(
        f'      <label for="v{index}-{n}">Field {n}</label>\n'
        f'      <input id="v{index}-{n}" v-model="form.f{n}" placeholder="Value {n}" />'
        for n in range(rng.randint(2, 5))
    )
    return f"""<script setup lang="ts">
import {{ reactive, ref }} from 'vue';
const props = defineProps<{{ items: {{ id: number; name: string }}[] }}>();
const form = reactive<Record<string, string>>({{}});
const open = ref(false);
function save() {{ open.value = false; }}
</script>

<template>
  <section class="view-{index}">
    <h2>{{{{ $t('{name.lower()}.title') }}}}</h2>
    <form @submit.prevent="save">
{rows}
      <button type="submit">Save</button>
    </form>
    <ul>
      <li v-for="item in props.items" :key="item.id">{{{{ item.name }}}}
        <button type="button" @click="open = true">Remove</button>
      </li>
    </ul>
    <div v-if="open" role="dialog" aria-label="Confirm">Sure?</div>
  </section>
</template>

<style scoped>
.view-{index} {{ display: grid; gap: 1rem; }}
</style>
"""


def _svelte_dense(name: str, index: int, rng: random.Random) -> str:
    rows = "\n".join(
        f'  <label for="s{index}-{n}">Field {n}</label>\n  <input id="s{index}-{n}" bind:value={{values[{n}]}} />'
        for n in range(rng.randint(2, 5))
    )
    return f"""<script lang="ts">
  export let items: {{ id: number; name: string }}[] = [];
  let values: string[] = [];
  let open = false;
  function save() {{ open = false; }}
</script>

<section class="s-{index}">
  <h2>{name}</h2>
  <form on:submit|preventDefault={{save}}>
{rows}
  <button type="submit">Save</button>
  </form>
  {{#each items as item (item.id)}}
    <p>{{item.name}} <button on:click={{() => (open = true)}}>Remove</button></p>
  {{/each}}
  {{#if open}}<div role="dialog" aria-label="Confirm">Sure?</div>{{/if}}
</section>
"""


def _html_dense(name: str, index: int, rng: random.Random) -> str:
    rows = "\n".join(
        f'      <label for="h{index}-{n}">Field {n}</label>\n      <input id="h{index}-{n}" name="f{n}" type="text">'
        for n in range(rng.randint(2, 5))
    )
    return f"""<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>{name}</title></head>
  <body>
    <nav aria-label="Main"><a href="#/">Home</a> <a href="#/page-{index}">{name}</a></nav>
    <main>
      <h1>{name}</h1>
      <form id="form-{index}">
{rows}
        <button type="submit">Save</button>
      </form>
      <ul id="list-{index}"></ul>
    </main>
  </body>
</html>
"""


def generate_dense(directory: Path, count: int, seed: int = 7) -> tuple[int, int]:
    """Write `count` small, UI-dense component files (the earlier profile); (files, bytes)."""
    rng = random.Random(seed)
    scaffold(directory)
    total = 0
    makers = [
        (_tsx_dense, ".tsx", 0.5),
        (_vue_dense, ".vue", 0.2),
        (_svelte_dense, ".svelte", 0.15),
        (_html_dense, ".html", 0.15),
    ]
    for index in range(count):
        roll = rng.random()
        make, extension = makers[-1][0], makers[-1][1]
        for candidate, suffix, share in makers:
            if roll < share:
                make, extension = candidate, suffix
                break
            roll -= share
        name = f"Widget{index}"
        total += write(directory, index, f"{name}{extension}", make(name, index, rng))
    return count, total
